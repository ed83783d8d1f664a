package graph

import "sync/atomic"

// descend is one round of neighbour descent: each vector keeps the best
// of its neighbours, its neighbours' neighbours, the vectors that list
// it (at most reverse of them, the lowest ids) and their neighbours. It
// reads old only and writes next (new lists when nil; the lists of two
// rounds before otherwise, to save memory), so the order in which
// the workers go does not change the answer.
//
// As in NN-descent, a pair compared in the round before is not compared
// again: w is reached through u only when u is new in v's list or w new
// in u's (an entry is new when the list of the round before did not have
// it), and the new entries are kept apart so that a settled list costs
// nothing to pass over. It returns the share of entries that are new.
func (vs *vecSet) descend(old, next *lists, workers, reverse int, prog *progress) (*lists, float64) {
	n, k := vs.n(), old.k
	rv := reverseLists(old, reverse)
	if next == nil {
		next = newLists(n, k).withFresh()
	}
	var fresh atomic.Int64
	forChunks(workers, n, func(s *scratch, lo, hi int) {
		added := 0
		for v := lo; v < hi; v++ {
			if vs.empty(v) {
				continue
			}
			// Stamps go up by two a query: old entries get the higher,
			// other candidates the lower, so both count as seen and the
			// old ones can be told apart afterwards.
			s.stamp += 2
			seen, isOld := s.stamp-1, s.stamp
			s.seen[v] = isOld
			s.heap.reset(k)
			mine := old.of(v)
			for _, nb := range mine {
				s.seen[nb.ID] = isOld
				s.heap.offer(nb)
			}
			vs.scatter(s.dense, v)
			for i, nb := range mine {
				vs.offerFrom(s, v, old, int(nb.ID), old.isFresh(v, i), seen)
			}
			for j := rv.start(v); j < rv.end(v); j++ {
				u := rv.id[j]
				if s.seen[u] < seen {
					s.seen[u] = seen
					vs.offer(s, v, u)
				}
				vs.offerFrom(s, v, old, int(u), rv.fresh[j], seen)
			}
			vs.unscatter(s.dense, v)
			next.set(v, &s.heap)
			added += next.markFresh(v, func(id int32) bool { return s.seen[id] == isOld })
		}
		fresh.Add(int64(added))
		prog.add(hi - lo)
	}, func() *scratch {
		s := newScratch(vs, k)
		s.seen = make([]uint32, n)
		return s
	})
	return next, float64(fresh.Load()) / float64(max(1, vs.nonEmpty*k))
}

// offerFrom offers v the neighbours of u it has not been offered yet: all
// of them when u is new to v (all), the new ones otherwise.
func (vs *vecSet) offerFrom(s *scratch, v int, l *lists, u int, all bool, seen uint32) {
	if all {
		for _, nb := range l.of(u) {
			if s.seen[nb.ID] < seen {
				s.seen[nb.ID] = seen
				vs.offer(s, v, nb.ID)
			}
		}
		return
	}
	s.ids = l.freshOf(u, s.ids)
	for _, w := range s.ids {
		if s.seen[w] < seen {
			s.seen[w] = seen
			vs.offer(s, v, w)
		}
	}
}

// reverse holds, for each vector v, up to limit of the vectors whose
// lists name v, lowest ids first, and whether v is new in each one's
// list: id[start(v):end(v)], fresh likewise.
type reverse struct {
	limit int
	id    []int32
	fresh []bool
	len   []int32
}

func (r *reverse) start(v int) int { return v * r.limit }
func (r *reverse) end(v int) int   { return v*r.limit + int(r.len[v]) }

func reverseLists(l *lists, limit int) *reverse {
	n := len(l.len)
	r := &reverse{limit: limit, id: make([]int32, n*limit), fresh: make([]bool, n*limit), len: make([]int32, n)}
	for u := range n {
		for i, nb := range l.of(u) {
			if w := int(nb.ID); int(r.len[w]) < limit {
				j := r.end(w)
				r.id[j], r.fresh[j] = int32(u), l.isFresh(u, i)
				r.len[w]++
			}
		}
	}
	return r
}
