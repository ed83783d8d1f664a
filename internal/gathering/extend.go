package gathering

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// ExtendEvery is how often the extend job runs.
const ExtendEvery = 24 * time.Hour

// ExtendArgs is the gathering.extend job: make the dates of open-ended
// recurring gatherings up to HorizonDays ahead.
type ExtendArgs struct{}

// Kind names the job.
func (ExtendArgs) Kind() string { return "gathering.extend" }

// ExtendWorker works ExtendArgs.
type ExtendWorker struct {
	river.WorkerDefaults[ExtendArgs]
	S *Service
}

// Work extends every open-ended series; running twice makes nothing twice.
func (w *ExtendWorker) Work(ctx context.Context, job *river.Job[ExtendArgs]) error {
	_, err := w.S.Extend(ctx, time.Now())
	return err
}

// Extend makes the missing dates of open-ended recurring gatherings up to
// HorizonDays after now, and reports how many it made.
func (s *Service) Extend(ctx context.Context, now time.Time) (int, error) { return 0, errTodo }
