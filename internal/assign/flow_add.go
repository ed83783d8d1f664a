package assign

// Adding a mentee r is a shortest path from r to the sink in the
// residual network (flow_search.go's table), but only mentors need
// ordering: every pair in use is tight, so settling mentor k at distance
// d reaches each of its mentees y at d too, and the search goes on along
// y's row (y moves to another mentor) or ends at the sink (y steps out,
// at cost d plus y's utility). A mentor with a free seat ends it as well.
// When rows are dense, the nearest mentor is found by scanning an array
// (as in Jonker and Volgenant's LAPJV and Crouse's variant of it); when
// sparse, by a heap.

// addScratch is the mentor-side search's working memory, kept between
// searches.
type addScratch struct {
	dist       []int64  // per mentor: distance from the mentee being added
	fromY      []int32  // the mentee each mentor was reached from
	seen, done []uint32 // reached / settled in search number cur
	cur        uint32
	settled    []int32
	todo       []int32 // dense searches: the mentors not yet settled
	heap       nodeHeap
}

// next readies the scratch for a new search.
func (w *addScratch) next(m int) {
	if w.dist == nil {
		w.dist, w.fromY = make([]int64, m), make([]int32, m)
		w.seen, w.done, w.todo = make([]uint32, m), make([]uint32, m), make([]int32, m)
	}
	w.cur++
	if w.cur == 0 { // wrapped: old stamps could match again
		clear(w.seen)
		clear(w.done)
		w.cur = 1
	}
	w.settled = w.settled[:0]
	w.heap = w.heap[:0]
}

// addMentee brings mentee r into the assignment by the cheapest
// augmenting path from r to the sink (possibly r → sink: unmatched).
func (s *Solver) addMentee(r int) {
	n, T := s.n, s.n+s.m
	pT := s.pot[T]
	pm := s.pot[n:T]
	// r's potential makes every arc out of r non-negative; nothing enters r yet
	lo, hi := s.start[r], s.end[r]
	best, at := pT, -1
	for a := lo; a < hi; a++ {
		if v := s.score[a] + pm[s.to[a]]; v > best {
			best, at = v, a
		}
	}
	s.pot[r] = best
	s.added[r] = true
	if at < 0 {
		s.direct++
		return // staying unmatched is as good as anything: r → sink costs 0
	}
	// Placed without a search when a pair of reduced cost 0 leads to a
	// free seat whose arc to the sink costs nothing too: the path costs 0
	// and no potential moves. Early in a solve most mentees go this way.
	for a := at; a < hi; a++ {
		k := s.to[a]
		if s.score[a]+pm[k] == best && s.used[k] < s.cap[k] && pm[k] == pT {
			s.place(int32(r), a)
			s.direct++
			return
		}
	}
	s.add.next(s.m)
	if s.dense {
		s.searchDense(r)
	} else {
		s.searchHeap(r)
	}
	s.search++
}

// searchDense is the search with the nearest mentor found by a scan of
// the mentors not yet settled; the scan that finds it is fused with the
// relaxation of the last row when that row lists every mentor.
func (s *Solver) searchDense(r int) {
	n, m := s.n, s.m
	pT := s.pot[n+m]
	pm := s.pot[n : n+m]
	w := &s.add
	dist, todo := w.dist[:m], w.todo[:m]
	for k := range dist {
		dist[k], todo[k] = inf, int32(k)
	}
	nt := m
	endD, endY, endK := s.pot[r]-pT, int32(r), int32(-1)
	rows := []int32{int32(r)}
	base := int64(0) // r's distance
	for {
		// relax the rows of the mentees just reached, all at distance
		// base less their potential, finding the nearest mentor on the way
		bi, bd := -1, int64(inf)
		for x, y := range rows {
			b := base + s.pot[y]
			lo, hi := s.start[y], s.end[y]
			switch {
			case hi-lo != m:
				s.relaxDense(int(y), b)
			case x < len(rows)-1:
				row := s.score[lo:hi]
				for _, k := range todo[:nt] {
					if d := b - row[k] - pm[k]; d < dist[k] {
						dist[k], w.fromY[k] = d, y
					}
				}
			default:
				bi, bd = s.relaxScan(y, b, todo[:nt])
			}
		}
		if len(rows) == 0 || s.end[rows[len(rows)-1]]-s.start[rows[len(rows)-1]] != m {
			bi, bd = -1, int64(inf)
			for i, k := range todo[:nt] {
				if d := dist[k]; d < bd {
					bi, bd = i, d
				}
			}
		}
		if bi < 0 || bd >= endD {
			break
		}
		k := todo[bi]
		nt--
		todo[bi] = todo[nt]
		w.done[k] = w.cur
		w.settled = append(w.settled, k)
		if s.used[k] < s.cap[k] {
			if e := bd + pm[k] - pT; e < endD {
				endD, endY, endK = e, -1, k
			}
		}
		rows = s.holders(k)
		base = bd
		for _, y := range rows {
			if e := bd + s.pot[y] - pT; e < endD {
				endD, endY, endK = e, y, -1
			}
		}
	}
	s.finish(r, endD, endY, endK)
}

// relaxScan relaxes the complete row of y (every mentor, in order) over
// the mentors in todo, base being y's distance plus its potential, and
// returns the nearest of them: its place in todo and its distance.
func (s *Solver) relaxScan(y int32, base int64, todo []int32) (int, int64) {
	w := &s.add
	m := s.m
	pm := s.pot[s.n : s.n+m]
	lo := s.start[y]
	row, dist, from := s.score[lo:lo+m], w.dist[:m], w.fromY[:m]
	bi, bd := -1, int64(inf)
	for i, k := range todo {
		d := base - row[k] - pm[k]
		if dk := dist[k]; d < dk {
			dist[k], from[k] = d, y
		} else {
			d = dk
		}
		if d < bd {
			bi, bd = i, d
		}
	}
	return bi, bd
}

// relaxDense offers each mentor on y's row the distance through y, where
// base is y's distance plus its potential.
func (s *Solver) relaxDense(y int, base int64) {
	w := &s.add
	pm := s.pot[s.n : s.n+s.m]
	lo, hi := s.start[y], s.end[y]
	to, score := s.to[lo:hi], s.score[lo:hi]
	for a, k := range to {
		if w.done[k] == w.cur {
			continue
		}
		if d := base - score[a] - pm[k]; d < w.dist[k] {
			w.dist[k], w.fromY[k] = d, int32(y)
		}
	}
}

// searchHeap is the search with the nearest mentor kept in a heap.
func (s *Solver) searchHeap(r int) {
	n, m := s.n, s.m
	pT := s.pot[n+m]
	pm := s.pot[n : n+m]
	w := &s.add
	endD, endY, endK := s.pot[r]-pT, int32(r), int32(-1)
	s.relaxHeap(r, s.pot[r])
	for len(w.heap) > 0 {
		top := w.heap.pop()
		k, bd := top.node, top.dist
		if bd >= endD {
			break
		}
		if w.done[k] == w.cur || bd != w.dist[k] {
			continue // settled already, or a stale entry
		}
		w.done[k] = w.cur
		w.settled = append(w.settled, k)
		if s.used[k] < s.cap[k] {
			if e := bd + pm[k] - pT; e < endD {
				endD, endY, endK = e, -1, k
			}
		}
		for _, y := range s.holders(k) {
			py := s.pot[y]
			if e := bd + py - pT; e < endD {
				endD, endY, endK = e, y, -1
			}
			s.relaxHeap(int(y), bd+py)
		}
	}
	s.finish(r, endD, endY, endK)
}

// relaxHeap is relaxDense for the heap search.
func (s *Solver) relaxHeap(y int, base int64) {
	w := &s.add
	pm := s.pot[s.n : s.n+s.m]
	lo, hi := s.start[y], s.end[y]
	to, score := s.to[lo:hi], s.score[lo:hi]
	for a, k := range to {
		if w.seen[k] != w.cur {
			w.seen[k] = w.cur
			w.dist[k] = inf
		} else if w.done[k] == w.cur {
			continue
		}
		if d := base - score[a] - pm[k]; d < w.dist[k] {
			w.dist[k], w.fromY[k] = d, int32(y)
			w.heap.push(nodeDist{k, d})
		}
	}
}

// finish reprices and augments after a search from r that ends at cost
// D, either with mentee endY stepping out or in a free seat of mentor
// endK. Settled nodes move by their distance less D (the classic update,
// shifted so untouched nodes keep theirs): every residual arc keeps a
// reduced cost of zero or more and the path's arcs cost nothing.
func (s *Solver) finish(r int, D int64, endY, endK int32) {
	w := &s.add
	pm := s.pot[s.n : s.n+s.m]
	s.pot[r] -= D
	for _, k := range w.settled {
		if d := w.dist[k]; d < D {
			pm[k] += d - D
			for _, y := range s.holders(k) {
				s.pot[y] += d - D
			}
		}
	}
	// Walk the path back: each mentor on it gets the mentee it was reached
	// by, in the seat the leaver vacates.
	var k, slot int32
	switch {
	case endK >= 0:
		k = endK
		slot = int32(s.seatAt[k]) + s.used[k]
		s.used[k]++
	case int(endY) == r:
		return // r stays unmatched
	default:
		k, slot = s.assign[endY], s.seatOf[endY]
		s.assign[endY], s.via[endY], s.seatOf[endY] = -1, -1, -1
	}
	for {
		x := w.fromY[k]
		oldK, oldSlot := s.assign[x], s.seatOf[x]
		s.seat[slot], s.seatOf[x], s.assign[x], s.via[x] = x, slot, k, int32(s.find(int(x), int(k)))
		if int(x) == r {
			return
		}
		k, slot = oldK, oldSlot
	}
}

// solve adds every mentee not fixed, reporting progress.
func (s *Solver) solve(progress func(done, total int)) {
	s.auction()
	for r := range s.n {
		if s.fixed[r] < 0 && !s.added[r] {
			s.addMentee(r)
		}
		if progress != nil && (r%4096 == 4095 || r == s.n-1) {
			progress(r+1, s.n)
		}
	}
}
