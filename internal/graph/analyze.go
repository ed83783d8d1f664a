package graph

import (
	"fmt"
	"slices"
	"strings"
)

// The per-node metrics Analyze can compute, in the order reports list
// them, and the whole-graph one that costs a search from every node.
var (
	NodeMetrics = []string{"degree", "in_degree", "out_degree", "weighted_degree", "betweenness",
		"closeness", "eigenvector", "pagerank", "reach2", "community"}
	// MetricAveragePathLength asks for the average path length.
	MetricAveragePathLength = "average_path_length"
)

// AnalyzeOptions chooses what Analyze computes.
type AnalyzeOptions struct {
	// Metrics names what to compute (NodeMetrics and
	// MetricAveragePathLength); nil means all of them.
	Metrics []string
	// Seed seeds the community search.
	Seed uint64
	// Workers for the searches from every node; 0 means all cores.
	Workers int
	// Progress, when set, hears each stage's name and how far it is.
	Progress func(stage string, done, total int)
}

// Analysis is what Analyze found. Whole-graph figures are always there
// (but AveragePathLength and Modularity only when asked for); a per-node
// slice is nil when its metric was not asked for or does not apply (in and
// out degrees on an undirected graph).
type Analysis struct {
	Names              []string
	Directed           bool
	Nodes, Edges       int
	SelfLoops, Merged  int
	Density            float64
	Reciprocity        *float64 // directed graphs only
	Components         int      // weakly connected, for a directed graph
	AveragePathLength  *float64
	Modularity         *float64 // with community
	Communities        int
	EigenvectorDefined bool // false when the undirected graph is disconnected
	Degree, In, Out    []int
	Reach2             []int
	WeightedDegree     []float64
	Betweenness        []float64
	Closeness          []float64
	Eigenvector        []float64
	PageRank           []float64
	Community          []int32
	Asked              map[string]bool
}

// ParseMetrics reads a comma-separated metric list ("" means all), naming
// an unknown one.
func ParseMetrics(list string) ([]string, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	known := append(slices.Clone(NodeMetrics), MetricAveragePathLength)
	var out []string
	for _, m := range strings.Split(list, ",") {
		m = strings.TrimSpace(m)
		if !slices.Contains(known, m) {
			return nil, fmt.Errorf("unknown metric %q; known: %s", m, strings.Join(known, ", "))
		}
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out, nil
}

// Analyze computes the asked-for metrics of g.
func Analyze(g *Graph, opts AnalyzeOptions) (*Analysis, error) {
	ask := map[string]bool{}
	if opts.Metrics == nil {
		for _, m := range NodeMetrics {
			ask[m] = true
		}
		ask[MetricAveragePathLength] = true
	}
	for _, m := range opts.Metrics {
		ask[m] = true
	}
	progress := func(stage string, done, total int) {
		if opts.Progress != nil {
			opts.Progress(stage, done, total)
		}
	}
	a := &Analysis{Names: g.Names, Directed: g.Directed, Nodes: g.Order(), Edges: g.Edges,
		SelfLoops: g.SelfLoops, Merged: g.Merged, Density: Density(g), Asked: ask}
	if r, ok := Reciprocity(g); ok {
		a.Reciprocity = &r
	}
	_, a.Components = Components(g)
	if ask["degree"] || ask["in_degree"] || ask["out_degree"] || ask["weighted_degree"] {
		d := Degrees(g)
		if ask["degree"] {
			a.Degree = d.Degree
		}
		if ask["in_degree"] {
			a.In = d.In
		}
		if ask["out_degree"] {
			a.Out = d.Out
		}
		if ask["weighted_degree"] {
			a.WeightedDegree = d.Weighted
		}
	}
	if ask["reach2"] {
		a.Reach2 = Reach2(g)
	}
	if ask["betweenness"] || ask["closeness"] || ask[MetricAveragePathLength] {
		p := Paths(g, PathOptions{Betweenness: ask["betweenness"], Closeness: ask["closeness"],
			AveragePathLength: ask[MetricAveragePathLength], Workers: opts.Workers,
			Progress: func(done, total int) { progress("shortest paths", done, total) }})
		a.Betweenness, a.Closeness = p.Betweenness, p.Closeness
		if ask[MetricAveragePathLength] {
			a.AveragePathLength = &p.AveragePathLength
		}
	}
	if ask["pagerank"] {
		progress("pagerank", 0, 1)
		pr, err := PageRank(g, PageRankOptions{})
		if err != nil {
			return nil, err
		}
		a.PageRank = pr
	}
	if ask["eigenvector"] {
		progress("eigenvector", 0, 1)
		a.Eigenvector, a.EigenvectorDefined = Eigenvector(g)
	}
	if ask["community"] {
		progress("communities", 0, 1)
		comm, q := Louvain(g, opts.Seed)
		a.Community, a.Modularity = comm, &q
		for _, c := range comm {
			a.Communities = max(a.Communities, int(c)+1)
		}
	}
	return a, nil
}

// Value is node i's figure for a metric: the value, whether it counts
// something (degrees, reach, a community's number: a whole number), and
// false where the figure does not exist (the metric was not asked for,
// in and out degrees of an undirected graph, eigenvector centrality of a
// disconnected one). Reports and Compare read every metric through it.
func (a *Analysis) Value(metric string, i int) (v float64, whole, ok bool) {
	count := func(xs []int) (float64, bool, bool) {
		if xs == nil {
			return 0, true, false
		}
		return float64(xs[i]), true, true
	}
	figure := func(xs []float64) (float64, bool, bool) {
		if xs == nil {
			return 0, false, false
		}
		return xs[i], false, true
	}
	switch metric {
	case "degree":
		return count(a.Degree)
	case "in_degree":
		return count(a.In)
	case "out_degree":
		return count(a.Out)
	case "reach2":
		return count(a.Reach2)
	case "weighted_degree":
		return figure(a.WeightedDegree)
	case "betweenness":
		return figure(a.Betweenness)
	case "closeness":
		return figure(a.Closeness)
	case "pagerank":
		return figure(a.PageRank)
	case "eigenvector":
		if !a.EigenvectorDefined {
			return 0, false, false
		}
		return figure(a.Eigenvector)
	case "community":
		if a.Community == nil {
			return 0, true, false
		}
		return float64(a.Community[i]), true, true
	}
	return 0, false, false
}
