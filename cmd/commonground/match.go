package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"commonground/internal/assign"
)

// matchRequest is a checked `match` command line.
type matchRequest struct {
	scores, capacities, fixed, forbid string // paths; fixed and forbid may be ""
	format                            string
	timings                           bool
}

// matchCertify checks every answer before it is printed; a test replaces
// it to see that a failed check prints nothing.
var matchCertify = assign.Certify

// progressTerminal says whether standard error is a terminal, where
// `match` and `circles` show progress; tests replace it to see the bars.
var progressTerminal = isTerminal

func runMatch(_ context.Context, args []string, stdout, stderr io.Writer) error {
	req, err := matchArgs(args, stderr)
	if err != nil {
		return err
	}
	interruptible()
	bars := networkBarsFor(stderr, progressTerminal(stderr), req.scores, req.capacities, req.fixed, req.forbid)
	defer bars.done()
	start := time.Now()
	p, err := req.read(bars)
	if err != nil {
		return err
	}
	read := time.Now()
	stage := bars.stages("")
	progress := func(done, total int) {
		if stage != nil {
			stage("matching mentees", done, total)
		}
	}
	progress(0, len(p.Mentees)) // the bar shows from the start, not after the first report
	solver, err := assign.NewSolver(p, progress)
	if err != nil {
		// the parser has checked the files line by line; what the solver
		// still refuses is the scores taken together (too large a sum)
		return fmt.Errorf("%s: %s", req.scores, strings.TrimPrefix(err.Error(), "assign: "))
	}
	sol := solver.Solution()
	solved := time.Now()
	if stage != nil {
		stage("checking the certificate", 0, 0)
	}
	// No answer is printed that its own dual prices do not prove optimal:
	// a failure here is a bug in the engine, never in the input.
	if err := matchCertify(p, sol); err != nil {
		return fmt.Errorf("internal error: the answer failed its optimality check: %w", err)
	}
	certified := time.Now()
	var out bytes.Buffer // written whole, so a failure leaves no half report
	if req.format == "json" {
		matchJSON(&out, p, sol)
	} else {
		req.text(&out, p, sol)
	}
	bars.done()
	if _, err := stdout.Write(out.Bytes()); err != nil {
		return err
	}
	if req.timings {
		fmt.Fprintf(stderr, "commonground match: read %.3f s, solve %.3f s, certify %.3f s, write %.3f s\n",
			read.Sub(start).Seconds(), solved.Sub(read).Seconds(), certified.Sub(solved).Seconds(), time.Since(certified).Seconds())
	}
	return nil
}

// matchArgs reads and checks the flags, before any file is opened.
func matchArgs(args []string, stderr io.Writer) (*matchRequest, error) {
	fs := flag.NewFlagSet("commonground match", flag.ContinueOnError)
	fs.SetOutput(stderr)
	req := &matchRequest{}
	fs.StringVar(&req.scores, "scores", "", "the allowed pairs: CSV with a header mentee,mentor,score")
	fs.StringVar(&req.capacities, "capacities", "", "every mentor and how many mentees it takes: CSV with a header mentor,capacity")
	fs.StringVar(&req.fixed, "fixed", "", "pairs that must be made: CSV with a header mentee,mentor (optional)")
	fs.StringVar(&req.forbid, "forbid", "", "pairs that must not be made, such as declines: CSV with a header mentee,mentor (optional)")
	fs.StringVar(&req.format, "format", "text", "text or json")
	fs.BoolVar(&req.timings, "timings", false, "after the answer, write the time spent reading, solving, certifying and writing to standard error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: commonground match --scores SCORES.csv --capacities CAPACITIES.csv [--fixed FIXED.csv] [--forbid FORBID.csv] [--format text|json]")
		fmt.Fprintln(stderr, "\nMatches mentees to mentors so that the total score is as high as it can be, within each")
		fmt.Fprintln(stderr, "mentor's capacity, and proves the answer optimal; see docs/matching.md.")
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q: give the files with --scores and --capacities", fs.Arg(0))
	case req.scores == "":
		return nil, errors.New("--scores is required: the allowed pairs and their scores (CSV with a header mentee,mentor,score)")
	case req.capacities == "":
		return nil, errors.New("--capacities is required: every mentor and its capacity (CSV with a header mentor,capacity)")
	case req.format != "text" && req.format != "json":
		return nil, fmt.Errorf("--format %q: want text or json", req.format)
	}
	return req, nil
}

// read opens the files and parses the problem. The engine names a fault
// by the file's role ("scores: line 3: ..."); it is reported here by the
// path given ("data/scores.csv: line 3: ...").
func (req *matchRequest) read(bars *networkBars) (*assign.Problem, error) {
	paths := map[string]string{"scores": req.scores, "capacities": req.capacities, "fixed": req.fixed, "forbid": req.forbid}
	readers := map[string]io.Reader{}
	for _, role := range []string{"scores", "capacities", "fixed", "forbid"} {
		path := paths[role]
		if path == "" {
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read the %s file: %w", role, err)
		}
		defer f.Close()
		readers[role] = &countingReader{r: f, progress: bars.reading(path)}
	}
	p, err := assign.ParseProblem(readers["scores"], readers["capacities"], readers["fixed"], readers["forbid"])
	if err != nil {
		var fe *assign.FileError
		if errors.As(err, &fe) && paths[fe.File] != "" {
			fe.File = paths[fe.File]
		}
		return nil, err
	}
	return p, nil
}

// interruptible gives Ctrl-C and SIGTERM back their default effect, which
// main's handler (there for the server's clean shutdown) holds back: the
// engine cannot be stopped midway, and these commands write nothing until
// the end, so ending the process at once loses nothing.
func interruptible() { signal.Reset(os.Interrupt, syscall.SIGTERM) }

// countingReader tells progress how many bytes have been read.
type countingReader struct {
	r        io.Reader
	n        int64
	progress func(read int64)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	if c.progress != nil && n > 0 {
		c.progress(c.n)
	}
	return n, err
}
