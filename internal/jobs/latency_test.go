package jobs

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

type noopArgs struct{}

func (noopArgs) Kind() string { return "test.noop" }

type noopWorker struct{ river.WorkerDefaults[noopArgs] }

func (noopWorker) Work(context.Context, *river.Job[noopArgs]) error { return nil }

// TestNoopLatency measures enqueue to completed for a job that does
// nothing, with the production poll interval (1 s), and logs the median.
func TestNoopLatency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		opts := testOpts()
		opts.PollInterval = 0 // production default
		q := openQueue(t, db, opts, func(q *Queue) { Add(q, noopWorker{}) })
		ctx := context.Background()
		var took []time.Duration
		for range 10 {
			start := time.Now()
			id, err := q.EnqueueNow(ctx, noopArgs{}, Owner{})
			if err != nil {
				t.Fatal(err)
			}
			for {
				j, err := q.Get(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if j.State == "completed" {
					break
				}
				if time.Since(start) > 5*time.Second {
					t.Fatalf("no-op job %d not done after 5 s: %+v", id, j)
				}
				time.Sleep(2 * time.Millisecond)
			}
			took = append(took, time.Since(start))
		}
		slices.Sort(took)
		t.Logf("enqueue to completed, no-op job, 10 runs: median %s, max %s", took[5], took[9])
	})
}
