package graph

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The golden files are networkx's figures for the small graphs under
// testdata/graphs, written by testdata/golden.py (run it with Debian's
// python3-networkx 2.8.8 when a graph changes). The script merges repeated
// edges and drops self-loops the way Parse does before networkx sees the
// graph, since networkx would keep only the last of repeated edges.

// golden mirrors testdata/golden/NAME.json. Nullable figures are pointers.
type golden struct {
	Name      string  `json:"name"`
	Directed  bool    `json:"directed"`
	Nodes     int     `json:"nodes"`
	Edges     int     `json:"edges"`
	SelfLoops int     `json:"self_loops"`
	Merged    int     `json:"merged"`
	Density   float64 `json:"density"`
	// Reciprocity is null on undirected graphs.
	Reciprocity *float64 `json:"reciprocity"`
	// Components counts weakly connected components on directed graphs.
	Components int `json:"components"`
	// AveragePathLength is over the largest component (largest strongly
	// connected one when directed), unweighted.
	AveragePathLength float64 `json:"average_path_length"`
	// Modularity is that of Partition on the undirected graph with summed
	// weights; both are null when the graph has no .partition file.
	Modularity *float64       `json:"modularity"`
	Partition  map[string]int `json:"partition"`
	// PersonalFrom is the node personalised PageRank starts from: the
	// first node of the file.
	PersonalFrom string `json:"personal_from"`
	// Order is the node names in the order first seen, as Parse numbers
	// them.
	Order   []string              `json:"order"`
	Metrics map[string]goldenNode `json:"metrics"`
}

// goldenNode holds one node's figures. On undirected graphs InDegree and
// OutDegree equal Degree; WeightedDegree is in+out on directed graphs.
type goldenNode struct {
	Degree           int     `json:"degree"`
	InDegree         int     `json:"in_degree"`
	OutDegree        int     `json:"out_degree"`
	WeightedDegree   float64 `json:"weighted_degree"`
	Betweenness      float64 `json:"betweenness"`
	Closeness        float64 `json:"closeness"`
	PageRank         float64 `json:"pagerank"`
	PersonalPageRank float64 `json:"personal_pagerank"`
	Reach2           int     `json:"reach2"`
	// Eigenvector is null when the undirected graph is disconnected.
	Eigenvector *float64 `json:"eigenvector"`
}

// loadGolden reads testdata/golden/name.json and parses the graph it was
// made from, directed or not as the golden file says.
func loadGolden(t testing.TB, name string) (*golden, *Graph) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var gd golden
	if err := json.Unmarshal(data, &gd); err != nil {
		t.Fatalf("%s.json: %v", name, err)
	}
	f, err := os.Open(filepath.Join("testdata", "graphs", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := Parse(f, ParseOptions{Directed: gd.Directed})
	if err != nil {
		t.Fatalf("%s.csv: %v", name, err)
	}
	return &gd, g
}

// goldenNames lists the graphs that have golden files, sorted.
func goldenNames() []string {
	paths, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	names := make([]string, 0, len(paths))
	for _, p := range paths {
		names = append(names, strings.TrimSuffix(filepath.Base(p), ".json"))
	}
	slices.Sort(names)
	return names
}

// closeTo says whether a matches the golden b to 1e-9, relative for
// figures over 1 and absolute below.
func closeTo(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

// node returns the golden figures of g's node v.
func (gd *golden) node(t testing.TB, g *Graph, v int) goldenNode {
	t.Helper()
	m, ok := gd.Metrics[g.Names[v]]
	if !ok {
		t.Fatalf("%s: node %q has no golden figures", gd.Name, g.Names[v])
	}
	return m
}

// communities returns the golden partition as community numbers indexed
// by g's nodes, or nil when the graph has none.
func (gd *golden) communities(t testing.TB, g *Graph) []int32 {
	t.Helper()
	if gd.Partition == nil {
		return nil
	}
	c := make([]int32, g.Order())
	for v, name := range g.Names {
		k, ok := gd.Partition[name]
		if !ok {
			t.Fatalf("%s: node %q has no community", gd.Name, name)
		}
		c[v] = int32(k)
	}
	return c
}

// TestGoldenGraphs checks what Parse builds against the script's reading
// of the same files: sizes, what was dropped and merged, the node order.
func TestGoldenGraphs(t *testing.T) {
	names := goldenNames()
	if len(names) < 10 {
		t.Fatalf("found %d golden files; run testdata/golden.py", len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			gd, g := loadGolden(t, name)
			if g.Directed != gd.Directed {
				t.Errorf("directed %v, golden %v", g.Directed, gd.Directed)
			}
			if g.Order() != gd.Nodes || g.Edges != gd.Edges {
				t.Errorf("%d nodes, %d edges; golden %d, %d", g.Order(), g.Edges, gd.Nodes, gd.Edges)
			}
			if g.SelfLoops != gd.SelfLoops || g.Merged != gd.Merged {
				t.Errorf("%d self-loops, %d merged; golden %d, %d", g.SelfLoops, g.Merged, gd.SelfLoops, gd.Merged)
			}
			if !slices.Equal(g.Names, gd.Order) {
				t.Errorf("node order %q, golden %q", g.Names, gd.Order)
			}
			if len(gd.Metrics) != gd.Nodes {
				t.Errorf("%d nodes with figures, want %d", len(gd.Metrics), gd.Nodes)
			}
			for v := range g.Order() {
				want := gd.node(t, g, v)
				out, _ := g.Out(v)
				in, _ := g.In(v)
				if len(out) != want.OutDegree || len(in) != want.InDegree {
					t.Errorf("%s: out %d, in %d; golden %d, %d", g.Names[v], len(out), len(in), want.OutDegree, want.InDegree)
				}
			}
			if gd.PersonalFrom != g.Names[0] {
				t.Errorf("personal PageRank from %q, want the first node %q", gd.PersonalFrom, g.Names[0])
			}
			if c := gd.communities(t, g); c != nil && len(c) != g.Order() {
				t.Errorf("partition of %d nodes", len(c))
			}
		})
	}
}
