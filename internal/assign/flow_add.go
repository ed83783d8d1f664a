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
// searches. Distances live in s.mentor, inf between searches.
type addScratch struct {
	fromY    []int32 // the mentee each mentor was reached from
	settled  []int32
	settledD []int64 // their distances
	touched  []int32 // mentors given a distance, to reset
	heap     nodeHeap
	touch    int64 // what the look-ahead read, kept so it is not optimised away
}

// addMentee brings mentee r into the assignment by the cheapest
// augmenting path from r to the sink (possibly r → sink: unmatched).
func (s *Solver) addMentee(r int) {
	pT, mn := s.potT, s.mentor
	// r's potential makes every arc out of r non-negative; nothing enters r yet
	lo, hi := int(s.mentee[r].lo), int(s.mentee[r].hi)
	best, at := pT, -1
	for a := lo; a < hi; a++ {
		if v := s.score[a] + mn[s.to[a]].pot; v > best {
			best, at = v, a
		}
	}
	s.mentee[r].pot = best
	s.added[r] = true
	if at < 0 {
		s.direct++
		return // staying unmatched is as good as anything: r → sink costs 0
	}
	// Placed without a search when a pair of reduced cost 0 leads to a
	// free seat whose arc to the sink costs nothing too: the path costs 0
	// and no potential moves.
	for a := at; a < hi; a++ {
		k := s.to[a]
		if s.score[a]+mn[k].pot == best && s.used[k] < s.cap[k] && mn[k].pot == pT {
			s.place(int32(r), a)
			s.direct++
			return
		}
	}
	w := &s.add
	if w.fromY == nil {
		w.fromY = make([]int32, s.m)
	}
	w.settled, w.settledD, w.touched, w.heap = w.settled[:0], w.settledD[:0], w.touched[:0], w.heap[:0]
	if s.dense {
		s.searchDense(r)
	} else {
		s.searchHeap(r)
	}
	s.search++
}

// settle records mentor k as settled at distance d.
func (w *addScratch) settle(mn []mentorNode, k int32, d int64) {
	w.settled = append(w.settled, k)
	w.settledD = append(w.settledD, d)
	mn[k].dist = -1 // no distance offered is below it
}

// searchDense is the search with the nearest mentor found by scanning
// every mentor in order (settled ones hold -1, which the scan reads as
// the largest unsigned number); the scan that finds it is fused with the
// relaxation of the last row when that row lists every mentor.
func (s *Solver) searchDense(r int) {
	m, pT, mn, w := s.m, s.potT, s.mentor, &s.add
	for k := range m {
		w.touched = append(w.touched, int32(k)) // every mentor is reset
	}
	endD, endY, endK := s.mentee[r].pot-pT, int32(r), int32(-1)
	rows := []int32{int32(r)}
	base := int64(0) // r's distance
	for {
		// relax the rows of the mentees just reached, all at distance
		// base, finding the nearest mentor on the way
		bk, bd := int32(-1), int64(inf)
		last := len(rows) - 1
		for x, y := range rows {
			b := base + s.mentee[y].pot
			lo, hi := int(s.mentee[y].lo), int(s.mentee[y].hi)
			switch {
			case hi-lo != m:
				s.relax(int(y), b, false)
				if x == last {
					bk, bd = nearest(mn)
				}
			case x < last:
				row := s.score[lo:hi]
				mn := mn[:len(row)]
				for k, sc := range row {
					if d := b - sc - mn[k].pot; d < mn[k].dist {
						mn[k].dist, w.fromY[k] = d, y
					}
				}
			default:
				bk, bd = s.relaxScan(y, b)
			}
		}
		if last < 0 {
			bk, bd = nearest(mn)
		}
		if bk < 0 || bd >= endD {
			break
		}
		k := bk
		w.settle(mn, k, bd)
		if s.used[k] < s.cap[k] {
			if e := bd + mn[k].pot - pT; e < endD {
				endD, endY, endK = e, -1, k
			}
		}
		rows, base = s.holders(k), bd
		for _, y := range rows {
			if e := bd + s.mentee[y].pot - pT; e < endD {
				endD, endY, endK = e, y, -1
			}
		}
	}
	s.finish(r, endD, endY, endK)
}

// nearest returns the unsettled mentor nearest the search and its
// distance, or -1.
func nearest(mn []mentorNode) (int32, int64) {
	bk, bd := int32(-1), uint64(inf)
	for k := range mn {
		if d := uint64(mn[k].dist); d < bd {
			bk, bd = int32(k), d
		}
	}
	return bk, int64(bd)
}

// relaxScan relaxes the complete row of y (every mentor, in order),
// base being y's distance plus its potential, and returns the nearest
// unsettled mentor and its distance.
func (s *Solver) relaxScan(y int32, base int64) (int32, int64) {
	lo := int(s.mentee[y].lo)
	row := s.score[lo : lo+s.m]
	mn, from := s.mentor[:len(row)], s.add.fromY[:len(row)]
	bk, bd := int32(-1), uint64(inf)
	for k, sc := range row {
		nd := &mn[k]
		d, dk := base-sc-nd.pot, nd.dist
		if d < dk {
			nd.dist, from[k], dk = d, y, d
		}
		if uint64(dk) < bd {
			bk, bd = int32(k), uint64(dk)
		}
	}
	return bk, int64(bd)
}

// relax offers each mentor on y's row the distance through y, base being
// y's distance plus its potential; settled mentors refuse (their -1 is
// below any offer). A heap search pushes each improvement.
func (s *Solver) relax(y int, base int64, push bool) {
	w, mn := &s.add, s.mentor
	lo, hi := int(s.mentee[y].lo), int(s.mentee[y].hi)
	to, score := s.to[lo:hi], s.score[lo:hi]
	for a, k := range to {
		nd := &mn[k]
		if d := base - score[a] - nd.pot; d < nd.dist {
			if nd.dist == inf {
				w.touched = append(w.touched, k)
			}
			nd.dist, w.fromY[k] = d, int32(y)
			if push {
				w.heap.push(nodeDist{k, d})
			}
		}
	}
}

// searchHeap is the search with the nearest mentor kept in a heap.
func (s *Solver) searchHeap(r int) {
	pT, mn, w := s.potT, s.mentor, &s.add
	endD, endY, endK := s.mentee[r].pot-pT, int32(r), int32(-1)
	s.relax(r, s.mentee[r].pot, true)
	for len(w.heap) > 0 {
		top := w.heap.pop()
		k, bd := top.node, top.dist
		if bd >= endD {
			break
		}
		if bd != mn[k].dist {
			continue // settled already, or a stale entry
		}
		w.settle(mn, k, bd)
		if s.used[k] < s.cap[k] {
			if e := bd + mn[k].pot - pT; e < endD {
				endD, endY, endK = e, -1, k
			}
		}
		h := s.holders(k)
		// Read the head of every row first: the loads do not wait on each
		// other, so the memory fetches overlap instead of queueing.
		var touch int64
		for _, y := range h {
			if lo := int(s.mentee[y].lo); lo < int(s.mentee[y].hi) {
				touch += int64(s.to[lo]) + s.score[lo]
			}
		}
		w.touch += touch
		for _, y := range h {
			py := s.mentee[y].pot
			if e := bd + py - pT; e < endD {
				endD, endY, endK = e, y, -1
			}
			s.relax(int(y), bd+py, true)
		}
	}
	s.finish(r, endD, endY, endK)
}

// finish reprices and augments after a search from r that ends at cost
// D, either with mentee endY stepping out or in a free seat of mentor
// endK. Settled nodes move by their distance less D (the classic update,
// shifted so untouched nodes keep theirs): every residual arc keeps a
// reduced cost of zero or more and the path's arcs cost nothing.
func (s *Solver) finish(r int, D int64, endY, endK int32) {
	w, mn := &s.add, s.mentor
	s.mentee[r].pot -= D
	for i, k := range w.settled {
		if d := w.settledD[i]; d < D {
			mn[k].pot += d - D
			for _, y := range s.holders(k) {
				s.mentee[y].pot += d - D
			}
		}
	}
	for _, k := range w.touched {
		mn[k].dist = inf
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

// solve places mentees by auction, then adds the rest by search,
// reporting progress.
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
