package mandate

import (
	"context"
	"slices"
	"testing"
	"time"
)

// A mandate within 30 days of its end reminds its holder and the stewards
// once; when its term has passed it ends and its role goes.
func TestRotation(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := facilitator(f.A)
		in.TermStart, in.TermEnd = "2026-06-01", "2027-01-10"
		m := f.activate(t, f.B, in)
		r, err := f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "too early", r, Rotated{})

		f.Clock.Set(time.Date(2026, 12, 11, 10, 0, 0, 0, time.UTC))
		r, err = f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "reminded", r, Rotated{Reminded: 1})
		same(t, "notices", len(f.notices), 1)
		n := f.notices[0]
		users := slices.Clone(n.UserIDs)
		slices.Sort(users)
		want := []int64{f.Steward.User.ID, f.A.User.ID}
		slices.Sort(want)
		same(t, "notice", []any{n.Kind, n.Title, n.Body, n.Link, users},
			[]any{KindRotation, "The Facilitator mandate in River ends on 2027-01-10",
				"Ana Adler's Facilitator mandate in River ends on 2027-01-10. The collective can renew it by decision, or hand the role on by proposing someone else.",
				"/c/river/mandates/" + itoa(m.ID), want})
		r, err = f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "once", []any{r, len(f.notices)}, []any{Rotated{}, 1})
		v, err := f.S.Get(ctxOf(f.C), f.C, m.ID)
		ok(t, err)
		same(t, "up for renewal", v.UpForRenewal, true)

		f.Clock.Set(time.Date(2027, 1, 10, 23, 0, 0, 0, time.UTC))
		r, err = f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "last day still active", []any{r, f.get(t, m.ID).Status}, []any{Rotated{}, Active})
		f.Clock.Set(time.Date(2027, 1, 11, 0, 30, 0, 0, time.UTC))
		r, err = f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "ended", []any{r, f.get(t, m.ID).Status, f.roles(t, f.A.MemberID)}, []any{Rotated{Ended: 1}, Ended, []string{"member"}})
		v2 := f.verbs(t)
		same(t, "entry", v2[len(v2)-1], "mandate.ended: Ana Adler's Facilitator mandate ended on 2027-01-10.")
		r, err = f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "ends once", r, Rotated{})
	})
}

// A renewal that passes moves the end on and the next reminder comes for
// the new end; another active mandate keeps the role when one ends.
func TestRotationAfterRenewal(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := facilitator(f.A)
		in.TermStart, in.TermEnd = "2026-06-01", "2026-12-10"
		m := f.activate(t, f.B, in)
		r, err := f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "reminded", r, Rotated{Reminded: 1})
		other := facilitator(f.A)
		other.TermStart, other.TermEnd = "2026-11-23", "2027-06-30"
		f.activate(t, f.C, other)
		rn, err := f.S.Renew(ctxOf(f.A), f.A, m.ID, RenewInput{TermEnd: "2027-01-05"})
		ok(t, err)
		f.decide(t, *rn.PendingDecisionID, "consent", f.five()...)
		same(t, "reminder cleared", f.get(t, m.ID).RotationRemindedAt, (*time.Time)(nil))
		f.Clock.Set(time.Date(2027, 1, 6, 9, 0, 0, 0, time.UTC))
		r, err = f.S.Rotate(context.Background(), f.Clock.Now())
		ok(t, err)
		same(t, "ended, other reminded", r, Rotated{Ended: 1, Reminded: 0})
		same(t, "role kept by the other mandate", f.roles(t, f.A.MemberID), []string{"facilitator", "member"})
	})
}
