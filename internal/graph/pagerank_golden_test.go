package graph

import "testing"

// TestPageRankEigenvectorGolden checks PageRank, PageRank personalised
// from the first node, and eigenvector centrality against networkx's
// figures in the golden files, to 1e-9.
func TestPageRankEigenvectorGolden(t *testing.T) {
	names := goldenNames()
	if len(names) == 0 {
		t.Fatal("no golden files; run testdata/golden.py")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			gd, g := loadGolden(t, name)
			pr, err := PageRank(g, PageRankOptions{})
			if err != nil {
				t.Fatal(err)
			}
			personal := make([]float64, g.Order())
			personal[0] = 1 // golden personal_from is the first node, which TestGoldenGraphs checks
			ppr, err := PageRank(g, PageRankOptions{Personal: personal})
			if err != nil {
				t.Fatal(err)
			}
			ev, ok := Eigenvector(g)
			for v := range g.Order() {
				want := gd.node(t, g, v)
				if !closeTo(pr[v], want.PageRank) {
					t.Errorf("%s: pagerank %.15g, networkx %.15g", g.Names[v], pr[v], want.PageRank)
				}
				if !closeTo(ppr[v], want.PersonalPageRank) {
					t.Errorf("%s: personal pagerank %.15g, networkx %.15g", g.Names[v], ppr[v], want.PersonalPageRank)
				}
				switch {
				case want.Eigenvector == nil && ok:
					t.Errorf("%s: eigenvector %v, networkx null (disconnected)", g.Names[v], ev[v])
				case want.Eigenvector != nil && !ok:
					t.Errorf("%s: eigenvector not defined, networkx %v", g.Names[v], *want.Eigenvector)
				case ok && !closeTo(ev[v], *want.Eigenvector):
					t.Errorf("%s: eigenvector %.15g, networkx %.15g", g.Names[v], ev[v], *want.Eigenvector)
				}
			}
		})
	}
}
