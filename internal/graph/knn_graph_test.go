package graph

import (
	"fmt"
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
// SimilarityGraph and Louvain must give the groups back: five communities,
// each the home of most of one group (a bijection), and normalised mutual
// information at least 0.95. Not every person: one whose values were
// mostly swapped belongs with the other group, and Louvain puts one or
// two such people there. Run through the exact path (1,000 vectors) and
// through the approximate one.
func TestKNNPlanted(t *testing.T) {
	vecs, truth := plantedPeople(5, 200, 12, 0.1, 5)
	names := make([]string, len(vecs))
	for i := range names {
		names[i] = fmt.Sprintf("p%d", i)
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
			comm, _ := Louvain(g, 3)
			count := map[[2]int]int{}
			k := 0
			for i, c := range comm {
				count[[2]int{truth[i], int(c)}]++
				k = max(k, int(c)+1)
			}
			if k != 5 {
				t.Fatalf("%d communities, want 5: %v", k, count)
			}
			home := map[int]int{}
			for gc, n := range count {
				if n > 100 {
					home[gc[1]] = gc[0]
				}
			}
			if len(home) != 5 {
				t.Errorf("groups and communities do not pair off: %v", count)
			}
			nmi := mutualInformation(truth, comm)
			t.Logf("NMI %.4f; people by (group, community): %v", nmi, count)
			if nmi < 0.95 {
				t.Errorf("NMI %.4f, want at least 0.95", nmi)
			}
		})
	}
}

// mutualInformation is the normalised mutual information of two
// partitions, I(A;B)/sqrt(H(A)·H(B)).
func mutualInformation(a []int, b []int32) float64 {
	n := float64(len(a))
	pa, pb, pab := map[int]float64{}, map[int32]float64{}, map[[2]int]float64{}
	for i := range a {
		pa[a[i]]++
		pb[b[i]]++
		pab[[2]int{a[i], int(b[i])}]++
	}
	var i, ha, hb float64
	for k, c := range pab {
		i += c / n * math.Log(c*n/(pa[k[0]]*pb[int32(k[1])]))
	}
	for _, c := range pa {
		ha -= c / n * math.Log(c/n)
	}
	for _, c := range pb {
		hb -= c / n * math.Log(c/n)
	}
	return i / math.Sqrt(ha*hb)
}
