package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/auth"
	"commonground/internal/store"
)

// PruneArgs is the sessions.prune job: it removes expired sessions, used
// or expired password resets and sign-in failures older than the
// rate-limit window. It runs daily and when an admin asks for it.
type PruneArgs struct{}

// Kind names the job.
func (PruneArgs) Kind() string { return "sessions.prune" }

// Title names the job for people.
func (PruneArgs) Title() string { return "Prune expired sessions" }

// InsertOpts keeps one prune queued or running at a time: asking again
// meanwhile returns the same job. It runs on MaintenanceQueue, so the
// command line can work it alone.
func (PruneArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, Queue: MaintenanceQueue, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// PruneWorker works PruneArgs. It is idempotent by nature: it deletes
// only rows that are past their time, so running it again deletes nothing
// the first run did not.
type PruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	DB *store.DB
}

// pruneStep is one table to prune: how to count and delete rows older
// than before, and where to add the count removed.
type pruneStep struct {
	name, count, del string
	before           time.Time
	n                *int64
}

// pruneBatch bounds each delete, so the single SQLite writer is never held
// long and progress moves visibly on a large table.
const pruneBatch = 500

// PruneResult is what a prune removed.
type PruneResult struct {
	Sessions       int64 `json:"sessions"`
	PasswordResets int64 `json:"password_resets"`
	LoginFailures  int64 `json:"login_failures"`
}

// Work deletes in batches and reports progress after each.
func (w *PruneWorker) Work(ctx context.Context, job *river.Job[PruneArgs]) error {
	now := w.DB.Now().UTC()
	before := now.Add(-auth.FailureWindow)
	var res PruneResult
	batch := fmt.Sprint(pruneBatch)
	steps := []pruneStep{
		{"expired sessions", `SELECT COUNT(*) FROM sessions WHERE expiry < ?`,
			`DELETE FROM sessions WHERE token IN (SELECT token FROM sessions WHERE expiry < ? LIMIT ` + batch + `)`,
			now, &res.Sessions},
		{"used or expired password resets", `SELECT COUNT(*) FROM password_resets WHERE used_at IS NOT NULL OR expires_at < ?`,
			`DELETE FROM password_resets WHERE token_hash IN
				(SELECT token_hash FROM password_resets WHERE used_at IS NOT NULL OR expires_at < ? LIMIT ` + batch + `)`,
			now, &res.PasswordResets},
		{"old sign-in failures", `SELECT COUNT(*) FROM login_failures WHERE at < ?`,
			`DELETE FROM login_failures WHERE id IN (SELECT id FROM login_failures WHERE at < ? LIMIT ` + batch + `)`,
			before, &res.LoginFailures},
	}
	var total, done int64
	for _, t := range steps {
		var n int64
		if err := w.DB.Get(ctx, &n, t.count, t.before); err != nil {
			return fmt.Errorf("prune: count %s: %w", t.name, err)
		}
		total += n
	}
	if err := Progress(ctx, 0, total, "Counting what to remove"); err != nil {
		return err
	}
	for _, t := range steps {
		for {
			var n int64
			err := w.DB.Write(ctx, func(tx *store.Tx) error {
				var err error
				n, err = tx.Exec(ctx, t.del, t.before)
				return err
			})
			if err != nil {
				return fmt.Errorf("prune: %s: %w", t.name, err)
			}
			*t.n += n
			// Rows may expire while we work: the total grows with them.
			done += n
			total = max(total, done)
			if err := Progress(ctx, done, total, "Removing "+t.name); err != nil {
				return err
			}
			if n < pruneBatch {
				break
			}
		}
	}
	if err := Progress(ctx, done, total, fmt.Sprintf("Removed %d rows", done)); err != nil {
		return err
	}
	return Result(ctx, res)
}
