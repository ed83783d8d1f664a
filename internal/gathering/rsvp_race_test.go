package gathering

import (
	"sync"
	"testing"
	"time"

	"commonground/internal/collective"
)

// TestDeclineTwiceAtOnce: the same "not going" sent twice at once (a double
// click) frees one place, so one person moves up from the waiting list,
// not two, and the counters stay within the capacity.
func TestDeclineTwiceAtOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		for round := 0; round < 5; round++ {
			_, occ := f.seed(t, seedG{Title: "Full", Capacity: 1, Starts: []time.Time{testStart.Add(time.Duration(round+1) * 24 * time.Hour)}})
			o := occ[0]
			f.rsvp(t, f.A, o, Going)
			f.rsvp(t, f.B, o, Going) // waits
			f.rsvp(t, f.C, o, Going) // waits after Ben
			var wg sync.WaitGroup
			errc := make(chan error, 2)
			for range 2 {
				wg.Add(1)
				go func(a *collective.Access) {
					defer wg.Done()
					_, err := f.S.Respond(ctxOf(a), a, o, RSVPInput{Status: Declined})
					errc <- err
				}(f.A)
			}
			wg.Wait()
			close(errc)
			for err := range errc {
				ok(t, err)
			}
			same(t, "going, waiting, attended", f.counters(t, o), [3]int64{1, 1, 0})
			same(t, "answers", f.count(t, `SELECT COUNT(*) FROM gathering_registrations
				WHERE occurrence_id = ? AND member_id = ? AND status = 'going'`, o, f.B.MemberID), 1)
			same(t, "still waiting", f.count(t, `SELECT COUNT(*) FROM gathering_registrations
				WHERE occurrence_id = ? AND member_id = ? AND status = 'waiting'`, o, f.C.MemberID), 1)
		}
	})
}

// TestCapacityLoweredWhileAnswering: lowering the capacity to the number
// going races an answer for a place; whichever commits first, no date ends
// up with more going than its capacity.
func TestCapacityLoweredWhileAnswering(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting()
		in.Capacity, in.Registration = 3, true
		g := f.planAs(t, f.A, in)
		o := f.occurrenceIDs(t, g.ID)[0]
		f.rsvp(t, f.B, o, Going)
		f.rsvp(t, f.C, o, Going)
		low := in
		low.Capacity = 2
		var wg sync.WaitGroup
		var updErr, ansErr error
		wg.Add(2)
		go func() { defer wg.Done(); _, updErr = f.S.Update(ctxOf(f.A), f.A, g.ID, low, 1) }()
		go func() { defer wg.Done(); _, ansErr = f.S.Respond(ctxOf(f.D4), f.D4, o, RSVPInput{Status: Going}) }()
		wg.Wait()
		ok(t, ansErr)
		var capacity int64
		if updErr == nil {
			capacity = 2
		} else {
			capacity = 3 // refused: three were going by then
		}
		c := f.counters(t, o)
		if c[0] > capacity || c[0]+c[1] != 3 {
			t.Fatalf("capacity %d (update: %v), counters going/waiting/attended %v", capacity, updErr, c)
		}
	})
}
