package app

import (
	"context"

	"github.com/riverqueue/river"

	"commonground/internal/activity"
	"commonground/internal/jobs"
	"commonground/internal/mandate"
	"commonground/internal/store"
)

// wireMandates builds the mandate service on the decision service and
// registers its close hook (a consent outcome grants, renews or revokes a
// mandate) and its cancel hook (a cancelled decision settles nothing), the
// hourly rotation job, and its pages and API.
func (a *App) wireMandates() {
	a.Mandates = &mandate.Service{DB: a.DB, Collectives: a.Collectives, Decisions: a.Decisions}
	a.Decisions.OnClose = append(a.Decisions.OnClose, a.Mandates.DecisionClosed)
	a.Decisions.OnCancel = append(a.Decisions.OnCancel, a.Mandates.DecisionCancelled)
	// The notifier is wired after this, so the call looks it up when sent.
	a.Mandates.Notify = func(ctx context.Context, tx *store.Tx, n activity.Notice) error {
		if a.Notifier == nil {
			return nil
		}
		return a.Notifier.Notify(ctx, tx, n)
	}
	if q := a.Jobs; q != nil {
		jobs.Add(q, &mandate.RotationWorker{S: a.Mandates})
		q.Periodic(mandate.RotateEvery, func() river.JobArgs { return mandate.RotationArgs{} })
	}
	(&mandate.Handlers{S: a.Mandates, Collectives: a.Collectives, Web: a.Web}).Register()
}
