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
// them at zero or more, so Dijkstra's algorithm applies. Adding a mentee
// has a faster search of its own (flow_add.go); this general one serves
// declines, which search from the sink.

// generalScratch is the general search's working memory.
type generalScratch struct {
	dist  []int64
	prev  []int32
	seen  []int32 // nodes touched by the last search
	mark  []uint32
	stamp uint32
	queue nodeHeap
}

// relax offers v the distance d through u.
func (g *generalScratch) relax(u, v int32, d int64) {
	if g.mark[v] != g.stamp {
		g.mark[v] = g.stamp
		g.dist[v] = inf
		g.seen = append(g.seen, v)
	}
	if d < g.dist[v] {
		g.dist[v] = d
		g.prev[v] = u
		g.queue.push(nodeDist{v, d})
	}
}

// shortest runs Dijkstra from src until tgt is settled; it returns false
// when tgt cannot be reached. Settled nodes are g.seen with g.dist set.
func (s *Solver) shortest(src, tgt int32) bool {
	g := &s.general
	if g.dist == nil {
		nodes := s.n + s.m + 1
		g.dist, g.prev, g.mark = make([]int64, nodes), make([]int32, nodes), make([]uint32, nodes)
	}
	if g.stamp++; g.stamp == 0 {
		clear(g.mark)
		g.stamp = 1
	}
	g.seen = g.seen[:0]
	g.queue = g.queue[:0]
	n, T := int32(s.n), s.sink()
	g.relax(-1, src, 0)
	for len(g.queue) > 0 {
		top := g.queue.pop()
		u, du := top.node, top.dist
		if du != g.dist[u] {
			continue // a stale entry
		}
		if u == tgt {
			return true
		}
		pu := s.potential(u)
		switch {
		case u == T:
			for y := range n {
				if s.added[y] && s.assign[y] < 0 {
					g.relax(u, y, du+pu-s.mentee[y].pot)
				}
			}
			for k := range int32(s.m) {
				if s.used[k] > 0 {
					g.relax(u, n+k, du+pu-s.mentor[k].pot)
				}
			}
		case u < n: // a mentee
			for a := int(s.mentee[u].lo); a < int(s.mentee[u].hi); a++ {
				if k := s.to[a]; k != s.assign[u] {
					g.relax(u, n+k, du-s.score[a]+pu-s.mentor[k].pot)
				}
			}
			if s.assign[u] >= 0 {
				g.relax(u, T, du+pu-s.potT)
			}
		default: // a mentor
			k := u - n
			for _, y := range s.holders(k) {
				g.relax(u, y, du+s.score[s.via[y]]+pu-s.mentee[y].pot)
			}
			if s.used[k] < s.cap[k] {
				g.relax(u, T, du+pu-s.potT)
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
	g := &s.general
	dt := g.dist[tgt]
	for _, v := range g.seen {
		if d := g.dist[v]; d < dt {
			s.addPotential(v, d-dt)
		}
	}
}

// augment sends one unit along the path the last search found to tgt.
// Each arc on it changes the assignment as the table above says.
func (s *Solver) augment(tgt int32) {
	g := &s.general
	n, T := int32(s.n), s.sink()
	type move struct {
		mentee int32
		to     int // a pair index, or -1 for unmatched
	}
	var moves []move
	for v := tgt; g.prev[v] >= 0; v = g.prev[v] {
		u := g.prev[v]
		switch {
		case u < n && v >= n && v != T: // mentee u takes mentor v
			a := s.find(int(u), int(v-n))
			if a < 0 {
				panic("assign: a path used a pair that does not exist")
			}
			moves = append(moves, move{u, a})
		case u < n && v == T: // mentee u steps out
			moves = append(moves, move{u, -1})
		}
	}
	// take everyone off first, then put them on, so seats stay exact
	for _, mv := range moves {
		s.unassign(mv.mentee)
	}
	for _, mv := range moves {
		if mv.to >= 0 {
			s.place(mv.mentee, mv.to)
		}
	}
}

// nodeDist is a heap entry.
type nodeDist struct {
	node int32
	dist int64
}

// nodeHeap is a 4-ary min-heap of entries by distance (shallower than a
// binary one, and a node's children share a cache line), typed so pushes
// do not box their entries; stale entries are skipped when popped.
type nodeHeap []nodeDist

func (h *nodeHeap) push(x nodeDist) {
	q := append(*h, x)
	i := len(q) - 1
	for i > 0 {
		parent := (i - 1) / 4
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
	i, n := 0, len(q)
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		best, bd := c, q[c].dist
		for j := c + 1; j < c+4 && j < n; j++ {
			if q[j].dist < bd {
				best, bd = j, q[j].dist
			}
		}
		if last.dist <= bd {
			break
		}
		q[i] = q[best]
		i = best
	}
	if n > 0 {
		q[i] = last
	}
	*h = q
	return top
}
