package graph

import (
	"fmt"
	"slices"
)

// Modularity is the modularity of the partition that gives node v the
// community community[v], on the undirected graph with summed weights
// (g.Undirected()), with resolution 1, as networkx 2.8.8's
// community.modularity(G, communities, weight="weight") computes it:
//
//	Q = Σ_c [ L_c/m − (K_c/2m)² ]
//
// where m is the total edge weight, L_c the weight of the edges inside c
// and K_c the weighted degrees of c's nodes added up. Community ids are
// any numbers that are not negative; they need not be consecutive. A
// graph with no edge weight at all has modularity 0 here, where networkx
// divides by zero. Modularity panics when community does not give every
// node a community, as networkx refuses what is not a partition.
func Modularity(g *Graph, community []int32) float64 {
	if len(community) != g.Order() {
		panic(fmt.Sprintf("graph: Modularity given %d communities for %d nodes", len(community), g.Order()))
	}
	return modularity(g.Undirected(), community)
}

// modularity is Modularity on an undirected graph u, so that Louvain,
// which has u already, reports exactly what Modularity would.
func modularity(u *Graph, community []int32) float64 {
	ids := denseIDs(community)
	k := 0
	for _, c := range ids {
		k = max(k, int(c)+1)
	}
	inside := make([]float64, k) // L_c, each edge once
	degree := make([]float64, k) // K_c
	var total float64            // 2m
	for v := range u.Order() {
		adj, w := u.Out(v)
		cv := ids[v]
		for i, x := range adj {
			total += w[i]
			degree[cv] += w[i]
			// Each edge is stored both ways; the half from the smaller
			// end counts it once.
			if int(x) > v && ids[x] == cv {
				inside[cv] += w[i]
			}
		}
	}
	if total == 0 {
		return 0
	}
	m := total / 2
	var q float64
	for c := range k {
		// The conversions round each product on its own, so no machine
		// fuses them into a multiply-add and the figure is the same
		// everywhere.
		share := degree[c] / total
		q += inside[c]/m - float64(share*share)
	}
	return q
}

// denseIDs maps community ids onto 0..k-1 when they are larger than the
// number of nodes, so the per-community sums stay as small as the graph;
// ids already below the number of nodes are used as they are.
func denseIDs(community []int32) []int32 {
	n := len(community)
	large := false
	for v, c := range community {
		if c < 0 {
			panic(fmt.Sprintf("graph: node %d has community %d; ids are not negative", v, c))
		}
		if int(c) >= n {
			large = true
		}
	}
	if !large {
		return community
	}
	sorted := slices.Clone(community)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	ids := make([]int32, n)
	for v, c := range community {
		i, _ := slices.BinarySearch(sorted, c)
		ids[v] = int32(i)
	}
	return ids
}
