package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/store"
)

// testOpts are quick options for tests: fast polling, staggering off.
func testOpts() Options {
	return Options{PollInterval: 50 * time.Millisecond, testOnly: true}
}

// openQueue opens a queue on db, registers workers with reg, starts it and
// stops it at the end of the test.
func openQueue(t *testing.T, db *store.DB, opts Options, reg func(q *Queue)) *Queue {
	t.Helper()
	ctx := context.Background()
	q, err := Open(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	if reg != nil {
		reg(q)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
		q.Close()
	})
	return q
}

// waitFor polls job id until cond holds, failing after the timeout.
func waitFor(t *testing.T, q *Queue, id int64, timeout time.Duration, cond func(*Job) bool) *Job {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		j, err := q.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if cond(j) {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d: condition not met after %s; last: state %s, %d/%d %q, errors %v", id, timeout, j.State, j.Done, j.Total, j.Message, j.Errors)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func finished(j *Job) bool { return j.Finished() }

// countArgs is a job that counts to N, reporting progress and a result.
type countArgs struct {
	N    int    `json:"n"`
	Fail string `json:"fail,omitempty"`
}

func (countArgs) Kind() string { return "test.count" }

func (countArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 1} }

type countWorker struct {
	river.WorkerDefaults[countArgs]
}

func (countWorker) Work(ctx context.Context, job *river.Job[countArgs]) error {
	for i := 1; i <= job.Args.N; i++ {
		if err := Progress(ctx, int64(i), int64(job.Args.N), "counted"); err != nil {
			return err
		}
	}
	if job.Args.Fail != "" {
		return &failure{job.Args.Fail}
	}
	return Result(ctx, map[string]int{"counted": job.Args.N})
}

type failure struct{ msg string }

func (f *failure) Error() string { return f.msg }

var _ = rivertype.JobStateCompleted
