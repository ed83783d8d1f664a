package decision

import (
	"context"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// TestVoteRefusals: who may not vote, when no vote is taken, and ballots
// that break the method's rules are refused with nothing written.
func TestVoteRefusals(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Choose a colour")
		in := inputFor(IRV, "Red", "Blue", "Green")
		in.Electorate, in.ElectorateRole = ByRole, "member"
		in.Reasons = ReasonsOff
		d := f.decide(t, f.A, p.ID, in)
		vote := func(a *collective.Access, c Choice, reason string) error {
			_, err := f.S.Vote(ctxOf(a), a, d.ID, VoteInput{Choice: c, Reason: reason})
			return err
		}
		wantErr(t, vote(f.Observer, ranks(1, 2, 3), ""), errs.Forbidden, "Observers can read but not vote.")
		wantErr(t, vote(f.Outsider, ranks(1, 2, 3), ""), errs.Forbidden, "Only members of River can vote.")
		wantErr(t, vote(f.Facilitator, ranks(1, 2, 3), ""), errs.Forbidden, "Only members with the role Member can vote in this decision.")
		wantField(t, vote(f.B, ranks(1, 1, 2), ""), "choice", "IRV needs a strict order: Red and Blue are both ranked 1.")
		wantField(t, vote(f.B, ranks(1, 4, 2), ""), "choice", "Ranks go from 1 to 3 (0 leaves an option unranked); “Blue” is ranked 4.")
		wantField(t, vote(f.B, ranks(1, 2), ""), "choice", "Give a rank for each of the 3 options (this ballot has 2).")
		wantField(t, vote(f.B, ranks(0, 0, 0), ""), "choice", "Rank at least one option.")
		wantField(t, vote(f.B, ranks(1, 2, 3), "I like red"), "reason", "This decision takes no reasons; leave the reason empty.")
		same(t, "nothing written", f.count(t, "SELECT count(*) FROM ballots")+f.count(t, "SELECT count(*) FROM decision_turnout")+
			len(f.entries(t, "decision.voted")), 0)
		same(t, "turnout", f.count(t, "SELECT turnout FROM decisions"), 0)

		ok(t, vote(f.B, ranks(2, 1, 0), ""))
		f.Clock.Add(time.Hour)
		ok(t, vote(f.B, ranks(1, 0, 2), "")) // a change
		var b Ballot
		ok(t, f.DB.Get(context.Background(), &b, "SELECT decision_id, member_id, voter_name, choice, reason, cast_at, updated_at FROM ballots"))
		same(t, "changed ballot", []any{b.ChoiceJSON, b.CastAt.UTC(), b.UpdatedAt.UTC(), b.VoterName},
			[]any{`{"ranks":[1,0,2]}`, testStart, testStart.Add(time.Hour), "Ben Brook"})
		same(t, "turnout once", []any{f.count(t, "SELECT turnout FROM decisions"), f.count(t, "SELECT count(*) FROM decision_turnout")}, []any{1, 1})
		entries := f.entries(t, "decision.voted")
		same(t, "entries", []string{entries[0].Summary, entries[1].Summary},
			[]string{"Ben Brook voted on “Shall we?”", "Ben Brook changed their vote on “Shall we?”"})

		f.Clock.Set(testCloses)
		wantErr(t, vote(f.C, ranks(1, 2, 3), ""), errs.Conflict, "Voting closed on 30 November 2026 at 09:00 UTC.")
		f.Clock.Set(testStart.Add(2 * time.Hour))
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		wantErr(t, vote(f.C, ranks(1, 2, 3), ""), errs.Conflict, "Voting closed on 23 November 2026 at 11:00 UTC.")
		wantErr(t, f.S.Close(ctxOf(f.A), f.A, d.ID), errs.Conflict, "This decision is already closed.")

		p2 := f.propose(t, f.A, "Later")
		in = inputFor(Majority, "Yes", "No")
		opens := testStart.Add(24 * time.Hour)
		in.OpensAt = &opens
		in.Electorate, in.Invited = Invited, []int64{f.A.MemberID, f.B.MemberID}
		d2 := f.decide(t, f.A, p2.ID, in)
		_, err := f.S.Vote(ctxOf(f.A), f.A, d2.ID, VoteInput{Choice: one(0)})
		wantErr(t, err, errs.Conflict, "Voting opens on 24 November 2026 at 09:00 UTC.")
		wantErr(t, f.S.Close(ctxOf(f.A), f.A, d2.ID), errs.Conflict, "Voting has not opened yet; cancel the decision instead.")
		f.Clock.Set(opens)
		due, err := f.S.CloseDue(context.Background(), opens)
		ok(t, err)
		same(t, "opened", due, Due{Opened: 1})
		_, err = f.S.Vote(ctxOf(f.C), f.C, d2.ID, VoteInput{Choice: one(0)})
		wantErr(t, err, errs.Forbidden, "Only the people invited can vote in this decision.")
		_, err = f.S.Vote(ctxOf(f.A), f.A, d2.ID, VoteInput{Choice: one(2)})
		wantField(t, err, "choice", "There is no option 2 in this decision; its options are 0 to 1.")
		_, err = f.S.Vote(ctxOf(f.A), f.A, d2.ID, VoteInput{Choice: Choice{}})
		wantField(t, err, "choice", "Choose one option.")
		f.vote(t, f.A, d2.ID, one(1))
		_, err = f.S.Vote(ctxOf(f.A), f.A, 999, VoteInput{Choice: one(1)})
		wantErr(t, err, errs.NotFound, "River has no decision 999.")
	})
}

// TestBallotRules checks each ballot shape's limits and the reason rules.
func TestBallotRules(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		start := func(in DecisionInput) *Decision {
			return f.decide(t, f.A, f.propose(t, f.A, string(in.Method)).ID, in)
		}
		try := func(d *Decision, c Choice, reason string) error {
			_, err := f.S.Vote(ctxOf(f.B), f.B, d.ID, VoteInput{Choice: c, Reason: reason})
			return err
		}
		consent := start(inputFor(Consent))
		wantField(t, try(consent, pos("maybe"), ""), "choice", "“maybe” is not a position in Consent; choose one of consent, stand_aside, object.")
		wantField(t, try(consent, pos(""), ""), "choice", "Choose a position: consent, stand_aside, object.")
		wantField(t, try(consent, pos("object"), "  "), "reason", "An objection needs a reason: say why the proposal would harm the collective.")
		ok(t, try(consent, pos("consent"), ""))
		advice := start(inputFor(Advice))
		wantField(t, try(advice, pos("support"), ""), "reason", "Give a reason for your vote.")
		score := start(inputFor(Score, "a", "b"))
		wantField(t, try(score, marks(6, 0), ""), "choice", "Scores go from 0 to 5; “a” has 6.")
		in := inputFor(Dot, "a", "b")
		in.MaxDots = 4
		dot := start(in)
		wantField(t, try(dot, marks(3, 2), ""), "choice", "You have 4 dots; this ballot spends 5.")
		wantField(t, try(dot, marks(-1, 2), ""), "choice", "“a” has -1 dots; dots cannot be negative.")
		approval := start(inputFor(Approval, "a", "b"))
		wantField(t, try(approval, marks(2, 0), ""), "choice", "Mark each option 1 (yes) or 0 (no); “a” has 2.")
		wantField(t, try(approval, marks(1), ""), "choice", "Give a mark for each of the 2 options (this ballot has 1).")
		in = inputFor(STV, "a", "b", "c")
		in.Seats = 2
		stv := start(in)
		wantField(t, try(stv, ranks(2, 1, 2), ""), "choice", "STV needs a strict order: a and c are both ranked 2.")
		schulze := start(inputFor(Schulze, "a", "b", "c"))
		ok(t, try(schulze, ranks(2, 1, 2), "")) // Schulze takes equal ranks
		same(t, "ballots", f.count(t, "SELECT count(*) FROM ballots"), 2)
	})
}
