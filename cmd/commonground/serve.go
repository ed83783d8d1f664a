package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"commonground/internal/app"
)

// serverGC sets the collector's target for a server: a page makes some
// 20 KB of short-lived garbage while the live heap is a few megabytes, so
// the default (collect when the heap doubles) collects dozens of times a
// second under load and shows in the slowest responses. Doubling the
// target keeps the idle footprint small. GOGC in the environment wins.
func serverGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// openServer parses a server command's flags and opens the app.
func openServer(ctx context.Context, name, dbDefault string, args []string, stderr io.Writer) (*app.App, app.Config, error) {
	serverGC()
	fs, s := newFlags(name, stderr, dbDefault)
	if err := parse(fs, args); err != nil {
		return nil, app.Config{}, err
	}
	cfg, err := s.config(stderr)
	if err != nil {
		return nil, cfg, err
	}
	a, err := app.Open(ctx, cfg)
	return a, cfg, err
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	a, cfg, err := openServer(ctx, "serve", "./commonground.db", args, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Serve(ctx, func(addr string) {
		cfg.Logger.Info("commonground is serving", "addr", addr, "url", cfg.BaseURL, "db", a.DB.Dialect)
	})
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	a, cfg, err := openServer(ctx, "demo", "./commonground-demo.db", args, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	d, err := a.SeedDemo(ctx)
	if err != nil {
		return err
	}
	return a.Serve(ctx, func(addr string) {
		fmt.Fprintf(stdout, "The demo collective %q is ready at %s/c/%s\n", d.Collective.Name, cfg.BaseURL, d.Collective.Slug)
		fmt.Fprintf(stdout, "Sign in as %s with the password %s\n", app.DemoEmail, app.DemoPassword)
		fmt.Fprintf(stdout, "(every other demo person, e.g. amara.okafor@demo.commonground.test, has the same password)\n")
		fmt.Fprintln(stdout, "Press Ctrl+C to stop.")
	})
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, s := newFlags("migrate", stderr, "./commonground.db")
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := app.Open(ctx, app.Config{DB: s.db, Addr: s.addr})
	if err != nil {
		return err
	}
	defer a.Close()
	fmt.Fprintln(stdout, "migrations are current")
	return nil
}
