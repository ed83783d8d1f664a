package gathering

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/store"
)

// Service holds the rules about gatherings; pages, the API, the calendar
// feeds, the hooks and the jobs all call it.
type Service struct {
	DB          *store.DB
	Collectives *collective.Service
	// Scheduler opens time polls; nil refuses gatherings with open dates.
	Scheduler Scheduler
	// Commitments records commitments made; nil refuses commitment outcomes.
	Commitments Commitments
	// Notify delivers invitations, changes and cancellations (app wires the
	// notifier); nil sends none.
	Notify func(ctx context.Context, tx *store.Tx, n activity.Notice) error
	// BaseURL starts the links in calendar files (the public URL).
	BaseURL string
	// Sender is the bare address mail is sent from, the ORGANIZER of
	// invitations; "" uses noreply@ the host of BaseURL.
	Sender string
}

// errTodo marks a body still to be written.
var errTodo = errors.New("gathering: not written yet")

// record writes an activity entry inside tx.
func record(ctx context.Context, tx *store.Tx, a *collective.Access, audience activity.Audience, verb string, id int64, link, summary string) error {
	var actor int64
	if a != nil && a.User != nil {
		actor = a.User.ID
	}
	var cid int64
	if a != nil {
		cid = a.Collective.ID
	}
	return activity.Record(ctx, tx, activity.Entry{CollectiveID: cid, ActorID: actor, Verb: verb,
		Subject: Subject(id), Summary: summary, Link: link, Audience: audience})
}

// Subject names a gathering in the activity log and in a time poll's
// decision ("gathering:12").
func Subject(id int64) string { return "gathering:" + strconv.FormatInt(id, 10) }

// ParseSubject reads Subject back; ok is false for other subjects.
func ParseSubject(s string) (id int64, ok bool) {
	rest, found := strings.CutPrefix(s, "gathering:")
	if !found {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}

// Base is the path of the collective's gatherings.
func Base(a *collective.Access) string { return "/c/" + a.Collective.Slug + "/gatherings" }

// GatheringLink is the path of a gathering's page: its next date (or its
// last, once all are past; or its time poll while the date is open).
func GatheringLink(a *collective.Access, gatheringID int64) string {
	return Base(a) + "/" + strconv.FormatInt(gatheringID, 10)
}

// Link is the path of one date of a gathering.
func Link(a *collective.Access, gatheringID, occurrenceID int64) string {
	return GatheringLink(a, gatheringID) + "/on/" + strconv.FormatInt(occurrenceID, 10)
}
