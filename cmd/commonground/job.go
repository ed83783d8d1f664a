package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"commonground/internal/app"
	"commonground/internal/jobs"
)

// runJob shows a background job, waits for one, or runs the prune job.
func runJob(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "show" && args[0] != "wait" && args[0] != "prune") {
		return errors.New("say what to do: commonground job show ID | job wait ID | job prune")
	}
	sub := args[0]
	fs, s := newFlags("job "+sub, stderr, "./commonground.db")
	every := fs.Duration("every", time.Second, "how often wait polls the job")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	cfg, err := s.config(stderr)
	if err != nil {
		return err
	}
	// River's start and stop notices are noise on a terminal.
	if s.logLevel != "debug" {
		cfg.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	var id int64
	if sub != "prune" {
		if fs.NArg() != 1 {
			return fmt.Errorf("say which job: commonground job %s ID", sub)
		}
		if id, err = strconv.ParseInt(fs.Arg(0), 10, 64); err != nil || id <= 0 {
			return fmt.Errorf("%q is not a job ID", fs.Arg(0))
		}
	}
	a, err := app.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	switch sub {
	case "show":
		j, err := a.Jobs.Get(ctx, id)
		if err != nil {
			return err
		}
		printJob(stdout, j)
		return nil
	case "prune":
		// This process works the prune itself, so it finishes even when no
		// server is running; with servers running, whichever is free runs
		// it. It works only the maintenance queue: features' jobs (e-mails,
		// digests) need the server's settings, which the command line lacks.
		if err := a.Jobs.StartMaintenance(ctx); err != nil {
			return err
		}
		defer func() {
			stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
			defer cancel()
			_ = a.StopJobs(stopCtx)
		}()
		if id, err = a.Jobs.EnqueueNow(ctx, jobs.PruneArgs{}, jobs.Owner{Title: "Prune expired sessions"}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "job %d queued\n", id)
		return waitJob(ctx, a.Jobs.Get, id, stdout, isTerminal(stdout), *every, true)
	}
	return waitJob(ctx, a.Jobs.Get, id, stdout, isTerminal(stdout), *every, false)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// waitJob polls job id until it ends, showing progress as a bar on a
// terminal and as one line per change elsewhere (logs, pipes). It fails
// when the job did not complete. With noRetries it also stops when an
// attempt failed or the job waits for a later time: this process does not
// lead, so only a running server would bring the job back.
func waitJob(ctx context.Context, get func(context.Context, int64) (*jobs.Job, error), id int64, out io.Writer, tty bool, every time.Duration, noRetries bool) error {
	var bar *progressbar.ProgressBar
	last := ""
	for {
		j, err := get(ctx, id)
		if err != nil {
			return err
		}
		if tty {
			bar = showBar(bar, out, j)
		} else if line := progressLine(j); line != last {
			fmt.Fprintln(out, line)
			last = line
		}
		if j.Finished() {
			if bar != nil {
				_ = bar.Finish()
				fmt.Fprintln(out)
			}
			printJob(out, j)
			if j.Failed() {
				return fmt.Errorf("job %d %s", j.ID, j.State)
			}
			return nil
		}
		if noRetries && (j.State == "retryable" || j.State == "scheduled") {
			if bar != nil {
				fmt.Fprintln(out)
			}
			printJob(out, j)
			return fmt.Errorf("job %d %s: a running server will retry it; follow it with: commonground job wait %d", j.ID, j.State, j.ID)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(every):
		}
	}
}

func showBar(bar *progressbar.ProgressBar, out io.Writer, j *jobs.Job) *progressbar.ProgressBar {
	total := j.Total
	if total <= 0 {
		total = -1 // a spinner until the job says how much there is
	}
	if bar == nil {
		bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(out), progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	} else if bar.GetMax64() != total {
		bar.ChangeMax64(total)
	}
	bar.Describe(fmt.Sprintf("job %d %s %s", j.ID, j.State, j.Message))
	_ = bar.Set64(j.Done)
	return bar
}

// progressLine is one line of progress for logs and pipes.
func progressLine(j *jobs.Job) string {
	s := fmt.Sprintf("job %d %s", j.ID, j.State)
	if j.Total > 0 {
		s += fmt.Sprintf(" %d/%d (%d%%)", j.Done, j.Total, j.Percent())
	}
	if j.Message != "" {
		s += " " + j.Message
	}
	return s
}

func printJob(out io.Writer, j *jobs.Job) {
	fmt.Fprintf(out, "job %d: %s\n", j.ID, j.Title)
	fmt.Fprintf(out, "  state     %s (attempt %d of %d)\n", j.State, j.Attempt, j.MaxAttempts)
	fmt.Fprintf(out, "  progress  %d of %d", j.Done, j.Total)
	if j.Message != "" {
		fmt.Fprintf(out, " · %s", j.Message)
	}
	fmt.Fprintln(out)
	if len(j.Result) > 0 {
		fmt.Fprintf(out, "  result    %s\n", j.Result)
	}
	for _, e := range j.Errors {
		fmt.Fprintf(out, "  error     attempt %d at %s: %s\n", e.Attempt, e.At.Format(time.RFC3339), e.Error)
	}
}
