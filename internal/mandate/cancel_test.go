package mandate

import (
	"context"
	"testing"
	"time"
)

// A cancelled decision settles nothing: a proposed mandate is declined, an
// active one keeps its term and can be renewed again.
func TestCancelledDecisions(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.propose(t, f.B, facilitator(f.A))
		st := f.again(t, f.Steward)
		ok(t, f.D.Cancel(ctxOf(st), st, *m.PendingDecisionID))
		got := f.get(t, m.ID)
		same(t, "declined", []any{got.Status, got.PendingAction, got.PendingDecisionID}, []any{Declined, Action(""), (*int64)(nil)})

		m = f.activate(t, f.B, facilitator(f.C))
		r, err := f.S.Renew(ctxOf(f.C), f.C, m.ID, RenewInput{TermEnd: "2028-03-31"})
		ok(t, err)
		st = f.again(t, f.Steward)
		ok(t, f.D.Cancel(ctxOf(st), st, *r.PendingDecisionID))
		got = f.get(t, m.ID)
		same(t, "unchanged", []any{got.Status, got.TermEnd, got.PendingAction, f.roles(t, f.C.MemberID)},
			[]any{Active, "2027-11-30", Action(""), []string{"facilitator", "member"}})
		_, err = f.S.Renew(ctxOf(f.C), f.C, m.ID, RenewInput{TermEnd: "2028-03-31"})
		ok(t, err)
		v := f.verbs(t)
		same(t, "entries", []string{v[0], v[1]}, []string{
			"mandate.proposed: Ben Brook proposed Ana Adler as Facilitator until 2027-11-30.",
			"mandate.declined: The decision to grant Ana Adler the Facilitator mandate was cancelled.",
		})
		same(t, "renewal cancelled", v[len(v)-2],
			"mandate.decision_cancelled: The decision to renew Cleo Cole's Facilitator mandate was cancelled; nothing changed.")
	})
}

// A renewal that passes after the term ran out starts the mandate again
// (and gives the role back); a revocation that passes after it ended
// leaves it ended.
func TestDecisionsAfterTheEnd(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := facilitator(f.A)
		in.TermStart, in.TermEnd = "2026-06-01", "2026-11-30"
		m := f.activate(t, f.B, in)
		r, err := f.S.Renew(ctxOf(f.A), f.A, m.ID, RenewInput{TermEnd: "2027-06-30", ClosesInDays: 14})
		ok(t, err)
		f.Clock.Set(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
		rot, err := f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "ended", []any{rot.Ended, f.get(t, m.ID).Status, f.roles(t, f.A.MemberID)}, []any{1, Ended, []string{"member"}})
		f.decide(t, *r.PendingDecisionID, "consent", f.five()...)
		got := f.get(t, m.ID)
		same(t, "started again", []any{got.Status, got.TermEnd, f.roles(t, f.A.MemberID)},
			[]any{Active, "2027-06-30", []string{"facilitator", "member"}})

		in = facilitator(f.D4)
		in.TermStart, in.TermEnd = "2026-06-01", "2026-12-05"
		m = f.activate(t, f.B, in)
		rv, err := f.S.Revoke(ctxOf(f.E), f.E, m.ID, RevokeInput{Reason: "Rotate.", ClosesInDays: 10})
		ok(t, err)
		f.Clock.Set(time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC))
		_, err = f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		f.decide(t, *rv.PendingDecisionID, "consent", f.five()...)
		got = f.get(t, m.ID)
		same(t, "stays ended", []any{got.Status, got.PendingAction}, []any{Ended, Action("")})
		v := f.verbs(t)
		same(t, "entry", v[len(v)-1], "mandate.revoked: The collective revoked Dev Dale's Facilitator mandate, which had already ended.")
	})
}
