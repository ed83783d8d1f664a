package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/store"
)

// Options tune the queue; the zero value suits production.
type Options struct {
	// RescueStuckJobsAfter is how long a job may stay running before the
	// leader takes it for dead (its process crashed or was killed) and
	// schedules it again. Default 1 hour.
	RescueStuckJobsAfter time.Duration
	// JobTimeout cancels a job's context after this long. Default 30
	// minutes, never more than RescueStuckJobsAfter (River requires it, and a
	// job still running when rescued would run twice at once).
	JobTimeout time.Duration
	// Workers is how many jobs this process works at once. Default 4.
	Workers int
	// Logger receives River's logs. Default slog.Default().
	Logger *slog.Logger
	// PollInterval is how often the queue looks for new jobs when it was
	// not told of them (SQLite has no LISTEN/NOTIFY across processes).
	// Default 1 second.
	PollInterval time.Duration

	// The following are for tests in this package only.
	noLeader    bool // work jobs but never lead (no rescue, no periodic jobs)
	retryPolicy river.ClientRetryPolicy
	testOnly    bool
}

// MaintenanceQueue is the River queue of upkeep jobs (sessions.prune).
// Servers work it beside the default queue; `commonground job prune` works
// only it, so a command-line process never picks up a feature's job (an
// e-mail, a digest) that needs the server's settings.
const MaintenanceQueue = "maintenance"

// runner is what Queue needs of a working River client; Client[pgx.Tx]
// (PostgreSQL) and Client[*sql.Tx] (SQLite) both provide it.
type runner interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	JobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	PeriodicJobs() *river.PeriodicJobBundle
}

// Queue is the durable job queue of one process: a River client that works
// jobs, and one that inserts them in the app's *sql.Tx (the same client on
// SQLite; on PostgreSQL the worker runs on its own pgx pool).
type Queue struct {
	db      *store.DB
	log     *slog.Logger
	workers *river.Workers
	work    runner
	insert  *river.Client[*sql.Tx]
	pool    *pgxpool.Pool // PostgreSQL only
	started bool
	titles  map[string]string // by kind, for jobs River inserts itself

	opts      Options
	newClient func(cfg *river.Config) (runner, error) // a working client on this database
	maint     *river.Workers                          // workers of MaintenanceQueue jobs only
}

// titler is implemented by job arguments that name themselves for people.
type titler interface{ Title() string }

// Open migrates River's tables (with River's own migrator, under an
// advisory lock on PostgreSQL so instances starting together take turns)
// and builds the clients. Register workers with Add and periodic jobs with
// Periodic, then Start.
func Open(ctx context.Context, db *store.DB, opts Options) (*Queue, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	q := &Queue{db: db, log: opts.Logger, workers: river.NewWorkers(), maint: river.NewWorkers(),
		titles: map[string]string{}, opts: opts}
	cfg := q.config(opts)
	switch db.Dialect {
	case store.SQLite:
		// The writer pool has one connection: SQLite has one writer, and
		// River's inserts must share the app's transaction anyway.
		drv := riversqlite.New(db.Writer())
		if err := migrate(ctx, drv, opts.Logger); err != nil {
			return nil, err
		}
		c, err := river.NewClient(drv, cfg)
		if err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
		q.work, q.insert = c, c
		q.newClient = func(cfg *river.Config) (runner, error) { return river.NewClient(drv, cfg) }
	case store.Postgres:
		pool, err := pgxpool.New(ctx, db.DSN()) // keeps search_path from the URL
		if err != nil {
			return nil, fmt.Errorf("jobs: %w", err)
		}
		q.pool = pool
		if err := migratePostgres(ctx, db, riverpgxv5.New(pool), opts.Logger); err != nil {
			pool.Close()
			return nil, err
		}
		c, err := river.NewClient(riverpgxv5.New(pool), cfg)
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("jobs: %w", err)
		}
		ins, err := river.NewClient(riverdatabasesql.New(db.Writer()), &river.Config{
			Logger: opts.Logger, Workers: q.workers})
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("jobs: %w", err)
		}
		q.work, q.insert = c, ins
		q.newClient = func(cfg *river.Config) (runner, error) { return river.NewClient(riverpgxv5.New(pool), cfg) }
	default:
		return nil, fmt.Errorf("jobs: unknown dialect %q", db.Dialect)
	}
	return q, nil
}

func (q *Queue) config(opts Options) *river.Config {
	rescue := opts.RescueStuckJobsAfter
	if rescue <= 0 {
		rescue = time.Hour
	}
	timeout := opts.JobTimeout
	if timeout <= 0 {
		timeout = 30 * time.Minute
	}
	timeout = min(timeout, rescue)
	workers := opts.Workers
	if workers <= 0 {
		workers = 4
	}
	poll := opts.PollInterval
	if poll <= 0 {
		poll = time.Second
	}
	return &river.Config{
		Logger:  opts.Logger,
		Workers: q.workers,
		Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers},
			MaintenanceQueue: {MaxWorkers: 1}},
		RescueStuckJobsAfter:   rescue,
		JobTimeout:             timeout,
		FetchPollInterval:      poll,
		FetchCooldown:          min(100*time.Millisecond, poll),
		Middleware:             []rivertype.Middleware{&runMiddleware{q: q}},
		LeaderElectionDisabled: opts.noLeader,
		RetryPolicy:            opts.retryPolicy,
		TestOnly:               opts.testOnly,
		// Finished jobs stay visible for a while; job_runs keeps the
		// outcome after River's cleaner removes its rows.
		CompletedJobRetentionPeriod: 7 * 24 * time.Hour,
		DiscardedJobRetentionPeriod: 30 * 24 * time.Hour,
	}
}

func migrate[TTx any](ctx context.Context, drv riverdriver.Driver[TTx], log *slog.Logger) error {
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: log})
	if err != nil {
		return fmt.Errorf("jobs: river migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: river migrations: %w", err)
	}
	return nil
}

// migratePostgres runs River's migrations while holding a session advisory
// lock, so two instances starting at once do not both create the tables.
func migratePostgres(ctx context.Context, db *store.DB, drv *riverpgxv5.Driver, log *slog.Logger) error {
	conn, err := db.Writer().Conn(ctx)
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	defer conn.Close()
	const key = "SELECT hashtext('commonground.river.migrate')"
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(("+key+"))"); err != nil {
		return fmt.Errorf("jobs: migration lock: %w", err)
	}
	defer func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(("+key+"))")
	}()
	return migrate(ctx, drv, log)
}

// Add registers a worker; call it before Start. Workers of jobs whose
// InsertOpts put them on MaintenanceQueue are also the only ones
// StartMaintenance works.
func Add[T river.JobArgs](q *Queue, w river.Worker[T]) {
	river.AddWorker(q.workers, w)
	var args T
	if o, ok := any(args).(river.JobArgsWithInsertOpts); ok && o.InsertOpts().Queue == MaintenanceQueue {
		river.AddWorker(q.maint, w)
	}
}

// Periodic enqueues args() every interval (and once at start), on
// whichever instance leads; call it before Start. The job has no owner, so
// only instance admins see it. Args may have a Title() string method to
// name the job on its page.
func (q *Queue) Periodic(every time.Duration, args func() river.JobArgs) {
	a := args()
	kind := a.Kind()
	if t, ok := a.(titler); ok {
		q.titles[kind] = t.Title()
	}
	q.work.PeriodicJobs().Add(river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return args(), nil },
		// One kind may recur at several intervals (daily and weekly digests).
		&river.PeriodicJobOpts{ID: kind + "/" + every.String(), RunOnStart: true}))
}

// Start works jobs until Stop. Cancelling ctx does not stop the queue:
// shutdown goes through Stop, which lets jobs finish.
func (q *Queue) Start(ctx context.Context) error {
	if err := q.work.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	q.started = true
	return nil
}

// StartMaintenance works only MaintenanceQueue jobs, with only their
// workers, until Stop: it never fetches another queue's jobs, runs no
// periodic jobs and never leads (no rescues, retries coming due or clean-up;
// a server does those). It is for one-off processes such as the command
// line, whose settings (no SMTP, no base URL) must not touch features' jobs.
// Call it instead of Start, after registering workers.
func (q *Queue) StartMaintenance(ctx context.Context) error {
	cfg := q.config(q.opts)
	cfg.Workers = q.maint
	cfg.Queues = map[string]river.QueueConfig{MaintenanceQueue: {MaxWorkers: 1}}
	cfg.FetchOnlyKnownKinds = true
	cfg.LeaderElectionDisabled = true
	c, err := q.newClient(cfg)
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	// Get, Stop and Close use the client that works; the one built by Open
	// (and its periodic jobs) is never started in this process.
	q.work = c
	return q.Start(ctx)
}

// Stop stops fetching jobs and waits for those in flight to finish; when
// ctx ends first, it cancels them (they are retried later, as a crash would
// be) and waits a little for them to return.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.started {
		return nil
	}
	err := q.work.Stop(ctx)
	if err == nil {
		q.started = false
		return nil
	}
	hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if herr := q.work.StopAndCancel(hard); herr != nil {
		return errors.Join(err, herr)
	}
	q.started = false
	return fmt.Errorf("jobs: stopped before jobs in flight finished: %w", err)
}

// Close releases the PostgreSQL pool. Stop first.
func (q *Queue) Close() {
	if q.started {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = q.work.StopAndCancel(ctx)
		cancel()
	}
	if q.pool != nil {
		q.pool.Close()
	}
}
