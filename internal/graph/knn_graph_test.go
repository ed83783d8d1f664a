package graph

import (
	"math"
	"strings"
	"testing"
)

func TestSimilarityGraph(t *testing.T) {
	names := []string{"a", "b", "c", "d"}
	weight := func(g *Graph, u, v int) float64 {
		adj, w := g.Out(u)
		for i, x := range adj {
			if int(x) == v {
				return w[i]
			}
		}
		return 0
	}
	t.Run("OK", func(t *testing.T) {
		nn := [][]Neighbour{{{1, 0.75}, {2, 0.5}}, {{0, 0.75}}, nil, {{0, 0.25}, {1, 0.125}}}
		g, err := SimilarityGraph(names, nn)
		if err != nil {
			t.Fatal(err)
		}
		if g.Directed || g.Edges != 4 || g.Merged != 0 {
			t.Errorf("directed %v, %d edges (%d merged), want undirected, 4, 0", g.Directed, g.Edges, g.Merged)
		}
		for _, e := range []Edge{{0, 1, 0.75}, {0, 2, 0.5}, {0, 3, 0.25}, {1, 3, 0.125}, {2, 3, 0}} {
			if w := weight(g, int(e.U), int(e.V)); w != e.W || weight(g, int(e.V), int(e.U)) != e.W {
				t.Errorf("%s–%s weighs %v, want %v", names[e.U], names[e.V], w, e.W)
			}
		}
	})
	t.Run("BothWaysTakesTheLarger", func(t *testing.T) {
		g, err := SimilarityGraph(names[:2], [][]Neighbour{{{1, 0.5}}, {{0, 0.625}}})
		if err != nil {
			t.Fatal(err)
		}
		if w := weight(g, 0, 1); g.Edges != 1 || w != 0.625 {
			t.Errorf("%d edges, a–b weighs %v; want 1 edge of 0.625", g.Edges, w)
		}
	})
	errs := []struct {
		name string
		nn   [][]Neighbour
		want string
	}{
		{"ErrLists", [][]Neighbour{nil}, "1 neighbour lists for 4 names"},
		{"ErrOutside", [][]Neighbour{nil, {{4, 0.5}}, nil, nil}, "the neighbours of b name 4, outside 0..3"},
		{"ErrSelf", [][]Neighbour{nil, nil, {{2, 0.5}}, nil}, "c is listed as its own neighbour"},
		{"ErrTwice", [][]Neighbour{{{1, 0.5}, {2, 0.5}, {1, 0.4}}, nil, nil, nil}, "the neighbours of a name b twice"},
		{"ErrZero", [][]Neighbour{{{3, 0}}, nil, nil, nil}, "a and d have similarity 0"},
		{"ErrNaN", [][]Neighbour{nil, nil, nil, {{0, float32(math.NaN())}}}, "d and a have similarity NaN"},
	}
	for _, c := range errs {
		t.Run(c.name, func(t *testing.T) {
			_, err := SimilarityGraph(names, c.nn)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

// TestKNNPlanted: 5 groups of 200 people, each ranking values from its own
// pool of 12 with one value in ten swapped for one from any pool. KNN,
// SimilarityGraph and Louvain must give back the groups exactly: every
// group in one community and every community one group. Run through the
// exact path (1,000 vectors) and through the approximate one.
func TestKNNPlanted(t *testing.T) {
	vecs, truth := plantedPeople(5, 200, 12, 0.1, 5)
	names := make([]string, len(vecs))
	for i := range names {
		names[i] = string(rune('a'+truth[i])) + string(rune('0'+i%10))
	}
	vs := newVecSet(vecs)
	answers := map[string][][]Neighbour{
		"Exact":       KNN(vecs, KNNOptions{K: 20, Seed: 1}),
		"Approximate": vs.approximate(20, 2, 1, defaultIVF(vs.nonEmpty), nil),
	}
	for name, nn := range answers {
		t.Run(name, func(t *testing.T) {
			g, err := SimilarityGraph(names, nn)
			if err != nil {
				t.Fatal(err)
			}
			comm, q := Louvain(g, 3)
			groupOf := map[int32]int{}
			commOf := map[int]int32{}
			for i, c := range comm {
				if g0, ok := groupOf[c]; ok && g0 != truth[i] {
					t.Fatalf("community %d holds people of groups %d and %d", c, g0, truth[i])
				}
				if c0, ok := commOf[truth[i]]; ok && c0 != c {
					t.Fatalf("group %d is split between communities %d and %d", truth[i], c0, c)
				}
				groupOf[c], commOf[truth[i]] = truth[i], c
			}
			t.Logf("%d communities, modularity %.3f", len(groupOf), q)
		})
	}
}
