package decision

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// CloseEvery is how often the close job looks for decisions to open and
// to close.
const CloseEvery = time.Minute

// Due counts what one run of the close job did.
type Due struct {
	Opened int `json:"opened"`
	Closed int `json:"closed"`
}

// CloseArgs is the decision.close job: every minute it opens scheduled
// decisions whose time has come and closes open ones past their closing
// time (see CloseDue).
type CloseArgs struct{}

// Kind names the job.
func (CloseArgs) Kind() string { return "decision.close" }

// Title names the job for people.
func (CloseArgs) Title() string { return "Open and close decisions on time" }

// InsertOpts keeps one run queued or running at a time.
func (CloseArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// CloseWorker works CloseArgs. It is idempotent: a decision closes once,
// in the transaction that changes its status.
type CloseWorker struct {
	river.WorkerDefaults[CloseArgs]
	S *Service
}

// Work opens and closes what is due now.
func (w *CloseWorker) Work(ctx context.Context, _ *river.Job[CloseArgs]) error {
	due, err := w.S.CloseDue(ctx, w.S.DB.Now())
	if rerr := jobs.Result(ctx, due); err == nil {
		err = rerr
	}
	return err
}

// CloseDue opens the scheduled decisions whose opening time is at or before
// now and closes the open ones whose closing time is, each in its own
// transaction (as the system, not a person).
func (s *Service) CloseDue(ctx context.Context, now time.Time) (Due, error) {
	var due Due
	type row struct {
		ID           int64 `db:"id"`
		CollectiveID int64 `db:"collective_id"`
	}
	var opening, closing []row
	if err := s.DB.Select(ctx, &opening, "SELECT id, collective_id FROM decisions WHERE status = 'scheduled' AND opens_at <= ? ORDER BY id",
		now); err != nil {
		return due, err
	}
	if err := s.DB.Select(ctx, &closing, "SELECT id, collective_id FROM decisions WHERE status = 'open' AND closes_at <= ? ORDER BY id",
		now); err != nil {
		return due, err
	}
	var errList []error
	for _, r := range opening {
		opened := false
		err := s.DB.Write(ctx, func(tx *store.Tx) error {
			a, err := systemAccess(ctx, tx, r.CollectiveID)
			if err != nil {
				return err
			}
			n, err := tx.Exec(ctx, "UPDATE decisions SET status = 'open', version = version + 1 WHERE id = ? AND status = 'scheduled'", r.ID)
			if err != nil || n == 0 {
				return err
			}
			opened = true
			var q string
			if err := tx.Get(ctx, &q, "SELECT question FROM decisions WHERE id = ?", r.ID); err != nil {
				return err
			}
			return record(ctx, tx, a, activity.Everyone, "decision.opened", q, DecisionLink(a, r.ID), "Voting opened on “"+q+"”.")
		})
		if err != nil {
			errList = append(errList, fmt.Errorf("open decision %d: %w", r.ID, err))
		} else if opened {
			due.Opened++
		}
	}
	for _, r := range closing {
		closed := false
		err := s.DB.Write(ctx, func(tx *store.Tx) error {
			a, err := systemAccess(ctx, tx, r.CollectiveID)
			if err != nil {
				return err
			}
			closed, err = s.closeTx(ctx, tx, a, r.ID)
			return err
		})
		if err != nil {
			errList = append(errList, fmt.Errorf("close decision %d: %w", r.ID, err))
		} else if closed {
			due.Closed++
		}
	}
	return due, errors.Join(errList...)
}

// systemAccess is the job acting in a collective: no person and no role,
// so entries it writes have no actor.
func systemAccess(ctx context.Context, tx *store.Tx, collectiveID int64) (*collective.Access, error) {
	var c collective.Collective
	if err := tx.Get(ctx, &c, `SELECT id, slug, name, purpose, visibility, min_group_size, created_at, archived_at, member_count,
		version FROM collectives WHERE id = ?`, collectiveID); err != nil {
		return nil, err
	}
	return &collective.Access{Collective: &c, Roles: []string{}}, nil
}
