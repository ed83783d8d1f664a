// Package graph computes network metrics on weighted, directed or
// undirected graphs: degrees, betweenness, closeness, eigenvector
// centrality, PageRank, two-step reach, components, path lengths,
// communities and modularity, personal trust from one node, and the
// difference between two periods. It is pure: no I/O beyond the reader a
// caller hands to Parse, and no imports of the project, so the trust
// feature, `commonground network` and the tests run the same code.
//
// Definitions follow networkx's, stated in docs/network.md; the tests
// compare every metric with networkx to 1e-9.
package graph

import (
	"fmt"
	"math"
	"slices"
)

// Graph is a compact (CSR) graph. Nodes are numbered 0..n-1 by their
// place in Names. An undirected edge is stored in both directions, and
// In* are then the same slices as Out*.
type Graph struct {
	Names    []string
	Directed bool

	// The out-neighbours of v are Adj[Start[v]:Start[v+1]], in
	// increasing order, with the edges' weights in W at the same places.
	Start []int
	Adj   []int32
	W     []float64
	// The in-neighbours, the same way (directed graphs).
	InStart []int
	InAdj   []int32
	InW     []float64

	// Edges is the number of distinct edges (an undirected edge once).
	Edges int
	// SelfLoops counts the self-loops dropped, and Merged the edges that
	// repeated an earlier one and had their weight added to it.
	SelfLoops, Merged int
}

// Edge is an edge from U to V (or between them) with weight W.
type Edge struct {
	U, V int32
	W    float64
}

// New builds a graph of len(names) nodes. Self-loops are dropped and
// counted; repeated edges (for an undirected graph, u–v and v–u are the
// same edge) are merged, their weights added. Weights must be finite and
// not negative. edges is reordered.
func New(names []string, edges []Edge, directed bool) (*Graph, error) {
	n := len(names)
	if n > math.MaxInt32 {
		return nil, fmt.Errorf("graph: %d nodes are too many", n)
	}
	g := &Graph{Names: names, Directed: directed}
	kept := edges[:0]
	for _, e := range edges {
		if e.U < 0 || int(e.U) >= n || e.V < 0 || int(e.V) >= n {
			return nil, fmt.Errorf("graph: edge %d-%d names a node outside 0..%d", e.U, e.V, n-1)
		}
		if math.IsNaN(e.W) || math.IsInf(e.W, 0) || e.W < 0 {
			return nil, fmt.Errorf("graph: edge %s-%s has weight %v; weights are finite and not negative", names[e.U], names[e.V], e.W)
		}
		if e.U == e.V {
			g.SelfLoops++
			continue
		}
		if !directed && e.U > e.V {
			e.U, e.V = e.V, e.U
		}
		kept = append(kept, e)
	}
	kept = sortEdges(kept, n)
	merged := kept[:0]
	for _, e := range kept {
		if k := len(merged) - 1; k >= 0 && merged[k].U == e.U && merged[k].V == e.V {
			merged[k].W += e.W
			g.Merged++
			continue
		}
		merged = append(merged, e)
	}
	g.Edges = len(merged)
	if directed {
		g.Start, g.Adj, g.W = csr(n, merged, false, false)
		g.InStart, g.InAdj, g.InW = csr(n, merged, true, false)
	} else {
		g.Start, g.Adj, g.W = csr(n, merged, false, true)
		g.InStart, g.InAdj, g.InW = g.Start, g.Adj, g.W
	}
	return g, nil
}

// sortEdges orders edges by (U, V) with two counting sorts (by V, then
// stably by U), linear in the edges; equal edges keep the order they came
// in, so merged weights add up the same every run.
func sortEdges(edges []Edge, n int) []Edge {
	tmp := make([]Edge, len(edges))
	count := make([]int, n+1)
	for _, e := range edges {
		count[e.V+1]++
	}
	for v := range n {
		count[v+1] += count[v]
	}
	for _, e := range edges {
		tmp[count[e.V]] = e
		count[e.V]++
	}
	clear(count)
	for _, e := range tmp {
		count[e.U+1]++
	}
	for v := range n {
		count[v+1] += count[v]
	}
	for _, e := range tmp {
		edges[count[e.U]] = e
		count[e.U]++
	}
	return edges
}

// csr lays edges (sorted by U, then V) out by source, or by target when
// reverse, or both ways when both is set. Each node's neighbours come out
// in increasing order without a sort: going through the edges in (U, V)
// order, placing by U meets each U's Vs in order, and placing by V meets
// each V's Us in order; for both ways, a node's smaller neighbours (where
// it is V) are all placed before its larger ones (where it is U).
func csr(n int, edges []Edge, reverse, both bool) ([]int, []int32, []float64) {
	start := make([]int, n+1)
	for _, e := range edges {
		if reverse || both {
			start[e.V+1]++
		}
		if !reverse || both {
			start[e.U+1]++
		}
	}
	for v := range n {
		start[v+1] += start[v]
	}
	adj := make([]int32, start[n])
	w := make([]float64, start[n])
	next := slices.Clone(start[:n])
	if reverse || both {
		for _, e := range edges {
			i := next[e.V]
			adj[i], w[i] = e.U, e.W
			next[e.V]++
		}
	}
	if !reverse || both {
		for _, e := range edges {
			i := next[e.U]
			adj[i], w[i] = e.V, e.W
			next[e.U]++
		}
	}
	return start, adj, w
}

// Order is the number of nodes.
func (g *Graph) Order() int { return len(g.Names) }

// Out returns v's out-neighbours (all neighbours, undirected) and the
// edges' weights.
func (g *Graph) Out(v int) ([]int32, []float64) {
	return g.Adj[g.Start[v]:g.Start[v+1]], g.W[g.Start[v]:g.Start[v+1]]
}

// In returns v's in-neighbours (all neighbours, undirected) and the
// edges' weights.
func (g *Graph) In(v int) ([]int32, []float64) {
	return g.InAdj[g.InStart[v]:g.InStart[v+1]], g.InW[g.InStart[v]:g.InStart[v+1]]
}

// Undirected returns g as an undirected graph: u–v joins u and v when
// either edge u→v or v→u exists, with the weights of both added. An
// undirected g is returned as it is.
func (g *Graph) Undirected() *Graph {
	if !g.Directed {
		return g
	}
	edges := make([]Edge, 0, len(g.Adj))
	for u := range g.Order() {
		adj, w := g.Out(u)
		for i, v := range adj {
			edges = append(edges, Edge{U: int32(u), V: v, W: w[i]})
		}
	}
	u, err := New(g.Names, edges, false)
	if err != nil {
		panic(err) // g's edges were checked when it was built
	}
	u.SelfLoops, u.Merged = 0, 0
	return u
}
