package decision

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/jobs"
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
	return Due{}, errTodo
}
