// Package app builds the store, the services and the routes from the
// configuration. It is the only place that knows every feature.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/commitment"
	"commonground/internal/decision"
	"commonground/internal/gathering"
	"commonground/internal/jobs"
	"commonground/internal/mandate"
	"commonground/internal/measure"
	"commonground/internal/people"
	"commonground/internal/purpose"
	"commonground/internal/store"
	"commonground/internal/web"
)

// Config is everything the command line sets.
type Config struct {
	DB             string // SQLite path or postgres:// URL
	Addr           string // listen address
	BaseURL        string // public URL, for links and Secure cookies
	TrustedProxies []netip.Prefix
	Logger         *slog.Logger
	SMTP           SMTP // empty Host: mail is written to the log
}

// SMTP is how e-mail leaves the server.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string // the sender address, e.g. "commonground <cg@example.org>"
	TLS      string // "starttls" (default), "tls" (implicit, port 465) or "none"
}

// App is a wired instance: database, services and HTTP routes.
type App struct {
	Config      Config
	DB          *store.DB
	Web         *web.Server
	Auth        *auth.Service
	Collectives *collective.Service
	Purpose     *purpose.Service
	Measure     *measure.Service
	People      *people.Service
	Commitments *commitment.Service
	Decisions   *decision.Service
	Mandates    *mandate.Service
	Gatherings  *gathering.Service
	Jobs        *jobs.Queue
	Notifier    *activity.Notifier
	Log         *slog.Logger
}

// Open connects to the database, applies migrations and wires everything.
func Open(ctx context.Context, cfg Config) (*App, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + cfg.Addr
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	a, err := Wire(ctx, cfg, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// Wire builds the services and routes on an open, migrated database.
func Wire(ctx context.Context, cfg Config, db *store.DB) (*App, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	secret, err := instanceSecret(ctx, db)
	if err != nil {
		return nil, err
	}
	a := &App{Config: cfg, DB: db, Log: log}
	mailer := a.mailer()
	a.Web = web.New(web.Config{BaseURL: cfg.BaseURL, TrustedProxies: cfg.TrustedProxies, Logger: log,
		SessionStore: auth.NewSessionStore(db), Secret: secret}, db)
	if err := a.wireJobs(ctx); err != nil {
		return nil, err
	}
	a.Collectives = &collective.Service{DB: db, Mailer: mailer, BaseURL: cfg.BaseURL, Log: log}
	a.Auth = &auth.Service{DB: db, Mailer: mailer, BaseURL: cfg.BaseURL, Log: log,
		BeforeDelete: []func(context.Context, *store.Tx, int64) error{a.Collectives.BeforeAccountDelete},
		OnNameChange: []func(context.Context, int64, string) error{a.Collectives.SyncName},
		Exporters:    map[string]func(context.Context, int64) (any, error){"memberships": a.Collectives.ExportMemberships},
	}
	a.Web.Before = a.Auth.Before
	a.Web.Load = a.Auth.Middleware(a.Web.Sessions)
	authHandlers := &auth.Handlers{S: a.Auth, Web: a.Web, InvitationValid: a.Collectives.ValidInvitationPath}
	authHandlers.Register()
	(&collective.Handlers{S: a.Collectives, Web: a.Web}).Register()
	a.Purpose = &purpose.Service{DB: db}
	(&purpose.Handlers{S: a.Purpose, Collectives: a.Collectives, Web: a.Web}).Register()
	a.Measure = &measure.Service{DB: db, Collectives: a.Collectives}
	(&measure.Handlers{S: a.Measure, Collectives: a.Collectives, Web: a.Web}).Register()
	a.wirePeople()
	a.wireCommitments()
	a.wireDecisions()
	a.wireMandates()
	a.wireGatherings()
	a.wireActivity()
	a.wireNotifications()
	a.routeHealth()
	return a, nil
}

func (a *App) routeHealth() {
	a.Web.Handle(web.Route{Pattern: "GET /healthz", Kind: "health", Public: true}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	}))
	a.Web.Handle(web.Route{Pattern: "GET /readyz", Kind: "health", Public: true}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := a.DB.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unreachable\n"))
			return
		}
		if pending, err := a.DB.Pending(ctx); err != nil || pending {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("migrations pending\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	}))
}

// Close releases the job queue and the database.
func (a *App) Close() error {
	a.closeJobs()
	auth.WaitTouches()
	return a.DB.Close()
}

// Serve listens on the configured address until ctx ends, then lets
// requests in flight finish (up to 20 s).
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.Config.Addr, err)
	}
	srv := &http.Server{
		Handler:           a.Web.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	if err := a.StartJobs(ctx); err != nil {
		ln.Close()
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		a.StopJobs(context.Background())
		return err
	case <-ctx.Done():
	}
	// Requests and jobs in flight get 20 s to finish, side by side.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	jobsDone := make(chan error, 1)
	go func() { jobsDone <- a.StopJobs(shutdownCtx) }()
	err = srv.Shutdown(shutdownCtx)
	if jerr := <-jobsDone; jerr != nil {
		a.Log.Warn("jobs did not stop cleanly", "err", jerr)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
