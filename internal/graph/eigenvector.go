package graph

import "math"

// eigenTol and eigenMaxIter bound Eigenvector's power iteration. The
// tolerance is far tighter than networkx's default 1e-6 so that the result
// is the eigenvector itself to about 1e-13, and so agrees with networkx run
// at any tolerance tight enough to be compared at 1e-9; the L1 rounding
// noise of a unit vector stays well below n×1e-14, so the test can be met.
const (
	eigenTol     = 1e-14
	eigenMaxIter = 10000
)

// Eigenvector is networkx 2.8.8's eigenvector_centrality(nx.Graph(G)):
// the centrality of the undirected, unweighted graph (u–v when either edge
// exists; weights ignored), scaled to unit Euclidean norm. As networkx
// does, it starts from the uniform vector and iterates with A+I rather than
// A, so that on a bipartite graph the iteration does not swing between two
// vectors, normalising each step, until the L1 change is below n×1e-14.
//
// ok is false, and the vector nil, when the undirected graph is empty or
// disconnected (the centrality is then not one well-defined vector), and
// also in the rare case of a graph mixing so slowly (a long path, say) that
// 10,000 iterations do not settle, rather than return an unsettled vector.
func Eigenvector(g *Graph) ([]float64, bool) {
	u := g.Undirected()
	n := u.Order()
	if n == 0 || !eigenConnected(u) {
		return nil, false
	}
	x := make([]float64, n)
	for v := range x {
		x[v] = 1 / float64(n)
	}
	next := make([]float64, n)
	// Nodes are cut into chunks as PageRank's are, and the sums of
	// squares and of changes are kept per chunk and added in chunk order,
	// so the result is the same on any number of cores.
	chunks := workChunks(u.Start)
	k := len(chunks) - 1
	squares, changes := make([]float64, k), make([]float64, k)
	limit := float64(n) * eigenTol
	for range eigenMaxIter {
		eachChunk(k, func(c int) {
			sum := 0.0
			for v := chunks[c]; v < chunks[c+1]; v++ {
				// x[v] is the identity's share of (A+I)x.
				y := x[v]
				for _, w := range u.Adj[u.Start[v]:u.Start[v+1]] {
					y += x[w]
				}
				next[v] = y
				sum += y * y
			}
			squares[c] = sum
		})
		norm := 0.0
		for _, s := range squares {
			norm += s
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			norm = 1 // as networkx, though a connected graph never gets here
		}
		eachChunk(k, func(c int) {
			change := 0.0
			for v := chunks[c]; v < chunks[c+1]; v++ {
				next[v] /= norm
				change += math.Abs(next[v] - x[v])
			}
			changes[c] = change
		})
		change := 0.0
		for _, d := range changes {
			change += d
		}
		x, next = next, x
		if change < limit {
			return x, true
		}
	}
	return nil, false
}

// eigenConnected tells whether an undirected graph is one component, by a
// breadth-first search from node 0.
func eigenConnected(g *Graph) bool {
	n := g.Order()
	seen := make([]bool, n)
	queue := make([]int32, 1, n)
	seen[0] = true
	for i := 0; i < len(queue); i++ {
		adj, _ := g.Out(int(queue[i]))
		for _, w := range adj {
			if !seen[w] {
				seen[w] = true
				queue = append(queue, w)
			}
		}
	}
	return len(queue) == n
}
