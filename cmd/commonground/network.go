package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"commonground/internal/graph"
)

// networkRequest is a checked `network` command line.
type networkRequest struct {
	edges, compare string // "-" for standard input
	from, to       string
	format         string
	directed       bool
	metrics        []string // as asked, in that order; nil means all
	seed           uint64
	top            int
}

func runNetwork(_ context.Context, args []string, stdout, stderr io.Writer) error {
	req, err := networkArgs(args, stderr)
	if err != nil {
		return err
	}
	interruptible() // betweenness on a large network runs for minutes
	bars := newNetworkBars(stderr, req.edges, req.compare)
	defer bars.done()
	g, err := req.read(req.edges, bars)
	if err != nil {
		return err
	}
	var out bytes.Buffer // written whole, so a failure leaves no half report
	switch {
	case req.from != "":
		err = req.trust(&out, g)
	case req.compare != "":
		var later *graph.Graph
		if later, err = req.read(req.compare, bars); err == nil {
			err = req.comparison(&out, g, later, bars)
		}
	default:
		var a *graph.Analysis
		if a, err = req.analyze(g, bars, ""); err == nil {
			err = req.report(&out, a)
		}
	}
	if err != nil {
		return err
	}
	bars.done()
	_, err = stdout.Write(out.Bytes())
	return err
}

// networkArgs reads and checks the flags. Every fault of the command line
// is found here, before an edge list is opened.
func networkArgs(args []string, stderr io.Writer) (*networkRequest, error) {
	fs := flag.NewFlagSet("commonground network", flag.ContinueOnError)
	fs.SetOutput(stderr)
	req := &networkRequest{}
	var metrics string
	fs.StringVar(&req.edges, "edges", "", "the edge list: CSV with a header source,target[,weight] (- for standard input)")
	fs.BoolVar(&req.directed, "directed", false, "read each edge as going from source to target")
	fs.StringVar(&metrics, "metrics", "", "comma-separated metrics to compute (default all): "+
		strings.Join(append(slices.Clone(graph.NodeMetrics), graph.MetricAveragePathLength), ","))
	fs.StringVar(&req.from, "from", "", "personal trust from this node: personal PageRank and Appleseed trust")
	fs.StringVar(&req.to, "to", "", "with --from: the strongest paths to this node (who can introduce me)")
	fs.StringVar(&req.compare, "compare", "", "a later edge list of the same network: what changed since --edges")
	fs.StringVar(&req.format, "format", "text", "text, json or csv")
	fs.Uint64Var(&req.seed, "seed", 0, "seed of the community search (same seed, same communities)")
	fs.IntVar(&req.top, "top", 20, "nodes listed in the text report; 0 for all")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: commonground network --edges FILE.csv [--directed] [--metrics M,...] [--from NODE [--to NODE]] [--compare LATER.csv] [--format text|json|csv]")
		fmt.Fprintln(stderr, "\nMeasures a network from an edge list: who is central, who bridges, who is isolated,")
		fmt.Fprintln(stderr, "its communities, personal trust from one node, or how it changed; see docs/network.md.")
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q: give the edge list with --edges", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if req.edges == "" {
		return nil, errors.New("--edges is required: an edge list (CSV with a header source,target[,weight]), or - for standard input")
	}
	switch req.format {
	case "text", "json", "csv":
	default:
		return nil, fmt.Errorf("--format %q: want text, json or csv", req.format)
	}
	m, err := graph.ParseMetrics(metrics)
	if err != nil {
		return nil, fmt.Errorf("--metrics: %w", err)
	}
	if set["metrics"] && m == nil {
		return nil, errors.New("--metrics is empty: name at least one metric, or leave the flag out for all")
	}
	req.metrics = m
	req.from, req.to = strings.TrimSpace(req.from), strings.TrimSpace(req.to) // as Parse trims names
	// Flags that would be quietly ignored are refused, so nobody reads a
	// report believing it answers a question it does not.
	switch {
	case set["to"] && req.from == "":
		return nil, errors.New("--to needs --from: the paths run from one node to the other")
	case req.from != "" && req.compare != "":
		return nil, errors.New("--compare and --from do not go together: compare two periods, or trace trust from one node")
	case req.from != "" && set["metrics"]:
		return nil, errors.New("--metrics does not apply to --from, which computes personal PageRank and trust")
	case req.from != "" && set["seed"]:
		return nil, errors.New("--seed does not apply to --from: it seeds the community search")
	case set["seed"] && !req.asked("community"):
		return nil, errors.New("--seed seeds the community search: add community to --metrics, or leave --seed out")
	case req.from != "" && req.from == req.to:
		return nil, fmt.Errorf("--from and --to both name %q: name two different nodes", req.from)
	case req.to != "" && req.format == "csv":
		return nil, errors.New("--to lists paths, which do not fit the per-node CSV table: use --format json or text")
	case set["top"] && req.format != "text":
		return nil, fmt.Errorf("--top chooses the rows of the text report; --format %s lists every node", req.format)
	case req.top < 0:
		return nil, fmt.Errorf("--top must be 0 (all nodes) or more, got %d", req.top)
	case req.edges == "-" && req.compare == "-":
		return nil, errors.New("--edges and --compare cannot both read standard input: give at least one as a file")
	}
	return req, nil
}

// asked says whether a metric is to be computed.
func (req *networkRequest) asked(metric string) bool {
	return req.metrics == nil || slices.Contains(req.metrics, metric)
}

// columns are the per-node metrics asked for, in the order asked.
func (req *networkRequest) columns() []string {
	if req.metrics == nil {
		return graph.NodeMetrics
	}
	var cols []string
	for _, m := range req.metrics {
		if m != graph.MetricAveragePathLength {
			cols = append(cols, m)
		}
	}
	return cols
}

// read parses an edge list. Faults are named by file and line:
// "edges.csv: line 3: ...".
func (req *networkRequest) read(file string, bars *networkBars) (*graph.Graph, error) {
	var r io.Reader = stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("cannot read the edge list: %w", err)
		}
		defer f.Close()
		r = f
	}
	g, err := graph.Parse(r, graph.ParseOptions{Directed: req.directed, Progress: bars.reading(file)})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", networkFileName(file), err)
	}
	return g, nil
}

// analyze computes the asked-for metrics; label names the period in the
// progress bar when there are two.
func (req *networkRequest) analyze(g *graph.Graph, bars *networkBars, label string) (*graph.Analysis, error) {
	return graph.Analyze(g, graph.AnalyzeOptions{Metrics: req.metrics, Seed: req.seed, Progress: bars.stages(label)})
}

// networkNode finds a node by name for --from and --to.
func networkNode(g *graph.Graph, flagName, name, file string) (int, error) {
	if i := slices.Index(g.Names, name); i >= 0 {
		return i, nil
	}
	return 0, fmt.Errorf("--%s %q: %s has no such node (names are matched exactly, after trimming spaces)",
		flagName, name, networkFileName(file))
}
