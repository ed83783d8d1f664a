package graph

import (
	"fmt"
	"math"
	"slices"
)

// vecSet holds the vectors cleaned up and laid out end to end (CSR), with
// the indices renumbered 0..dim-1 in order of first use so that dense
// arrays over the vocabulary stay as small as the terms really used.
type vecSet struct {
	start []int32   // the entries of v are [start[v], start[v+1])
	idx   []int32   // renumbered term of each entry
	w     []float32 // its weight, positive and finite
	inv   []float64 // 1/‖v‖, 0 for an empty vector
	ids   []int32   // the non-empty vectors, increasing
	dim   int
	// nonEmpty is len(ids).
	nonEmpty int
	// orig is, for a copy made by permute, the id each vector had.
	orig []int32
}

// maxDirectIndex bounds the indices renumbered through a table; larger
// ones go through a map, so a caller's sparse ids of any size work.
const maxDirectIndex = 1 << 20

func newVecSet(vecs []SparseVector) *vecSet {
	total := 0
	for i, v := range vecs {
		if len(v.Idx) != len(v.W) {
			panic(fmt.Sprintf("graph: vector %d has %d indices and %d weights", i, len(v.Idx), len(v.W)))
		}
		total += len(v.Idx)
	}
	vs := &vecSet{
		start: make([]int32, len(vecs)+1),
		idx:   make([]int32, 0, total),
		w:     make([]float32, 0, total),
		inv:   make([]float64, len(vecs)),
	}
	term := newRenumbering()
	var tmp []entry
	for i, v := range vecs {
		tmp = tmp[:0]
		sorted := true
		for j, t := range v.Idx {
			w := v.W[j]
			if t < 0 || !(w > 0) || math.IsInf(float64(w), 1) {
				continue
			}
			if len(tmp) > 0 && t <= tmp[len(tmp)-1].t {
				sorted = false
			}
			tmp = append(tmp, entry{t, w})
		}
		if !sorted {
			tmp = mergeEntries(tmp)
		}
		var norm2 float64
		for _, e := range tmp {
			vs.idx = append(vs.idx, term.id(e.t))
			vs.w = append(vs.w, e.w)
			norm2 += float64(e.w) * float64(e.w)
		}
		vs.start[i+1] = int32(len(vs.idx))
		if len(tmp) > 0 {
			vs.inv[i] = 1 / math.Sqrt(norm2)
			vs.ids = append(vs.ids, int32(i))
		}
	}
	vs.dim = term.next
	vs.nonEmpty = len(vs.ids)
	return vs
}

type entry struct {
	t int32
	w float32
}

// mergeEntries sorts entries by term and adds the weights of a repeated
// term, so that its norm and its dot products agree.
func mergeEntries(es []entry) []entry {
	slices.SortStableFunc(es, func(a, b entry) int { return int(a.t) - int(b.t) })
	out := es[:0]
	for _, e := range es {
		if k := len(out) - 1; k >= 0 && out[k].t == e.t {
			out[k].w += e.w
			continue
		}
		out = append(out, e)
	}
	return out
}

// renumbering gives terms dense ids in order of first use.
type renumbering struct {
	table []int32 // id+1 of small terms, 0 for unseen
	big   map[int32]int32
	next  int
}

func newRenumbering() *renumbering { return &renumbering{} }

func (r *renumbering) id(t int32) int32 {
	if t < maxDirectIndex {
		if int(t) >= len(r.table) {
			r.table = slices.Grow(r.table, int(t)+1-len(r.table))[:int(t)+1]
		}
		if r.table[t] == 0 {
			r.next++
			r.table[t] = int32(r.next)
		}
		return r.table[t] - 1
	}
	if r.big == nil {
		r.big = map[int32]int32{}
	}
	id, ok := r.big[t]
	if !ok {
		id = int32(r.next)
		r.next++
		r.big[t] = id
	}
	return id
}

func (vs *vecSet) n() int                    { return len(vs.inv) }
func (vs *vecSet) empty(v int) bool          { return vs.start[v] == vs.start[v+1] }
func (vs *vecSet) span(v int) (int32, int32) { return vs.start[v], vs.start[v+1] }

// scatter writes v's weights into dense (all zero before), so that a dot
// product with v costs one multiply-add per entry of the other vector.
func (vs *vecSet) scatter(dense []float64, v int) {
	a, b := vs.span(v)
	for e := a; e < b; e++ {
		dense[vs.idx[e]] = float64(vs.w[e])
	}
}

// unscatter zeroes what scatter wrote.
func (vs *vecSet) unscatter(dense []float64, v int) {
	a, b := vs.span(v)
	for e := a; e < b; e++ {
		dense[vs.idx[e]] = 0
	}
}

// sim is the cosine of v (scattered into dense) and u. The dot product is
// exact for integer weights, and the product of the two inverse norms is
// the same either way round, so sim(v, u) and sim(u, v) are equal.
func (vs *vecSet) sim(dense []float64, v int, u int32) float32 {
	a, b := vs.start[u], vs.start[u+1]
	idx, w := vs.idx[a:b], vs.w[a:b]
	w = w[:len(idx)]
	var dot float64
	for i, t := range idx {
		dot += dense[t] * float64(w[i])
	}
	if dot == 0 {
		return 0
	}
	return float32(min(dot*(vs.inv[v]*vs.inv[u]), 1))
}

// scanRange offers v (scattered in s.dense) every vector in [lo, hi)
// but itself. It is sim and offer run along consecutive vectors, written
// out because most of the time goes here: the entries are read in order,
// and most candidates are turned away by one comparison with the worst
// kept, without a call.
func (vs *vecSet) scanRange(s *scratch, v int, lo, hi int32) {
	dense, h := s.dense, &s.heap
	start, idx, w, inv := vs.start[lo:hi+1], vs.idx, vs.w, vs.inv[lo:hi]
	invV := vs.inv[v]
	a := start[0]
	for i, b := range start[1:] {
		var dot float64
		for e := a; e < b; e++ {
			dot += dense[idx[e]] * float64(w[e])
		}
		a = b
		u := lo + int32(i)
		if dot == 0 || int(u) == v {
			continue
		}
		sim := float32(min(dot*(invV*inv[i]), 1))
		if len(h.items) == h.k && sim < h.items[0].Sim {
			continue
		}
		h.offer(Neighbour{ID: u, Sim: sim})
	}
}

// offer compares v (scattered in s.dense) with u and keeps u if it is
// among the best so far.
func (vs *vecSet) offer(s *scratch, v int, u int32) {
	if sim := vs.sim(s.dense, v, u); sim > 0 {
		s.heap.offer(Neighbour{ID: u, Sim: sim})
	}
}

// scratch is one worker's reusable memory.
type scratch struct {
	dense []float64 // the query, scattered
	heap  topK
	seen  []uint32 // marks the vectors offered for this query (descent)
	stamp uint32
	ids   []int32
	score []float32 // one score per centroid
}

func newScratch(vs *vecSet, k int) *scratch {
	return &scratch{dense: make([]float64, vs.dim), heap: topK{items: make([]Neighbour, 0, k)}}
}

// permute returns a copy of vs holding vector order[p] at place p; order
// lists the non-empty vectors, and the empty ones follow them.
func (vs *vecSet) permute(order []int32) *vecSet {
	ps := &vecSet{
		start: make([]int32, 1, len(vs.start)),
		idx:   make([]int32, 0, len(vs.idx)),
		w:     make([]float32, 0, len(vs.w)),
		inv:   make([]float64, 0, len(vs.inv)),
		orig:  make([]int32, 0, len(vs.inv)),
		dim:   vs.dim,
	}
	add := func(v int32) {
		a, b := vs.span(int(v))
		ps.idx = append(ps.idx, vs.idx[a:b]...)
		ps.w = append(ps.w, vs.w[a:b]...)
		ps.start = append(ps.start, int32(len(ps.idx)))
		ps.inv = append(ps.inv, vs.inv[v])
		ps.orig = append(ps.orig, v)
	}
	for _, v := range order {
		add(v)
	}
	for v := range vs.n() {
		if vs.empty(v) {
			add(int32(v))
		}
	}
	ps.nonEmpty = len(order)
	ps.ids = make([]int32, len(order))
	for p := range ps.ids {
		ps.ids[p] = int32(p)
	}
	return ps
}
