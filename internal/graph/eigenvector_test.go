package graph

import (
	"math"
	"runtime"
	"testing"
)

// eigDense is networkx's eigenvector_centrality loop on a dense 0/1
// adjacency matrix of the undirected graph: x ← (A+I)x / ‖(A+I)x‖ from
// the uniform vector until the L1 change is below n·tol.
func eigDense(g *Graph, tol float64) []float64 {
	n := g.Order()
	a := make([][]float64, n)
	for u := range n {
		a[u] = make([]float64, n)
		a[u][u] = 1
	}
	for u := range n {
		adj, _ := g.Out(u)
		for _, v := range adj {
			a[u][v], a[v][u] = 1, 1
		}
	}
	x := make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	for range 1000000 {
		y := make([]float64, n)
		norm := 0.0
		for u := range n {
			for v := range n {
				y[v] += x[u] * a[u][v]
			}
		}
		for _, z := range y {
			norm += z * z
		}
		change := 0.0
		for v := range y {
			y[v] /= math.Sqrt(norm)
			change += math.Abs(y[v] - x[v])
		}
		x = y
		if change < float64(n)*tol {
			return x
		}
	}
	panic("eigDense did not converge")
}

// eigResidual is ‖Ax - λx‖∞ with λ the Rayleigh quotient xᵀAx, for the
// undirected graph of g: how far x is from being an eigenvector.
func eigResidual(g *Graph, x []float64) float64 {
	u := g.Undirected()
	ax := make([]float64, len(x))
	lambda := 0.0
	for v := range x {
		adj, _ := u.Out(v)
		for _, w := range adj {
			ax[v] += x[w]
		}
		lambda += x[v] * ax[v]
	}
	worst := 0.0
	for v := range x {
		worst = max(worst, math.Abs(ax[v]-lambda*x[v]))
	}
	return worst
}

func TestEigenvectorMatchesDense(t *testing.T) {
	cases := []struct {
		name     string
		n        int
		directed bool
		edges    [][3]float64
	}{
		// Weights and directions must both be ignored.
		{"directed weighted", 6, true, [][3]float64{{0, 1, 5}, {1, 2, 1}, {2, 0, 0.5}, {0, 3, 2}, {3, 4, 1}, {1, 5, 9}, {5, 1, 3}}},
		{"undirected", 7, false, [][3]float64{{0, 1, 1}, {1, 2, 1}, {2, 0, 1}, {2, 3, 1}, {3, 4, 1}, {4, 5, 1}, {5, 6, 1}, {6, 3, 1}, {1, 4, 1}}},
		// Bipartite: A alone would swing between two vectors; A+I does not.
		{"bipartite", 6, false, [][3]float64{{0, 3, 1}, {0, 4, 1}, {1, 4, 1}, {1, 5, 1}, {2, 5, 1}, {2, 3, 1}, {0, 5, 1}}},
		{"one edge", 2, true, [][3]float64{{1, 0, 4}}},
	}
	for _, c := range cases {
		g := prGraph(t, c.n, c.directed, c.edges)
		got, ok := Eigenvector(g)
		if !ok {
			t.Fatalf("%s: not ok", c.name)
		}
		prClose(t, c.name, got, eigDense(g.Undirected(), 1e-15), 1e-13)
		if r := eigResidual(g, got); r > 1e-12 {
			t.Errorf("%s: residual %g", c.name, r)
		}
		norm := 0.0
		for _, x := range got {
			norm += x * x
		}
		if math.Abs(norm-1) > 1e-14 {
			t.Errorf("%s: squared norm %v, want 1", c.name, norm)
		}
	}
}

func TestEigenvectorByHand(t *testing.T) {
	// A cycle (or any regular graph): 1/√n each.
	const n = 9
	var cycle [][3]float64
	for v := range n {
		cycle = append(cycle, [3]float64{float64(v), float64((v + 1) % n), 1})
	}
	got, ok := Eigenvector(prGraph(t, n, false, cycle))
	if !ok {
		t.Fatal("cycle: not ok")
	}
	for v := range n {
		if math.Abs(got[v]-1/math.Sqrt(n)) > 1e-14 {
			t.Errorf("cycle node %d = %v, want 1/3", v, got[v])
		}
	}
	// A star with k leaves: λ = √k, the centre 1/√2, each leaf 1/√(2k).
	const k = 5
	var star [][3]float64
	for l := 1; l <= k; l++ {
		star = append(star, [3]float64{float64(l), 0, 1})
	}
	got, ok = Eigenvector(prGraph(t, k+1, true, star))
	if !ok {
		t.Fatal("star: not ok")
	}
	want := []float64{1 / math.Sqrt2}
	for range k {
		want = append(want, 1/math.Sqrt(2*k))
	}
	prClose(t, "star", got, want, 1e-13)
	// A path of three: (1, √2, 1)/2.
	got, ok = Eigenvector(prGraph(t, 3, true, [][3]float64{{0, 1, 1}, {2, 1, 1}}))
	if !ok {
		t.Fatal("path: not ok")
	}
	prClose(t, "path", got, []float64{0.5, math.Sqrt2 / 2, 0.5}, 1e-13)
	// One node.
	got, ok = Eigenvector(prGraph(t, 1, false, nil))
	if !ok || len(got) != 1 || got[0] != 1 {
		t.Errorf("one node: %v, %v; want [1], true", got, ok)
	}
}

func TestEigenvectorNotDefined(t *testing.T) {
	for name, g := range map[string]*Graph{
		"empty":        prGraph(t, 0, false, nil),
		"two pieces":   prGraph(t, 4, true, [][3]float64{{0, 1, 1}, {2, 3, 1}}),
		"isolated":     prGraph(t, 3, false, [][3]float64{{0, 1, 1}}),
		"no edges":     prGraph(t, 2, true, nil),
		"only a loop":  prGraph(t, 2, true, [][3]float64{{1, 1, 1}}),
		"random split": eigTwoRandom(t),
	} {
		if got, ok := Eigenvector(g); ok || got != nil {
			t.Errorf("%s: %v, %v; want nil, false", name, got, ok)
		}
	}
}

// eigTwoRandom is two random graphs side by side, with no edge between.
func eigTwoRandom(t *testing.T) *Graph {
	a := prRandom(t, 500, 3000, 9)
	var edges [][3]float64
	for u := range a.Order() {
		adj, _ := a.Out(u)
		for _, v := range adj {
			edges = append(edges, [3]float64{float64(u), float64(v), 1})
			edges = append(edges, [3]float64{float64(u) + 500, float64(v) + 500, 1})
		}
	}
	return prGraph(t, 1000, true, edges)
}

func TestEigenvectorLargeAndCoreCountFree(t *testing.T) {
	g := prRandom(t, 5000, 60000, 11) // about four chunks, connected
	old := runtime.GOMAXPROCS(1)
	got, ok := Eigenvector(g)
	runtime.GOMAXPROCS(4)
	four, ok4 := Eigenvector(g)
	runtime.GOMAXPROCS(old)
	if !ok || !ok4 {
		t.Fatal("not ok")
	}
	for v := range got {
		if got[v] != four[v] {
			t.Fatalf("node %d: %v on one core, %v on four; want the same bits", v, got[v], four[v])
		}
	}
	if r := eigResidual(g, got); r > 1e-12 {
		t.Errorf("residual %g", r)
	}
}
