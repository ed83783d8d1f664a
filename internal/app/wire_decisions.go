package app

import (
	"context"

	"github.com/riverqueue/river"

	"commonground/internal/activity"
	"commonground/internal/decision"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// wireDecisions builds the decision service, its jobs (opening and closing
// on time, reminders) and its pages and API. Other features react to a
// decision closing through hooks registered on a.Decisions.OnClose (see
// wireMandates).
func (a *App) wireDecisions() {
	a.Decisions = &decision.Service{DB: a.DB, Collectives: a.Collectives}
	// The notifier is wired after this, so the call looks it up when sent.
	a.Decisions.Notify = func(ctx context.Context, tx *store.Tx, n activity.Notice) error {
		if a.Notifier == nil {
			return nil
		}
		return a.Notifier.Notify(ctx, tx, n)
	}
	if q := a.Jobs; q != nil {
		jobs.Add(q, &decision.CloseWorker{S: a.Decisions})
		q.Periodic(decision.CloseEvery, func() river.JobArgs { return decision.CloseArgs{} })
		jobs.Add(q, &decision.ReminderWorker{S: a.Decisions})
		q.Periodic(decision.RemindEvery, func() river.JobArgs { return decision.RemindersArgs{} })
	}
	(&decision.Handlers{S: a.Decisions, Collectives: a.Collectives, Web: a.Web}).Register()
}
