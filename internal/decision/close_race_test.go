package decision

import (
	"sync"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// TestCloseRace votes and closes at once, many times: a ballot counts if
// and only if its Vote succeeded, and every refused one was refused because
// voting had closed.
func TestCloseRace(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		voters := []*collective.Access{f.Steward, f.Facilitator, f.A, f.B, f.C, f.D, f.E}
		for round := 0; round < 8; round++ {
			d := f.decide(t, f.A, f.propose(t, f.A, "Race").ID, inputFor(Majority, "Yes", "No"))
			var wg sync.WaitGroup
			var mu sync.Mutex
			accepted := 0
			start := make(chan struct{})
			for i, a := range voters {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					_, err := f.S.Vote(ctxOf(a), a, d.ID, VoteInput{Choice: one(i % 2)})
					mu.Lock()
					defer mu.Unlock()
					if err == nil {
						accepted++
					} else if errs.Code(err) != errs.Conflict {
						t.Errorf("vote: %v", err)
					}
				}()
			}
			wg.Add(1)
			var closeErr error
			go func() {
				defer wg.Done()
				<-start
				closeErr = f.S.Close(ctxOf(f.A), f.A, d.ID)
			}()
			close(start)
			wg.Wait()
			ok(t, closeErr)
			r, err := f.S.Results(ctxOf(f.A), f.A, d.ID)
			ok(t, err)
			t.Logf("round %d: %d of %d ballots before the close", round, accepted, len(voters))
			same(t, "counted = accepted", r.Counted, int64(accepted))
			same(t, "stored = accepted", f.count(t, "SELECT count(*) FROM ballots WHERE decision_id = ?", d.ID), accepted)
			same(t, "turnout = accepted", r.Turnout, int64(accepted))
		}
	})
}
