package graph

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// pairwiseModularity is modularity straight from its definition, with
// nothing shared with Modularity: the dense matrix A of the undirected
// graph (a directed edge's weight added to both A_uv and A_vu, so u→v and
// v→u sum), then Q = 1/(2m) Σ_ij [A_ij − k_i k_j/(2m)] δ(c_i, c_j) over
// every ordered pair.
func pairwiseModularity(n int, edges []Edge, community []int32) float64 {
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n)
	}
	for _, e := range edges {
		if e.U == e.V {
			continue // Parse and New drop self-loops
		}
		a[e.U][e.V] += e.W
		a[e.V][e.U] += e.W
	}
	k := make([]float64, n)
	var m2 float64
	for i := range n {
		for j := range n {
			k[i] += a[i][j]
		}
		m2 += k[i]
	}
	if m2 == 0 {
		return 0 // networkx divides by zero; Modularity says 0
	}
	var q float64
	for i := range n {
		for j := range n {
			if community[i] == community[j] {
				q += a[i][j] - k[i]*k[j]/m2
			}
		}
	}
	return q / m2
}

// lvRandomEdges draws e edges on n nodes, some repeated, some reversed and
// some self-loops, with weights from 0 to 4.
func lvRandomEdges(r *rand.Rand, n, e int) []Edge {
	edges := make([]Edge, e)
	for i := range edges {
		edges[i] = Edge{U: int32(r.IntN(n)), V: int32(r.IntN(n)), W: float64(r.IntN(4001)) / 1000}
	}
	return edges
}

func lvNames(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}

func lvBuild(t testing.TB, n int, edges []Edge, directed bool) *Graph {
	t.Helper()
	g, err := New(lvNames(n), append([]Edge(nil), edges...), directed)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestModularityPairwise(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for trial := range 200 {
		n := 1 + r.IntN(30)
		edges := lvRandomEdges(r, n, r.IntN(3*n+1))
		directed := trial%2 == 0
		g := lvBuild(t, n, edges, directed)
		community := make([]int32, n)
		groups := 1 + r.IntN(n)
		for v := range community {
			community[v] = int32(r.IntN(groups))
			if trial%3 == 0 {
				community[v] = community[v]*1_000_003 + 7 // large, sparse ids
			}
		}
		want := pairwiseModularity(n, edges, community)
		if got := Modularity(g, community); math.Abs(got-want) > 1e-12 {
			t.Fatalf("trial %d (n=%d, directed %v): Modularity %.17g, pairwise %.17g", trial, n, directed, got, want)
		}
	}
}

// lvKarate is Zachary's karate club as networkx 2.8.8's karate_club_graph
// numbers it, unweighted: each node with its larger neighbours.
var lvKarate = [][]int32{
	0:  {1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 17, 19, 21, 31},
	1:  {2, 3, 7, 13, 17, 19, 21, 30},
	2:  {3, 7, 8, 9, 13, 27, 28, 32},
	3:  {7, 12, 13},
	4:  {6, 10},
	5:  {6, 10, 16},
	6:  {16},
	8:  {30, 32, 33},
	9:  {33},
	13: {33},
	14: {32, 33},
	15: {32, 33},
	18: {32, 33},
	19: {33},
	20: {32, 33},
	22: {32, 33},
	23: {25, 27, 29, 32, 33},
	24: {25, 27, 31},
	25: {31},
	26: {29, 33},
	27: {33},
	28: {31, 33},
	29: {32, 33},
	30: {32, 33},
	31: {32, 33},
	32: {33},
	33: nil,
}

func lvKarateGraph(t testing.TB) *Graph {
	var edges []Edge
	for u, vs := range lvKarate {
		for _, v := range vs {
			edges = append(edges, Edge{U: int32(u), V: v, W: 1})
		}
	}
	g := lvBuild(t, 34, edges, false)
	if g.Edges != 78 {
		t.Fatalf("karate club has %d edges, want 78", g.Edges)
	}
	return g
}

// TestModularityKarateClubs checks the split into the two clubs (Mr. Hi's
// and the Officer's) against networkx:
//
//	/usr/bin/python3 -c 'import networkx as nx; G = nx.karate_club_graph(); H = nx.Graph(G.edges()); \
//	  c = [{v for v in G if G.nodes[v]["club"] == x} for x in ("Mr. Hi", "Officer")]; \
//	  print(repr(nx.community.modularity(H, c)))'
func TestModularityKarateClubs(t *testing.T) {
	g := lvKarateGraph(t)
	hi := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21}
	community := make([]int32, 34)
	for v := range community {
		community[v] = 1
	}
	for _, v := range hi {
		community[v] = 0
	}
	const networkx = 0.3582347140039448
	if got := Modularity(g, community); math.Abs(got-networkx) > 1e-12 {
		t.Errorf("Modularity of the two clubs = %.17g, networkx %.17g", got, networkx)
	}
	edges := []Edge{}
	for u, vs := range lvKarate {
		for _, v := range vs {
			edges = append(edges, Edge{U: int32(u), V: v, W: 1})
		}
	}
	if want := pairwiseModularity(34, edges, community); math.Abs(networkx-want) > 1e-12 {
		t.Errorf("the pairwise formula gives %.17g, networkx %.17g", want, networkx)
	}
}

func TestModularityEdgeCases(t *testing.T) {
	empty := lvBuild(t, 3, nil, false)
	if q := Modularity(empty, []int32{0, 1, 2}); q != 0 {
		t.Errorf("no edges: Modularity %v, want 0", q)
	}
	zero := lvBuild(t, 2, []Edge{{U: 0, V: 1, W: 0}}, true)
	if q := Modularity(zero, []int32{0, 0}); q != 0 {
		t.Errorf("only zero weights: Modularity %v, want 0", q)
	}
	// One community holding everything: L = m and K = 2m, so Q = 0.
	g := lvKarateGraph(t)
	if q := Modularity(g, make([]int32, 34)); math.Abs(q) > 1e-15 {
		t.Errorf("one community: Modularity %v, want 0", q)
	}
	for _, bad := range [][]int32{make([]int32, 33), append(make([]int32, 33), -1)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Modularity(%d ids, last %d) did not panic", len(bad), bad[len(bad)-1])
				}
			}()
			Modularity(g, bad)
		}()
	}
}
