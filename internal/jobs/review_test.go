package jobs

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// addUser adds a person to own jobs and returns their ID.
func addUser(t *testing.T, db *store.DB, email string) int64 {
	t.Helper()
	var id int64
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		var err error
		id, err = tx.Insert(context.Background(), `INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)`,
			email, email, "x", tx.Now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// staleRun writes the job_runs row a deleted job left behind at id.
func staleRun(t *testing.T, db *store.DB, id, owner int64, kind string) {
	t.Helper()
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(context.Background(), `INSERT INTO job_runs (job_id, kind, user_id, title, done, total, message, result, outcome, created_at, updated_at)
			VALUES (?, ?, ?, 'Old job of someone else', 7, 7, 'old message', '{"old":true}', 'completed', ?, ?)`,
			id, kind, owner, tx.Now.Add(-40*24*time.Hour), tx.Now.Add(-40*24*time.Hour))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestStartMaintenanceWorksOnlyItsQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		q, err := Open(ctx, db, testOpts())
		if err != nil {
			t.Fatal(err)
		}
		Add(q, countWorker{})
		Add(q, &PruneWorker{DB: db})
		q.Periodic(time.Hour, func() river.JobArgs { return countArgs{N: 1} })
		other, err := q.EnqueueNow(ctx, countArgs{N: 3}, Owner{Title: "Send an e-mail"})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.StartMaintenance(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = q.Stop(context.Background()); q.Close() })
		prune, err := q.EnqueueNow(ctx, PruneArgs{}, Owner{})
		if err != nil {
			t.Fatal(err)
		}
		j := waitFor(t, q, prune, 10*time.Second, finished)
		if j.State != "completed" || string(j.Result) != `{"sessions":0,"password_resets":0,"login_failures":0}` {
			t.Fatalf("prune = %+v", j)
		}
		time.Sleep(200 * time.Millisecond) // a few more polls: still nothing else taken
		o, err := q.Get(ctx, other)
		if err != nil {
			t.Fatal(err)
		}
		if o.State != "available" || o.Attempt != 0 || o.Done != 0 {
			t.Fatalf("other job = %+v, want untouched", o)
		}
		var n int
		if err := db.Get(ctx, &n, `SELECT COUNT(*) FROM river_job`); err != nil || n != 2 {
			t.Fatalf("river_job has %d rows (%v), want the two queued here: no periodic job", n, err)
		}
	})
}

func TestStaleRunRowIsReplaced(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		old := addUser(t, db, "old@example.org")
		t.Run("Enqueue", func(t *testing.T) {
			q, err := Open(ctx, db, testOpts())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(q.Close)
			Add(q, countWorker{})
			first, err := q.EnqueueNow(ctx, countArgs{N: 1}, Owner{})
			if err != nil {
				t.Fatal(err)
			}
			// River's cleaner deleted job first+1 (SQLite then reuses its
			// ID); our row of it stayed.
			staleRun(t, db, first+1, old, "test.count")
			id, err := q.EnqueueNow(ctx, countArgs{N: 2}, Owner{Title: "New job"})
			if err != nil {
				t.Fatal(err)
			}
			if id != first+1 {
				t.Fatalf("id = %d, want %d", id, first+1)
			}
			j, err := q.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if j.Title != "New job" || j.UserID != 0 || j.Done != 0 || j.Message != "" || j.Result != nil || j.State != "available" {
				t.Fatalf("job = %+v, want the new job only", j)
			}
			list, _, err := q.List(ctx, old, ListParams{})
			if err != nil || len(list) != 0 {
				t.Fatalf("old owner's list = %+v (%v), want empty", list, err)
			}
		})
		t.Run("Periodic", func(t *testing.T) {
			var last int64
			if err := db.Get(ctx, &last, `SELECT COALESCE(MAX(id), 0) FROM river_job`); err != nil {
				t.Fatal(err)
			}
			if db.Dialect == store.Postgres {
				// The sequence may be ahead of the rows: ask it.
				if err := db.Get(ctx, &last, `SELECT last_value FROM river_job_id_seq`); err != nil {
					t.Fatal(err)
				}
			}
			staleRun(t, db, last+1, old, "test.other")
			q := openQueue(t, db, testOpts(), func(q *Queue) {
				Add(q, countWorker{})
				q.Periodic(time.Hour, func() river.JobArgs { return countArgs{N: 1} })
			})
			// Until River inserts the periodic job, Get shows the stale row
			// (finished, of another kind): wait for the new job's own end.
			j := waitFor(t, q, last+1, 10*time.Second, func(j *Job) bool { return j.Kind == "test.count" && j.Finished() })
			if j.Kind != "test.count" || j.UserID != 0 || j.Title != "test.count" || string(j.Result) != `{"counted":1}` || j.State != "completed" {
				t.Fatalf("periodic job = %+v, want its own row", j)
			}
		})
	})
}

// cancelWorker cancels its job, or snoozes it for an hour.
type cancelArgs struct {
	Snooze bool `json:"snooze"`
}

func (cancelArgs) Kind() string { return "test.cancel" }

type cancelWorker struct {
	river.WorkerDefaults[cancelArgs]
}

func (cancelWorker) Work(ctx context.Context, job *river.Job[cancelArgs]) error {
	if job.Args.Snooze {
		return river.JobSnooze(time.Hour)
	}
	return river.JobCancel(errors.New("nothing left to do"))
}

func TestOutcomeOfCancelAndSnooze(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		q := openQueue(t, db, testOpts(), func(q *Queue) { Add(q, cancelWorker{}) })
		outcome := func(id int64) string {
			t.Helper()
			var row struct {
				Outcome   string `db:"outcome"`
				LastError string `db:"last_error"`
			}
			if err := db.Get(ctx, &row, `SELECT outcome, last_error FROM job_runs WHERE job_id = ?`, id); err != nil {
				t.Fatal(err)
			}
			return row.Outcome + "|" + row.LastError
		}
		t.Run("Cancel", func(t *testing.T) {
			id, err := q.EnqueueNow(ctx, cancelArgs{}, Owner{})
			if err != nil {
				t.Fatal(err)
			}
			waitFor(t, q, id, 10*time.Second, finished)
			if got := outcome(id); got != "cancelled|nothing left to do" {
				t.Fatalf("outcome = %q", got)
			}
			// Once River's cleaner removed its row, the copy tells the same.
			if err := db.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, `DELETE FROM river_job WHERE id = ?`, id)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			j, err := q.Get(ctx, id)
			if err != nil || j.State != "cancelled" || len(j.Errors) != 1 || j.Errors[0].Error != "nothing left to do" {
				t.Fatalf("job = %+v (%v)", j, err)
			}
		})
		t.Run("Snooze", func(t *testing.T) {
			id, err := q.EnqueueNow(ctx, cancelArgs{Snooze: true}, Owner{})
			if err != nil {
				t.Fatal(err)
			}
			j := waitFor(t, q, id, 10*time.Second, func(j *Job) bool { return j.State == "scheduled" })
			if got := outcome(id); got != "scheduled|" || len(j.Errors) != 0 {
				t.Fatalf("outcome = %q, errors %v: a snooze is no failed attempt", got, j.Errors)
			}
		})
	})
}
