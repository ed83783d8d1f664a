package graph

import "testing"

// TestModularityGolden checks Modularity against networkx's
// community.modularity for the fixed partitions of the golden graphs
// (testdata/graphs/*.partition), directed ones made undirected with summed
// weights by the script as here.
func TestModularityGolden(t *testing.T) {
	checked := 0
	for _, name := range goldenNames() {
		gd, g := loadGolden(t, name)
		comm := gd.communities(t, g)
		if comm == nil {
			continue
		}
		checked++
		if got := Modularity(g, comm); gd.Modularity == nil || !closeTo(got, *gd.Modularity) {
			t.Errorf("%s: Modularity %.17g, networkx %v", name, got, gd.Modularity)
		}
		// Louvain should do at least as well as these hand-made
		// partitions on the small graphs.
		found, q := Louvain(g, 1)
		checkPartition(t, g, found, q)
		if q < *gd.Modularity-1e-12 {
			t.Errorf("%s: Louvain's modularity %.6f is below the fixed partition's %.6f", name, q, *gd.Modularity)
		}
	}
	if checked < 3 {
		t.Errorf("only %d golden graphs have partitions", checked)
	}
}
