package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/app"
	"commonground/internal/jobs"
)

func TestWaitJobPrintsALinePerChange(t *testing.T) {
	steps := []jobs.Job{
		{ID: 7, Title: "Import", State: "available"},
		{ID: 7, Title: "Import", State: "running", Done: 1, Total: 4, Message: "Reading"},
		{ID: 7, Title: "Import", State: "running", Done: 1, Total: 4, Message: "Reading"}, // no change: no line
		{ID: 7, Title: "Import", State: "running", Done: 3, Total: 4, Message: "Writing"},
		{ID: 7, Title: "Import", State: "completed", Attempt: 1, MaxAttempts: 25, Done: 4, Total: 4, Message: "Imported",
			Result: json.RawMessage(`{"rows":4}`)},
	}
	t.Run("OK", func(t *testing.T) {
		i := 0
		get := func(context.Context, int64) (*jobs.Job, error) { j := steps[i]; i++; return &j, nil }
		var out bytes.Buffer
		if err := waitJob(context.Background(), get, 7, &out, false, 0, false); err != nil {
			t.Fatal(err)
		}
		want := "job 7 available\n" +
			"job 7 running 1/4 (25%) Reading\n" +
			"job 7 running 3/4 (75%) Writing\n" +
			"job 7 completed 4/4 (100%) Imported\n" +
			"job 7: Import\n" +
			"  state     completed (attempt 1 of 25)\n" +
			"  progress  4 of 4 · Imported\n" +
			"  result    {\"rows\":4}\n"
		if out.String() != want {
			t.Fatalf("output:\n%s\nwant:\n%s", out.String(), want)
		}
	})
	t.Run("ErrDiscarded", func(t *testing.T) {
		get := func(context.Context, int64) (*jobs.Job, error) {
			return &jobs.Job{ID: 8, Title: "Import", State: "discarded", Attempt: 3, MaxAttempts: 3,
				Errors: []jobs.AttemptError{{Attempt: 3, Error: "file not found"}}}, nil
		}
		var out bytes.Buffer
		err := waitJob(context.Background(), get, 8, &out, false, 0, false)
		if err == nil || err.Error() != "job 8 discarded" {
			t.Fatalf("err = %v", err)
		}
		if !strings.Contains(out.String(), "error     attempt 3 at 0001-01-01T00:00:00Z: file not found") {
			t.Fatalf("output:\n%s", out.String())
		}
	})
}

func TestJobPruneAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cg.db")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"job", "prune", "--db", db, "--every", "50ms"}, &out, &errOut); code != 0 {
		t.Fatalf("prune exit %d: %s %s", code, out.String(), errOut.String())
	}
	m := regexp.MustCompile(`^job (\d+) queued\n`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("prune output:\n%s", out.String())
	}
	if !strings.Contains(out.String(), `result    {"sessions":0,"password_resets":0,"login_failures":0}`) ||
		!strings.Contains(out.String(), "state     completed (attempt 1 of 5)") {
		t.Fatalf("prune output:\n%s", out.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"job", "show", m[1], "--db", db}, &out, &errOut); code != 0 {
		t.Fatalf("show exit %d: %s", code, errOut.String())
	}
	if want := "job " + m[1] + ": Prune expired sessions\n"; !strings.HasPrefix(out.String(), want) {
		t.Fatalf("show output:\n%s", out.String())
	}
	t.Run("ErrUnknownJob", func(t *testing.T) {
		errOut.Reset()
		if code := run(context.Background(), []string{"job", "show", "999", "--db", db}, &out, &errOut); code != 1 ||
			!strings.Contains(errOut.String(), "No such job.") {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	})
}

// TestJobPruneLeavesOtherJobs: the command line works only the prune. An
// e-mail job waiting in the queue must stay waiting for a server, which has
// the SMTP settings and base URL the command line lacks, and no periodic
// job (digests) may be queued by the command line.
func TestJobPruneLeavesOtherJobs(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "cg.db")
	cfg := app.Config{DB: db, BaseURL: "http://cg.test", Logger: slog.New(slog.DiscardHandler)}
	a, err := app.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	mail, err := a.Jobs.EnqueueNow(ctx, activity.EmailArgs{NotificationID: 1}, jobs.Owner{})
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"job", "prune", "--db", db, "--every", "50ms"}, &out, &errOut); code != 0 {
		t.Fatalf("prune exit %d: %s %s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "state     completed (attempt 1 of 5)") {
		t.Fatalf("prune output:\n%s", out.String())
	}
	a, err = app.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	j, err := a.Jobs.Get(ctx, mail)
	if err != nil {
		t.Fatal(err)
	}
	if j.Kind != "notify.email" || j.State != "available" || j.Attempt != 0 || len(j.Errors) != 0 {
		t.Fatalf("e-mail job after prune = %+v", j)
	}
	var kinds []string
	if err := a.DB.Select(ctx, &kinds, "SELECT kind FROM river_job ORDER BY id"); err != nil {
		t.Fatal(err)
	}
	if strings.Join(kinds, ",") != "notify.email,sessions.prune" {
		t.Fatalf("river_job kinds = %v, want the e-mail and the prune only", kinds)
	}
}
