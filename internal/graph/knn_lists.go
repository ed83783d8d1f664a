package graph

import "slices"

// lists holds k neighbours per vector in one array.
type lists struct {
	k   int
	nb  []Neighbour
	len []int32
	// fresh marks the entries that are new since the lists before
	// (neighbour descent), nil meaning all are; the new ids of v are
	// also kept apart, in freshID[v*k : v*k+nfresh[v]], so that following
	// only them costs as many steps as there are.
	fresh   []bool
	freshID []int32
	nfresh  []int32
}

func newLists(n, k int) *lists {
	return &lists{k: k, nb: make([]Neighbour, n*k), len: make([]int32, n)}
}

// withFresh makes room for the marks of new entries.
func (l *lists) withFresh() *lists {
	l.fresh = make([]bool, len(l.nb))
	l.freshID = make([]int32, len(l.nb))
	l.nfresh = make([]int32, len(l.len))
	return l
}

func (l *lists) of(v int) []Neighbour {
	return l.nb[v*l.k : v*l.k+int(l.len[v])]
}

func (l *lists) isFresh(v, i int) bool {
	return l.fresh == nil || l.fresh[v*l.k+i]
}

// freshOf returns the ids new in v's list (all of them when l has no
// marks, as for the first lists).
func (l *lists) freshOf(v int, all []int32) []int32 {
	if l.fresh == nil {
		all = all[:0]
		for _, nb := range l.of(v) {
			all = append(all, nb.ID)
		}
		return all
	}
	return l.freshID[v*l.k : v*l.k+int(l.nfresh[v])]
}

// markFresh marks which of v's entries old did not have, and returns
// how many.
func (l *lists) markFresh(v int, old func(int32) bool) int {
	count := 0
	for i, nb := range l.of(v) {
		f := !old(nb.ID)
		l.fresh[v*l.k+i] = f
		if f {
			l.freshID[v*l.k+count] = nb.ID
			count++
		}
	}
	l.nfresh[v] = int32(count)
	return count
}

// set stores the heap's neighbours for v, best first.
func (l *lists) set(v int, h *topK) {
	slices.SortFunc(h.items, compareNeighbours)
	l.len[v] = int32(copy(l.nb[v*l.k:(v+1)*l.k], h.items))
}

// slices returns the lists as the callers see them: each capped at its
// length so that appending to one cannot overwrite the next.
func (l *lists) slices() [][]Neighbour {
	out := make([][]Neighbour, len(l.len))
	for v := range out {
		a := v * l.k
		b := a + int(l.len[v])
		if b > a {
			out[v] = l.nb[a:b:b]
		}
	}
	return out
}
