// Package jobs runs durable background work on River, on the app's own
// database (SQLite through riversqlite, PostgreSQL through riverpgxv5), with
// River's tables created by River's own migrator when the queue opens.
//
// The shape, for features:
//
//	q, err := jobs.Open(ctx, db, jobs.Options{})       // migrates River's tables
//	jobs.Add(q, &ImportWorker{...})                     // before Start
//	q.Periodic(24*time.Hour, func() river.JobArgs { return PruneArgs{} })
//	q.Start(ctx)                                        // works jobs until Stop
//
//	// enqueue in the caller's transaction, so the job exists iff the change does
//	db.Write(ctx, func(tx *store.Tx) error {
//		id, err := q.Enqueue(ctx, tx, ImportArgs{FileID: f}, jobs.Owner{UserID: u, CollectiveID: c, Title: "Import members"})
//		...
//	})
//
//	// inside Work
//	jobs.Progress(ctx, done, total, "Importing row 40")
//	jobs.Result(ctx, map[string]int{"imported": 812})
//
//	job, err := q.Get(ctx, id)   // state, attempts, progress, result, errors, owner, times
//
// Never call Get inside db.Write: on SQLite it reads River's row through
// the single writer connection, which the enclosing transaction holds, so
// it would wait for itself forever (a deadlock). Read the job before or
// after the transaction.
//
// Upkeep jobs (sessions.prune) run on MaintenanceQueue. Servers Start and
// work every queue; a one-off process such as `commonground job prune`
// calls StartMaintenance, which works only that queue and never leads, so
// it cannot send a feature's e-mail with the command line's settings.
//
// River runs a job at least once: a job may be started again after a crash,
// a timeout or a retry, and two attempts may even overlap if one outlives
// RescueStuckJobsAfter. Every worker must therefore be idempotent: apply its
// effect keyed by something stable (the job's arguments or River's job ID)
// so a second run changes nothing the first already did.
//
// Beside River's row (the truth for state, attempts and errors) each job has
// a job_runs row written in the enqueueing transaction: who owns it, a title
// for people, its progress and its JSON result. A job can be seen by its
// owner, by stewards of its owner collective, and by instance admins;
// Handlers serve the pages and the API on top of that rule.
package jobs
