package decision

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/jobs"
)

// RemindEvery is how often the reminders job runs.
const RemindEvery = time.Hour

// Reminded counts the notices one run sent.
type Reminded struct {
	Opened  int `json:"opened"`  // decisions whose electorate heard they opened
	Closing int `json:"closing"` // decisions whose non-voters were reminded
	Reviews int `json:"reviews"` // outcomes due for review
}

// RemindersArgs is the decision.reminders job (hourly, see SendReminders).
type RemindersArgs struct{}

// Kind names the job.
func (RemindersArgs) Kind() string { return "decision.reminders" }

// Title names the job for people.
func (RemindersArgs) Title() string { return "Send decision reminders" }

// InsertOpts keeps one run queued or running at a time.
func (RemindersArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// ReminderWorker works RemindersArgs; each notice is marked sent in the
// transaction that sends it, so a rerun sends nothing twice.
type ReminderWorker struct {
	river.WorkerDefaults[RemindersArgs]
	S *Service
}

// Work sends what is due now.
func (w *ReminderWorker) Work(ctx context.Context, _ *river.Job[RemindersArgs]) error {
	sent, err := w.S.SendReminders(ctx, w.S.DB.Now())
	if rerr := jobs.Result(ctx, sent); err == nil {
		err = rerr
	}
	return err
}

// SendReminders tells the electorate of newly opened decisions, reminds
// those who have not voted a day before a decision closes, and reminds
// whoever recorded an outcome when its review date comes.
func (s *Service) SendReminders(ctx context.Context, now time.Time) (Reminded, error) {
	return Reminded{}, errTodo
}
