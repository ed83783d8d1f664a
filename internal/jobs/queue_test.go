package jobs

import (
	"context"
	"testing"
	"time"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestProgressAndResult(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		q := openQueue(t, db, testOpts(), func(q *Queue) { Add(q, countWorker{}) })
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			start := time.Now()
			id, err := q.EnqueueNow(ctx, countArgs{N: 5}, Owner{Title: "Count to five"})
			if err != nil {
				t.Fatal(err)
			}
			j := waitFor(t, q, id, 10*time.Second, finished)
			t.Logf("enqueue to completed: %s", time.Since(start))
			if j.State != "completed" || j.Done != 5 || j.Total != 5 || j.Message != "counted" ||
				string(j.Result) != `{"counted":5}` || j.Title != "Count to five" || j.Attempt != 1 || len(j.Errors) != 0 {
				t.Fatalf("job = %+v", j)
			}
			if j.StartedAt == nil || j.FinishedAt == nil {
				t.Fatalf("times missing: %+v", j)
			}
		})
		t.Run("ErrFailed", func(t *testing.T) {
			id, err := q.EnqueueNow(ctx, countArgs{N: 2, Fail: "the file is gone"}, Owner{})
			if err != nil {
				t.Fatal(err)
			}
			j := waitFor(t, q, id, 10*time.Second, finished)
			if j.State != "discarded" || !j.Failed() || len(j.Errors) != 1 || j.Errors[0].Error != "the file is gone" ||
				j.Done != 2 || j.Result != nil || j.Title != "test.count" {
				t.Fatalf("job = %+v", j)
			}
		})
	})
}
