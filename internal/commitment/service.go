package commitment

import (
	"context"
	"strconv"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/measure"
	"commonground/internal/store"
)

// Service holds the rules about commitments, requests, parts and the
// ledger; pages, the API and the jobs all call it with the Access the
// collective service gave them.
type Service struct {
	DB          *store.DB
	Collectives *collective.Service
	// Measure answers whether a goal or an indicator a commitment serves is
	// the collective's (through its service, never its tables); commitment
	// in turn is one of measure's ContributionSources, which app wires.
	Measure *measure.Service
	// Notify delivers reminders (app wires the notifier); nil sends none.
	Notify func(ctx context.Context, tx *store.Tx, n activity.Notice) error
}

// record writes an activity entry inside tx.
func record(ctx context.Context, tx *store.Tx, a *collective.Access, audience activity.Audience, verb, subject, link, summary string) error {
	var actor int64
	if a.User != nil {
		actor = a.User.ID
	}
	return activity.Record(ctx, tx, activity.Entry{CollectiveID: a.Collective.ID, ActorID: actor, Verb: verb,
		Subject: subject, Summary: summary, Link: link, Audience: audience})
}

// actorName is how the acting person appears in a summary.
func actorName(a *collective.Access) string {
	if a.User == nil {
		return "Someone"
	}
	return a.User.Name
}

// Base is the path of a collective's commitment pages.
func Base(a *collective.Access) string { return "/c/" + a.Collective.Slug + "/commitments" }

// Link is the page of one commitment.
func Link(a *collective.Access, id int64) string { return Base(a) + "/" + strconv.FormatInt(id, 10) }

// requireMember refuses whoever is not a member of a's collective: even in
// a public collective, who promised what to whom is the members' business.
func requireMember(a *collective.Access) error {
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "Only members of %s can see its commitments.", a.Collective.Name)
	}
	return nil
}
