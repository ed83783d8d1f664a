package graph

// lvGraph is one level of the Louvain hierarchy: level 0 is the input
// graph, and each later level has a node for each community of the one
// before. Edges are in CSR form, stored both ways, with no self-loops: a
// community's inside weight never decides a move, since it travels with
// the node, so only the strengths keep it.
type lvGraph struct {
	start []int
	adj   []int32
	w     []float64
	// k is each node's strength: the weights of its edges, plus twice the
	// weights of the edges inside it on aggregated levels.
	k []float64
}

func (g *lvGraph) order() int { return len(g.k) }

// mover holds the work arrays of local moving, sized once for level 0 and
// reused on every level, so the hot loops allocate nothing.
type mover struct {
	m2   float64   // twice the total weight
	tot  []float64 // the strengths of each community's nodes, added up
	size []int32   // nodes in each community
	tally
	empty  []int32 // communities with no nodes, to move a node out alone
	queue  []int32 // a ring of the nodes still to visit
	queued []bool
}

func newMover(n int, m2 float64) *mover {
	return &mover{
		m2:     m2,
		tot:    make([]float64, n),
		size:   make([]int32, n),
		tally:  newTally(n),
		empty:  make([]int32, 0, n),
		queue:  make([]int32, n),
		queued: make([]bool, n),
	}
}

// tally adds up one node's (or community's) edge weights by the
// community at their other end.
type tally struct {
	// cell[c] holds the weight to community c and the round that wrote it
	// (tag counts the rounds), so cells need not be cleared between
	// rounds; the two share a cache line, as every edge reads both.
	cell []tallyCell
	tag  uint32
	// touched lists the communities reached this round, in the order the
	// edges reach them.
	touched []int32
}

type tallyCell struct {
	w   float64
	tag uint32
}

func newTally(n int) tally {
	return tally{cell: make([]tallyCell, n), touched: make([]int32, 0, n)}
}

// reset starts a round with nothing tallied.
func (t *tally) reset() {
	t.touched = t.touched[:0]
	t.tag++
	if t.tag == 0 { // wrapped: old tags could match again
		clear(t.cell)
		t.tag = 1
	}
}

func (t *tally) add(c int32, w float64) {
	p := &t.cell[c]
	if p.tag != t.tag {
		p.tag, p.w = t.tag, 0
		t.touched = append(t.touched, c)
	}
	p.w += w
}

// weight is what this round tallied for c.
func (t *tally) weight(c int32) float64 {
	if p := &t.cell[c]; p.tag == t.tag {
		return p.w
	}
	return 0
}

// gather tallies v's weights to the communities of its neighbours, as
// comm places them.
func (mv *mover) gather(g *lvGraph, comm []int32, v int) {
	mv.reset()
	adj, w := g.adj[g.start[v]:g.start[v+1]], g.w[g.start[v]:g.start[v+1]]
	for i, x := range adj {
		mv.add(comm[x], w[i])
	}
}

// move runs local moving on g from the partition comm, changed in place.
// It is MoveNodesFast of Traag et al. (2019), "From Louvain to Leiden",
// Algorithm A.2: every node is visited once in the given order, and after
// that only the neighbours of nodes that moved, until no move raises
// modularity. That reaches the same kind of local optimum as Louvain's
// repeated sweeps with far fewer visits. A node goes to the neighbouring community (or an empty one) of
// greatest gain; on equal gains it stays, or takes the community its
// edges reach first, so the outcome depends only on the order.
func (mv *mover) move(g *lvGraph, comm []int32, order []int32) {
	n := g.order()
	clear(mv.tot[:n])
	clear(mv.size[:n])
	for v, c := range comm {
		mv.tot[c] += g.k[v]
		mv.size[c]++
	}
	mv.empty = mv.empty[:0]
	for c := n - 1; c >= 0; c-- {
		if mv.size[c] == 0 {
			mv.empty = append(mv.empty, int32(c))
		}
	}
	head, count := 0, n
	copy(mv.queue, order)
	for _, v := range order {
		mv.queued[v] = true
	}
	for count > 0 {
		v := int(mv.queue[head])
		head++
		if head == n {
			head = 0
		}
		count--
		mv.queued[v] = false
		best := mv.best(g, comm, v)
		if best == comm[v] {
			continue
		}
		comm[v] = best
		// Only the neighbours outside v's new community can gain from
		// following it or from taking the place it left.
		for _, x := range g.adj[g.start[v]:g.start[v+1]] {
			if comm[x] != best && !mv.queued[x] {
				mv.queued[x] = true
				tail := head + count
				if tail >= n {
					tail -= n
				}
				mv.queue[tail] = x
				count++
			}
		}
	}
}

// best takes v out of its community, finds the community of greatest
// modularity gain for it, puts it there and returns that community.
func (mv *mover) best(g *lvGraph, comm []int32, v int) int32 {
	mv.gather(g, comm, v)
	kv := g.k[v]
	old := comm[v]
	mv.tot[old] -= kv
	mv.size[old]--
	// The gain of joining c is (nw[c] − kv·tot[c]/2m)/m; the 1/m is the
	// same for every c and left out. The product is rounded on its own
	// (no fused multiply-add) so that every machine compares alike.
	scale := kv / mv.m2
	best := old
	bestGain := mv.weight(old) - float64(scale*mv.tot[old])
	// A small margin keeps rounding in the running totals from ever
	// moving a node back and forth for nothing (rounded on its own too).
	margin := float64(1e-13 * (kv + abs(bestGain)))
	if mv.size[old] > 0 && len(mv.empty) > 0 && 0 > bestGain+margin {
		best, bestGain = mv.empty[len(mv.empty)-1], 0
	}
	for _, c := range mv.touched {
		if c == old {
			continue
		}
		if gain := mv.cell[c].w - float64(scale*mv.tot[c]); gain > bestGain+margin {
			best, bestGain = c, gain
		}
	}
	if best != old {
		if mv.size[best] == 0 {
			mv.empty = mv.empty[:len(mv.empty)-1]
		}
		if mv.size[old] == 0 {
			mv.empty = append(mv.empty, old)
		}
	}
	mv.tot[best] += kv
	mv.size[best]++
	return best
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
