package graph

// refiner holds the work arrays of the refinement step, sized once for
// level 0.
type refiner struct {
	sub    []int32   // each node's subcommunity
	tot    []float64 // a subcommunity's strength
	size   []int32   // its nodes
	inside []float64 // a node's weight to the rest of its community
	out    []float64 // a subcommunity's weight to the rest of its community
	whole  []float64 // a community's strength
}

func newRefiner(n int) *refiner {
	return &refiner{
		sub:    make([]int32, n),
		tot:    make([]float64, n),
		size:   make([]int32, n),
		inside: make([]float64, n),
		out:    make([]float64, n),
		whole:  make([]float64, n),
	}
}

// refine splits each community of comm into subcommunities and returns
// them, numbered by their first node: the refinement of Traag et al.
// (2019), Algorithm A.2 (RefinePartition, MergeNodesSubset) with the
// greedy choice. Within a community, nodes start alone; in the given
// order, a node still alone and well connected to its community joins the
// subcommunity, of those well connected too, that raises modularity most,
// or stays alone when none does. Aggregating by subcommunities rather than
// communities lets the next level move parts of a community apart, which
// Louvain cannot; that is what finds the better partitions. A node only
// joins a subcommunity it has edges to, so subcommunities are connected,
// and so are the communities the last level ends with. comm is numbered
// 0..k-1.
func (rf *refiner) refine(g *lvGraph, comm []int32, k int, order []int32, mv *mover) []int32 {
	n := g.order()
	sub, tot, size := rf.sub[:n], rf.tot[:n], rf.size[:n]
	commTot := rf.whole[:k]
	clear(commTot)
	for v := range n {
		commTot[comm[v]] += g.k[v]
		sub[v], tot[v], size[v] = int32(v), g.k[v], 1
		var in float64
		for i := g.start[v]; i < g.start[v+1]; i++ {
			if comm[g.adj[i]] == comm[v] {
				in += g.w[i]
			}
		}
		rf.inside[v], rf.out[v] = in, in
	}
	m2 := mv.m2
	for _, v := range order {
		if size[sub[v]] != 1 { // others have joined v: it stays with them
			continue
		}
		kv, c := g.k[v], comm[v]
		rest := commTot[c] - kv
		if rf.inside[v] < float64(kv*rest)/m2 {
			continue // not well connected: v is left alone
		}
		// v's weights to the subcommunities of its neighbours in c.
		mv.reset()
		for i := g.start[v]; i < g.start[v+1]; i++ {
			x := g.adj[i]
			if comm[x] != c {
				continue
			}
			mv.add(sub[x], g.w[i])
		}
		scale := kv / m2
		best, bestGain := sub[v], 0.0 // staying alone gains nothing
		margin := float64(1e-13 * kv) // as in move, and not fused
		for _, s := range mv.touched {
			if rf.out[s] < float64(tot[s]*(commTot[c]-tot[s]))/m2 {
				continue // s is not well connected to the rest of c
			}
			if gain := mv.cell[s].w - float64(scale*tot[s]); gain > bestGain+margin {
				best, bestGain = s, gain
			}
		}
		if best == sub[v] {
			continue
		}
		own := sub[v]
		size[own], tot[own] = 0, 0
		sub[v] = best
		size[best]++
		tot[best] += kv
		// The edges between v and best are now inside the subcommunity.
		rf.out[best] += rf.inside[v] - 2*mv.cell[best].w
	}
	refined := make([]int32, n)
	copy(refined, sub)
	return refined
}
