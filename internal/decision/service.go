package decision

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/auth"
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
	// OnCancel runs, in order, inside the transaction that cancels a
	// decision (Cancel, or WithdrawProposal with a decision under way),
	// with Passed nil and no winners: a feature waiting on the decision
	// (a mandate's grant) learns that none will come.
	OnCancel []CloseHook
}

// notify sends n when a notifier is wired.
func (s *Service) notify(ctx context.Context, tx *store.Tx, n activity.Notice) error {
	if s.Notify == nil || len(n.UserIDs) == 0 {
		return nil
	}
	return s.Notify(ctx, tx, n)
}

// maxSubject is the activity log's limit on an entry's subject. A question
// may be longer (MaxQuestion), and the log refuses a longer subject, which
// would refuse the change the entry describes.
const maxSubject = 200

// record writes an activity entry inside tx.
func record(ctx context.Context, tx *store.Tx, a *collective.Access, audience activity.Audience, verb, subject, link, summary string) error {
	var actor int64
	if a.User != nil {
		actor = a.User.ID
	}
	return activity.Record(ctx, tx, activity.Entry{CollectiveID: a.Collective.ID, ActorID: actor, Verb: verb,
		Subject: clip(subject, maxSubject), Summary: summary, Link: link, Audience: audience})
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

// decisionCols are the columns a Decision reads.
const decisionCols = `id, collective_id, proposal_id, method, question, subject, electorate, electorate_role, anonymous,
	results_shown, reasons, seats, quorum, threshold_num, threshold_den, at_least, max_score, max_dots, stv_rules, weighted,
	proxies, chambers, status, opens_at, closes_at, closed_at, seed, turnout, passed, result, version, created_by, created_at`

// proposalCols are the columns a Proposal reads.
const proposalCols = `id, collective_id, title, body, topic, author_member_id, author_name, status, comment_count,
	created_at, updated_at`

// loadDecision reads a decision of a's collective with its options, or
// NotFound.
func loadDecision(ctx context.Context, q querier, a *collective.Access, id int64) (*Decision, error) {
	var d Decision
	err := q.Get(ctx, &d, "SELECT "+decisionCols+" FROM decisions WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no decision %d.", a.Collective.Name, id)
	}
	if err != nil {
		return nil, err
	}
	if err := q.Select(ctx, &d.Options, "SELECT position, label, starts_at FROM decision_options WHERE decision_id = ? ORDER BY position",
		id); err != nil {
		return nil, err
	}
	utc(&d)
	return &d, nil
}

// utc puts d's times in UTC, as both databases give them back in their
// own locations and hooks and the API compare them.
func utc(d *Decision) {
	d.OpensAt, d.ClosesAt, d.CreatedAt = d.OpensAt.UTC(), d.ClosesAt.UTC(), d.CreatedAt.UTC()
	if d.ClosedAt != nil {
		t := d.ClosedAt.UTC()
		d.ClosedAt = &t
	}
	for i, o := range d.Options {
		if o.StartsAt != nil {
			t := o.StartsAt.UTC()
			d.Options[i].StartsAt = &t
		}
	}
}

// loadProposal reads a proposal of a's collective, or NotFound.
func loadProposal(ctx context.Context, q querier, a *collective.Access, id int64) (*Proposal, error) {
	var p Proposal
	err := q.Get(ctx, &p, "SELECT "+proposalCols+" FROM proposals WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no proposal %d.", a.Collective.Name, id)
	}
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// when writes a time as messages show it.
func when(t time.Time) string { return t.UTC().Format("2 January 2006 at 15:04 UTC") }

// leads reports whether a may run a decision on p: its author, a
// facilitator or a steward (starting, closing, cancelling, recording).
func leads(a *collective.Access, p *Proposal) bool {
	if !a.CanContribute() {
		return false
	}
	return a.IsSteward() || a.Has(auth.Facilitator) || (p.AuthorMemberID != nil && *p.AuthorMemberID == a.MemberID)
}

// authors reports whether a wrote p or is a steward (editing, withdrawing).
func authors(a *collective.Access, p *Proposal) bool {
	if !a.CanContribute() {
		return false
	}
	return a.IsSteward() || (p.AuthorMemberID != nil && *p.AuthorMemberID == a.MemberID)
}

// text trims s and checks it holds at most max characters (and at least
// one when required), naming field and what in the message.
func text(s *string, field, what string, max int, required bool) error {
	*s = strings.TrimSpace(*s)
	n := utf8.RuneCountInString(*s)
	if required && n == 0 {
		return errs.Field(field, "Write %s (1 to %d characters).", what, max)
	}
	if n > max {
		return errs.Field(field, "%s is %d characters long; the most is %d.", upperFirst(what), n, max)
	}
	return nil
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
