package decision

import (
	"context"
	"fmt"

	"commonground/internal/store"
	"encoding/json"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/vote"
)

// cast is one voter's ballot in a method test.
type cast struct {
	who    func(f *fixture) *collective.Access
	choice Choice
}

func byA(c Choice) cast { return cast{func(f *fixture) *collective.Access { return f.A }, c} }
func byB(c Choice) cast { return cast{func(f *fixture) *collective.Access { return f.B }, c} }
func byC(c Choice) cast { return cast{func(f *fixture) *collective.Access { return f.C }, c} }
func byD(c Choice) cast { return cast{func(f *fixture) *collective.Access { return f.D }, c} }
func byE(c Choice) cast { return cast{func(f *fixture) *collective.Access { return f.E }, c} }

// runDecision proposes, decides by in, casts the ballots, closes as the
// author and returns the final results as another member reads them.
func runDecision(t *testing.T, f *fixture, in DecisionInput, casts ...cast) (*Decision, *Results) {
	t.Helper()
	p := f.propose(t, f.A, "Decide by "+string(in.Method))
	d := f.decide(t, f.A, p.ID, in)
	for _, c := range casts {
		f.vote(t, c.who(f), d.ID, c.choice)
	}
	ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
	r, err := f.S.Results(ctxOf(f.C), f.C, d.ID)
	ok(t, err)
	if !r.Final || !r.Visible {
		t.Fatalf("results not final and visible: %+v", r)
	}
	return d, r
}

// asJSON writes v as JSON, so results read back from storage compare
// with the engine's own.
func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	ok(t, err)
	return string(b)
}

// TestMethods tallies every option method through the service on a small
// election worked out by hand, and checks the engine called directly on the
// same election gives the same result.
func TestMethods(t *testing.T) {
	rgb := []string{"Red", "Blue", "Green"}
	rk := func(groups ...[]int) vote.Ballot { return vote.Ballot{Count: 1, Ranks: vote.Rank(groups)} }
	mk := func(m ...vote.Mark) vote.Ballot { return vote.Ballot{Count: 1, Marks: m} }
	cases := []struct {
		name    string
		in      DecisionInput
		casts   []cast
		winners []string
		totals  []int64
		passed  *bool
		direct  func(seed uint64) (*vote.Result, error)
	}{
		{"majority", inputFor(Majority, rgb...),
			[]cast{byA(one(0)), byB(one(0)), byC(one(0)), byD(one(1)), byE(one(2))}, []string{"Red"}, []int64{3, 1, 1}, ptr(true),
			func(seed uint64) (*vote.Result, error) {
				return vote.Majority(&vote.Election{Candidates: rgb, Seats: 1, Seed: seed, Ballots: []vote.Ballot{
					{Count: 3, Marks: []vote.Mark{vm(0, 1)}}, mk(vm(1, 1)), mk(vm(2, 1))}}, vote.MajorityOptions{})
			}},
		{"approval", inputFor(Approval, rgb...),
			[]cast{byA(marks(1, 1, 0)), byB(marks(1, 0, 0)), byC(marks(0, 1, 1)), byD(marks(1, 0, 1))}, []string{"Red"}, []int64{3, 2, 2}, nil,
			func(seed uint64) (*vote.Result, error) {
				return vote.Approval(&vote.Election{Candidates: rgb, Seats: 1, Seed: seed, Ballots: []vote.Ballot{
					mk(vm(0, 1), vm(1, 1)), mk(vm(0, 1)), mk(vm(1, 1), vm(2, 1)), mk(vm(0, 1), vm(2, 1))}})
			}},
		{"score", inputFor(Score, rgb...),
			[]cast{byA(marks(5, 0, 3)), byB(marks(4, 5, 0)), byC(marks(0, 5, 5))}, []string{"Blue"}, []int64{9, 10, 8}, nil,
			func(seed uint64) (*vote.Result, error) {
				return vote.Score(&vote.Election{Candidates: rgb, Seats: 1, Seed: seed, Ballots: []vote.Ballot{
					mk(vm(0, 5), vm(2, 3)), mk(vm(0, 4), vm(1, 5)), mk(vm(1, 5), vm(2, 5))}})
			}},
		{"dot", inputFor(Dot, rgb...),
			[]cast{byA(marks(10, 0, 0)), byB(marks(0, 6, 4)), byC(marks(0, 6, 4))}, []string{"Blue"}, []int64{10, 12, 8}, nil,
			func(seed uint64) (*vote.Result, error) {
				return vote.Dot(&vote.Election{Candidates: rgb, Seats: 1, Seed: seed, Ballots: []vote.Ballot{
					mk(vm(0, 10)), {Count: 2, Marks: []vote.Mark{vm(1, 6), vm(2, 4)}}}}, 10)
			}},
		{"borda", inputFor(Borda, rgb...),
			// Points 2, 1, 0 by place: Red 2+2+0, Blue 1+0+2, Green 0+1+1.
			[]cast{byA(ranks(1, 2, 3)), byB(ranks(1, 3, 2)), byC(ranks(3, 1, 2))}, []string{"Red"}, nil, nil,
			func(seed uint64) (*vote.Result, error) {
				return vote.Borda(&vote.Election{Candidates: rgb, Seats: 1, Seed: seed, Ballots: []vote.Ballot{
					rk([]int{0}, []int{1}, []int{2}), rk([]int{0}, []int{2}, []int{1}), rk([]int{1}, []int{2}, []int{0})}})
			}},
		{"irv", inputFor(IRV, rgb...),
			// Round 1: Red 2, Blue 2, Green 1; Green goes and E's vote moves to Blue: 3 of 5.
			[]cast{byA(ranks(1, 2, 3)), byB(ranks(1, 2, 3)), byC(ranks(2, 1, 0)), byD(ranks(2, 1, 0)), byE(ranks(0, 2, 1))},
			[]string{"Blue"}, nil, nil,
			func(seed uint64) (*vote.Result, error) {
				return vote.IRV(&vote.Election{Candidates: rgb, Seats: 1, Seed: seed, Ballots: []vote.Ballot{
					{Count: 2, Ranks: vote.Rank([][]int{{0}, {1}, {2}})}, {Count: 2, Ranks: vote.Rank([][]int{{1}, {0}})},
					rk([]int{2}, []int{1})}})
			}},
		{"schulze", inputFor(Schulze, rgb...),
			// Red beats Blue 4–1 and Green 3–2: the Condorcet winner.
			[]cast{byA(ranks(1, 2, 3)), byB(ranks(1, 2, 3)), byC(ranks(3, 1, 2)), byD(ranks(2, 3, 1)), byE(ranks(1, 3, 2))},
			[]string{"Red"}, nil, nil,
			func(seed uint64) (*vote.Result, error) {
				return vote.Schulze(&vote.Election{Candidates: rgb, Seats: 1, Seed: seed, Ballots: []vote.Ballot{
					{Count: 2, Ranks: vote.Rank([][]int{{0}, {1}, {2}})}, rk([]int{1}, []int{2}, []int{0}),
					rk([]int{2}, []int{0}, []int{1}), rk([]int{0}, []int{2}, []int{1})}})
			}},
	}
	stv := inputFor(STV, rgb...)
	stv.Seats = 2
	cases = append(cases, struct {
		name    string
		in      DecisionInput
		casts   []cast
		winners []string
		totals  []int64
		passed  *bool
		direct  func(seed uint64) (*vote.Result, error)
	}{"stv", stv,
		// Quota 5/3: Red (3) is elected, then Green (2) passes the quota too.
		[]cast{byA(ranks(1, 2, 0)), byB(ranks(1, 2, 0)), byC(ranks(1, 2, 0)), byD(ranks(0, 0, 1)), byE(ranks(0, 2, 1))},
		[]string{"Red", "Green"}, nil, nil,
		func(seed uint64) (*vote.Result, error) {
			return vote.STV(&vote.Election{Candidates: rgb, Seats: 2, Seed: seed, Ballots: []vote.Ballot{
				{Count: 3, Ranks: vote.Rank([][]int{{0}, {1}})}, rk([]int{2}), rk([]int{2}, []int{1})}}, vote.STVOptions{})
		}})
	eachDB(t, func(t *testing.T, f *fixture) {
		for _, c := range cases {
			d, r := runDecision(t, f, c.in, c.casts...)
			var got []string
			for _, w := range r.Tally.Winners {
				got = append(got, d.Options[w].Label)
			}
			same(t, c.name+" winners", got, c.winners)
			if c.totals != nil {
				same(t, c.name+" totals", r.Tally.Totals, c.totals)
			}
			same(t, c.name+" passed", r.Passed, c.passed)
			same(t, c.name+" counted", r.Counted, int64(len(c.casts)))
			want, err := c.direct(uint64(d.Seed))
			ok(t, err)
			same(t, c.name+" as the engine counts", asJSON(t, r.Tally), asJSON(t, want))
			same(t, c.name+" ballots listed", len(r.Ballots), len(c.casts))
			same(t, c.name+" seed", r.Seed, d.Seed)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// vm is a mark on candidate c.
func vm(c int, v int64) vote.Mark { return vote.Mark{Candidate: c, Value: v} }

// TestTimePoll picks the time most can make and tells the hooks.
func TestTimePoll(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		var got []ClosedDecision
		f.S.OnClose = append(f.S.OnClose, func(_ ctxT, _ txT, c ClosedDecision) error { got = append(got, c); return nil })
		mon, tue := testStart.Add(24*time.Hour), testStart.Add(48*time.Hour)
		in := inputFor(TimePoll)
		in.Options = []OptionInput{{Label: "Monday", StartsAt: &mon}, {Label: "Tuesday", StartsAt: &tue}}
		d, r := runDecision(t, f, in, byA(marks(1, 0)), byB(marks(1, 1)), byC(marks(0, 1)), byD(marks(0, 1)))
		same(t, "totals", r.Tally.Totals, []int64{2, 3})
		same(t, "hook", len(got), 1)
		same(t, "winner", got[0].Winners, []Option{{Position: 1, Label: "Tuesday", StartsAt: &tue}})
		same(t, "hook fields", []any{got[0].DecisionID, got[0].Method, got[0].Passed, got[0].ClosedAt}, []any{d.ID, TimePoll, (*bool)(nil), testStart})
	})
}

// TestPositionMethods counts positions by weight in the method's order and
// decides consent.
func TestPositionMethods(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Consent)
		in.Weighted, in.Weights = true, map[int64]int64{f.A.MemberID: 3}
		_, r := runDecision(t, f, in, byA(pos("consent")), byB(pos("stand_aside")), byC(pos("object")))
		same(t, "positions", r.Positions, []PositionCount{{Methods[0].Positions[0], 3}, {Methods[0].Positions[1], 1}, {Methods[0].Positions[2], 1}})
		same(t, "objections", r.Objections, []Objection{{Name: "Cleo Cole", Reason: "because"}})
		want, _ := vote.Consent([]vote.Objection{{Member: "Cleo Cole", Reason: "because"}})
		same(t, "consent", asJSON(t, r.Tally), asJSON(t, want))
		same(t, "failed", []any{*r.Passed, r.Note, r.Counted, r.Turnout, r.Electorate}, []any{false, want.Note, int64(5), int64(3), int64(7)})
		same(t, "explanation", r.Explanation, []string{upperFirst(want.Note) + "."})

		in = inputFor(Consent)
		in.Quorum = 3
		_, r = runDecision(t, f, in, byA(pos("consent")), byB(pos("stand_aside")))
		same(t, "quorum", []any{*r.Passed, *r.QuorumMet, r.Note}, []any{false, false, "failed: the quorum is 3 and 2 counted"})

		_, r = runDecision(t, f, inputFor(Gradients), byA(pos("endorse")), byB(pos("veto")), byC(pos("endorse")))
		same(t, "gradients", []any{r.Passed, r.Positions[0].Count, r.Positions[7].Count, len(r.Objections), r.Tally == nil},
			[]any{(*bool)(nil), int64(2), int64(1), 1, true})
	})
}

type ctxT = context.Context
type txT = *store.Tx

// TestExplanation puts the engine's rounds and ties in sentences.
func TestExplanation(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, r := runDecision(t, f, inputFor(IRV, "Red", "Blue", "Green"),
			byA(ranks(1, 2, 3)), byB(ranks(1, 2, 3)), byC(ranks(2, 1, 0)), byD(ranks(2, 1, 0)), byE(ranks(0, 2, 1)))
		same(t, "irv", r.Explanation, []string{"Round 1: Green is eliminated with 1: 1 to Blue.",
			"Round 2: Blue has 3 of 5 continuing votes, a majority, and is elected."})
		d, r := runDecision(t, f, inputFor(Approval, "Red", "Blue"), byA(marks(1, 0)), byB(marks(0, 1)))
		same(t, "tie", r.Explanation, []string{fmt.Sprintf("Red and Blue were tied; settled by lot (seed %d): %s.", d.Seed,
			d.Options[r.Tally.Winners[0]].Label)})
	})
}

// TestWeights multiplies ballots by their voters' weights; a weight of 0
// counts for nothing.
func TestWeights(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Majority, "Yes", "No")
		in.Weighted = true
		in.Weights = map[int64]int64{f.A.MemberID: 3, f.D.MemberID: 0}
		d, r := runDecision(t, f, in, byA(one(1)), byB(one(0)), byC(one(0)), byD(one(0)))
		same(t, "weighted", []any{r.Tally.Totals, r.Counted, r.Turnout, *r.Passed, r.Tally.Winners}, []any{[]int64{2, 3}, int64(5), int64(4), true, []int{1}})
		want, err := vote.Majority(&vote.Election{Candidates: []string{"Yes", "No"}, Seats: 1, Seed: uint64(d.Seed), Ballots: []vote.Ballot{
			{Count: 3, Marks: []vote.Mark{vm(1, 1)}}, {Count: 2, Marks: []vote.Mark{vm(0, 1)}}}}, vote.MajorityOptions{})
		ok(t, err)
		same(t, "as the engine counts", asJSON(t, r.Tally), asJSON(t, want))
		same(t, "voters rows", f.count(t, "SELECT count(*) FROM decision_voters WHERE decision_id = ?", d.ID), 2)

		in = inputFor(Majority, "Yes", "No")
		in.Quorum, in.ThresholdNum, in.ThresholdDen, in.AtLeast = 3, 2, 3, true
		_, r = runDecision(t, f, in, byA(one(0)), byB(one(0)), byC(one(1)))
		same(t, "two thirds at least", []any{*r.Passed, *r.QuorumMet, r.Tally.Winners}, []any{true, true, []int{0}})
		in.Quorum = 4
		_, r = runDecision(t, f, in, byA(one(0)), byB(one(0)), byC(one(0)))
		same(t, "quorum missed", []any{*r.Passed, *r.QuorumMet}, []any{false, false})
	})
}
