package jobs

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// logArgs is a job that appends a row to an execution log, with no
// idempotency of its own: the log shows how often each job really ran.
type logArgs struct{}

func (logArgs) Kind() string { return "test.log" }

type logWorker struct {
	river.WorkerDefaults[logArgs]
	db       *store.DB
	instance string
	ran      *atomic.Int64
}

func (w logWorker) Work(ctx context.Context, job *river.Job[logArgs]) error {
	time.Sleep(10 * time.Millisecond) // long enough for both instances to fetch
	w.ran.Add(1)
	return w.db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO test_log (job_id, instance) VALUES (?, ?)`, job.ID, w.instance)
		return err
	})
}

func TestTwoInstancesRunEachJobOnce(t *testing.T) {
	db := storetest.Postgres(t)
	ctx := context.Background()
	if err := db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `CREATE TABLE test_log (job_id BIGINT NOT NULL, instance TEXT NOT NULL)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// A second instance: its own database pools on the same schema.
	db2, err := store.Open(ctx, db.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db2.Close() })
	var ranA, ranB atomic.Int64
	qa := openQueue(t, db, testOpts(), func(q *Queue) { Add(q, logWorker{db: db, instance: "a", ran: &ranA}) })
	qb := openQueue(t, db2, testOpts(), func(q *Queue) { Add(q, logWorker{db: db2, instance: "b", ran: &ranB}) })
	const n = 40
	ids := make([]int64, 0, n)
	for i := range n {
		q := qa
		if i%2 == 1 {
			q = qb
		}
		id, err := q.EnqueueNow(ctx, logArgs{}, Owner{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for _, id := range ids {
		waitFor(t, qa, id, 15*time.Second, finished)
	}
	var runs, distinct int
	if err := db.Get(ctx, &runs, `SELECT COUNT(*) FROM test_log`); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(ctx, &distinct, `SELECT COUNT(DISTINCT job_id) FROM test_log`); err != nil {
		t.Fatal(err)
	}
	if runs != n || distinct != n {
		t.Fatalf("runs = %d, distinct jobs = %d, want %d each", runs, distinct, n)
	}
	if ranA.Load() == 0 || ranB.Load() == 0 {
		t.Fatalf("one instance did all the work: a %d, b %d", ranA.Load(), ranB.Load())
	}
	t.Logf("instance a ran %d jobs, b ran %d", ranA.Load(), ranB.Load())
}

// slowArgs is a job that takes a while and notices cancellation.
type slowArgs struct{}

func (slowArgs) Kind() string { return "test.slow" }

func (slowArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 3} }

type slowWorker struct {
	river.WorkerDefaults[slowArgs]
	started chan struct{}
}

func (w slowWorker) Work(ctx context.Context, job *river.Job[slowArgs]) error {
	close(w.started)
	select {
	case <-time.After(700 * time.Millisecond):
		return Result(ctx, "finished")
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestStopLetsJobsFinish(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			started := make(chan struct{})
			q := openQueue(t, db, testOpts(), func(q *Queue) { Add(q, slowWorker{started: started}) })
			id, err := q.EnqueueNow(ctx, slowArgs{}, Owner{})
			if err != nil {
				t.Fatal(err)
			}
			<-started
			stopCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			if err := q.Stop(stopCtx); err != nil {
				t.Fatal(err)
			}
			j, err := q.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if j.State != "completed" || string(j.Result) != `"finished"` {
				t.Fatalf("after Stop: %+v", j)
			}
		})
		t.Run("ErrDeadline", func(t *testing.T) {
			started := make(chan struct{})
			q := openQueue(t, db, testOpts(), func(q *Queue) { Add(q, slowWorker{started: started}) })
			id, err := q.EnqueueNow(ctx, slowArgs{}, Owner{})
			if err != nil {
				t.Fatal(err)
			}
			<-started
			stopCtx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
			defer cancel()
			if err := q.Stop(stopCtx); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Stop = %v, want the deadline", err)
			}
			j, err := q.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			// River hands a job cancelled by shutdown back to the queue
			// without counting the attempt: the next start runs it again.
			if j.State != "available" || j.Attempt != 0 || j.Result != nil || len(j.Errors) != 0 {
				t.Fatalf("after a cut-short Stop: %+v", j)
			}
		})
	})
}
