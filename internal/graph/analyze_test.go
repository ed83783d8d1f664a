package graph

import (
	"strings"
	"testing"
)

func TestAnalyzeAsksOnlyForWhatIsAsked(t *testing.T) {
	g, err := Parse(strings.NewReader("source,target,weight\na,b,2\nb,c,1\nc,a,1\nc,d,3\n"), ParseOptions{Directed: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(g, AnalyzeOptions{Metrics: []string{"degree", "reach2"}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Degree == nil || a.Reach2 == nil || a.PageRank != nil || a.Betweenness != nil || a.Community != nil ||
		a.AveragePathLength != nil || a.Modularity != nil || a.WeightedDegree != nil {
		t.Fatalf("computed what was not asked for: %+v", a)
	}
	// whole-graph figures are always there: 4 nodes, 4 edges, density
	// 4/12, no reciprocated edge, one weak component
	if a.Nodes != 4 || a.Edges != 4 || !closeTo(a.Density, 1.0/3) || a.Reciprocity == nil || *a.Reciprocity != 0 || a.Components != 1 {
		t.Fatalf("whole graph %+v", a)
	}
	// a reaches b in one step and c in two; d is three away
	if a.Reach2[0] != 2 || a.Degree[2] != 3 {
		t.Fatalf("reach2 %v degree %v", a.Reach2, a.Degree)
	}
	all, err := Analyze(g, AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if all.PageRank == nil || all.Betweenness == nil || all.Closeness == nil || all.Community == nil ||
		all.AveragePathLength == nil || all.Modularity == nil || all.In == nil || all.Out == nil {
		t.Fatalf("all metrics: %+v", all)
	}
	// the largest strongly connected component is a, b, c: a cycle of 3,
	// whose pairs are 1 or 2 apart
	if *all.AveragePathLength != 1.5 {
		t.Fatalf("average path length %v, want 1.5", *all.AveragePathLength)
	}
}

func TestParseMetrics(t *testing.T) {
	m, err := ParseMetrics(" pagerank, degree,pagerank ")
	if err != nil || strings.Join(m, ",") != "pagerank,degree" {
		t.Fatalf("%v %v", m, err)
	}
	if m, err := ParseMetrics(""); m != nil || err != nil {
		t.Fatalf("empty list: %v %v", m, err)
	}
	_, err = ParseMetrics("pagerank,fame")
	if err == nil || !strings.HasPrefix(err.Error(), `unknown metric "fame"; known: degree, in_degree,`) {
		t.Fatalf("got %v", err)
	}
}

func TestCompare(t *testing.T) {
	before, _ := Parse(strings.NewReader("source,target\na,b\nb,c\nc,d\n"), ParseOptions{})
	after, _ := Parse(strings.NewReader("source,target\nb,a\nb,c\nb,e\n"), ParseOptions{})
	opts := AnalyzeOptions{Metrics: []string{"degree", "community"}}
	ab, _ := Analyze(before, opts)
	aa, _ := Analyze(after, opts)
	c := Compare(before, after, ab, aa)
	// undirected: a-b kept (b,a is the same edge), b-c kept, c-d gone, b-e new
	if c.EdgesAdded != 1 || c.EdgesRemoved != 1 {
		t.Fatalf("edges added %d removed %d", c.EdgesAdded, c.EdgesRemoved)
	}
	if w := c.Whole["nodes"]; *w.Before != 4 || *w.After != 4 || *w.Delta != 0 {
		t.Fatalf("nodes %+v", w)
	}
	if w := c.Whole["reciprocity"]; w.Before != nil || w.After != nil || w.Delta != nil {
		t.Fatalf("reciprocity of undirected graphs: %+v", w)
	}
	got := map[string]NodeChange{}
	var order []string
	for _, n := range c.Nodes {
		got[n.Name] = n
		order = append(order, n.Name+":"+n.Status)
	}
	if strings.Join(order, " ") != "a:both b:both c:both d:removed e:added" {
		t.Fatalf("nodes %v", order)
	}
	if d := got["b"].Metrics["degree"]; *d.Before != 2 || *d.After != 3 || *d.Delta != 1 {
		t.Fatalf("b's degree %+v", d)
	}
	if d := got["d"].Metrics["degree"]; *d.Before != 1 || d.After != nil || d.Delta != nil {
		t.Fatalf("d's degree %+v", d)
	}
	if d := got["e"].Metrics["community"]; d.Before != nil || d.After == nil || d.Delta != nil {
		t.Fatalf("e's community %+v", d)
	}
}
