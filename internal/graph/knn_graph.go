package graph

import (
	"fmt"
	"math"
)

// SimilarityGraph turns neighbour lists into an undirected weighted Graph
// over names: u–v is an edge when v is in u's list or u in v's, weighted
// by their similarity. A pair found in both directions is one edge with
// the larger of the two similarities (equal when both come from KNN),
// not their sum: an edge's weight stays the cosine of the two vectors, so
// Louvain weighs a pair by how alike they are, not by how many of the two
// lists happened to have room for it.
//
// It fails when the lists do not match the names, or a list names a
// vector outside them, itself, or one vector twice, or has a similarity
// that is not a positive finite number.
func SimilarityGraph(names []string, nn [][]Neighbour) (*Graph, error) {
	n := len(names)
	if len(nn) != n {
		return nil, fmt.Errorf("graph: %d neighbour lists for %d names", len(nn), n)
	}
	edges := 0
	for u, list := range nn {
		for i, nb := range list {
			if nb.ID < 0 || int(nb.ID) >= n {
				return nil, fmt.Errorf("graph: the neighbours of %s name %d, outside 0..%d", names[u], nb.ID, n-1)
			}
			if int(nb.ID) == u {
				return nil, fmt.Errorf("graph: %s is listed as its own neighbour", names[u])
			}
			if s := float64(nb.Sim); !(s > 0) || math.IsInf(s, 1) {
				return nil, fmt.Errorf("graph: %s and %s have similarity %v; similarities are positive and finite", names[u], names[nb.ID], nb.Sim)
			}
			if find(list[:i], nb.ID) >= 0 {
				return nil, fmt.Errorf("graph: the neighbours of %s name %s twice", names[u], names[nb.ID])
			}
			edges++
		}
	}
	out := make([]Edge, 0, edges)
	for u, list := range nn {
		for _, nb := range list {
			v := nb.ID
			w := nb.Sim
			if back := find(nn[v], int32(u)); back >= 0 {
				if int(v) < u {
					continue // v's list made this edge
				}
				w = max(w, nn[v][back].Sim)
			}
			out = append(out, Edge{U: int32(u), V: v, W: float64(w)})
		}
	}
	return New(names, out, false)
}

// find returns the place of id in list, or -1.
func find(list []Neighbour, id int32) int {
	for i, nb := range list {
		if nb.ID == id {
			return i
		}
	}
	return -1
}

// Recall is the share of exact neighbours an approximate answer found,
// counting a found neighbour as right when its similarity is at least the
// k-th exact similarity (ties make many answers right). Vector i adds
// len(exact[i]) to the whole and, to the found, the number of approx[i]'s
// entries at or above the last of exact[i]'s similarities, at most
// len(exact[i]). The similarities in approx are taken as given. With no
// exact neighbours at all the recall is 1.
func Recall(approx, exact [][]Neighbour) float64 {
	found, whole := 0, 0
	for i, ex := range exact {
		if len(ex) == 0 {
			continue
		}
		whole += len(ex)
		if i >= len(approx) {
			continue
		}
		least := ex[len(ex)-1].Sim
		right := 0
		for _, nb := range approx[i] {
			if nb.Sim >= least {
				right++
			}
		}
		found += min(right, len(ex))
	}
	if whole == 0 {
		return 1
	}
	return float64(found) / float64(whole)
}
