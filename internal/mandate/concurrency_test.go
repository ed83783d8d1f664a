package mandate

import (
	"sync"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// Two members asking at once start one decision: the other is told one is
// open, and no second proposal or decision is written.
func TestRenewAndRevokeAtOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.activate(t, f.B, facilitator(f.A))
		before := f.count(t, "SELECT count(*) FROM decisions")
		var wg sync.WaitGroup
		errsOut := make([]error, 4)
		who := []*collective.Access{f.B, f.C, f.D4, f.E}
		for i, a := range who {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i%2 == 0 {
					_, errsOut[i] = f.S.Renew(ctxOf(a), a, m.ID, RenewInput{TermEnd: "2028-01-31", Version: m.Version})
				} else {
					_, errsOut[i] = f.S.Revoke(ctxOf(a), a, m.ID, RevokeInput{Reason: "Rotate.", Version: m.Version})
				}
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errsOut {
			switch {
			case err == nil:
				won++
			case !errs.Is(err, errs.Conflict):
				t.Fatalf("unexpected error %v", err)
			}
		}
		same(t, "one wins", won, 1)
		same(t, "one decision more", f.count(t, "SELECT count(*) FROM decisions"), before+1)
		got := f.get(t, m.ID)
		if got.PendingAction == "" || got.PendingDecisionID == nil {
			t.Fatalf("nothing pending: %+v", got)
		}
	})
}
