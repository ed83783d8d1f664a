package decision

import (
	"context"
	"encoding/json"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Vote casts or changes the viewer's ballot. In an anonymous decision it
// casts once and returns the receipt that ReplaceAnonymous takes.
func (s *Service) Vote(ctx context.Context, a *collective.Access, decisionID int64, in VoteInput) (*Receipt, error) {
	if err := canBallot(a); err != nil {
		return nil, err
	}
	var receipt *Receipt
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		d, err := openForBallots(ctx, tx, a, decisionID)
		if err != nil {
			return err
		}
		// Only the refusal matters here (who may not vote in d): weights
		// count at the close, from decision_voters.
		if _, err := s.voterWeight(ctx, tx, a, d, a.MemberID); err != nil {
			return err
		}
		in.Reason = strings.TrimSpace(in.Reason)
		choice, err := checkBallot(d, in)
		if err != nil {
			return err
		}
		var n int
		if err := tx.Get(ctx, &n, "SELECT count(*) FROM decision_turnout WHERE decision_id = ? AND member_id = ?",
			d.ID, a.MemberID); err != nil {
			return err
		}
		first := n == 0
		if d.Anonymous {
			if !first {
				return errs.New(errs.Conflict, "You have already voted in this decision; use your receipt code to change your ballot.")
			}
			orgs, err := s.chamberOrgs(ctx, tx, a, d, a.MemberID)
			if err != nil {
				return err
			}
			// The turnout row goes first: on PostgreSQL insertAnonymous
			// rewrites the ballots and the turnout rows together, so no row's
			// place or transaction id tells when its voter voted.
			if err := countTurnout(ctx, tx, d.ID, a.MemberID); err != nil {
				return err
			}
			code, err := s.insertAnonymous(ctx, tx, d, choice, in.Reason, orgs)
			if err != nil {
				return err
			}
			receipt = &Receipt{Code: code}
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO ballots (decision_id, member_id, voter_name, choice, reason, cast_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id, member_id)
			DO UPDATE SET voter_name = excluded.voter_name, choice = excluded.choice, reason = excluded.reason,
			updated_at = excluded.updated_at`, d.ID, a.MemberID, a.User.Name, choice, in.Reason, tx.Now, tx.Now); err != nil {
			return err
		}
		summary := actorName(a) + " voted on “" + d.Question + "”"
		if first {
			if err := countTurnout(ctx, tx, d.ID, a.MemberID); err != nil {
				return err
			}
		} else {
			summary = actorName(a) + " changed their vote on “" + d.Question + "”"
		}
		return record(ctx, tx, a, activity.Everyone, "decision.voted", d.Question, DecisionLink(a, d.ID), summary)
	})
	if err != nil {
		return nil, err
	}
	if receipt == nil {
		receipt = &Receipt{}
	}
	return receipt, nil
}

// canBallot refuses who can never vote, before any transaction.
func canBallot(a *collective.Access) error {
	switch {
	case !a.IsMember():
		return errs.New(errs.Forbidden, "Only members of %s can vote.", a.Collective.Name)
	case a.Collective.Archived():
		return errs.New(errs.Forbidden, "%s is archived; a steward can restore it.", a.Collective.Name)
	case !a.CanContribute():
		return errs.New(errs.Forbidden, "Observers can read but not vote.")
	}
	return nil
}

// openForBallots starts a ballot's transaction: its first statement moves
// the decision's version on while it is open, so the ballot and a close
// take the row's lock in the same order and a ballot counts exactly when
// it commits before the close. It returns the decision, or why no ballot
// can be cast.
func openForBallots(ctx context.Context, tx *store.Tx, a *collective.Access, id int64) (*Decision, error) {
	n, err := tx.Exec(ctx, "UPDATE decisions SET version = version + 1 WHERE id = ? AND collective_id = ? AND status = 'open'",
		id, a.Collective.ID)
	if err != nil {
		return nil, err
	}
	d, err := loadDecision(ctx, tx, a, id)
	if err != nil {
		return nil, err
	}
	switch {
	case n == 0 && d.Status == Scheduled:
		return nil, errs.New(errs.Conflict, "Voting opens on %s.", when(d.OpensAt))
	case n == 0 && d.Status == Cancelled:
		return nil, errs.New(errs.Conflict, "This decision was cancelled.")
	case n == 0 || !tx.Now.Before(d.ClosesAt):
		at := d.ClosesAt
		if d.ClosedAt != nil && d.ClosedAt.Before(at) {
			at = *d.ClosedAt
		}
		return nil, errs.New(errs.Conflict, "Voting closed on %s.", when(at))
	}
	return d, nil
}

// countTurnout records that the member voted, without a time.
func countTurnout(ctx context.Context, tx *store.Tx, decisionID, memberID int64) error {
	if _, err := tx.Exec(ctx, "INSERT INTO decision_turnout (decision_id, member_id) VALUES (?, ?)", decisionID, memberID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, "UPDATE decisions SET turnout = turnout + 1 WHERE id = ?", decisionID)
	return err
}

// checkBallot checks a ballot against the decision's method, options and
// reason rule and returns the choice as stored (JSON).
// The caller trims in.Reason first and stores it so.
func checkBallot(d *Decision, in VoteInput) (string, error) {
	mi, _ := Lookup(d.Method)
	if err := text(&in.Reason, "reason", "the reason", MaxReason, false); err != nil {
		return "", err
	}
	c := in.Choice
	var out Choice
	objection := false
	switch mi.Ballot {
	case PositionBallot:
		p, found := mi.PositionOf(c.Position)
		if !found {
			var labels []string
			for _, p := range mi.Positions {
				labels = append(labels, p.Key)
			}
			if c.Position == "" {
				return "", errs.Field("choice", "Choose a position: %s.", strings.Join(labels, ", "))
			}
			return "", errs.Field("choice", "“%s” is not a position in %s; choose one of %s.", c.Position, mi.Name, strings.Join(labels, ", "))
		}
		out.Position, objection = p.Key, p.Objection
	case SingleBallot:
		if c.Option == nil {
			return "", errs.Field("choice", "Choose one option.")
		}
		if *c.Option < 0 || *c.Option >= len(d.Options) {
			return "", errs.Field("choice", "There is no option %d in this decision; its options are 0 to %d.", *c.Option, len(d.Options)-1)
		}
		out.Option = c.Option
	case MarksBallot:
		if err := checkMarks(d, mi, c.Marks); err != nil {
			return "", err
		}
		out.Marks = c.Marks
	case RankedBallot:
		if err := checkRanks(d, mi, c.Ranks); err != nil {
			return "", err
		}
		out.Ranks = c.Ranks
	}
	switch {
	case d.Reasons == ReasonsOff && in.Reason != "":
		return "", errs.Field("reason", "This decision takes no reasons; leave the reason empty.")
	case d.Reasons == ReasonsRequired && in.Reason == "":
		return "", errs.Field("reason", "Give a reason for your vote.")
	case d.Reasons == ReasonsObjections && objection && in.Reason == "":
		return "", errs.Field("reason", "An objection needs a reason: say why the proposal would harm the collective.")
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// checkMarks checks approvals, scores, dots and time-poll answers: one
// mark per option, within the method's range.
func checkMarks(d *Decision, mi MethodInfo, marks []int64) error {
	if len(marks) != len(d.Options) {
		return errs.Field("choice", "Give a mark for each of the %d options (this ballot has %d).", len(d.Options), len(marks))
	}
	var sum int64
	for i, m := range marks {
		label := d.Options[i].Label
		switch d.Method {
		case Score:
			if m < 0 || m > d.MaxScore {
				return errs.Field("choice", "Scores go from 0 to %d; “%s” has %d.", d.MaxScore, label, m)
			}
		case Dot:
			if m < 0 {
				return errs.Field("choice", "“%s” has %d dots; dots cannot be negative.", label, m)
			}
			sum += m
		default: // approval, time poll
			if m != 0 && m != 1 {
				return errs.Field("choice", "Mark each option 1 (yes) or 0 (no); “%s” has %d.", label, m)
			}
		}
	}
	if d.Method == Dot && sum > d.MaxDots {
		return errs.Field("choice", "You have %d dots; this ballot spends %d.", d.MaxDots, sum)
	}
	return nil
}

// strictName is how a strict method's refusal names it.
var strictName = map[Method]string{IRV: "IRV", STV: "STV"}

// checkRanks checks a ranked ballot: a number 0..n per option, at least
// one ranked, no ties where the method needs a strict order.
func checkRanks(d *Decision, mi MethodInfo, ranks []int) error {
	n := len(d.Options)
	if len(ranks) != n {
		return errs.Field("choice", "Give a rank for each of the %d options (this ballot has %d).", n, len(ranks))
	}
	at := map[int]int{}
	ranked := false
	for i, r := range ranks {
		if r < 0 || r > n {
			return errs.Field("choice", "Ranks go from 1 to %d (0 leaves an option unranked); “%s” is ranked %d.", n, d.Options[i].Label, r)
		}
		if r == 0 {
			continue
		}
		ranked = true
		if j, dup := at[r]; dup && mi.Strict {
			name := strictName[d.Method]
			if name == "" {
				name = mi.Name
			}
			return errs.Field("choice", "%s needs a strict order: %s and %s are both ranked %d.", name, d.Options[j].Label, d.Options[i].Label, r)
		}
		at[r] = i
	}
	if !ranked {
		return errs.Field("choice", "Rank at least one option.")
	}
	return nil
}
