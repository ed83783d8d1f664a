package graph

// searcher is one goroutine's breadth-first search state, reused from
// source to source (only the nodes a search reached are reset).
type searcher struct {
	start []int
	adj   []int32
	dist  []int32 // -1: not reached
	order []int32 // nodes in the order reached
	sigma []float64
	delta []float64
	// succ holds, for the i-th node reached, its successors (neighbours
	// one step further) at succ[succAt[i]:succAt[i+1]], recorded on the
	// way out so the way back walks only them
	succ   []int32
	succAt []int32
	bc     []float64 // betweenness summed over this searcher's sources
}

func newSearcher(g *Graph, reverse, between bool) *searcher {
	n := g.Order()
	s := &searcher{start: g.Start, adj: g.Adj, dist: make([]int32, n), order: make([]int32, 0, n)}
	if reverse {
		s.start, s.adj = g.InStart, g.InAdj
	}
	for v := range s.dist {
		s.dist[v] = -1
	}
	if between {
		s.sigma, s.delta, s.bc = make([]float64, n), make([]float64, n), make([]float64, n)
	}
	return s
}

// run searches from src, counting shortest paths when betweenness is
// wanted and then adding src's dependencies to bc (Brandes). The
// dependency of w is pulled from its successors (neighbours one step
// further), in reverse order of distance, instead of pushed to
// predecessor lists: no lists to build, and each write is to w alone.
func (s *searcher) run(src int32) {
	for _, v := range s.order {
		s.dist[v] = -1
	}
	s.order = append(s.order[:0], src)
	s.dist[src] = 0
	start, adj, dist := s.start, s.adj, s.dist
	if s.sigma == nil {
		for i := 0; i < len(s.order); i++ {
			u := s.order[i]
			du := dist[u] + 1
			for _, v := range adj[start[u]:start[u+1]] {
				if dist[v] < 0 {
					dist[v] = du
					s.order = append(s.order, v)
				}
			}
		}
		return
	}
	sigma := s.sigma
	sigma[src] = 1
	succ := s.succ[:0]
	succAt := append(s.succAt[:0], 0)
	for i := 0; i < len(s.order); i++ {
		u := s.order[i]
		du := dist[u] + 1
		su := sigma[u]
		for _, v := range adj[start[u]:start[u+1]] {
			switch dist[v] {
			case -1:
				dist[v] = du
				sigma[v] = su
				s.order = append(s.order, v)
				succ = append(succ, v)
			case du:
				sigma[v] += su
				succ = append(succ, v)
			}
		}
		succAt = append(succAt, int32(len(succ)))
	}
	s.succ, s.succAt = succ, succAt
	// delta[v] holds (1+δ(v))/σ(v) once v is done: the share each
	// predecessor's paths pick up, divided once per node, not per edge.
	delta, bc := s.delta, s.bc
	for i := len(s.order) - 1; i > 0; i-- {
		w := s.order[i]
		d := 0.0
		for _, v := range succ[succAt[i]:succAt[i+1]] {
			d += delta[v]
		}
		d *= sigma[w]
		bc[w] += d
		delta[w] = (1 + d) / sigma[w]
	}
}

// closeness is the last search's closeness of its source, as Paths
// defines it, in a graph of n nodes.
func (s *searcher) closeness(n int) float64 {
	var sum int64
	for _, v := range s.order {
		sum += int64(s.dist[v])
	}
	r := len(s.order)
	if sum == 0 || n < 2 {
		return 0
	}
	c := float64(r-1) / float64(sum)
	return c * float64(r-1) / float64(n-1)
}

// distances sums the last search's distances to the nodes in in.
func (s *searcher) distances(in []bool) int64 {
	var sum int64
	for _, v := range s.order {
		if in[v] {
			sum += int64(s.dist[v])
		}
	}
	return sum
}
