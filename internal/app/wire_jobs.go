package app

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/errs"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// pruneEvery is how often sessions.prune runs by itself.
const pruneEvery = 24 * time.Hour

// wireJobs opens the durable job queue (River) on the app's database,
// registers the jobs every instance can work, and the job pages and API.
func (a *App) wireJobs(ctx context.Context) error {
	q, err := jobs.Open(ctx, a.DB, jobs.Options{Logger: a.Log})
	if err != nil {
		return err
	}
	a.Jobs = q
	jobs.Add(q, &jobs.PruneWorker{DB: a.DB})
	q.Periodic(pruneEvery, func() river.JobArgs { return jobs.PruneArgs{} })
	(&jobs.Handlers{Q: q, Web: a.Web, StewardOf: a.stewardOf}).Register()
	return nil
}

// stewardOf tells whether the signed-in person stewards collective id,
// through the collective service's access check (which is cached).
func (a *App) stewardOf(ctx context.Context, id int64) (bool, error) {
	var slug string
	if err := a.DB.Get(ctx, &slug, "SELECT slug FROM collectives WHERE id = ?", id); store.NotFound(err) {
		return false, nil // gone: nobody stewards it
	} else if err != nil {
		// A failing database is not "not a steward": that would answer 404.
		return false, fmt.Errorf("jobs: steward of collective %d: %w", id, err)
	}
	acc, err := a.Collectives.Access(ctx, slug)
	if errs.Is(err, errs.NotFound) || errs.Is(err, errs.Unauthorized) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return acc.IsSteward(), nil
}

// StartJobs starts working jobs; Serve calls it, tests that need jobs too.
func (a *App) StartJobs(ctx context.Context) error {
	if a.Jobs == nil {
		return nil
	}
	return a.Jobs.Start(ctx)
}

// StopJobs lets jobs in flight finish, until ctx ends; then it cancels
// them, and River runs them again on the next start.
func (a *App) StopJobs(ctx context.Context) error {
	if a.Jobs == nil {
		return nil
	}
	return a.Jobs.Stop(ctx)
}

func (a *App) closeJobs() {
	if a.Jobs != nil {
		a.Jobs.Close()
	}
}
