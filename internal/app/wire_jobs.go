package app

import "context"

// wireJobs opens the durable job queue (River) on the app's database.
func (a *App) wireJobs(ctx context.Context) error { return nil }

// StartJobs starts working jobs; Serve calls it, tests that need jobs too.
func (a *App) StartJobs(ctx context.Context) error { return nil }

// StopJobs lets jobs in flight finish, until ctx ends.
func (a *App) StopJobs(ctx context.Context) error { return nil }

func (a *App) closeJobs() {}
