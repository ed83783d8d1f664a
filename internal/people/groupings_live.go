package people

import (
	"context"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// Whether a run is under way is River's to say, not the run's row: a
// worker killed mid-run (a crash, running out of memory, a job removed by
// hand) leaves its row queued or running for good, and between attempts
// the row reads failed while River will try again. So a run is busy while
// its job is live (not completed, cancelled or discarded, and not gone),
// and a row left queued or running by a job that is over is marked failed.

// errJobEnded is the message of a run whose job ended without it.
const errJobEnded = "Suggesting groupings stopped without finishing (the server may have restarted, or the job was removed). Start a new run."

// runState is what settleRuns reads of a run.
type runState struct {
	ID     int64  `db:"id"`
	JobID  *int64 `db:"job_id"`
	Status string `db:"status"`
}

// settleRuns asks the queue about the collective's runs that may be under
// way: those whose row says queued or running, and the newest run (which
// may be failed between attempts). Older failed runs cannot be live: each
// was over when a newer one started. It marks failed the rows whose job is
// over and returns the runs still live and the newest run's ID (0 for
// none). It reads River's rows, so it must not run inside a transaction.
func (s *Service) settleRuns(ctx context.Context, collectiveID int64) (live map[int64]bool, newest int64, err error) {
	var runs []runState
	if err := s.DB.Select(ctx, &runs, `SELECT id, job_id, status FROM grouping_runs WHERE collective_id = ?
		AND (status IN ('queued', 'running') OR id = (SELECT max(id) FROM grouping_runs WHERE collective_id = ?))
		ORDER BY id`, collectiveID, collectiveID); err != nil {
		return nil, 0, err
	}
	live = map[int64]bool{}
	var ended []int64
	for _, r := range runs {
		newest = max(newest, r.ID)
		if r.Status == "done" {
			continue
		}
		ok, err := s.jobLive(ctx, r)
		if err != nil {
			return nil, 0, err
		}
		switch {
		case ok:
			live[r.ID] = true
		case r.Status != "failed":
			ended = append(ended, r.ID)
		}
	}
	if len(ended) == 0 {
		return live, newest, nil
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		for _, id := range ended {
			// The status guard leaves alone a row its worker finished
			// since: River finalises a job only after Work returned.
			if _, err := tx.Exec(ctx, `UPDATE grouping_runs SET status = 'failed', error = ?, finished_at = ?
				WHERE id = ? AND status IN ('queued', 'running')`, errJobEnded, tx.Now, id); err != nil {
				return err
			}
		}
		return nil
	})
	return live, newest, err
}

// jobLive reports whether run r's job may still work on it. Without a
// queue to ask, the row's word is all there is.
func (s *Service) jobLive(ctx context.Context, r runState) (bool, error) {
	if s.Queue == nil {
		return r.Status == "queued" || r.Status == "running", nil
	}
	if r.JobID == nil {
		return false, nil // enqueued in the run's own transaction: cannot happen
	}
	j, err := s.Queue.Get(ctx, *r.JobID)
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return !j.Finished(), nil
}
