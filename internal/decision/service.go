package decision

import (
	"context"
	"strconv"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Service holds the rules about proposals, decisions, ballots, proxies,
// outcomes and power; pages, the API and the jobs all call it with the
// Access the collective service gave them.
type Service struct {
	DB          *store.DB
	Collectives *collective.Service
	// Notify delivers mentions and reminders (app wires the notifier); nil
	// sends none.
	Notify func(ctx context.Context, tx *store.Tx, n activity.Notice) error
	// OnClose runs, in order, inside the transaction that closes a
	// decision; app registers other features' hooks here.
	OnClose []CloseHook
}

// notify sends n when a notifier is wired.
func (s *Service) notify(ctx context.Context, tx *store.Tx, n activity.Notice) error {
	if s.Notify == nil || len(n.UserIDs) == 0 {
		return nil
	}
	return s.Notify(ctx, tx, n)
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

// Base is the path of a collective's decision pages.
func Base(a *collective.Access) string { return "/c/" + a.Collective.Slug + "/decisions" }

// ProposalLink is the page of one proposal.
func ProposalLink(a *collective.Access, id int64) string {
	return Base(a) + "/proposals/" + strconv.FormatInt(id, 10)
}

// DecisionLink is the page of one decision (its ballot and results).
func DecisionLink(a *collective.Access, id int64) string {
	return Base(a) + "/" + strconv.FormatInt(id, 10)
}

// requireMember refuses whoever is not a member: proposals, ballots and
// power are the members' business, even in a public collective.
func requireMember(a *collective.Access) error {
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "Only members of %s can see its proposals and decisions.", a.Collective.Name)
	}
	return nil
}

// querier is what reads need, so one function serves a read on the
// database and a read inside a write transaction.
type querier interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
	Select(ctx context.Context, dest any, query string, args ...any) error
}

// loadDecision reads a decision of a's collective with its options, or
// NotFound.
func loadDecision(ctx context.Context, q querier, a *collective.Access, id int64) (*Decision, error) {
	return nil, errTodo
}
