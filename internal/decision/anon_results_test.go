package decision

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/vote"
)

// TestAnonymousReasonsInKeyOrder: seven voters, each with a reason of
// their own, cast in an order against member order; the result lists the
// reasons in the order of the ballots' random keys, not in voting order.
func TestAnonymousReasonsInKeyOrder(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Majority, "Yes", "No")
		in.Anonymous, in.Reasons = true, ReasonsOptional
		d := f.decide(t, f.A, f.propose(t, f.A, "Why").ID, in)
		var voting []string
		for i, a := range []*collective.Access{f.E, f.D, f.C, f.B, f.A, f.Facilitator, f.Steward} {
			reason := fmt.Sprintf("reason %d from the %d. voter", i, i+1)
			_, err := f.S.Vote(ctxOf(a), a, d.ID, VoteInput{Choice: one(i % 2), Reason: reason})
			ok(t, err)
			voting = append(voting, reason)
		}
		var byKey []string
		ok(t, f.DB.Select(context.Background(), &byKey, "SELECT reason FROM anonymous_ballots WHERE decision_id = ? ORDER BY id", d.ID))
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		r, err := f.S.Results(ctxOf(f.B), f.B, d.ID)
		ok(t, err)
		same(t, "reasons", r.Reasons, byKey)
		if slices.Equal(byKey, voting) {
			t.Logf("the random keys fell in voting order by chance (1 in 5,040)")
		}
		sorted := slices.Clone(voting)
		slices.Sort(sorted)
		same(t, "the same reasons", slices.Sorted(slices.Values(r.Reasons)), sorted)
		same(t, "counts shown", []any{r.Hidden, r.Tally.Totals}, []any{"", []int64{4, 3}})
	})
}

// TestAnonymousFewVotersWinners: with 3 voters under a minimum group of 5,
// an option decision keeps the winner and the turnout, no totals or rounds.
// A replacement after the close is refused with Vote's words.
func TestAnonymousFewVotersWinners(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(IRV, "Red", "Green", "Blue")
		in.Anonymous = true
		d := f.decide(t, f.A, f.propose(t, f.A, "Colour").ID, in)
		code := f.vote(t, f.A, d.ID, ranks(1, 2, 3)).Code
		f.vote(t, f.B, d.ID, ranks(1, 3, 2))
		f.vote(t, f.C, d.ID, ranks(2, 1, 3))
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		r, err := f.S.Results(ctxOf(f.D), f.D, d.ID)
		ok(t, err)
		same(t, "kept", []any{r.Visible, r.Final, r.Turnout, r.Counted, r.Electorate, r.Tally.Winners, r.Tally.Totals, r.Tally.Rounds,
			r.Explanation, r.Reasons, r.Note, r.Hidden},
			[]any{true, true, int64(3), int64(3), int64(7), []int{0}, []int64(nil), []vote.Round(nil), []string(nil), []string(nil),
				"Red was chosen.", "Only 3 people voted; an anonymous decision's count is shown when at least 5 have, so no ballot can be told apart."})

		before := f.anonState(t, d.ID)
		_, voteErr := f.S.Vote(ctxOf(f.D), f.D, d.ID, VoteInput{Choice: ranks(1, 2, 3)})
		replaceErr := f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, code, VoteInput{Choice: ranks(3, 2, 1)})
		wantErr(t, replaceErr, errs.Conflict, "Voting closed on")
		same(t, "the same refusal as Vote's", replaceErr.Error(), voteErr.Error())
		same(t, "nothing changed", f.anonState(t, d.ID), before)
	})
}

// TestWeightedQuorum: a weighted decision's quorum is checked against the
// weights (7 voters, Ana 3, Dan 0: 8 votes), as the count compares it.
func TestWeightedQuorum(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Majority, "Yes", "No")
		in.Weighted = true
		in.Weights = map[int64]int64{f.A.MemberID: 3, f.D.MemberID: 0, f.Observer.MemberID: 5}
		in.Quorum = 9
		before := f.count(t, "SELECT count(*) FROM decisions")
		_, err := f.S.StartDecision(ctxOf(f.A), f.A, f.propose(t, f.A, "Heavy").ID, in)
		wantField(t, err, "quorum", "The quorum (9) is more than the 8 votes the weights of the people who may vote add up to.")
		same(t, "nothing written", f.count(t, "SELECT count(*) FROM decisions"), before)
		in.Quorum = 8
		d := f.decide(t, f.A, f.propose(t, f.A, "Heavy too").ID, in)
		same(t, "quorum", d.Quorum, int64(8))
	})
}
