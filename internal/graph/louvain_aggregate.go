package graph

// renumber maps the community ids in comm onto 0..k-1 in the order of
// each community's first node, in place, and returns k. seen is scratch of
// at least len(comm) entries.
func renumber(comm []int32, seen []int32) int {
	seen = seen[:len(comm)]
	for i := range seen {
		seen[i] = -1
	}
	k := int32(0)
	for v, c := range comm {
		if seen[c] < 0 {
			seen[c] = k
			k++
		}
		comm[v] = seen[c]
	}
	return int(k)
}

// aggregate returns the graph with a node for each of the k communities
// of g (comm numbered 0..k-1): an edge between two communities weighs
// what the edges between their nodes weigh, and a community's strength is
// its nodes' strengths added up, which keeps the weight inside it. The
// work arrays of mv are reused.
func aggregate(g *lvGraph, comm []int32, k int, mv *mover) *lvGraph {
	n := g.order()
	// The nodes grouped by community (a counting sort), so that each
	// community's row is written in one go.
	first := make([]int, k+1)
	for _, c := range comm {
		first[c+1]++
	}
	for c := range k {
		first[c+1] += first[c]
	}
	members := make([]int32, n)
	next := mv.queue[:k] // scratch: the next free place of each group
	for c := range k {
		next[c] = int32(first[c])
	}
	for v, c := range comm {
		members[next[c]] = int32(v)
		next[c]++
	}
	a := &lvGraph{
		start: make([]int, k+1),
		adj:   make([]int32, 0, len(g.adj)/2),
		w:     make([]float64, 0, len(g.adj)/2),
		k:     make([]float64, k),
	}
	for c := range k {
		mv.reset()
		var strength float64
		for _, v := range members[first[c]:first[c+1]] {
			strength += g.k[v]
			for i := g.start[v]; i < g.start[v+1]; i++ {
				d := comm[g.adj[i]]
				if int(d) == c {
					continue
				}
				mv.add(d, g.w[i])
			}
		}
		a.k[c] = strength
		for _, d := range mv.touched {
			a.adj = append(a.adj, d)
			a.w = append(a.w, mv.cell[d].w)
		}
		a.start[c+1] = len(a.adj)
	}
	return a
}
