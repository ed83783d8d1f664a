package commitment

import (
	"slices"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// TestOutsidersSeeNothing: even in a public collective, only members may
// read commitments, their history, parts and requests.
func TestOutsidersSeeNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		c := f.commit(t, f.A, promise(f.B, "Fix the bike"))
		r, err := f.S.CreateRequest(ctxOf(f.B), f.B, RequestInput{What: "Help moving", Kind: Do})
		ok(t, err)
		const msg = "Only members of River can see its commitments."
		for name, acc := range map[string]*collective.Access{"Outsider": f.Outsider, "Anon": f.Anon} {
			t.Run("ErrForbidden"+name, func(t *testing.T) {
				calls := map[string]func() error{
					"List":       func() error { _, err := f.S.List(ctxOf(acc), acc, Query{}); return err },
					"Board":      func() error { _, err := f.S.Board(ctxOf(acc), acc); return err },
					"Get":        func() error { _, err := f.S.Get(ctxOf(acc), acc, c.ID); return err },
					"History":    func() error { _, err := f.S.History(ctxOf(acc), acc, c.ID); return err },
					"PartOf":     func() error { _, err := f.S.PartOf(ctxOf(acc), acc, f.A.MemberID); return err },
					"Requests":   func() error { _, err := f.S.Requests(ctxOf(acc), acc, "", 1); return err },
					"GetRequest": func() error { _, err := f.S.GetRequest(ctxOf(acc), acc, r.ID); return err },
				}
				for call, fn := range calls {
					t.Run(call, func(t *testing.T) { wantErr(t, fn(), errs.Forbidden, "", msg) })
				}
			})
		}
		t.Run("OK", func(t *testing.T) {
			got, err := f.S.Get(ctxOf(f.C), f.C, c.ID)
			ok(t, err)
			same(t, "member reads", got.What, "Fix the bike")
		})
	})
}

// TestMineOnTheRecipientSide: "to do" and "waiting" include promises to an
// organisation one is with, and to the collective for a steward, but never
// one's own promises on the recipient's side.
func TestMineOnTheRecipientSide(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		toOrg := func(a *collective.Access, what string) *Commitment {
			in := promise(f.B, what)
			in.RecipientKind, in.RecipientMemberID, in.RecipientOrgID = ToOrganisation, 0, f.OrgB.ID
			return f.commit(t, a, in)
		}
		proposed := toOrg(f.A, "Proposed to Library")
		byC := toOrg(f.C, "C to her own Library")
		inHand := toOrg(f.A, "Accepted by Library")
		f.move(t, f.B, inHand.ID, Accept)
		in := promise(f.B, "Done for River")
		in.RecipientKind, in.RecipientMemberID = ToCollective, 0
		done := f.commit(t, f.A, in)
		f.move(t, f.Steward, done.ID, Accept)
		f.move(t, f.A, done.ID, MarkDone)
		mine := func(a *collective.Access, m Mine) []int64 {
			t.Helper()
			p, err := f.S.List(ctxOf(a), a, Query{Mine: m})
			ok(t, err)
			var ids []int64
			for _, c := range p.Items {
				ids = append(ids, c.ID)
			}
			slices.Sort(ids)
			return ids
		}
		t.Run("OK", func(t *testing.T) {
			same(t, "B to do", mine(f.B, MineToDo), []int64{proposed.ID, byC.ID})
			same(t, "C to do", mine(f.C, MineToDo), []int64{proposed.ID})
			same(t, "B waiting", mine(f.B, MineWaiting), []int64{inHand.ID})
			same(t, "C waiting", mine(f.C, MineWaiting), []int64{byC.ID, inHand.ID})
			same(t, "steward to do", mine(f.Steward, MineToDo), []int64{done.ID})
			same(t, "A waiting", mine(f.A, MineWaiting), []int64{proposed.ID, done.ID})
			same(t, "observer to do", mine(f.Observer, MineToDo), []int64(nil))
		})
	})
}

// TestClosedHasNoPendingRelease: a promise closed while one side had asked
// to release it no longer says a release is pending.
func TestClosedHasNoPendingRelease(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		c := f.commit(t, f.A, promise(f.B, "Mow the lawn"))
		f.move(t, f.B, c.ID, Accept)
		same(t, "asked", f.move(t, f.A, c.ID, Release).ReleaseAskedBy, SideCommitter)
		t.Run("OK", func(t *testing.T) {
			got := f.move(t, f.B, c.ID, Confirm)
			same(t, "returned", []any{got.State, got.ReleaseAskedBy}, []any{Kept, Side("")})
			same(t, "stored", f.get(t, c.ID).ReleaseAskedBy, Side(""))
		})
	})
}

// TestOverdueOneRule: the lists' "past its due date" follows the ledger's
// rule, on the database's clock: accepted or started, not marked done.
func TestOverdueOneRule(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := promise(f.B, "Due today")
		in.DueOn = testToday
		proposed := f.commit(t, f.A, in)
		accepted := f.commit(t, f.A, in)
		f.move(t, f.B, accepted.ID, Accept)
		done := f.commit(t, f.A, in)
		f.move(t, f.B, done.ID, Accept)
		f.move(t, f.A, done.ID, MarkDone)
		f.Clock.Set(testStart.AddDate(0, 0, 2)) // the wall clock is not asked
		defer f.Clock.Set(testStart)
		h := &Handlers{S: f.S}
		var overdue []bool
		for _, id := range []int64{proposed.ID, accepted.ID, done.ID} {
			overdue = append(overdue, h.rows(f.A, []Commitment{*f.get(t, id)})[0].Overdue)
		}
		same(t, "overdue", overdue, []bool{false, true, false})
		l, err := f.S.Ledger(ctxOf(f.A), f.A, Party{Kind: PartyMember, ID: f.A.MemberID})
		ok(t, err)
		same(t, "ledger overdue", l.Overdue, int64(1))
	})
}
