package graph

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// checkPartition checks what every Louvain result must hold: one
// community per node, ids 0..k-1 numbered by first node, and the
// modularity reported equal to Modularity's.
func checkPartition(t *testing.T, g *Graph, comm []int32, q float64) int {
	t.Helper()
	if len(comm) != g.Order() {
		t.Fatalf("%d communities for %d nodes", len(comm), g.Order())
	}
	k := int32(0)
	for v, c := range comm {
		if c > k || c < 0 {
			t.Fatalf("node %d has community %d before community %d has a node", v, c, k)
		}
		if c == k {
			k++
		}
	}
	if re := Modularity(g, comm); re != q {
		t.Errorf("Louvain reports modularity %.17g, Modularity gives %.17g", q, re)
	}
	return int(k)
}

func TestLouvainKarate(t *testing.T) {
	g := lvKarateGraph(t)
	for seed := range uint64(20) {
		comm, q := Louvain(g, seed)
		k := checkPartition(t, g, comm, q)
		// The best partition has 0.4198 (Brandes et al. 2008); Louvain
		// finds 0.41–0.42.
		if q < 0.40 || q > 0.4198 {
			t.Errorf("seed %d: modularity %.5f in %d communities, want 0.40 to 0.4198", seed, q, k)
		}
	}
}

func TestLouvainTwoCliques(t *testing.T) {
	// Two 6-cliques, 0..5 and 6..11, joined by the edge 5–6.
	var edges []Edge
	for _, base := range []int32{0, 6} {
		for u := base; u < base+6; u++ {
			for v := u + 1; v < base+6; v++ {
				edges = append(edges, Edge{U: u, V: v, W: 1})
			}
		}
	}
	edges = append(edges, Edge{U: 5, V: 6, W: 1})
	for _, directed := range []bool{false, true} {
		g := lvBuild(t, 12, edges, directed)
		for seed := range uint64(10) {
			comm, q := Louvain(g, seed)
			checkPartition(t, g, comm, q)
			want := []int32{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}
			if !slices.Equal(comm, want) {
				t.Errorf("directed %v, seed %d: %v, want the two cliques %v", directed, seed, comm, want)
			}
			// Each clique holds 15 of the 31 edges and half the degree.
			if wantQ := 2 * (15.0/31 - 0.25); math.Abs(q-wantQ) > 1e-12 {
				t.Errorf("modularity %.17g, want %.17g", q, wantQ)
			}
		}
	}
}

// lvComponents labels the connected components of the undirected graph
// by a union-find, apart from the package's own Components.
func lvComponents(n int, edges []Edge) []int {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	for _, e := range edges {
		parent[find(int(e.U))] = find(int(e.V))
	}
	label := make([]int, n)
	for v := range label {
		label[v] = find(v)
	}
	return label
}

func TestLouvainDisconnected(t *testing.T) {
	// Three karate clubs side by side, a few random sparse pieces and
	// isolated nodes, shuffled together.
	r := rand.New(rand.NewPCG(11, 3))
	const n = 3*34 + 60 + 5
	place := r.Perm(n)
	var edges []Edge
	for copyN := range 3 {
		for u, vs := range lvKarate {
			for _, v := range vs {
				edges = append(edges, Edge{U: int32(place[copyN*34+u]), V: int32(place[copyN*34+int(v)]), W: 1})
			}
		}
	}
	for piece := range 6 {
		for _, e := range lvRandomEdges(r, 10, 14) {
			edges = append(edges, Edge{U: int32(place[102+piece*10+int(e.U)]), V: int32(place[102+piece*10+int(e.V)]), W: e.W})
		}
	}
	g := lvBuild(t, n, edges, false)
	component := lvComponents(n, edges)
	for seed := range uint64(10) {
		comm, q := Louvain(g, seed)
		k := checkPartition(t, g, comm, q)
		first := make([]int, k)
		for i := range first {
			first[i] = -1
		}
		for v, c := range comm {
			if first[c] < 0 {
				first[c] = component[v]
			} else if first[c] != component[v] {
				t.Fatalf("seed %d: community %d spans two components", seed, c)
			}
		}
		size := make([]int, k)
		for _, c := range comm {
			size[c]++
		}
		for v, c := range comm {
			if adj, _ := g.Out(v); len(adj) == 0 && size[c] != 1 {
				t.Errorf("seed %d: isolated node %d shares its community", seed, v)
			}
		}
	}
}

func TestLouvainNoEdges(t *testing.T) {
	for _, n := range []int{0, 1, 5} {
		g := lvBuild(t, n, nil, false)
		comm, q := Louvain(g, 1)
		checkPartition(t, g, comm, q)
		if q != 0 || len(comm) != n {
			t.Errorf("n=%d: modularity %v, communities %v", n, q, comm)
		}
		for v, c := range comm {
			if int(c) != v {
				t.Errorf("n=%d: node %d in community %d, want its own", n, v, c)
			}
		}
	}
	// Edges that weigh nothing give nothing to gain.
	g := lvBuild(t, 3, []Edge{{U: 0, V: 1}, {U: 1, V: 2}}, false)
	if comm, q := Louvain(g, 1); q != 0 || !slices.Equal(comm, []int32{0, 1, 2}) {
		t.Errorf("zero weights: %v, modularity %v", comm, q)
	}
}

// TestLouvainConnected checks Leiden's promise that the refinement
// keeps communities connected, on random graphs with weak structure, where
// plain Louvain can leave a community in pieces.
func TestLouvainConnected(t *testing.T) {
	for s := range uint64(200) {
		r := rand.New(rand.NewPCG(s, 2))
		n := 20 + r.IntN(400)
		edges := lvRandomEdges(r, n, n*(1+r.IntN(5)))
		g := lvBuild(t, n, edges, s%2 == 0)
		comm, q := Louvain(g, s)
		k := checkPartition(t, g, comm, q)
		// Walk each community from its first node; a community reached
		// from two starts is in pieces.
		starts := make([]int, k)
		seen := make([]bool, n)
		u := g.Undirected()
		for v := range n {
			if seen[v] {
				continue
			}
			starts[comm[v]]++
			seen[v] = true
			for stack := []int{v}; len(stack) > 0; {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				adj, _ := u.Out(x)
				for _, y := range adj {
					if !seen[y] && comm[y] == comm[x] {
						seen[y] = true
						stack = append(stack, int(y))
					}
				}
			}
		}
		for c, pieces := range starts {
			if pieces > 1 {
				t.Errorf("graph %d: community %d is in %d pieces", s, c, pieces)
			}
		}
	}
}

// lvRandomGraph is a sparse weighted directed graph with some structure:
// nodes fall in groups, and most edges stay inside their group.
func lvRandomGraph(t testing.TB, seed uint64, n, e int) *Graph {
	r := rand.New(rand.NewPCG(seed, 1))
	edges := make([]Edge, e)
	for i := range edges {
		u := r.IntN(n)
		v := r.IntN(n)
		if r.IntN(4) > 0 {
			v = u - u%50 + r.IntN(50)
			v = min(v, n-1)
		}
		edges[i] = Edge{U: int32(u), V: int32(v), W: 0.5 + float64(r.IntN(3501))/1000}
	}
	return lvBuild(t, n, edges, true)
}

func TestLouvainReproducible(t *testing.T) {
	// Weak structure, where the seed matters.
	g := lvBuild(t, 3000, lvRandomEdges(rand.New(rand.NewPCG(3, 3)), 3000, 20000), true)
	want, wantQ := Louvain(g, 42)
	checkPartition(t, g, want, wantQ)
	// Concurrent calls share nothing, so they agree with the first too.
	var wg sync.WaitGroup
	got := make([][]int32, 4)
	for i := range got {
		wg.Go(func() { got[i], _ = Louvain(g, 42) })
	}
	wg.Wait()
	for i, comm := range got {
		if !slices.Equal(comm, want) {
			t.Fatalf("run %d with the same seed gave another partition", i)
		}
	}
	other, otherQ := Louvain(g, 43)
	checkPartition(t, g, other, otherQ)
	t.Logf("seed 42: modularity %.6f; seed 43: %.6f, same partition %v", wantQ, otherQ, slices.Equal(other, want))
}

// TestLouvainPinned pins the partitions found for two seeds, so that a
// machine that computed otherwise (fused multiply-adds, a different
// shuffle) or a change to the method shows up here. Change the figures
// only with the method.
func TestLouvainPinned(t *testing.T) {
	g := lvKarateGraph(t)
	comm, q := Louvain(g, 1)
	want := []int32{0, 0, 0, 0, 1, 1, 1, 0, 2, 2, 1, 0, 0, 0, 2, 2, 1, 0, 2, 0, 2, 0, 2, 3, 3, 3, 2, 3, 3, 2, 2, 3, 2, 2}
	if !slices.Equal(comm, want) {
		t.Errorf("karate, seed 1: %v (modularity %.17g), pinned %v", comm, q, want)
	}
	big := lvRandomGraph(t, 9, 5000, 30000)
	comm, q = Louvain(big, 7)
	var h uint64 = 14695981039346656037 // FNV-1a of the ids
	for _, c := range comm {
		h = (h ^ uint64(c)) * 1099511628211
	}
	const pinned = 16736273178937691460
	if h != pinned {
		t.Errorf("random 5000 nodes, seed 7: partition hash %d (modularity %.17g), pinned %d", h, q, uint64(pinned))
	}
}

// TestLeidenIterationKeeps checks that an iteration never lowers the
// modularity of the partition it starts from, good or bad.
func TestLeidenIterationKeeps(t *testing.T) {
	for s := range uint64(50) {
		r := rand.New(rand.NewPCG(s, 4))
		n := 10 + r.IntN(300)
		u := lvBuild(t, n, lvRandomEdges(r, n, 3*n), false)
		start := make([]int32, n)
		groups := 1 + r.IntN(n)
		for v := range start {
			start[v] = int32(r.IntN(groups))
		}
		lv := newLeiden(u, s)
		before := modularity(u, start)
		for it := range 3 {
			next := lv.iterate(start)
			after := modularity(u, next)
			if after < before-1e-12 {
				t.Fatalf("graph %d, iteration %d: modularity fell from %.15f to %.15f", s, it, before, after)
			}
			start, before = next, after
		}
	}
}

// BenchmarkLouvainG100k times Louvain (with its conversion to undirected)
// on the peer graph from ../shared/bench/gen_graphs.py, when it is there.
func BenchmarkLouvainG100k(b *testing.B) {
	g := benchGraph(b, "g100k", true)
	b.ResetTimer()
	var q float64
	var k int32
	for b.Loop() {
		var comm []int32
		comm, q = Louvain(g, 1)
		k = slices.Max(comm) + 1
	}
	b.ReportMetric(q, "modularity")
	b.ReportMetric(float64(k), "communities")
}
