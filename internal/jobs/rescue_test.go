package jobs

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// childEnv, when set, makes this test binary the child process of
// TestRescueAfterSIGKILL: it holds the database URL to work jobs on.
const childEnv = "COMMONGROUND_JOBS_TEST_CHILD"

// effectArgs is a job whose effect is a row keyed by the job's ID, so a
// second run adds nothing: the idempotency every worker needs.
type effectArgs struct{}

func (effectArgs) Kind() string { return "test.effect" }

type effectWorker struct {
	river.WorkerDefaults[effectArgs]
	db    *store.DB
	block bool // hang after applying the effect (the child, to be killed)
}

func (w effectWorker) Work(ctx context.Context, job *river.Job[effectArgs]) error {
	err := w.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO test_attempts (job_id, attempt) VALUES (?, ?)`, job.ID, job.Attempt); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO test_effects (job_id) VALUES (?) ON CONFLICT (job_id) DO NOTHING`, job.ID)
		return err
	})
	if err != nil {
		return err
	}
	if w.block {
		if err := Progress(ctx, 1, 2, "effect applied, now hanging"); err != nil {
			return err
		}
		select {} // until SIGKILL, whatever the context says
	}
	return Progress(ctx, 2, 2, "done")
}

func createEffectTables(t *testing.T, db *store.DB) {
	t.Helper()
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.Exec(context.Background(), `CREATE TABLE test_effects (job_id BIGINT PRIMARY KEY)`); err != nil {
			return err
		}
		_, err := tx.Exec(context.Background(), `CREATE TABLE test_attempts (job_id BIGINT NOT NULL, attempt INTEGER NOT NULL)`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// runChild works effect jobs on the database in $childEnv until killed.
func runChild(dsn string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	opts := testOpts()
	opts.noLeader = true // the surviving process must be able to lead at once
	q, err := Open(ctx, db, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	Add(q, effectWorker{db: db, block: true})
	if err := q.Start(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	select {}
}

func TestRescueAfterSIGKILL(t *testing.T) {
	if dsn := os.Getenv(childEnv); dsn != "" {
		runChild(dsn)
		return
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		createEffectTables(t, db)
		// Enqueue from a queue that does not work jobs.
		idle, err := Open(ctx, db, testOpts())
		if err != nil {
			t.Fatal(err)
		}
		Add(idle, effectWorker{db: db})
		id, err := idle.EnqueueNow(ctx, effectArgs{}, Owner{Title: "Apply once"})
		if err != nil {
			t.Fatal(err)
		}

		child := exec.Command(os.Args[0], "-test.run=^TestRescueAfterSIGKILL$")
		child.Env = append(os.Environ(), childEnv+"="+db.DSN())
		child.Stderr = os.Stderr
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
		j := waitFor(t, idle, id, 15*time.Second, func(j *Job) bool { return j.Done == 1 })
		if j.State != "running" || j.Message != "effect applied, now hanging" {
			t.Fatalf("before the kill: %+v", j)
		}
		if err := child.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = child.Wait()
		idle.Close()

		// A restarted instance with a short rescue delay finds the job
		// still marked running and runs it again.
		rescue := time.Second
		time.Sleep(time.Until(j.StartedAt.Add(rescue + 100*time.Millisecond)))
		opts := testOpts()
		opts.RescueStuckJobsAfter = rescue
		opts.retryPolicy = retryNow{}
		q := openQueue(t, db, opts, func(q *Queue) {
			Add(q, effectWorker{db: db})
		})
		j = waitFor(t, q, id, 15*time.Second, finished)
		if j.State != "completed" || j.Attempt != 2 || j.Done != 2 || j.Message != "done" {
			t.Fatalf("after the rescue: %+v", j)
		}
		var effects, attempts int
		if err := db.Get(ctx, &effects, `SELECT COUNT(*) FROM test_effects WHERE job_id = ?`, id); err != nil {
			t.Fatal(err)
		}
		if err := db.Get(ctx, &attempts, `SELECT COUNT(*) FROM test_attempts WHERE job_id = ?`, id); err != nil {
			t.Fatal(err)
		}
		if effects != 1 || attempts != 2 {
			t.Fatalf("effects = %d (want 1), attempts = %d (want 2)", effects, attempts)
		}
	})
}

// retryNow retries a rescued job at once instead of after River's backoff.
type retryNow struct{}

func (retryNow) NextRetry(*rivertype.JobRow) time.Time { return time.Now() }
