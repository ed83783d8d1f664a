package decision

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"commonground/internal/errs"
)

// anonState is everything a refused replacement must leave as it was.
type anonState struct {
	Ballots []storedAnon
	Blocks  []storedBlock
	Turnout []storedTurnout
	Version int64
	Count   int64
}

func (f *fixture) anonState(t testing.TB, decisionID int64) anonState {
	t.Helper()
	ctx := context.Background()
	var s anonState
	ok(t, f.DB.Select(ctx, &s.Ballots, `SELECT * FROM anonymous_ballots ORDER BY decision_id, id`))
	ok(t, f.DB.Select(ctx, &s.Blocks, `SELECT * FROM anonymous_blocks ORDER BY decision_id, organisation_id, id`))
	ok(t, f.DB.Select(ctx, &s.Turnout, `SELECT * FROM decision_turnout ORDER BY decision_id, member_id`))
	ok(t, f.DB.Get(ctx, &s.Version, `SELECT version FROM decisions WHERE id = ?`, decisionID))
	ok(t, f.DB.Get(ctx, &s.Count, `SELECT turnout FROM decisions WHERE id = ?`, decisionID))
	return s
}

// options counts a decision's stored ballots per option.
func (f *fixture) options(t testing.TB, decisionID int64) map[int]int {
	t.Helper()
	out := map[int]int{}
	for _, r := range f.anonRows(t) {
		if r.DecisionID != decisionID {
			continue
		}
		var c Choice
		ok(t, json.Unmarshal([]byte(r.Choice), &c))
		out[*c.Option]++
	}
	return out
}

func TestReceiptNormalised(t *testing.T) {
	same(t, "normalised", normaliseReceipt(" abcd-efgh jkmn\t"), "ABCDEFGHJKMN")
	seen := map[string]bool{}
	for range 200 {
		c, err := newReceipt()
		ok(t, err)
		if len(c) != ReceiptLength || strings.Trim(c, receiptAlphabet) != "" || seen[c] {
			t.Fatalf("receipt %q", c)
		}
		seen[c] = true
	}
}

func TestReplaceAnonymous(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.Steward, "Where to meet")
		in := inputFor(Majority, "Hall", "Park", "Library")
		in.Anonymous, in.ResultsShown = true, AfterClose
		d := f.decide(t, f.Steward, p.ID, in)
		other := f.decide(t, f.Steward, f.propose(t, f.Steward, "When to meet").ID, in)
		rA := f.vote(t, f.A, d.ID, one(0))
		f.vote(t, f.B, d.ID, one(1))
		rC := f.vote(t, f.C, other.ID, one(2))
		same(t, "before", f.options(t, d.ID), map[int]int{0: 1, 1: 1})

		// Typed back in lower case with spaces, the code still works.
		spaced := strings.ToLower(rA.Code[:4] + " " + rA.Code[4:8] + "-" + rA.Code[8:])
		ok(t, f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, spaced, VoteInput{Choice: one(2)}))
		same(t, "after", f.options(t, d.ID), map[int]int{1: 1, 2: 1})
		same(t, "turnout", f.anonState(t, d.ID).Count, int64(2))
		// and again: the receipt stays good while voting is open
		ok(t, f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, rA.Code, VoteInput{Choice: one(1)}))
		same(t, "again", f.options(t, d.ID), map[int]int{1: 2})

		refused := []struct {
			name string
			run  func() error
			code string
			msg  string
		}{
			{"a wrong receipt", func() error {
				return f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, "ABCDEFGHJKMN", VoteInput{Choice: one(0)})
			}, errs.Invalid, "That receipt code does not match a ballot in this decision."},
			{"a receipt of another decision", func() error {
				return f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, rC.Code, VoteInput{Choice: one(0)})
			}, errs.Invalid, "That receipt code does not match a ballot in this decision."},
			{"no receipt", func() error {
				return f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, "  ", VoteInput{Choice: one(0)})
			}, errs.Invalid, "Enter the receipt code you were shown when you voted."},
			{"a second vote without the receipt", func() error {
				_, err := f.S.Vote(ctxOf(f.A), f.A, d.ID, VoteInput{Choice: one(0)})
				return err
			}, errs.Conflict, "You have already voted in this decision; use your receipt code to change your ballot."},
			{"someone who has not voted, with another's receipt", func() error {
				return f.S.ReplaceAnonymous(ctxOf(f.D), f.D, d.ID, rA.Code, VoteInput{Choice: one(0)})
			}, errs.Invalid, "You have not voted in this decision yet"},
			{"an unknown option", func() error {
				return f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, rA.Code, VoteInput{Choice: one(7)})
			}, errs.Invalid, "There is no option 7 in this decision"},
			{"an observer", func() error {
				return f.S.ReplaceAnonymous(ctxOf(f.Observer), f.Observer, d.ID, rA.Code, VoteInput{Choice: one(0)})
			}, errs.Forbidden, "Observers can read but not vote."},
			{"an outsider", func() error {
				return f.S.ReplaceAnonymous(ctxOf(f.Outsider), f.Outsider, d.ID, rA.Code, VoteInput{Choice: one(0)})
			}, errs.Forbidden, "Only members of River can vote."},
		}
		for _, r := range refused {
			before := f.anonState(t, d.ID)
			err := r.run()
			if errs.Code(err) != r.code || !strings.Contains(errs.Message(err), r.msg) {
				t.Fatalf("%s: error %v, want %s %q", r.name, err, r.code, r.msg)
			}
			same(t, r.name+": the tables", f.anonState(t, d.ID), before)
		}
		wantField(t, f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, "ABCDEFGHJKMN", VoteInput{Choice: one(0)}), "receipt",
			"does not match")

		// A named decision has no receipts.
		named := f.decide(t, f.Steward, f.propose(t, f.Steward, "What to bring").ID, inputFor(Majority, "Bread", "Soup"))
		f.vote(t, f.A, named.ID, one(0))
		wantErr(t, f.S.ReplaceAnonymous(ctxOf(f.A), f.A, named.ID, rA.Code, VoteInput{Choice: one(1)}), errs.Invalid,
			"This decision is not anonymous")

		ok(t, f.S.Close(ctxOf(f.Steward), f.Steward, d.ID))
		before := f.anonState(t, d.ID)
		wantErr(t, f.S.ReplaceAnonymous(ctxOf(f.A), f.A, d.ID, rA.Code, VoteInput{Choice: one(0)}), errs.Conflict,
			"Voting closed on")
		same(t, "after close: the tables", f.anonState(t, d.ID), before)
		res, err := f.S.Results(ctxOf(f.A), f.A, d.ID)
		ok(t, err)
		if res.Tally == nil || len(res.Tally.Winners) != 1 || res.Tally.Winners[0] != 1 || res.Turnout != 2 {
			t.Fatalf("results %+v: want option 1 (Park) elected by both ballots", res)
		}
	})
}
