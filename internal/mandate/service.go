package mandate

import (
	"context"
	"strconv"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/decision"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Service holds the rules about mandates and their feedback rounds; pages,
// the API, the close hook and the rotation job all call it.
type Service struct {
	DB          *store.DB
	Collectives *collective.Service
	// Decisions makes the consent decisions that grant, renew and revoke.
	Decisions *decision.Service
	// Notify delivers rotation reminders (app wires the notifier); nil
	// sends none.
	Notify func(ctx context.Context, tx *store.Tx, n activity.Notice) error
}

// Convener is the role of whoever calls and holds the collective's
// meetings; facilitator is already one of the reserved roles.
const Convener = "convener"

func init() {
	auth.RegisterRole(auth.Role{Name: Convener, Label: "Convener", Description: "Calls and holds the collective's meetings, by mandate."})
}

// record writes an activity entry inside tx; actor 0 is the system (a
// decision closing, a term ending).
func record(ctx context.Context, tx *store.Tx, collectiveID, actor int64, audience activity.Audience, verb string, id int64, link, summary string) error {
	return activity.Record(ctx, tx, activity.Entry{CollectiveID: collectiveID, ActorID: actor, Verb: verb,
		Subject: subject(id), Summary: summary, Link: link, Audience: audience})
}

// subject names a mandate in the activity log.
func subject(id int64) string { return "mandate:" + strconv.FormatInt(id, 10) }

// decisionSubject names what a decision about a mandate does, for the
// close hook.
func decisionSubject(id int64, act Action) string { return subject(id) + ":" + string(act) }

// parseSubject reads a decision's Subject back; ok is false for subjects
// that are not a mandate's.
func parseSubject(s string) (id int64, act Action, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 || parts[0] != "mandate" {
		return 0, "", false
	}
	id, err := strconv.ParseInt(parts[1], 10, 64)
	act = Action(parts[2])
	if err != nil || id < 1 || (act != Grant && act != Renew && act != Revoke) {
		return 0, "", false
	}
	return id, act, true
}

// actorOf is the account acting, or 0.
func actorOf(a *collective.Access) int64 {
	if a.User == nil {
		return 0
	}
	return a.User.ID
}

// actorName is how the acting person appears in a summary.
func actorName(a *collective.Access) string {
	if a.User == nil {
		return "Someone"
	}
	return a.User.Name
}

// basePath is the path of a collective's mandate pages.
func basePath(slug string) string { return "/c/" + slug + "/mandates" }

// Base is the path of a's collective's mandate pages.
func Base(a *collective.Access) string { return basePath(a.Collective.Slug) }

// Link is the page of one mandate.
func Link(a *collective.Access, id int64) string { return linkIn(a.Collective.Slug, id) }

func linkIn(slug string, id int64) string { return basePath(slug) + "/" + strconv.FormatInt(id, 10) }

// requireMember refuses whoever is not a member: who holds authority and
// how members judge its use is the members' business.
func requireMember(a *collective.Access) error {
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "Only members of %s can see its mandates.", a.Collective.Name)
	}
	return nil
}

// querier is what reads need, so one function serves a read on the
// database and a read inside a write transaction.
type querier interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
	Select(ctx context.Context, dest any, query string, args ...any) error
}

// load reads a mandate of the collective, or NotFound.
func load(ctx context.Context, q querier, collectiveID, id int64) (*Mandate, error) {
	var m Mandate
	err := q.Get(ctx, &m, "SELECT "+mandateCols+" FROM mandates WHERE id = ? AND collective_id = ?", id, collectiveID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "There is no such mandate.")
	}
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// RoleLabel is how a role reads: a registered role's label, or the name
// the collective gave it.
func RoleLabel(role string) string {
	for _, r := range auth.Roles() {
		if r.Name == role {
			return r.Label
		}
	}
	return role
}
