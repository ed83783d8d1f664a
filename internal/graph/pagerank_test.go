package graph

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// prGraph builds a graph of n nodes named "0".."n-1" from {u, v, w}
// triples.
func prGraph(t testing.TB, n int, directed bool, edges [][3]float64) *Graph {
	t.Helper()
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprint(i)
	}
	es := make([]Edge, len(edges))
	for i, e := range edges {
		es[i] = Edge{U: int32(e[0]), V: int32(e[1]), W: e[2]}
	}
	g, err := New(names, es, directed)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// prDense is the Google matrix of g in the plain form networkx's
// google_matrix writes it, dense: M[u][v] = alpha·(P[u][v] + d[u]·p[v]) +
// (1-alpha)·p[v], where P is the row-normalised weight matrix and d marks
// the rows with no out-weight. Undirected edges count both ways.
func prDense(g *Graph, alpha float64, p []float64) [][]float64 {
	n := g.Order()
	if p == nil {
		p = make([]float64, n)
		for v := range p {
			p[v] = 1 / float64(n)
		}
	}
	m := make([][]float64, n)
	for u := range n {
		row := make([]float64, n)
		adj, w := g.Out(u)
		out := 0.0
		for i := range adj {
			out += w[i]
		}
		for i, v := range adj {
			if out > 0 {
				row[v] += w[i] / out
			}
		}
		for v := range n {
			if out == 0 {
				row[v] = p[v]
			}
			row[v] = alpha*row[v] + (1-alpha)*p[v]
		}
		m[u] = row
	}
	return m
}

// prPower is networkx's loop on the dense matrix: x ← xM from the uniform
// vector until the L1 change is below n·tol.
func prPower(m [][]float64, tol float64) []float64 {
	n := len(m)
	x := make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	for range 100000 {
		y := make([]float64, n)
		for u := range n {
			for v := range n {
				y[v] += x[u] * m[u][v]
			}
		}
		change := 0.0
		for v := range n {
			change += math.Abs(y[v] - x[v])
		}
		x = y
		if change < float64(n)*tol {
			return x
		}
	}
	panic("prPower did not converge")
}

// prSolve finds the stationary vector directly, by Gaussian elimination
// with partial pivoting on (Mᵀ - I)x = 0 with one row replaced by Σx = 1:
// the exact fixed point, with no iteration at all.
func prSolve(m [][]float64) []float64 {
	n := len(m)
	a := make([][]float64, n)
	for i := range n {
		a[i] = make([]float64, n+1)
		for j := range n {
			a[i][j] = m[j][i]
		}
		a[i][i]--
	}
	for j := range n {
		a[n-1][j] = 1
	}
	a[n-1][n] = 1
	for c := range n {
		piv := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[piv][c]) {
				piv = r
			}
		}
		a[c], a[piv] = a[piv], a[c]
		for r := range n {
			if r != c {
				f := a[r][c] / a[c][c]
				for j := c; j <= n; j++ {
					a[r][j] -= f * a[c][j]
				}
			}
		}
	}
	x := make([]float64, n)
	for i := range n {
		x[i] = a[i][n] / a[i][i]
	}
	return x
}

func prClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for v := range want {
		if math.Abs(got[v]-want[v]) > tol {
			t.Errorf("%s: node %d = %.15g, want %.15g (diff %.3g)", what, v, got[v], want[v], got[v]-want[v])
		}
	}
}

// prCases are small graphs with the features PageRank must get right:
// dangling nodes, weights, undirected edges, pieces that do not touch,
// and zero-weight edges (a node whose out-edges all weigh 0 is dangling).
var prCases = []struct {
	name     string
	n        int
	directed bool
	edges    [][3]float64
}{
	{"directed with dangling", 6, true, [][3]float64{{0, 1, 1}, {1, 2, 1}, {2, 0, 1}, {0, 3, 1}, {3, 4, 1}, {1, 5, 1}}},
	{"weighted directed", 5, true, [][3]float64{{0, 1, 3}, {0, 2, 0.5}, {1, 2, 2}, {2, 0, 1.25}, {2, 3, 4}, {3, 4, 1}, {4, 0, 0.1}, {4, 3, 7}}},
	{"undirected weighted", 6, false, [][3]float64{{0, 1, 1}, {1, 2, 2}, {2, 0, 3}, {2, 3, 0.5}, {3, 4, 1}, {4, 5, 4}}},
	{"disconnected with isolated", 7, true, [][3]float64{{0, 1, 1}, {1, 0, 2}, {2, 3, 1}, {3, 4, 1}, {4, 2, 1}}},
	{"zero-weight out-edges", 4, true, [][3]float64{{0, 1, 0}, {0, 2, 0}, {1, 2, 1}, {2, 3, 2}, {3, 1, 1}}},
	{"all dangling", 3, true, nil},
}

func TestPageRankMatchesDense(t *testing.T) {
	for _, c := range prCases {
		g := prGraph(t, c.n, c.directed, c.edges)
		for _, alpha := range []float64{0.85, 0.5, 0.99} {
			// At alpha 0.99 the 3–4 pair of "weighted directed" swings
			// for thousands of steps, past the default 1000.
			got, err := PageRank(g, PageRankOptions{Alpha: alpha, MaxIter: 100000})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			m := prDense(g, alpha, nil)
			what := fmt.Sprintf("%s alpha %v", c.name, alpha)
			// The same iterate as networkx's loop, to rounding (which the
			// thousands of steps at alpha 0.99 build up to ~1e-14).
			prClose(t, what+" (iterate)", got, prPower(m, 1e-12), 1e-13)
			// And the exact fixed point, to the tolerance asked.
			prClose(t, what+" (solved)", got, prSolve(m), 1e-10)
		}
	}
}

func TestPageRankPersonalised(t *testing.T) {
	for _, c := range prCases {
		g := prGraph(t, c.n, c.directed, c.edges)
		from := make([]float64, c.n)
		from[c.n-1] = 1
		mixed := make([]float64, c.n)
		for v := range mixed {
			mixed[v] = float64(v%3) * 2.5 // unnormalised, some zeros
		}
		for _, personal := range [][]float64{from, mixed} {
			got, err := PageRank(g, PageRankOptions{Personal: personal})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			p, _ := personalisation(personal, g.Names)
			m := prDense(g, 0.85, p)
			prClose(t, c.name+" personalised (iterate)", got, prPower(m, 1e-12), 1e-14)
			prClose(t, c.name+" personalised (solved)", got, prSolve(m), 1e-10)
		}
	}
}

func TestPageRankByHand(t *testing.T) {
	// A directed cycle passes the rank round evenly: 1/n each.
	const n = 7
	var cycle [][3]float64
	for v := range n {
		cycle = append(cycle, [3]float64{float64(v), float64((v + 1) % n), 2})
	}
	got, err := PageRank(prGraph(t, n, true, cycle), PageRankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for v := range n {
		if math.Abs(got[v]-1.0/n) > 1e-15 {
			t.Errorf("cycle node %d = %v, want 1/%d", v, got[v], n)
		}
	}
	// An undirected star with k leaves, a = 0.85: the centre has
	// (1 + a·k) / (n·(1 + a)), each leaf (1 - centre)/k.
	const k = 4
	var star [][3]float64
	for l := 1; l <= k; l++ {
		star = append(star, [3]float64{0, float64(l), 1})
	}
	got, err = PageRank(prGraph(t, k+1, false, star), PageRankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	centre := (1 + 0.85*k) / ((k + 1) * 1.85)
	want := []float64{centre, (1 - centre) / k, (1 - centre) / k, (1 - centre) / k, (1 - centre) / k}
	// The star swings (it is bipartite) and networkx's rule stops it
	// about 1e-12 from the fixed point.
	prClose(t, "star", got, want, 1e-11)
	// Sums to 1.
	sum := 0.0
	for _, x := range got {
		sum += x
	}
	if math.Abs(sum-1) > 1e-14 {
		t.Errorf("star sums to %v", sum)
	}
}

func TestPageRankEdges(t *testing.T) {
	for _, personal := range [][]float64{nil, {}} {
		got, err := PageRank(prGraph(t, 0, true, nil), PageRankOptions{Personal: personal})
		if err != nil || got == nil || len(got) != 0 {
			t.Errorf("empty graph: %v, %v; want an empty vector", got, err)
		}
	}
	got, err := PageRank(prGraph(t, 1, false, nil), PageRankOptions{})
	if err != nil || len(got) != 1 || got[0] != 1 {
		t.Errorf("one node: %v, %v; want [1]", got, err)
	}
	g := prGraph(t, 3, true, [][3]float64{{0, 1, 1}, {1, 2, 1}})
	_, err = PageRank(g, PageRankOptions{MaxIter: 2})
	if !errors.Is(err, ErrNotConverged) {
		t.Errorf("2 iterations: %v, want ErrNotConverged", err)
	}
	bad := []struct {
		opts PageRankOptions
		want string
	}{
		{PageRankOptions{Alpha: -0.1}, "alpha"},
		{PageRankOptions{Alpha: 1.5}, "alpha"},
		{PageRankOptions{Alpha: math.NaN()}, "alpha"},
		{PageRankOptions{Tol: -1}, "tolerance"},
		{PageRankOptions{Tol: math.Inf(1)}, "tolerance"},
		{PageRankOptions{MaxIter: -3}, "MaxIter"},
		{PageRankOptions{Personal: []float64{1, 0}}, "2 values for 3 nodes"},
		{PageRankOptions{Personal: []float64{1, -1, 0}}, `node "1"`},
		{PageRankOptions{Personal: []float64{0, math.NaN(), 0}}, `node "1"`},
		{PageRankOptions{Personal: []float64{0, 0, 0}}, "sums to 0"},
		{PageRankOptions{Personal: []float64{math.MaxFloat64, math.MaxFloat64, 0}}, "sums to"},
	}
	for _, b := range bad {
		_, err := PageRank(g, b.opts)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%+v: error %v, want one naming %q", b.opts, err, b.want)
		}
	}
}

// prRandom is a random directed weighted graph, big enough to be cut
// into many chunks, with some dangling nodes.
func prRandom(t testing.TB, n, m int, seed uint64) *Graph {
	r := rand.New(rand.NewPCG(seed, 1))
	edges := make([][3]float64, 0, m)
	for range m {
		u, v := r.IntN(n), r.IntN(n)
		if u%50 == 7 {
			continue // dangling
		}
		edges = append(edges, [3]float64{float64(u), float64(v), 0.5 + 3.5*r.Float64()})
	}
	return prGraph(t, n, true, edges)
}

// prPush is the plainest sparse form of networkx's loop, pushing each
// node's rank along its out-edges one node at a time, with none of
// PageRank's chunks, coefficients or goroutines.
func prPush(g *Graph, alpha, tol float64) []float64 {
	n := g.Order()
	x := make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	for {
		y := make([]float64, n)
		dangling := 0.0
		for u := range n {
			adj, w := g.Out(u)
			out := 0.0
			for _, x := range w {
				out += x
			}
			if out == 0 {
				dangling += x[u]
			}
			for i, v := range adj {
				y[v] += x[u] * w[i] / out
			}
		}
		change := 0.0
		for v := range n {
			y[v] = alpha*(y[v]+dangling/float64(n)) + (1-alpha)/float64(n)
			change += math.Abs(y[v] - x[v])
		}
		x = y
		if change < float64(n)*tol {
			return x
		}
	}
}

func TestPageRankLargeAndCoreCountFree(t *testing.T) {
	g := prRandom(t, 20000, 120000, 5)
	old := runtime.GOMAXPROCS(1)
	one, err := PageRank(g, PageRankOptions{})
	runtime.GOMAXPROCS(4)
	four, err2 := PageRank(g, PageRankOptions{})
	runtime.GOMAXPROCS(old)
	if err != nil || err2 != nil {
		t.Fatal(err, err2)
	}
	for v := range one {
		if one[v] != four[v] {
			t.Fatalf("node %d: %v on one core, %v on four; want the same bits", v, one[v], four[v])
		}
	}
	prClose(t, "random 20k", one, prPush(g, 0.85, 1e-12), 1e-15)
}

// BenchmarkPageRankG100k times PageRank alone on the peers' g100k graph
// (100,000 nodes, 1,000,000 weighted directed edges; made by
// ../shared/bench/gen_graphs.py), to set beside igraph's compute_s.
func BenchmarkPageRankG100k(b *testing.B) {
	g := benchGraph(b, "g100k", true)
	b.ResetTimer()
	for b.Loop() {
		if _, err := PageRank(g, PageRankOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
