package assign

import "math"

// circleProblem is what every search state shares: the instance in the
// shapes the inner loops want.
type circleProblem struct {
	n, m         int
	d            []float64 // n×n, zero diagonal
	lower, upper []int32
	fixed        bool    // every group's size is fixed: only swaps move
	slack        float64 // -2·min(d, 0): how far -2·d_ij can lift a swap
	eps          float64 // gains below this are rounding noise
}

func newCircleProblem(c *Circles) *circleProblem {
	n, m := c.N, len(c.Lower)
	p := &circleProblem{n: n, m: m, d: c.D, lower: make([]int32, m), upper: make([]int32, m), fixed: true}
	for k := range m {
		p.lower[k], p.upper[k] = int32(c.Lower[k]), int32(c.Upper[k])
		if c.Lower[k] != c.Upper[k] {
			p.fixed = false
		}
	}
	var big, low float64
	diagonal := false
	for i, x := range c.D {
		if i%(n+1) == 0 {
			diagonal = diagonal || x != 0 // NaN too: the diagonal is never checked
		} else {
			big, low = max(big, math.Abs(x)), min(low, x)
		}
	}
	if diagonal {
		// the incremental sums count d_ii in i's own group; a copy
		// without it is cheaper than a correction in every evaluation
		p.d = append([]float64(nil), c.D...)
		for i := range n {
			p.d[i*n+i] = 0
		}
	}
	p.slack = -2 * low
	p.eps = 1e-9 * max(1, big)
	return p
}

// circleState is one grouping with the gains that make a move's or a
// swap's effect O(1): gain[k*n+i] is what item i adds to group k less
// what it adds to its own group (the total diversity between i and k's
// members, less that between i and the other members of its group), so
// moving i to k changes the objective by gain[k][i], and swapping i in p
// with j in q by gain[q][i] + gain[p][j] - 2·d_ij. best[r*m+k] is the
// largest gain[k][i] over the members i of r. A swap or move between
// groups p and q changes every item's sums with p and q, and the own sums
// of the members of p and q only, so the update is O(n). The gains are
// stored by group, so that update runs along two contiguous columns.
type circleState struct {
	*circleProblem
	g       []int32   // group of each item
	pos     []int32   // index of each item in its group's member list
	members [][]int32 // items of each group, in no order
	gain    []float64
	best    []float64
	f       float64
	own     []float64 // scratch for settle
}

func newCircleState(p *circleProblem) *circleState {
	s := &circleState{circleProblem: p, g: make([]int32, p.n), pos: make([]int32, p.n),
		members: make([][]int32, p.m), gain: make([]float64, p.n*p.m), best: make([]float64, p.m*p.m),
		own: make([]float64, p.n)}
	for k := range p.m {
		s.members[k] = make([]int32, 0, p.upper[k])
	}
	return s
}

// load sets the grouping to g and computes the gains afresh, which also
// clears the rounding that incremental updates gather.
func (s *circleState) load(g []int32) {
	n, m := s.n, s.m
	copy(s.g, g)
	for k := range s.members {
		s.members[k] = s.members[k][:0]
	}
	for i, k := range s.g {
		s.pos[i] = int32(len(s.members[k]))
		s.members[k] = append(s.members[k], int32(i))
	}
	acc := make([]float64, m)
	s.f = 0
	for i := range n {
		clear(acc)
		for j, x := range s.d[i*n : (i+1)*n] {
			acc[s.g[j]] += x
		}
		own := acc[s.g[i]]
		s.f += own
		for k, x := range acc {
			s.gain[k*n+i] = x - own
		}
	}
	s.f /= 2
	for r := range m {
		s.redoRow(r)
	}
}

// copyFrom makes s the same grouping as o without recomputing anything.
func (s *circleState) copyFrom(o *circleState) {
	copy(s.g, o.g)
	copy(s.pos, o.pos)
	for k := range s.members {
		s.members[k] = append(s.members[k][:0], o.members[k]...)
	}
	copy(s.gain, o.gain)
	copy(s.best, o.best)
	s.f = o.f
}

// redoRow recomputes best[r][·] from r's members.
func (s *circleState) redoRow(r int) {
	n, m := s.n, s.m
	list := s.members[r]
	for k := range m {
		col := s.gain[k*n : (k+1)*n]
		b := math.Inf(-1)
		for _, i := range list {
			b = max(b, col[i])
		}
		s.best[r*m+k] = b
	}
}

// moveGain is the change in the objective when item i joins group k.
func (s *circleState) moveGain(i, k int) float64 { return s.gain[k*s.n+i] }

// swapGain is the change when items i and j, in different groups, trade
// places. (d+d rather than 2*d: no multiply-add a compiler could fuse, so
// every machine rounds alike.)
func (s *circleState) swapGain(i, j int) float64 {
	n := s.n
	dij := s.d[i*n+j]
	return s.gain[int(s.g[j])*n+i] + s.gain[int(s.g[i])*n+j] - (dij + dij)
}

// move puts item i into group k (k != its group); the caller checks the
// size bounds.
func (s *circleState) move(i, k int) {
	n := s.n
	p := int(s.g[i])
	s.f += s.moveGain(i, k)
	s.unlist(i)
	s.g[i] = int32(k)
	s.pos[i] = int32(len(s.members[k]))
	s.members[k] = append(s.members[k], int32(i))
	// p loses d_ti and k gains it, for every item t
	row := s.d[i*n : (i+1)*n]
	colP, colK := s.gain[p*n:(p+1)*n], s.gain[k*n:(k+1)*n]
	for t, x := range row {
		colP[t] -= x
		colK[t] += x
	}
	s.settle(p, k)
}

// swap trades the groups of items i and j.
func (s *circleState) swap(i, j int) {
	n := s.n
	p, q := int(s.g[i]), int(s.g[j])
	s.f += s.swapGain(i, j)
	s.g[i], s.g[j] = int32(q), int32(p)
	s.pos[i], s.pos[j] = s.pos[j], s.pos[i]
	s.members[p][s.pos[j]] = int32(j)
	s.members[q][s.pos[i]] = int32(i)
	// p gains d_tj - d_ti and q the opposite, for every item t
	ri, rj := s.d[i*n:(i+1)*n], s.d[j*n:(j+1)*n]
	colP, colQ := s.gain[p*n:(p+1)*n], s.gain[q*n:(q+1)*n]
	for t, x := range ri {
		x -= rj[t]
		colP[t] -= x
		colQ[t] += x
	}
	s.settle(p, q)
}

// settle finishes a change between groups p and q once the columns p and
// q hold every item's new sums less its old own sum. That is right for
// the items outside p and q, whose own sums did not change; those inside
// are set against their own group's new sum. Then best is redone where
// it can have changed: the columns p and q, and the rows p and q.
func (s *circleState) settle(p, q int) {
	n, m := s.n, s.m
	colP, colQ := s.gain[p*n:(p+1)*n], s.gain[q*n:(q+1)*n]
	for r, list := range s.members {
		if r == p || r == q {
			continue
		}
		bp, bq := math.Inf(-1), math.Inf(-1)
		for _, t := range list {
			bp = max(bp, colP[t]) // max: no branch to mispredict
			bq = max(bq, colQ[t])
		}
		s.best[r*m+p], s.best[r*m+q] = bp, bq
	}
	for _, k := range [2]int{p, q} {
		list := s.members[k]
		own := s.own[:len(list)]
		colK := s.gain[k*n : (k+1)*n]
		for x, t := range list {
			own[x] = colK[t]
		}
		for c := range m {
			col := s.gain[c*n : (c+1)*n]
			// two running maxima, so that each max waits on half as many
			b0, b1 := math.Inf(-1), math.Inf(-1)
			x := 0
			for ; x+1 < len(list); x += 2 {
				t0, t1 := list[x], list[x+1]
				v0, v1 := col[t0]-own[x], col[t1]-own[x+1]
				col[t0], col[t1] = v0, v1
				b0, b1 = max(b0, v0), max(b1, v1)
			}
			if x < len(list) {
				t0 := list[x]
				v0 := col[t0] - own[x]
				col[t0] = v0
				b0 = max(b0, v0)
			}
			s.best[k*m+c] = max(b0, b1)
		}
	}
}

func (s *circleState) unlist(i int) {
	k := s.g[i]
	list := s.members[k]
	last := list[len(list)-1]
	list[s.pos[i]] = last
	s.pos[last] = s.pos[i]
	s.members[k] = list[:len(list)-1]
}

// canMove says whether one item may leave p for q within the bounds.
func (s *circleState) canMove(p, q int) bool {
	return len(s.members[p]) > int(s.lower[p]) && len(s.members[q]) < int(s.upper[q])
}

// grouping copies out the groups.
func (s *circleState) grouping() []int32 { return append([]int32(nil), s.g...) }
