package graph

import "testing"

// TestMetricsMatchNetworkx: every golden graph's whole-graph figures and
// each node's degrees, two-step reach, betweenness and closeness, against
// networkx to 1e-9.
func TestMetricsMatchNetworkx(t *testing.T) {
	names := goldenNames()
	if len(names) < 10 {
		t.Fatalf("only %d golden graphs", len(names))
	}
	for _, name := range names {
		gd, g := loadGolden(t, name)
		t.Run(name, func(t *testing.T) {
			if !closeTo(Density(g), gd.Density) {
				t.Errorf("density %v, networkx %v", Density(g), gd.Density)
			}
			r, ok := Reciprocity(g)
			if (gd.Reciprocity == nil) == ok || (ok && !closeTo(r, *gd.Reciprocity)) {
				t.Errorf("reciprocity %v %v, networkx %v", r, ok, gd.Reciprocity)
			}
			if _, k := Components(g); k != gd.Components {
				t.Errorf("%d components, networkx %d", k, gd.Components)
			}
			p := Paths(g, PathOptions{Betweenness: true, Closeness: true, AveragePathLength: true, Workers: 2})
			if !closeTo(p.AveragePathLength, gd.AveragePathLength) {
				t.Errorf("average path length %v, networkx %v", p.AveragePathLength, gd.AveragePathLength)
			}
			d := Degrees(g)
			reach := Reach2(g)
			for v := range g.Order() {
				want := gd.node(t, g, v)
				in, out := want.Degree, want.Degree
				if g.Directed {
					in, out = d.In[v], d.Out[v]
				}
				if d.Degree[v] != want.Degree || in != want.InDegree || out != want.OutDegree ||
					!closeTo(d.Weighted[v], want.WeightedDegree) || reach[v] != want.Reach2 {
					t.Errorf("%s: degree %d in %d out %d weighted %v reach2 %d, networkx %+v",
						g.Names[v], d.Degree[v], in, out, d.Weighted[v], reach[v], want)
				}
				if !closeTo(p.Betweenness[v], want.Betweenness) || !closeTo(p.Closeness[v], want.Closeness) {
					t.Errorf("%s: betweenness %v closeness %v, networkx %v %v",
						g.Names[v], p.Betweenness[v], p.Closeness[v], want.Betweenness, want.Closeness)
				}
			}
		})
	}
}
