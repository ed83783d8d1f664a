package gathering

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/store"
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
// HorizonDays after now, and reports how many it made. Each series is
// extended in its own short transaction, so one broken rule does not hold
// back the others (its error is reported after the rest are done). Dates
// before now are not made again: a date an edit removed stays removed.
func (s *Service) Extend(ctx context.Context, now time.Time) (int, error) {
	var ids []int64
	if err := s.DB.Select(ctx, &ids, `SELECT id FROM gatherings WHERE status = 'planned' AND rrule <> '' ORDER BY id`); err != nil {
		return 0, err
	}
	made := 0
	var firstErr error
	for _, id := range ids {
		var n int
		err := s.DB.Write(ctx, func(tx *store.Tx) error {
			var err error
			n, err = extendOne(ctx, tx, id, now)
			return err
		})
		if err == nil {
			made += n
		} else if firstErr == nil {
			firstErr = err
		}
	}
	return made, firstErr
}

// extendOne makes one series' missing dates inside tx. It takes the
// gathering's row lock first and reads the series again under it, so an
// edit committing meanwhile is either seen whole (its rule is extended) or
// waits for this: dates are never made from a rule just replaced.
func extendOne(ctx context.Context, tx *store.Tx, id int64, now time.Time) (int, error) {
	if _, err := tx.Exec(ctx, "UPDATE gatherings SET version = version WHERE id = ?", id); err != nil {
		return 0, err
	}
	var g Gathering
	err := tx.Get(ctx, &g, "SELECT "+gatheringCols+gatheringFrom+" WHERE g.id = ?", id)
	if store.NotFound(err) {
		return 0, nil // deleted meanwhile
	}
	if err != nil {
		return 0, err
	}
	g.utc()
	if g.Status != Planned || g.RRule == "" {
		return 0, nil // cancelled or made single meanwhile
	}
	rule, err := ruleOf(&g)
	if err != nil {
		return 0, err
	}
	if bounded(rule) {
		return 0, nil // all its dates were made when it was planned
	}
	return makeDatesAt(ctx, tx, &g, now, now)
}
