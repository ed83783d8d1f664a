package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomGraph draws a graph of n nodes and about m edges, some repeated
// and some self-loops, with random weights.
func randomGraph(r *rand.Rand, n, m int, directed bool) *Graph {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("v%d", i)
	}
	var edges []Edge
	for range m {
		edges = append(edges, Edge{U: int32(r.IntN(n)), V: int32(r.IntN(n)), W: float64(1+r.IntN(9)) / 2})
	}
	g, err := New(names, edges, directed)
	if err != nil {
		panic(err)
	}
	return g
}

// floyd is every distance by Floyd–Warshall (-1: unreachable) and the
// number of shortest paths between each pair, counted by dynamic
// programming over distance.
func floyd(g *Graph) ([][]int, [][]float64) {
	n := g.Order()
	const inf = math.MaxInt32
	d := make([][]int, n)
	for i := range d {
		d[i] = make([]int, n)
		for j := range d[i] {
			d[i][j] = inf
		}
		d[i][i] = 0
		out, _ := g.Out(i)
		for _, j := range out {
			d[i][j] = 1
		}
	}
	for k := range n {
		for i := range n {
			for j := range n {
				if d[i][k] < inf && d[k][j] < inf && d[i][k]+d[k][j] < d[i][j] {
					d[i][j] = d[i][k] + d[k][j]
				}
			}
		}
	}
	// sigma[s][t]: shortest paths from s to t, by increasing distance
	sigma := make([][]float64, n)
	for s := range n {
		sigma[s] = make([]float64, n)
		sigma[s][s] = 1
		for dist := 1; dist < n; dist++ {
			for t := range n {
				if d[s][t] != dist {
					continue
				}
				in, _ := g.In(t)
				for _, u := range in {
					if d[s][u] == dist-1 {
						sigma[s][t] += sigma[s][u]
					}
				}
			}
		}
	}
	for i := range d {
		for j := range d[i] {
			if d[i][j] == inf {
				d[i][j] = -1
			}
		}
	}
	return d, sigma
}

// naivePaths computes betweenness, closeness and the average path length
// straight from their definitions over all pairs.
func naivePaths(g *Graph) ([]float64, []float64, float64) {
	n := g.Order()
	d, sigma := floyd(g)
	bc := make([]float64, n)
	for s := range n {
		for t := range n {
			if s == t || d[s][t] < 0 {
				continue
			}
			for v := range n {
				if v != s && v != t && d[s][v] >= 0 && d[v][t] >= 0 && d[s][v]+d[v][t] == d[s][t] {
					bc[v] += sigma[s][v] * sigma[v][t] / sigma[s][t]
				}
			}
		}
	}
	if n > 2 {
		for v := range bc {
			bc[v] /= float64((n - 1) * (n - 2))
		}
	}
	cl := make([]float64, n)
	for v := range n {
		reach, sum := 0, 0
		for u := range n {
			if d[u][v] >= 0 { // incoming distances
				reach++
				sum += d[u][v]
			}
		}
		if sum > 0 {
			cl[v] = float64(reach-1) / float64(sum) * float64(reach-1) / float64(n-1)
		}
	}
	comp, k := StrongComponents(g)
	in, size := largest(comp, k)
	total := 0
	for s := range n {
		for t := range n {
			if in[s] && in[t] {
				total += d[s][t]
			}
		}
	}
	apl := 0.0
	if size > 1 {
		apl = float64(total) / float64(size*(size-1))
	}
	return bc, cl, apl
}

func TestPathsAgainstDefinitions(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for it := range 200 {
		directed := it%2 == 0
		n := 2 + r.IntN(14)
		g := randomGraph(r, n, r.IntN(3*n), directed)
		workers := 1 + it%3
		got := Paths(g, PathOptions{Betweenness: true, Closeness: true, AveragePathLength: true, Workers: workers})
		bc, cl, apl := naivePaths(g)
		for v := range n {
			if !closeTo(got.Betweenness[v], bc[v]) || !closeTo(got.Closeness[v], cl[v]) {
				t.Fatalf("graph %d (directed %v) node %d: betweenness %v closeness %v, want %v %v",
					it, directed, v, got.Betweenness[v], got.Closeness[v], bc[v], cl[v])
			}
		}
		if !closeTo(got.AveragePathLength, apl) {
			t.Fatalf("graph %d: average path length %v, want %v", it, got.AveragePathLength, apl)
		}
		// the same again with one worker gives the same bits
		one := Paths(g, PathOptions{Betweenness: true, Workers: workers})
		if !slices.Equal(one.Betweenness, got.Betweenness) {
			t.Fatalf("graph %d: betweenness differs from run to run", it)
		}
	}
}

func TestPathsProgress(t *testing.T) {
	g := randomGraph(rand.New(rand.NewPCG(1, 1)), 300, 900, true)
	last, calls := 0, 0
	Paths(g, PathOptions{Betweenness: true, Closeness: true, Workers: 2, Progress: func(done, total int) {
		if done < last || total != 600 { // 300 searches out, 300 in (closeness)
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
		calls++
	}})
	if last != 600 || calls < 8 {
		t.Fatalf("progress ended at %d after %d calls", last, calls)
	}
}
