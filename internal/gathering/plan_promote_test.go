package gathering

import (
	"context"
	"testing"
	"time"

	"commonground/internal/collective"
)

// TestCapacityRaisedPromotes: raising the capacity gives the freed places
// to those waiting, longest first, and tells them; removing it gives
// everyone waiting a place.
func TestCapacityRaisedPromotes(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting()
		in.Capacity, in.Registration = 1, true
		g := f.planAs(t, f.A, in)
		occ := f.occurrenceIDs(t, g.ID)[0]
		for i, acc := range []*collective.Access{f.B, f.C, f.D4} {
			f.Clock.Set(testStart.Add(time.Duration(i) * time.Minute)) // C waits longer than Dev
			r, err := f.S.Respond(ctxOf(acc), acc, occ, RSVPInput{Status: Going})
			ok(t, err)
			same(t, acc.User.Name+" answered", r.Status, []RSVP{Going, Waiting, Waiting}[i])
		}
		statuses := func() []RSVP {
			t.Helper()
			var out []RSVP
			ok(t, f.DB.Select(context.Background(), &out, `SELECT status FROM gathering_registrations
				WHERE occurrence_id = ? AND member_id IN (?, ?, ?) ORDER BY member_id`, occ, f.B.MemberID, f.C.MemberID, f.D4.MemberID))
			return out
		}
		told := func() []int64 {
			var out []int64
			for _, n := range f.noticesOf(KindPlace) {
				out = append(out, n.UserIDs...)
			}
			return out
		}
		in.Capacity = 2
		_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 1)
		ok(t, err)
		same(t, "after raising to 2", statuses(), []RSVP{Going, Going, Waiting})
		same(t, "told", told(), []int64{f.C.User.ID})
		in.Capacity = 0
		_, err = f.S.Update(ctxOf(f.A), f.A, g.ID, in, 2)
		ok(t, err)
		same(t, "after removing the limit", statuses(), []RSVP{Going, Going, Going})
		same(t, "told", told(), []int64{f.C.User.ID, f.D4.User.ID})
		same(t, "going, waiting", f.count(t, "SELECT going * 10 + waiting FROM gathering_occurrences WHERE id = ?", occ), 30)
	})
}
