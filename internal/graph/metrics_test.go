package graph

import (
	"math/rand/v2"
	"testing"
)

// TestMetricsAgainstDefinitions checks the whole-graph and per-node
// counts against an adjacency matrix built from the same edges.
func TestMetricsAgainstDefinitions(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for it := range 200 {
		directed := it%2 == 1
		n := 1 + r.IntN(15)
		g := randomGraph(r, n, r.IntN(3*n), directed)
		a := make([][]float64, n) // a[u][v]: weight of u→v (both ways, undirected); 0: none
		edges := 0
		for u := range n {
			a[u] = make([]float64, n)
		}
		for u := range n {
			out, w := g.Out(u)
			for i, v := range out {
				a[u][v] = w[i]
				edges++
			}
		}
		if !directed {
			edges /= 2
		}
		if edges != g.Edges {
			t.Fatalf("graph %d: %d edges, counted %d", it, g.Edges, edges)
		}
		d := Degrees(g)
		reach := Reach2(g)
		mutual := 0
		for u := range n {
			deg, in, out, wd := 0, 0, 0, 0.0
			for v := range n {
				if has(g, u, v) {
					out++
					wd += a[u][v]
				}
				if directed && has(g, v, u) {
					in++
					wd += a[v][u]
				}
				if directed && has(g, u, v) && has(g, v, u) {
					mutual++
				}
			}
			deg = out + in
			if d.Degree[u] != deg || !closeTo(d.Weighted[u], wd) || (directed && (d.In[u] != in || d.Out[u] != out)) {
				t.Fatalf("graph %d node %d: degrees %d/%v, want %d in %d out %d weighted %v", it, u, d.Degree[u], d.Weighted[u], deg, in, out, wd)
			}
			// two steps by the matrix
			seen := map[int]bool{}
			for v := range n {
				if has(g, u, v) {
					seen[v] = true
					for w := range n {
						if has(g, v, w) {
							seen[w] = true
						}
					}
				}
			}
			delete(seen, u)
			if reach[u] != len(seen) {
				t.Fatalf("graph %d node %d: reach2 %d, want %d", it, u, reach[u], len(seen))
			}
		}
		want := 0.0
		if n > 1 {
			want = float64(edges) / float64(n*(n-1))
			if !directed {
				want *= 2
			}
		}
		if !closeTo(Density(g), want) {
			t.Fatalf("graph %d: density %v, want %v", it, Density(g), want)
		}
		rec, ok := Reciprocity(g)
		if directed && edges > 0 && (!ok || !closeTo(rec, float64(mutual)/float64(edges))) {
			t.Fatalf("graph %d: reciprocity %v %v, want %v", it, rec, ok, float64(mutual)/float64(edges))
		}
		if !directed && ok {
			t.Fatalf("graph %d: reciprocity of an undirected graph", it)
		}
		checkComponents(t, g, it)
	}
}

func has(g *Graph, u, v int) bool {
	out, _ := g.Out(u)
	for _, x := range out {
		if int(x) == v {
			return true
		}
	}
	return false
}

// checkComponents: two nodes share a weak component exactly when an
// undirected path joins them, and a strong one exactly when each reaches
// the other.
func checkComponents(t *testing.T, g *Graph, it int) {
	n := g.Order()
	reach := make([][]bool, n) // reach[u][v]: a directed path u→v
	both := make([][]bool, n)  // ignoring direction
	for u := range n {
		reach[u], both[u] = make([]bool, n), make([]bool, n)
	}
	for u := range n {
		reach[u][u], both[u][u] = true, true
		for v := range n {
			if has(g, u, v) {
				reach[u][v], both[u][v], both[v][u] = true, true, true
			}
		}
	}
	for k := range n {
		for i := range n {
			for j := range n {
				reach[i][j] = reach[i][j] || (reach[i][k] && reach[k][j])
				both[i][j] = both[i][j] || (both[i][k] && both[k][j])
			}
		}
	}
	weak, kw := Components(g)
	strong, ks := StrongComponents(g)
	for u := range n {
		for v := range n {
			if (weak[u] == weak[v]) != both[u][v] {
				t.Fatalf("graph %d: nodes %d, %d weakly connected %v", it, u, v, both[u][v])
			}
			if (strong[u] == strong[v]) != (reach[u][v] && reach[v][u]) {
				t.Fatalf("graph %d: nodes %d, %d strongly connected %v", it, u, v, reach[u][v] && reach[v][u])
			}
		}
		if int(weak[u]) >= kw || int(strong[u]) >= ks {
			t.Fatalf("graph %d: component numbers out of range", it)
		}
	}
}
