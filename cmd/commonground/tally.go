package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"commonground/internal/vote"
)

// tallyMethods are the methods `tally` counts, in the order help lists
// them, with the form of ballot each reads.
var tallyMethods = []struct {
	name string
	kind vote.Kind
}{
	{"majority", vote.KindSingle},
	{"approval", vote.KindApproval},
	{"score", vote.KindScored},
	{"dot", vote.KindScored},
	{"borda", vote.KindRanked},
	{"irv", vote.KindRanked},
	{"stv", vote.KindRanked},
	{"schulze", vote.KindRanked},
}

// tallyFlagMethods says which methods each method-specific flag belongs
// to. A flag given to another method is refused, not ignored, so nobody
// believes a --dots limit was checked on an IRV count.
var tallyFlagMethods = map[string][]string{
	"seats":       {"approval", "score", "dot", "borda", "stv"},
	"score-range": {"score"},
	"dots":        {"dot"},
	"quorum":      {"majority"},
	"threshold":   {"majority"},
	"stv-rules":   {"stv"},
}

// tallyRequest is a checked command line: everything needed to read the
// ballots and count them.
type tallyRequest struct {
	method     string
	kind       vote.Kind
	file       string // "-" for standard input
	format     string
	opts       vote.ParseOptions
	majority   vote.MajorityOptions
	rules      vote.STVRules
	scoreRange bool // --score-range given (ScoreMin/ScoreMax hold it)
}

func runTally(_ context.Context, args []string, stdout, stderr io.Writer) error {
	req, err := tallyArgs(args, stderr)
	if err != nil {
		return err
	}
	interruptible()
	e, err := req.read()
	if err != nil {
		return err
	}
	if n := len(e.Candidates); req.opts.Seats > n {
		list := strings.Join(e.Candidates, ", ")
		if req.opts.Candidates == nil {
			return fmt.Errorf("--seats %d is more than the %s the ballots name (%s); list every candidate with --candidates",
				req.opts.Seats, tallyPlural(n, "candidate"), list)
		}
		return fmt.Errorf("--seats %d is more than the %s (%s)", req.opts.Seats, tallyPlural(n, "candidate"), list)
	}
	r, err := req.count(e)
	if err != nil {
		return err
	}
	rep := newTallyReport(req, e, r)
	var out bytes.Buffer // written whole, so a failure leaves no half report
	if req.format == "json" {
		err = rep.writeJSON(&out)
	} else {
		err = rep.writeText(&out)
	}
	if err != nil {
		return err
	}
	_, err = stdout.Write(out.Bytes())
	return err
}

// tallyArgs reads and checks the flags. Every fault of the command line
// is found here, before the ballots are opened.
func tallyArgs(args []string, stderr io.Writer) (*tallyRequest, error) {
	fs := flag.NewFlagSet("commonground tally", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		method, file, candidates, scoreRange, threshold, rules, format string
		seats                                                          int
		dots, quorum                                                   int64
		seed                                                           uint64
	)
	fs.StringVar(&method, "method", "", "majority, approval, score, dot, borda, irv, stv or schulze")
	fs.StringVar(&file, "ballots", "", "the ballot file (CSV, no header; - for standard input)")
	fs.IntVar(&seats, "seats", 1, "winners wanted (approval, score, dot, borda, stv)")
	fs.StringVar(&candidates, "candidates", "", "comma-separated candidates, fixing their set and order (default: as first seen)")
	fs.StringVar(&scoreRange, "score-range", "", "the allowed scores, MIN-MAX, e.g. 0-5 (score)")
	fs.Int64Var(&dots, "dots", 0, "dots each ballot may give in all; 0 for no limit (dot)")
	fs.Int64Var(&quorum, "quorum", 0, "fewest ballots for the vote to decide (majority)")
	fs.StringVar(&threshold, "threshold", "", "share the leader must exceed: 50%, 2/3, 66.7%; prefix >= for \"at least\" (majority; default more than 50%)")
	fs.StringVar(&rules, "stv-rules", "meek", "meek or wigm (stv)")
	fs.Uint64Var(&seed, "seed", 0, "seed of the lot that breaks ties no rule can")
	fs.StringVar(&format, "format", "text", "text or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: commonground tally --method M --ballots FILE [flags]")
		fmt.Fprintln(stderr, "\nCounts a vote from a ballot file and explains the result; see docs/tally.md.")
		fmt.Fprintln(stderr, "Ballot lines start with a count: ranked 3,C>A=B>D; approval 3,A;B; score and dot 3,A=5;B=3; majority 3,A.")
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q: give the file with --ballots", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	req := &tallyRequest{method: method, file: file, format: format}
	found := false
	var names []string
	for _, m := range tallyMethods {
		names = append(names, m.name)
		if m.name == method {
			req.kind, found = m.kind, true
		}
	}
	switch {
	case method == "":
		return nil, fmt.Errorf("--method is required: one of %s", strings.Join(names, ", "))
	case !found:
		return nil, fmt.Errorf("unknown --method %q: want one of %s", method, strings.Join(names, ", "))
	}
	for _, name := range []string{"seats", "score-range", "dots", "quorum", "threshold", "stv-rules"} {
		if set[name] && !tallyHas(tallyFlagMethods[name], method) {
			return nil, fmt.Errorf("--%s does not apply to --method %s (it is for %s)",
				name, method, strings.Join(tallyFlagMethods[name], ", "))
		}
	}
	if file == "" {
		return nil, errors.New("--ballots is required: a ballot file, or - for standard input")
	}
	if format != "text" && format != "json" {
		return nil, fmt.Errorf("--format %q: want text or json", format)
	}
	if seats < 1 {
		return nil, fmt.Errorf("--seats must be at least 1, got %d", seats)
	}
	if dots < 0 {
		return nil, fmt.Errorf("--dots must be 0 (no limit) or more, got %d", dots)
	}
	if quorum < 0 {
		return nil, fmt.Errorf("--quorum must be 0 (none) or more, got %d", quorum)
	}
	// STV needs a strict order; the parser says so with the line
	req.opts = vote.ParseOptions{Seats: seats, Seed: seed, MaxDots: dots, Strict: method == "stv"}
	if set["candidates"] {
		list, err := tallyCandidates(candidates)
		if err != nil {
			return nil, err
		}
		req.opts.Candidates = list
	}
	if set["score-range"] {
		lo, hi, err := tallyScoreRange(scoreRange)
		if err != nil {
			return nil, err
		}
		req.opts.ScoreMin, req.opts.ScoreMax, req.scoreRange = lo, hi, true
	}
	if set["threshold"] {
		num, den, atLeast, err := tallyThreshold(threshold)
		if err != nil {
			return nil, err
		}
		req.majority.ThresholdNum, req.majority.ThresholdDen, req.majority.AtLeast = num, den, atLeast
	}
	req.majority.Quorum = quorum
	switch rules {
	case "meek":
		req.rules = vote.STVMeek
	case "wigm":
		req.rules = vote.STVWIGM
	default:
		return nil, fmt.Errorf("--stv-rules %q: want meek or wigm", rules)
	}
	return req, nil
}

func tallyPlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func tallyHas(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// read parses the ballot file. Faults are named by file and line:
// "ballots.csv: line 3: unknown candidate "X"".
func (req *tallyRequest) read() (*vote.Election, error) {
	var r io.Reader
	name := req.file
	if req.file == "-" {
		r, name = stdin, "standard input"
	} else {
		f, err := os.Open(req.file)
		if err != nil {
			return nil, fmt.Errorf("cannot read the ballots: %w", err)
		}
		defer f.Close()
		r = f
	}
	e, err := vote.Parse(r, req.kind, req.opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// A third field names a chamber; counting the chambers together
	// would quietly answer a different question than a two-chamber vote.
	for _, b := range e.Ballots {
		if b.Chamber != "" {
			return nil, fmt.Errorf("%s: ballots name a chamber (%q, a third field); tally counts one body of voters: split the file by chamber", name, b.Chamber)
		}
	}
	return e, nil
}

// count runs the method.
func (req *tallyRequest) count(e *vote.Election) (*vote.Result, error) {
	switch req.method {
	case "majority":
		return vote.Majority(e, req.majority)
	case "approval":
		return vote.Approval(e)
	case "score":
		return vote.Score(e)
	case "dot":
		return vote.Dot(e, req.opts.MaxDots)
	case "borda":
		return vote.Borda(e)
	case "irv":
		return vote.IRV(e)
	case "stv":
		return vote.STV(e, vote.STVOptions{Rules: req.rules})
	case "schulze":
		return vote.Schulze(e)
	}
	return nil, fmt.Errorf("unknown method %q", req.method) // tallyArgs let it through: a bug
}
