package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"commonground/internal/assign"
)

// circlesRequest is a checked `circles` command line.
type circlesRequest struct {
	instance, people string // one of the two
	size             int
	weights          map[string]float64
	weightOrder      []string // as given, for the report
	seconds          float64
	iterations       int
	seed             uint64
	target           float64
	format           string
	timings          bool
	defaulted        bool // neither --seconds nor --iterations: circlesDefault
}

// With neither --seconds nor --iterations, the search runs the engine's
// default rounds, which repeat exactly, but stops at circlesDefaultSeconds
// when they would take longer (about 6 s for 240 items on the project's
// 2-core machine, over 10 minutes for 480), so nobody waits long on a default.
const circlesDefaultSeconds = 10

// circlesPeople is a people file as read: its header, rows and the line
// each row stood on.
type circlesPeople struct {
	header []string
	rows   [][]string
	lines  []int
}

func runCircles(_ context.Context, args []string, stdout, stderr io.Writer) error {
	req, err := circlesArgs(args, stderr)
	if err != nil {
		return err
	}
	interruptible()
	start := time.Now()
	c, people, err := req.read()
	if err != nil {
		return err
	}
	read := time.Now()
	bar := newCirclesBar(stderr, progressTerminal(stderr), req)
	g, err := assign.SolveCircles(c, assign.CircleOptions{Seed: req.seed, Iterations: req.iterations,
		Deadline: time.Duration(req.seconds * float64(time.Second)), Target: req.target, Progress: bar.progress()})
	bar.done()
	if err != nil {
		return fmt.Errorf("%s: %w", req.file(), err)
	}
	searched := time.Now()
	res := newCirclesResult(req, c, people, g, searched.Sub(read))
	var out bytes.Buffer // written whole, so a failure leaves no half report
	if req.format == "json" {
		res.json(&out)
	} else {
		res.text(&out)
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		return err
	}
	if req.timings {
		fmt.Fprintf(stderr, "commonground circles: read %.3f s, search %.3f s, write %.3f s\n",
			read.Sub(start).Seconds(), searched.Sub(read).Seconds(), time.Since(searched).Seconds())
	}
	return nil
}

// circlesArgs reads and checks the flags, before any file is opened.
func circlesArgs(args []string, stderr io.Writer) (*circlesRequest, error) {
	fs := flag.NewFlagSet("commonground circles", flag.ContinueOnError)
	fs.SetOutput(stderr)
	req := &circlesRequest{}
	var weights string
	fs.StringVar(&req.instance, "instance", "", "an MDGPLIB instance `FILE`: a line \"n groups ss|ds\" with the group sizes, then \"i j d\" per pair")
	fs.StringVar(&req.people, "people", "", "a people `FILE`: CSV with a header id,ATTRIBUTE,... (department, organisation, level, ...)")
	fs.IntVar(&req.size, "size", 0, "with --people: the circle size wanted (circles of this size, give or take one)")
	fs.StringVar(&weights, "weights", "", "with --people: attribute weights, such as department=3,organisation=2 (others weigh 1; 0 ignores a column)")
	fs.Float64Var(&req.seconds, "seconds", 0, "stop the search after this many seconds (not repeatable; see --iterations)")
	fs.IntVar(&req.iterations, "iterations", 0, fmt.Sprintf("rounds of search on each of the %d searches; with --seed, repeats a run exactly (default: %d, or %d s if sooner, when --seconds is not given either)", assign.CircleIslands, assign.DefaultCircleIterations, circlesDefaultSeconds))
	fs.Uint64Var(&req.seed, "seed", 1, "seed of the search: another seed, maybe other circles")
	fs.Float64Var(&req.target, "target", 0, "stop as soon as the objective reaches this (for benchmarks: the time to a known objective)")
	fs.StringVar(&req.format, "format", "text", "text or json")
	fs.BoolVar(&req.timings, "timings", false, "after the answer, write the time spent reading, searching and writing to standard error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: commonground circles (--instance FILE | --people PEOPLE.csv --size K [--weights A=W,...]) [--seconds S] [--iterations N] [--seed N] [--format text|json]")
		fmt.Fprintln(stderr, "\nGroups people into circles that mix them as much as possible: the sum of the differences")
		fmt.Fprintln(stderr, "between the members of each circle is made as large as the search can; see docs/matching.md.")
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q: give the input with --instance or --people", fs.Arg(0))
	case req.instance != "" && req.people != "":
		return nil, errors.New("--instance and --people do not go together: give one input")
	case req.instance == "" && req.people == "":
		return nil, errors.New("an input is required: --instance FILE (MDGPLIB) or --people PEOPLE.csv --size K")
	case req.instance != "" && (set["size"] || set["weights"]):
		return nil, errors.New("--size and --weights apply to --people: an MDGPLIB instance gives its own sizes and diversities")
	case req.people != "" && !set["size"]:
		return nil, errors.New("--size is required with --people: how many people a circle should hold")
	case req.people != "" && req.size < 2:
		return nil, fmt.Errorf("--size %d: a circle needs at least 2 people", req.size)
	case set["seconds"] && !(req.seconds > 0 && req.seconds <= 1e6):
		return nil, fmt.Errorf("--seconds %v: want a number of seconds above 0", req.seconds)
	case set["iterations"] && req.iterations < 1:
		return nil, fmt.Errorf("--iterations %d: want 1 or more", req.iterations)
	case math.IsNaN(req.target) || math.IsInf(req.target, 0):
		return nil, fmt.Errorf("--target %v: want a finite number", req.target)
	case set["target"] && req.target == 0:
		return nil, errors.New("--target 0 would stop nothing: give the objective to reach, or leave the flag out")
	case req.format != "text" && req.format != "json":
		return nil, fmt.Errorf("--format %q: want text or json", req.format)
	}
	if set["weights"] {
		if req.people == "" {
			return nil, errors.New("--weights applies to --people")
		}
		var err error
		if req.weights, req.weightOrder, err = circlesWeights(weights); err != nil {
			return nil, err
		}
	}
	if req.iterations == 0 && req.seconds == 0 {
		req.iterations, req.seconds, req.defaulted = assign.DefaultCircleIterations, circlesDefaultSeconds, true
	}
	return req, nil
}

// circlesWeights reads "department=3,organisation=2".
func circlesWeights(s string) (map[string]float64, []string, error) {
	w := map[string]float64{}
	var order []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		name, value, ok := strings.Cut(part, "=")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" || value == "" {
			return nil, nil, fmt.Errorf("--weights %q: want ATTRIBUTE=WEIGHT pairs separated by commas, such as department=3,organisation=2", s)
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return nil, nil, fmt.Errorf("--weights: weight %q of %s: want a number of 0 or more", value, name)
		}
		for _, o := range order {
			if strings.EqualFold(o, name) {
				return nil, nil, fmt.Errorf("--weights: %s is weighted twice", name)
			}
		}
		w[name] = v
		order = append(order, name)
	}
	return w, order, nil
}

// file is the input's path, which every fault of the input names.
func (req *circlesRequest) file() string {
	if req.instance != "" {
		return req.instance
	}
	return req.people
}

// read makes the instance from the input file; a people file is returned
// too, for the report.
func (req *circlesRequest) read() (*assign.Circles, *circlesPeople, error) {
	f, err := os.Open(req.file())
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the %s file: %w", map[bool]string{true: "instance", false: "people"}[req.instance != ""], err)
	}
	defer f.Close()
	if req.instance != "" {
		c, err := assign.ParseMDGP(bufio.NewReaderSize(f, 256<<10))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", req.instance, err)
		}
		return c, nil, nil
	}
	people, err := readPeople(req.people, f)
	if err != nil {
		return nil, nil, err
	}
	// an unknown weight is named against the file's columns here, where
	// the flag can be blamed rather than the file
	for _, name := range req.weightOrder {
		if len(people.header) < 2 {
			break // the engine says the file has no attribute columns
		}
		known := false
		for _, col := range people.header[1:] {
			known = known || strings.EqualFold(strings.TrimSpace(col), name)
		}
		if !known {
			return nil, nil, fmt.Errorf("--weights: %s has no column %q (its attribute columns are %s)", req.people, name, strings.Join(people.header[1:], ", "))
		}
	}
	c, err := assign.DiversityFromPeople(people.header, people.rows, req.weights, req.size)
	if err != nil {
		var ce *assign.CirclesError
		if errors.As(err, &ce) && ce.Line >= 2 && ce.Line-2 < len(people.lines) {
			ce.Line = people.lines[ce.Line-2] // the engine counts rows; the file may hold blank lines
		}
		return nil, nil, fmt.Errorf("%s: %w", req.people, err)
	}
	return c, people, nil
}

// readPeople reads a people CSV: a header, then one person a line.
func readPeople(path string, r io.Reader) (*circlesPeople, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 256<<10))
	cr.FieldsPerRecord = -1 // the engine names a short row with its line
	p := &circlesPeople{}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: line %d: %v", path, pe.Line, pe.Err)
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read the people file: %w", err)
		}
		if p.header == nil {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff") // spreadsheets' "CSV UTF-8"
			p.header = rec
			continue
		}
		line, _ := cr.FieldPos(0)
		// repeated ids are found here, where the lines are known: the
		// engine counts rows, and a file may hold blank lines
		id := strings.TrimSpace(rec[0])
		if first, ok := seen[id]; ok && id != "" {
			return nil, fmt.Errorf("%s: line %d: %s %q already on line %d", path, line, strings.TrimSpace(p.header[0]), id, first)
		}
		seen[id] = line
		p.rows = append(p.rows, rec)
		p.lines = append(p.lines, line)
	}
	switch {
	case p.header == nil:
		return nil, fmt.Errorf("%s: empty file: want a header id,ATTRIBUTE,... (such as id,department,organisation,level) and one person a line", path)
	case len(p.rows) == 0:
		return nil, fmt.Errorf("%s: no people after the header", path)
	}
	for k, h := range p.header {
		p.header[k] = strings.TrimSpace(h)
	}
	return p, nil
}
