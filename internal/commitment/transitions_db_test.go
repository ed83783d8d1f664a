package commitment

import (
	"context"
	"sync"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

func TestTransition(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			c := f.commit(t, f.A, promise(f.B, "Fix the bike"))
			f.move(t, f.B, c.ID, Accept)
			f.move(t, f.A, c.ID, Start)
			done := f.move(t, f.A, c.ID, MarkDone)
			if done.State != InProgress || done.DoneAt == nil {
				t.Fatalf("after mark_done: %s %v", done.State, done.DoneAt)
			}
			kept, err := f.S.Transition(ctxOf(f.B), f.B, c.ID, Confirm, done.Version, "Thanks!")
			ok(t, err)
			same(t, "kept", []any{kept.State, *kept.OnTime, kept.Version, kept.ClosedAt != nil}, []any{Kept, true, int64(5), true})
			h, err := f.S.History(ctxOf(f.A), f.A, c.ID)
			ok(t, err)
			same(t, "last event", []string{h[4].Action, h[4].FromState, h[4].ToState, h[4].Note, h[4].ActorName},
				[]string{"confirm", "in_progress", "kept", "Thanks!", "Ben Brook"})
			e := f.entries(t, "commitment.")
			same(t, "last activity", e[len(e)-1].Summary, "Ben Brook confirmed kept the promise of Ana Adler to Ben Brook: Fix the bike.")
			same(t, "verbs", len(e), 5)
		})
		t.Run("ErrCommitterConfirms", func(t *testing.T) {
			// A is with the Food Bank and promises it: still not A's to confirm.
			in := promise(f.B, "Sort tins")
			in.RecipientKind, in.RecipientOrgID = ToOrganisation, f.OrgA.ID
			c := f.commit(t, f.A, in)
			_, err := f.S.Transition(ctxOf(f.A), f.A, c.ID, Accept, 0, "")
			wantErr(t, err, errs.Forbidden, "", "Only Food Bank can accept")
			c2 := f.commit(t, f.A, promise(f.B, "Paint"))
			f.move(t, f.B, c2.ID, Accept)
			_, err = f.S.Transition(ctxOf(f.A), f.A, c2.ID, Confirm, 0, "")
			wantErr(t, err, errs.Forbidden, "", "Only Ben Brook can say whether")
		})
		t.Run("OrganisationSide", func(t *testing.T) {
			in := promise(f.B, "Lend chairs")
			in.RecipientKind, in.RecipientOrgID = ToOrganisation, f.OrgB.ID
			c := f.commit(t, f.A, in)
			f.move(t, f.C, c.ID, Accept) // Cleo is with the Library too
			_, err := f.S.Transition(ctxOf(f.Steward), f.Steward, c.ID, Confirm, 0, "")
			wantErr(t, err, errs.Forbidden, "", "either side")
			same(t, "kept by Ben", f.move(t, f.B, c.ID, Confirm).State, Kept)
		})
		t.Run("StewardForCollective", func(t *testing.T) {
			in := promise(f.B, "Host")
			in.RecipientKind = ToCollective
			c := f.commit(t, f.A, in)
			_, err := f.S.Transition(ctxOf(f.B), f.B, c.ID, Accept, 0, "")
			wantErr(t, err, errs.Forbidden, "", "either side")
			f.move(t, f.Steward, c.ID, Accept)
			asked := f.move(t, f.A, c.ID, Release)
			same(t, "asked", []any{asked.State, asked.ReleaseAskedBy}, []any{Accepted, SideCommitter})
			same(t, "released", f.move(t, f.Steward, c.ID, Release).State, Released)
			same(t, "ledger A", f.ledger(t, "member", f.A.MemberID).Released, int64(1))
		})
		t.Run("ErrRefusedLeavesAllUnchanged", func(t *testing.T) {
			c := f.commit(t, f.A, promise(f.C, "Teach knots"))
			f.move(t, f.C, c.ID, Accept)
			before, ledger, counts := f.get(t, c.ID), f.ledger(t, "member", f.A.MemberID), f.boardCounts(t)
			events := f.count(t, "SELECT count(*) FROM commitment_events WHERE commitment_id = ?", c.ID)
			for _, r := range []struct {
				a      Action
				by     int
				code   string
				msg    string
				verNow bool
			}{{Accept, 1, errs.Conflict, "already accepted", true}, {Withdraw, 0, errs.Conflict, "ask to release it instead", true},
				{Start, 1, errs.Forbidden, "Only Ana Adler can start", true}, {Confirm, 0, errs.Forbidden, "Only Cleo Cole", true},
				{CancelRelease, 0, errs.Conflict, "Nobody asked", true}, {Confirm, 1, errs.Conflict, "changed meanwhile", false}} {
				by := []*collective.Access{f.A, f.C}[r.by]
				v := before.Version
				if !r.verNow {
					v--
				}
				_, err := f.S.Transition(ctxOf(by), by, c.ID, r.a, v, "")
				wantErr(t, err, r.code, "", r.msg)
			}
			_, err := f.S.Transition(ctxOf(f.Observer), f.Observer, c.ID, Confirm, 0, "")
			wantErr(t, err, errs.Forbidden, "", "Observers")
			same(t, "commitment", f.get(t, c.ID), before)
			same(t, "ledger", f.ledger(t, "member", f.A.MemberID), ledger)
			same(t, "counts", f.boardCounts(t), counts)
			same(t, "events", f.count(t, "SELECT count(*) FROM commitment_events WHERE commitment_id = ?", c.ID), events)
		})
		t.Run("LateIsNotOnTime", func(t *testing.T) {
			in := promise(f.B, "Bake")
			in.DueOn = "2026-11-24"
			c := f.commit(t, f.A, in)
			f.move(t, f.B, c.ID, Accept)
			f.Clock.Set(time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC))
			defer f.Clock.Set(testStart)
			same(t, "on time", *f.move(t, f.B, c.ID, Confirm).OnTime, false)
		})
	})
}

// TestConcurrentTransitions: two transitions from the same version keep
// exactly one; the other is a Conflict and the counters count once.
func TestConcurrentTransitions(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		c := f.commit(t, f.A, promise(f.B, "Carry boxes"))
		c = f.move(t, f.B, c.ID, Accept)
		var wg sync.WaitGroup
		results := make([]error, 2)
		start := make(chan struct{})
		for i, action := range []Action{Confirm, Broken} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, results[i] = f.S.Transition(ctxOf(f.B), f.B, c.ID, action, c.Version, "")
			}()
		}
		close(start)
		wg.Wait()
		oks, conflicts := 0, 0
		for _, err := range results {
			switch {
			case err == nil:
				oks++
			case errs.Code(err) == errs.Conflict:
				conflicts++
			default:
				t.Fatalf("unexpected %v", err)
			}
		}
		same(t, "ok/conflict", []int{oks, conflicts}, []int{1, 1})
		l := f.ledger(t, "member", f.A.MemberID)
		same(t, "judged once", []int64{l.Kept + l.NotKept, l.Open}, []int64{1, 0})
		same(t, "pairs", f.count(t, "SELECT kept + not_kept FROM commitment_pairs WHERE collective_id = ?", f.Coll.ID), 1)
		same(t, "events", f.count(t, "SELECT count(*) FROM commitment_events WHERE commitment_id = ?", c.ID), 3)
	})
}

// get reads a commitment straight from the service.
func (f *fixture) get(t testing.TB, id int64) *Commitment {
	t.Helper()
	c, err := f.S.Get(context.Background(), f.Steward, id)
	ok(t, err)
	return c
}
