package app

import (
	"context"

	"commonground/internal/activity"
	"commonground/internal/jobs"
	"commonground/internal/people"
	"commonground/internal/store"
)

// wirePeople builds the people service on the job queue (groupings run as
// jobs), registers the groupings worker, the account hooks and the pages
// and API.
func (a *App) wirePeople() {
	a.People = &people.Service{DB: a.DB, Collectives: a.Collectives}
	if a.Jobs != nil {
		// Only a real queue: a nil *jobs.Queue in the interface would not
		// compare equal to nil, and StartGrouping would enqueue on it.
		a.People.Queue = a.Jobs
		jobs.Add(a.Jobs, &people.GroupingWorker{S: a.People})
	}
	// An import tells each person it filled in. The notifier is wired
	// after this, so the call looks it up when an import runs.
	a.People.Notify = func(ctx context.Context, tx *store.Tx, n activity.Notice) error {
		if a.Notifier == nil {
			return nil
		}
		return a.Notifier.Notify(ctx, tx, n)
	}
	// A deleted account's profile and photo go with it; a person's export
	// of their data holds their profile, values and answers.
	a.Auth.BeforeDelete = append(a.Auth.BeforeDelete, a.People.BeforeAccountDelete)
	a.Auth.Exporters["people"] = a.People.ExportPersonal
	(&people.Handlers{S: a.People, Collectives: a.Collectives, Web: a.Web}).Register()
}
