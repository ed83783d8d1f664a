package jobs

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river"

	"commonground/internal/store"
)

// Owner says who may see a job (the user, stewards of the collective,
// and instance admins) and names it for people. Zero IDs mean none.
type Owner struct {
	UserID       int64
	CollectiveID int64
	Title        string // e.g. "Import 812 members"; the job's kind if empty
}

// Enqueue inserts a job in the caller's transaction: it exists, and will
// run, only if that transaction commits. It returns the job's ID.
func (q *Queue) Enqueue(ctx context.Context, tx *store.Tx, args river.JobArgs, owner Owner) (int64, error) {
	res, err := q.insert.InsertTx(ctx, tx.SQL(), args, nil)
	if err != nil {
		return 0, fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	title := owner.Title
	if t, ok := args.(titler); ok && title == "" {
		title = t.Title()
	}
	if title == "" {
		title = args.Kind()
	}
	// River's row is new unless a unique job was already queued. A new row
	// may reuse the ID of a job River's cleaner deleted (SQLite reuses
	// ROWIDs) while its job_runs row stays: that row is stale, and keeping it
	// would show this job to the old job's owner.
	stale, staleArgs := `DELETE FROM job_runs WHERE job_id = ?`, []any{res.Job.ID}
	if res.UniqueSkippedAsDuplicate {
		// The existing job keeps its owner and title, unless the row
		// belongs to another kind (a stale row under a periodic job).
		stale, staleArgs = stale+` AND kind <> ?`, append(staleArgs, args.Kind())
	}
	if _, err := tx.Exec(ctx, stale, staleArgs...); err != nil {
		return 0, fmt.Errorf("jobs: record %s: %w", args.Kind(), err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO job_runs (job_id, kind, user_id, collective_id, title, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING`,
		res.Job.ID, args.Kind(), nullID(owner.UserID), nullID(owner.CollectiveID), title, tx.Now, tx.Now); err != nil {
		return 0, fmt.Errorf("jobs: record %s: %w", args.Kind(), err)
	}
	return res.Job.ID, nil
}

// EnqueueNow inserts a job in a transaction of its own.
func (q *Queue) EnqueueNow(ctx context.Context, args river.JobArgs, owner Owner) (int64, error) {
	var id int64
	err := q.db.Write(ctx, func(tx *store.Tx) error {
		var err error
		id, err = q.Enqueue(ctx, tx, args, owner)
		return err
	})
	return id, err
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
