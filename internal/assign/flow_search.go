package assign

// The residual network, read off the assignment instead of stored:
//
//	mentee x → mentor k   cost -score, for each allowed pair not in use
//	mentee x → sink       cost 0, when x is matched (x steps out), or x is being added
//	mentor k → mentee y   cost +score, for each y on k (y moves off k)
//	mentor k → sink       cost 0, when k has a free seat
//	sink → mentee y       cost 0, for each unmatched y (only when searching from the sink)
//	sink → mentor k       cost 0, for each k with a taken seat (likewise)
//
// A search relaxes these with costs reduced by the potentials, which keep
// them at zero or more, so Dijkstra's algorithm applies.

// relax offers v the distance d through u.
func (s *Solver) relax(u, v int32, d int64) {
	if s.mark[v] != s.stamp {
		s.mark[v] = s.stamp
		s.dist[v] = inf
		s.seen = append(s.seen, v)
	}
	if d < s.dist[v] {
		s.dist[v] = d
		s.prev[v] = u
		s.queue.push(nodeDist{v, d})
	}
}

// shortest runs Dijkstra from src until tgt is settled; it returns false
// when tgt cannot be reached. Settled nodes are s.seen with s.dist set.
func (s *Solver) shortest(src, tgt int32) bool {
	s.stamp++
	s.seen = s.seen[:0]
	s.queue = s.queue[:0]
	n, T := int32(s.n), s.sink()
	s.relax(-1, src, 0)
	for len(s.queue) > 0 {
		top := s.queue.pop()
		u, du := top.node, top.dist
		if du != s.dist[u] {
			continue // a stale entry
		}
		if u == tgt {
			return true
		}
		pu := s.pot[u]
		switch {
		case u == T:
			for y := range n {
				if s.added[y] && s.assign[y] < 0 {
					s.relax(u, y, du+pu-s.pot[y])
				}
			}
			for k := range int32(s.m) {
				if len(s.holders[k]) > 0 {
					s.relax(u, n+k, du+pu-s.pot[n+k])
				}
			}
		case u < n: // a mentee
			for a := s.start[u]; a < s.start[u+1]; a++ {
				if k := s.to[a]; !s.gone[a] && k != s.assign[u] {
					s.relax(u, n+k, du-s.score[a]+pu-s.pot[n+k])
				}
			}
			if s.assign[u] >= 0 || u == s.adding {
				s.relax(u, T, du+pu-s.pot[T])
			}
		default: // a mentor
			k := u - n
			for _, y := range s.holders[k] {
				s.relax(u, y, du+s.score[s.via[y]]+pu-s.pot[y])
			}
			if len(s.holders[k]) < s.cap[k] {
				s.relax(u, T, du+pu-s.pot[T])
			}
		}
	}
	return false
}

// reprice moves the potentials of the nodes settled before tgt so that
// every residual arc keeps a reduced cost of zero or more and the path to
// tgt costs nothing (π += d(v) − d(tgt), the classic update shifted by a
// constant so untouched nodes keep theirs).
func (s *Solver) reprice(tgt int32) {
	dt := s.dist[tgt]
	for _, v := range s.seen {
		if d := s.dist[v]; d < dt {
			s.pot[v] += d - dt
		}
	}
}

// augment sends one unit along the path the last search found to tgt.
// Each arc on it changes the assignment as the table above says.
func (s *Solver) augment(tgt int32) {
	n, T := int32(s.n), s.sink()
	type move struct {
		mentee int32
		to     int32 // a pair index, or -1 for unmatched
	}
	var moves []move
	for v := tgt; s.prev[v] >= 0; v = s.prev[v] {
		u := s.prev[v]
		switch {
		case u < n && u != T && v >= n && v != T: // mentee u takes mentor v
			moves = append(moves, move{u, s.pairIndex(u, v-n)})
		case u < n && v == T: // mentee u steps out
			moves = append(moves, move{u, -1})
		}
	}
	// take everyone off first, then put them on, so holders stay exact
	for _, mv := range moves {
		s.unassign(mv.mentee)
	}
	for _, mv := range moves {
		if mv.to >= 0 {
			y, k := mv.mentee, s.to[mv.to]
			s.assign[y], s.via[y] = k, mv.to
			s.holders[k] = append(s.holders[k], y)
		}
	}
}

func (s *Solver) unassign(y int32) {
	k := s.assign[y]
	if k < 0 {
		return
	}
	h := s.holders[k]
	for i, x := range h {
		if x == y {
			h[i] = h[len(h)-1]
			s.holders[k] = h[:len(h)-1]
			break
		}
	}
	s.assign[y], s.via[y] = -1, -1
}

// pairIndex finds the allowed pair of mentee y and mentor k.
func (s *Solver) pairIndex(y, k int32) int32 {
	if a := s.find(int(y), int(k)); a >= 0 && !s.gone[a] {
		return int32(a)
	}
	panic("assign: a path used a pair that does not exist")
}

// addMentee brings mentee r into the assignment by the cheapest
// augmenting path from r to the sink (possibly r → sink: unmatched).
func (s *Solver) addMentee(r int) {
	n, T := s.n, s.sink()
	// r's potential makes every arc out of r non-negative; nothing enters r yet
	p := s.pot[T]
	for a := s.start[r]; a < s.start[r+1]; a++ {
		if !s.gone[a] {
			p = max(p, s.score[a]+s.pot[n+int(s.to[a])])
		}
	}
	s.pot[r] = p
	s.added[r] = true
	if s.direct(r) {
		return
	}
	s.adding = int32(r)
	s.shortest(int32(r), T) // r → sink always exists
	s.adding = -1
	s.reprice(T)
	s.augment(T)
	s.search++
}

// direct places mentee r without a search when the answer is plain: its
// best option (the arc of reduced cost 0) is a mentor with a free seat
// whose arc to the sink costs nothing either, or nothing beats staying
// unmatched. The path then costs 0, no potential changes, and the general
// search would find the same. Early in a solve most mentees go this way.
func (s *Solver) direct(r int) bool {
	n, T := s.n, s.sink()
	pr := s.pot[r]
	if pr == s.pot[T] {
		return true // staying unmatched is as good as anything: r → sink costs 0
	}
	for a := s.start[r]; a < s.start[r+1]; a++ {
		if s.gone[a] {
			continue
		}
		k := s.to[a]
		if -s.score[a]+pr-s.pot[n+int(k)] == 0 && len(s.holders[k]) < s.cap[k] && s.pot[n+int(k)] == s.pot[T] {
			s.assign[r], s.via[r] = k, int32(a)
			s.holders[k] = append(s.holders[k], int32(r))
			return true
		}
	}
	return false
}

// nodeDist is a heap entry.
type nodeDist struct {
	node int32
	dist int64
}

// nodeHeap is a binary min-heap of entries by distance, typed so pushes
// do not box their entries (container/heap's interface allocated one per
// relaxed arc); stale entries are skipped when popped.
type nodeHeap []nodeDist

func (h *nodeHeap) push(x nodeDist) {
	q := append(*h, x)
	i := len(q) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if q[parent].dist <= x.dist {
			break
		}
		q[i] = q[parent]
		i = parent
	}
	q[i] = x
	*h = q
}

func (h *nodeHeap) pop() nodeDist {
	q := *h
	top := q[0]
	last := q[len(q)-1]
	q = q[:len(q)-1]
	i := 0
	for {
		c := 2*i + 1
		if c >= len(q) {
			break
		}
		if c+1 < len(q) && q[c+1].dist < q[c].dist {
			c++
		}
		if last.dist <= q[c].dist {
			break
		}
		q[i] = q[c]
		i = c
	}
	if len(q) > 0 {
		q[i] = last
	}
	*h = q
	return top
}
