package gathering

import (
	"context"
	"sync"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

func TestRespond(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			_, occ := f.seed(t, seedG{Capacity: 2})
			o := occ[0]
			r := f.rsvp(t, f.A, o, Going)
			same(t, "Ana", []any{r.Status, r.Name, r.WaitingSince == nil}, []any{Going, "Ana Adler", true})
			f.rsvp(t, f.B, o, Going)
			f.at(testStart.Add(time.Minute))
			r = f.rsvp(t, f.C, o, Going)
			same(t, "Cleo waits", []any{r.Status, *r.WaitingSince}, []any{Waiting, testStart.Add(time.Minute)})
			f.at(testStart.Add(2 * time.Minute))
			f.rsvp(t, f.D4, o, Going)
			f.rsvp(t, f.E, o, Declined)
			same(t, "counters", f.counters(t, o), [3]int64{2, 2, 0})
			same(t, "answers", f.answers(t, o), []string{"Ana Adler going", "Ben Brook going", "Cleo Cole waiting",
				"Dev Dale waiting", "Eve East declined"})

			// Answering the same again changes nothing; going while waiting
			// keeps the place in the queue.
			f.rsvp(t, f.A, o, Going)
			r = f.rsvp(t, f.C, o, Going)
			same(t, "Cleo still waits", []any{r.Status, *r.WaitingSince}, []any{Waiting, testStart.Add(time.Minute)})
			same(t, "counters again", f.counters(t, o), [3]int64{2, 2, 0})

			// Ben declines: Cleo, waiting longest, gets the place and is told.
			f.rsvp(t, f.B, o, Declined)
			same(t, "answers after Ben", f.answers(t, o), []string{"Ana Adler going", "Cleo Cole going",
				"Dev Dale waiting", "Ben Brook declined", "Eve East declined"})
			same(t, "counters after Ben", f.counters(t, o), [3]int64{2, 1, 0})
			n := f.noticesOf(KindPlace)
			if len(n) != 1 {
				t.Fatalf("place notices: %+v", n)
			}
			same(t, "notice", []any{n[0].UserIDs, n[0].Title, n[0].Link}, []any{[]int64{f.C.User.ID},
				"A place came free for you: Partners' round", Link(f.A, linkGathering(t, f, o), o)})

			// Dev stops waiting; Ben changes his mind and waits again.
			f.rsvp(t, f.D4, o, Declined)
			same(t, "counters after Dev", f.counters(t, o), [3]int64{2, 0, 0})
			r = f.rsvp(t, f.B, o, Going)
			same(t, "Ben waits", r.Status, Waiting)
			same(t, "counters after Ben again", f.counters(t, o), [3]int64{2, 1, 0})
			same(t, "one line per answer in Ana's log", f.count(t,
				"SELECT COUNT(*) FROM activity WHERE verb = 'gathering.rsvp' AND actor_id = ? AND audience = 'actor'", f.A.User.ID), 1)
		})
		t.Run("NoCapacity", func(t *testing.T) {
			// Without registration, answers still count ("I plan to come").
			_, occ := f.seed(t, seedG{Title: "Open studio"})
			for _, a := range []*collective.Access{f.A, f.B, f.C, f.D4} {
				f.rsvp(t, a, occ[0], Going)
			}
			f.rsvp(t, f.B, occ[0], Declined)
			same(t, "counters", f.counters(t, occ[0]), [3]int64{3, 0, 0})
		})
		t.Run("Online", func(t *testing.T) {
			_, occ := f.seed(t, seedG{Title: "Hybrid round", Format: Hybrid})
			r, err := f.S.Respond(ctxOf(f.A), f.A, occ[0], RSVPInput{Status: Going, Online: true})
			ok(t, err)
			same(t, "online", r.Online, true)
			r, err = f.S.Respond(ctxOf(f.A), f.A, occ[0], RSVPInput{Status: Going})
			ok(t, err)
			same(t, "in person now", []any{r.Online, r.Status}, []any{false, Going})
			same(t, "counted once", f.counters(t, occ[0]), [3]int64{1, 0, 0})
		})
		t.Run("ErrRefused", func(t *testing.T) {
			_, occ := f.seed(t, seedG{Title: "Alder only", Invite: []int64{f.A.MemberID}, InviteOrg: f.OrgB})
			o := occ[0]
			_, err := f.S.Respond(ctxOf(f.B), f.B, o, RSVPInput{Status: Going})
			wantErr(t, err, errs.Forbidden, "", "You are not invited to “Alder only”.")
			f.rsvp(t, f.D4, o, Going) // with Birch
			_, err = f.S.Respond(ctxOf(f.Observer), f.Observer, o, RSVPInput{Status: Going})
			wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
			_, err = f.S.Respond(ctxOf(f.Outsider), f.Outsider, o, RSVPInput{Status: Going})
			wantErr(t, err, errs.Forbidden, "", "Only members of River can do this.")
			_, err = f.S.Respond(context.Background(), f.Anon, o, RSVPInput{Status: Going})
			wantErr(t, err, errs.Unauthorized, "", "Sign in to take part in the gatherings of River.")
			_, err = f.S.Respond(ctxOf(f.A), f.A, o, RSVPInput{Status: Waiting})
			wantErr(t, err, errs.Invalid, "status", "Answer going or declined.")
			_, err = f.S.Respond(ctxOf(f.A), f.A, 999999, RSVPInput{Status: Going})
			wantErr(t, err, errs.NotFound, "", "There is no such date of this gathering.")
			same(t, "nothing written", f.counters(t, o), [3]int64{1, 0, 0})
			same(t, "one answer", f.count(t, "SELECT COUNT(*) FROM gathering_registrations WHERE occurrence_id = ?", o), 1)
		})
		t.Run("ErrDateClosed", func(t *testing.T) {
			_, occ := f.seed(t, seedG{Title: "Soon", Starts: []time.Time{testStart.Add(time.Hour), testStart.Add(8 * 24 * time.Hour)}})
			f.exec(t, "UPDATE gathering_occurrences SET status = 'cancelled' WHERE id = ?", occ[1])
			_, err := f.S.Respond(ctxOf(f.A), f.A, occ[1], RSVPInput{Status: Going})
			wantErr(t, err, errs.Conflict, "", "“Soon” on Tuesday 1 December 2026 is cancelled.")
			f.at(testStart.Add(time.Hour))
			_, err = f.S.Respond(ctxOf(f.A), f.A, occ[0], RSVPInput{Status: Going})
			wantErr(t, err, errs.Conflict, "", "“Soon” on Monday 23 November 2026 has begun; it takes no more answers.")
			f.at(testStart)
			_, sched := f.seed(t, seedG{Title: "Some day", Status: Scheduling})
			_, err = f.S.Respond(ctxOf(f.A), f.A, sched[0], RSVPInput{Status: Going})
			wantErr(t, err, errs.Conflict, "", "The date of “Some day” is not set yet; the time poll decides it.")
			same(t, "nothing written", f.count(t, "SELECT COUNT(*) FROM gathering_registrations WHERE occurrence_id IN (?, ?, ?)",
				occ[0], occ[1], sched[0]), 0)
		})
	})
}

// linkGathering is the gathering of an occurrence.
func linkGathering(t *testing.T, f *fixture, occ int64) int64 {
	t.Helper()
	return int64(f.count(t, "SELECT gathering_id FROM gathering_occurrences WHERE id = ?", occ))
}

// TestRespondRace has two members answer going for the last place at once:
// exactly one gets it, the other waits, and the counters agree.
func TestRespondRace(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			for round := 0; round < 5; round++ {
				_, occ := f.seed(t, seedG{Title: "Last place", Capacity: 2, Starts: []time.Time{testStart.Add(time.Duration(round+1) * 24 * time.Hour)}})
				o := occ[0]
				f.rsvp(t, f.A, o, Going)
				var wg sync.WaitGroup
				errc := make(chan error, 2)
				for _, a := range []*collective.Access{f.B, f.C} {
					wg.Add(1)
					go func() {
						defer wg.Done()
						_, err := f.S.Respond(ctxOf(a), a, o, RSVPInput{Status: Going})
						errc <- err
					}()
				}
				wg.Wait()
				close(errc)
				for err := range errc {
					ok(t, err)
				}
				same(t, "counters", f.counters(t, o), [3]int64{2, 1, 0})
				same(t, "going", f.count(t, "SELECT COUNT(*) FROM gathering_registrations WHERE occurrence_id = ? AND status = 'going'", o), 2)
				same(t, "waiting", f.count(t, "SELECT COUNT(*) FROM gathering_registrations WHERE occurrence_id = ? AND status = 'waiting'", o), 1)
			}
		})
	})
}
