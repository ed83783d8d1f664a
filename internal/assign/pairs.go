package assign

import "slices"

// pairTable finds a pair by its mentee and mentor: the pairs' indices
// grouped by mentee (a counting sort) and sorted by mentor within each
// group. It serves the parser and Certify, which must not lean on the
// solver's own rows; a map keyed by pair cost seconds on millions of them.
type pairTable struct {
	pairs []Pair
	start []int   // group of mentee i: idx[start[i]:start[i+1]]
	idx   []int32 // pair indices
}

func newPairTable(n int, pairs []Pair) *pairTable {
	t := &pairTable{pairs: pairs, start: make([]int, n+1), idx: make([]int32, len(pairs))}
	for _, p := range pairs {
		t.start[p.Mentee+1]++
	}
	for i := range n {
		t.start[i+1] += t.start[i]
	}
	next := slices.Clone(t.start[:n])
	for k, p := range pairs {
		t.idx[next[p.Mentee]] = int32(k)
		next[p.Mentee]++
	}
	for i := range n {
		row := t.idx[t.start[i]:t.start[i+1]]
		// stable, so of two equal pairs the earlier comes first
		slices.SortStableFunc(row, func(a, b int32) int { return pairs[a].Mentor - pairs[b].Mentor })
	}
	return t
}

// find returns the index of the pair of mentee i and mentor j (the first,
// if listed twice), or -1.
func (t *pairTable) find(i, j int) int {
	row := t.idx[t.start[i]:t.start[i+1]]
	k, ok := slices.BinarySearchFunc(row, j, func(a int32, j int) int { return t.pairs[a].Mentor - j })
	if !ok {
		return -1
	}
	return int(row[k])
}

// repeat returns a pair listed twice, as the indices of its first and
// second listing, or ok false.
func (t *pairTable) repeat() (first, second int, ok bool) {
	second = -1
	for i := range len(t.start) - 1 {
		row := t.idx[t.start[i]:t.start[i+1]]
		for k := 1; k < len(row); k++ {
			if t.pairs[row[k]].Mentor == t.pairs[row[k-1]].Mentor && (second < 0 || int(row[k]) < second) {
				first, second = int(row[k-1]), int(row[k])
			}
		}
	}
	return first, second, second >= 0
}
