package app

import (
	"context"

	"github.com/riverqueue/river"

	"commonground/internal/activity"
	"commonground/internal/commitment"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// wireCommitments builds the commitment service on the measure service (a
// commitment may serve a goal or an indicator, and the indicator page lists
// the commitments toward it), registers the hourly reminders job and its
// pages and API.
func (a *App) wireCommitments() {
	a.Commitments = &commitment.Service{DB: a.DB, Collectives: a.Collectives, Measure: a.Measure}
	a.Measure.Sources = append(a.Measure.Sources, a.Commitments)
	a.Measure.BeforeGoalDelete = append(a.Measure.BeforeGoalDelete, a.Commitments.BeforeGoalDelete)
	// Reminders go through the notifier, which is wired after this, so the
	// call looks it up when a reminder is sent.
	a.Commitments.Notify = func(ctx context.Context, tx *store.Tx, n activity.Notice) error {
		if a.Notifier == nil {
			return nil
		}
		return a.Notifier.Notify(ctx, tx, n)
	}
	if q := a.Jobs; q != nil {
		jobs.Add(q, &commitment.ReminderWorker{S: a.Commitments})
		q.Periodic(commitment.RemindEvery, func() river.JobArgs { return commitment.RemindersArgs{} })
	}
	(&commitment.Handlers{S: a.Commitments, Collectives: a.Collectives, Web: a.Web}).Register()
}
