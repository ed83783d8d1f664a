package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/store"
)

// progressEvery bounds how often Progress writes: a job may report every
// row it handles, and on SQLite each write takes the single writer.
const progressEvery = 200 * time.Millisecond

type runKey struct{}

// run is the job being worked, carried in the worker's context so
// Progress and Result need no job handle.
type run struct {
	q  *Queue
	id int64

	mu      sync.Mutex
	last    time.Time
	pending *progress // reported but not yet written
}

type progress struct {
	done, total int64
	message     string
}

// runMiddleware wraps every job: it makes sure the job has a job_runs row
// (periodic jobs are inserted by River, not by Enqueue), puts the run in
// the context, writes the last progress when the job returns and keeps a
// copy of the outcome for when River's cleaner has removed its row.
type runMiddleware struct {
	river.MiddlewareDefaults
	q *Queue
}

func (m *runMiddleware) Work(ctx context.Context, job *rivertype.JobRow, doInner func(context.Context) error) error {
	r := &run{q: m.q, id: job.ID}
	title := m.q.titles[job.Kind]
	if title == "" {
		title = job.Kind
	}
	if err := m.q.db.Write(ctx, func(tx *store.Tx) error {
		if periodicFirst(job) {
			// River inserted this job itself, so no Enqueue wrote its row
			// (unless someone asked for the same unique job meanwhile, which
			// never ran). A row of another kind, or of a finished job,
			// belongs to a deleted job whose ID SQLite reused, and must not
			// lend this one its owner, progress or result.
			if _, err := tx.Exec(ctx, `DELETE FROM job_runs WHERE job_id = ?
				AND (kind <> ? OR outcome IN ('completed', 'cancelled', 'discarded'))`, job.ID, job.Kind); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO job_runs (job_id, kind, title, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING`, job.ID, job.Kind, title, tx.Now, tx.Now)
		return err
	}); err != nil {
		return fmt.Errorf("jobs: record run: %w", err)
	}
	err := doInner(context.WithValue(ctx, runKey{}, r))
	// The job's context may be cancelled (shutdown, timeout); what it did
	// must still be written down.
	bg := context.WithoutCancel(ctx)
	ferr := r.flush(bg)
	outcome, lastErr := outcomeOf(ctx, job, err)
	werr := m.q.db.Write(bg, func(tx *store.Tx) error {
		_, err := tx.Exec(bg, `UPDATE job_runs SET outcome = ?, last_error = ?, updated_at = ? WHERE job_id = ?`,
			string(outcome), lastErr, tx.Now, job.ID)
		return err
	})
	if err != nil {
		return err
	}
	return errors.Join(ferr, werr)
}

// periodicFirst reports whether job is the first attempt of a job River's
// periodic enqueuer inserted (it marks them in the metadata).
func periodicFirst(job *rivertype.JobRow) bool {
	var md struct {
		Periodic bool `json:"periodic"`
	}
	return job.Attempt <= 1 && json.Unmarshal(job.Metadata, &md) == nil && md.Periodic
}

// outcomeOf is the state River gives the job after this attempt returned
// err, and the error to keep, following River's executor: a snooze is no
// failed attempt, JobCancel (or a cancel from outside) ends the job, and a
// job interrupted by shutdown goes back to the queue without an attempt.
func outcomeOf(ctx context.Context, job *rivertype.JobRow, err error) (state rivertype.JobState, lastErr string) {
	var snooze *rivertype.JobSnoozeError
	var cancel *rivertype.JobCancelError
	switch {
	case err == nil:
		return rivertype.JobStateCompleted, ""
	case errors.As(err, &snooze):
		return rivertype.JobStateScheduled, ""
	case errors.Is(context.Cause(ctx), rivertype.ErrJobCancelledRemotely):
		return rivertype.JobStateCancelled, "job cancelled"
	case errors.As(err, &cancel):
		if inner := cancel.Unwrap(); inner != nil {
			return rivertype.JobStateCancelled, inner.Error()
		}
		return rivertype.JobStateCancelled, "job cancelled"
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		// Only Stop cancels a job's context with Canceled (a timeout is
		// DeadlineExceeded): River makes the job available again.
		return rivertype.JobStateAvailable, ""
	case job.Attempt >= job.MaxAttempts:
		return rivertype.JobStateDiscarded, err.Error()
	}
	return rivertype.JobStateRetryable, err.Error()
}

// Progress records how far the running job is: done of total, and a short
// message for people. Call it from inside a worker's Work; writes are
// spaced out, and the last report is always written when Work returns.
func Progress(ctx context.Context, done, total int64, message string) error {
	r, ok := ctx.Value(runKey{}).(*run)
	if !ok {
		return errors.New("jobs: Progress called outside a job")
	}
	r.mu.Lock()
	r.pending = &progress{done: done, total: total, message: message}
	due := time.Since(r.last) >= progressEvery || (total > 0 && done >= total)
	r.mu.Unlock()
	if !due {
		return nil
	}
	return r.flush(ctx)
}

func (r *run) flush(ctx context.Context) error {
	r.mu.Lock()
	p := r.pending
	r.pending = nil
	r.last = time.Now()
	r.mu.Unlock()
	if p == nil {
		return nil
	}
	return r.q.db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE job_runs SET done = ?, total = ?, message = ?, updated_at = ? WHERE job_id = ?`,
			p.done, p.total, p.message, tx.Now, r.id)
		return err
	})
}

// Result stores v, as JSON, as what the running job produced; the page, the
// API and the CLI show it once the job is done. A later call replaces it.
func Result(ctx context.Context, v any) error {
	r, ok := ctx.Value(runKey{}).(*run)
	if !ok {
		return errors.New("jobs: Result called outside a job")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("jobs: result: %w", err)
	}
	return r.q.db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE job_runs SET result = ?, updated_at = ? WHERE job_id = ?`, string(b), tx.Now, r.id)
		return err
	})
}

// IDFrom returns the ID of the job running in ctx, for workers that key
// their effect by it; 0 outside a job.
func IDFrom(ctx context.Context) int64 {
	if r, ok := ctx.Value(runKey{}).(*run); ok {
		return r.id
	}
	return 0
}
