package decision

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/vote"
)

// TestChambers: individuals pass but the organisations do not; a split
// organisation abstains.
func TestChambers(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Majority, "Yes", "No")
		in.Chambers = true
		steward := cast{func(f *fixture) *collective.Access { return f.Steward }, one(0)}
		d, r := runDecision(t, f, in, byA(one(0)), byB(one(0)), byC(one(1)), byD(one(1)), byE(one(0)), steward)
		same(t, "individuals", []any{r.Chambers["individuals"].Totals, *r.Chambers["individuals"].Passed}, []any{[]int64{4, 2}, true})
		same(t, "organisations", []any{r.Chambers["organisations"].Totals, *r.Chambers["organisations"].Passed}, []any{[]int64{1, 1}, false})
		same(t, "both", []any{*r.ChambersPassed, *r.Passed}, []any{false, false})
		same(t, "blocks", r.Blocks, []Block{{Organisation: "Food Bank", Voters: 2}, {Organisation: "Library", Voters: 3}})
		majority := func(e *vote.Election) (*vote.Result, error) { return vote.Majority(e, vote.MajorityOptions{}) }
		want, passed, err := vote.Chambers(&vote.Election{Candidates: []string{"Yes", "No"}, Seats: 1, Seed: uint64(d.Seed), Ballots: []vote.Ballot{
			{Count: 4, Marks: []vote.Mark{vm(0, 1)}, Chamber: "individuals"}, {Count: 2, Marks: []vote.Mark{vm(1, 1)}, Chamber: "individuals"},
			{Count: 1, Marks: []vote.Mark{vm(0, 1)}, Chamber: "organisations"}, {Count: 1, Marks: []vote.Mark{vm(1, 1)}, Chamber: "organisations"}}},
			majority)
		ok(t, err)
		same(t, "as the engine counts", []any{asJSON(t, r.Chambers), *r.ChambersPassed}, []any{asJSON(t, want), passed})

		_, r = runDecision(t, f, in, byA(one(0)), byB(one(1)), byC(one(0)), byD(one(0)), byE(one(1)))
		same(t, "split", r.Blocks, []Block{{Organisation: "Food Bank", Voters: 2, Abstained: true}, {Organisation: "Library", Voters: 3}})
		same(t, "organisations", r.Chambers["organisations"].Totals, []int64{1, 0})
		same(t, "both pass", []any{*r.ChambersPassed, *r.Passed, r.Tally.Winners}, []any{true, true, []int{0}})

		in = inputFor(Consent)
		in.Chambers = true
		_, r = runDecision(t, f, in, byA(pos("object")), byB(pos("object")), byC(pos("consent")))
		same(t, "consent chambers", []any{*r.Chambers["individuals"].Passed, *r.Chambers["organisations"].Passed, *r.Passed},
			[]any{false, false, false})
	})
}

// TestCloseHooks: hooks run once with the winners; a hook's error rolls
// the whole close back; power counters follow the ballots.
func TestCloseHooks(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		var calls []ClosedDecision
		fail := true
		f.S.OnClose = []CloseHook{
			func(_ context.Context, _ *store.Tx, c ClosedDecision) error { calls = append(calls, c); return nil },
			func(context.Context, *store.Tx, ClosedDecision) error {
				if fail {
					return errors.New("the mandate is gone")
				}
				return nil
			},
		}
		p := f.propose(t, f.A, "Grant the mandate")
		in := inputFor(Consent)
		d := f.decide(t, f.A, p.ID, in)
		f.vote(t, f.A, d.ID, pos("consent"))
		f.vote(t, f.B, d.ID, pos("object"))
		f.vote(t, f.C, d.ID, pos("object"))
		wantErr(t, f.S.Close(ctxOf(f.B), f.B, d.ID), errs.Forbidden, "Only the proposal's author, a facilitator or a steward can close its decision.")
		err := f.S.Close(ctxOf(f.Facilitator), f.Facilitator, d.ID)
		if err == nil || err.Error() != "the mandate is gone" {
			t.Fatalf("close: %v", err)
		}
		same(t, "rolled back", []any{f.count(t, "SELECT count(*) FROM decisions WHERE status = 'open' AND result = '' AND passed IS NULL"),
			f.count(t, "SELECT count(*) FROM proposals WHERE status = 'deciding'"), len(f.entries(t, "decision.closed")),
			f.count(t, "SELECT count(*) FROM power_counts WHERE votes > 0")}, []any{1, 1, 0, 0})
		fail = false
		f.Clock.Add(time.Hour)
		ok(t, f.S.Close(ctxOf(f.Facilitator), f.Facilitator, d.ID))
		same(t, "hook calls", len(calls), 2) // the first call's transaction rolled back
		same(t, "closed decision", calls[1], ClosedDecision{CollectiveID: f.Coll.ID, DecisionID: d.ID, ProposalID: p.ID, Method: Consent,
			Passed: ptr(false), ClosedAt: testStart.Add(time.Hour)})
		r, err := f.S.Results(ctxOf(f.E), f.E, d.ID)
		ok(t, err)
		same(t, "objections", r.Objections, []Objection{{Name: "Ben Brook", Reason: "because"}, {Name: "Cleo Cole", Reason: "because"}})
		same(t, "closed entry", f.entries(t, "decision.closed")[0].Summary, "The decision on “Grant the mandate” closed: 3 ballots counted; it did not pass.")
		type powerRow struct {
			Member     int64 `db:"member_id"`
			Proposals  int64 `db:"proposals"`
			Votes      int64 `db:"votes"`
			Objections int64 `db:"objections"`
			Decisive   int64 `db:"decisive_objections"`
		}
		var rows []powerRow
		ok(t, f.DB.Select(context.Background(), &rows, `SELECT member_id, proposals, votes, objections, decisive_objections FROM power_counts ORDER BY member_id`))
		same(t, "power", rows, []powerRow{{f.A.MemberID, 1, 1, 0, 0}, {f.B.MemberID, 0, 1, 1, 1}, {f.C.MemberID, 0, 1, 1, 1}})
		v, err := f.S.Decision(ctxOf(f.A), f.A, d.ID)
		ok(t, err)
		same(t, "view", []any{v.CanClose, v.CanCancel, v.CanRecord, v.CanVote, v.WhyNot, v.Voted, v.MyBallot.Choice.Position},
			[]any{false, false, true, false, "Voting closed on 23 November 2026 at 10:00 UTC.", true, "consent"})
	})
}

// TestCloseDue opens and closes decisions on time as the system, once.
func TestCloseDue(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		var calls int
		f.S.OnClose = []CloseHook{func(context.Context, *store.Tx, ClosedDecision) error { calls++; return nil }}
		d1 := f.decide(t, f.A, f.propose(t, f.A, "One").ID, inputFor(Consent))
		in := inputFor(Consent)
		in.ClosesAt = testCloses.Add(time.Hour)
		d2 := f.decide(t, f.A, f.propose(t, f.A, "Two").ID, in)
		f.vote(t, f.A, d1.ID, pos("consent"))
		due, err := f.S.CloseDue(context.Background(), testCloses.Add(-time.Second))
		ok(t, err)
		same(t, "nothing due", due, Due{})
		f.Clock.Set(testCloses)
		due, err = f.S.CloseDue(context.Background(), testCloses)
		ok(t, err)
		same(t, "one due", due, Due{Closed: 1})
		due, err = f.S.CloseDue(context.Background(), testCloses)
		ok(t, err)
		same(t, "again", []any{due, calls}, []any{Due{}, 1})
		e := f.entries(t, "decision.closed")
		same(t, "entry", []any{len(e), e[0].ActorID, e[0].Summary}, []any{1, (*int64)(nil), "The decision on “One” closed: 1 ballot counted; it passed."})
		v, err := f.S.Decision(ctxOf(f.B), f.B, d2.ID)
		ok(t, err)
		same(t, "second still open", []any{v.Decision.Status, v.CanVote}, []any{Open, true})
		// A hook's error keeps the decision open for the next run and says which.
		f.S.OnClose = []CloseHook{func(context.Context, *store.Tx, ClosedDecision) error { return errors.New("busy") }}
		f.Clock.Set(testCloses.Add(time.Hour))
		due, err = f.S.CloseDue(context.Background(), testCloses.Add(time.Hour))
		if err == nil || err.Error() != fmt.Sprintf("close decision %d: busy", d2.ID) {
			t.Fatalf("close due: %v", err)
		}
		same(t, "none closed", []any{due, f.count(t, "SELECT count(*) FROM decisions WHERE id = ? AND status = 'open'", d2.ID)}, []any{Due{}, 1})
	})
}

// TestAnonymousVote casts once with a receipt, refuses a second ballot,
// logs no vote and closes with counts only.
func TestAnonymousVote(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Consent)
		in.Anonymous = true
		p := f.propose(t, f.A, "Secret")
		d := f.decide(t, f.A, p.ID, in)
		r1 := f.vote(t, f.B, d.ID, pos("object"))
		if len(r1.Code) != ReceiptLength {
			t.Fatalf("receipt %q", r1.Code)
		}
		_, err := f.S.Vote(ctxOf(f.B), f.B, d.ID, VoteInput{Choice: pos("consent")})
		wantErr(t, err, errs.Conflict, "You have already voted in this decision; use your receipt code to change your ballot.")
		f.vote(t, f.C, d.ID, pos("consent"))
		same(t, "no vote entries", len(f.entries(t, "decision.voted")), 0)
		r, err := f.S.Results(ctxOf(f.C), f.C, d.ID)
		ok(t, err)
		same(t, "hidden", []any{r.Visible, r.Hidden, r.Turnout}, []any{false, "Results are shown when voting closes on 30 November 2026 at 09:00 UTC.", int64(2)})
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		r, err = f.S.Results(ctxOf(f.C), f.C, d.ID)
		ok(t, err)
		// Two voters are fewer than the minimum group (5): only turnout and
		// outcome are kept, not the objection or its reason.
		same(t, "final", []any{r.Visible, r.Final, *r.Passed, r.Objections, r.Reasons, r.Positions, r.Tally, len(r.Ballots), r.Turnout, r.Hidden},
			[]any{true, true, false, []Objection(nil), []string(nil), []PositionCount(nil), (*vote.Result)(nil), 0, int64(2),
				"Only 2 people voted; an anonymous decision's count is shown when at least 5 have, so no ballot can be told apart."})
		var stored string
		ok(t, f.DB.Get(context.Background(), &stored, "SELECT result FROM decisions WHERE id = ?", d.ID))
		if strings.Contains(stored, "because") || strings.Contains(stored, "positions") {
			t.Fatalf("stored result %s keeps what was withheld", stored)
		}
		same(t, "counts only", f.entries(t, "decision.closed")[0].Summary, "The decision on “Secret” closed: 2 ballots counted.")
		same(t, "no power votes", f.count(t, "SELECT count(*) FROM power_counts WHERE votes > 0"), 0)
	})
}

// TestResultsVisibility: after_vote shows the count once the viewer voted.
func TestResultsVisibility(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Majority, "Yes", "No")
		in.ResultsShown = AfterVote
		d := f.decide(t, f.A, f.propose(t, f.A, "Peek").ID, in)
		f.vote(t, f.A, d.ID, one(0))
		r, err := f.S.Results(ctxOf(f.B), f.B, d.ID)
		ok(t, err)
		same(t, "hidden", []any{r.Visible, r.Hidden, r.Tally == nil}, []any{false, "Results are shown once you have voted, or when voting closes on 30 November 2026 at 09:00 UTC.", true})
		r, err = f.S.Results(ctxOf(f.A), f.A, d.ID)
		ok(t, err)
		same(t, "shown", []any{r.Visible, r.Final, r.Tally.Totals, r.Ballots[0].VoterName}, []any{true, false, []int64{1, 0}, "Ana Adler"})
		_, err = f.S.Results(ctxOf(f.Outsider), f.Outsider, d.ID)
		wantErr(t, err, errs.Forbidden, "Only members of River")
	})
}

// TestAnonymousChambers: only organisations with at least the minimum
// group size of voters vote as a block.
func TestAnonymousChambers(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := inputFor(Majority, "Yes", "No")
		in.Chambers, in.Anonymous = true, true
		_, err := f.S.StartDecision(ctxOf(f.A), f.A, f.propose(t, f.A, "Too small").ID, in)
		wantField(t, err, "chambers", "Two chambers in an anonymous decision need an organisation with at least 5 members who may vote")
		_, err = f.DB.Writer().Exec("UPDATE collectives SET min_group_size = 3, version = version + 1")
		ok(t, err)
		f.refresh(t)
		_, r := runDecision(t, f, in, byA(one(0)), byB(one(0)), byC(one(1)), byD(one(1)), byE(one(0)))
		same(t, "blocks", r.Blocks, []Block{{Organisation: "Library", Voters: 3}})
		same(t, "chambers", []any{r.Chambers["individuals"].Winners, r.Chambers["organisations"].Winners, *r.ChambersPassed, *r.Passed},
			[]any{[]int{0}, []int{1}, false, false})
		same(t, "note", r.Note, "The individuals and the organisations did not choose the same; nothing passes.")
	})
}
