package assign

import "math"

// circleTabu is a tabu search over swaps and (where the bounds allow)
// moves: each iteration makes the best change that is not tabu, even a
// worsening one, and then forbids the items it moved to go back to the
// groups they left for a few iterations (a random tenure, so the search
// does not cycle at a fixed period). A tabu change is still taken when it
// beats the best grouping of the run (aspiration).
//
// The best change is found without evaluating every pair: best[p][q] +
// best[q][p] (+ slack for negative diversities) bounds every swap between
// groups p and q, so the pair of groups with the highest bound is searched
// first and the others only while their bound can beat what was found;
// inside a pair an item is skipped when its own gain plus the other
// group's best cannot. On RanReal_n240 a step evaluates about 1 swap in
// 50, on RanReal_n480 1 in 160.
type circleTabu struct {
	s      *circleState
	r      *circleRand
	until  []int64 // until[i*m+k]: item i may not join group k before this iteration
	iter   int64
	ub     []float64 // bound on the swaps between p and q, at p*m+q
	pairs  []uint32  // p<<16 | q for every p < q (m ≤ MaxCircleItems)
	heap   []int32   // scratch for scanWide
	tenure [2]int    // a tenure is tenure[0] + intn(tenure[1])
	work   int64     // swaps looked at, and members filtered, this run
	bestG  []int32   // the run's best grouping
	cand   []int32   // scratch for scanSwaps
}

func newCircleTabu(s *circleState, r *circleRand) *circleTabu {
	m := s.m
	size := max(1, s.n/m)
	var pairs []uint32
	for p := range m {
		for q := p + 1; q < m; q++ {
			pairs = append(pairs, uint32(p<<16|q))
		}
	}
	return &circleTabu{pairs: pairs, s: s, r: r, until: make([]int64, s.n*m), ub: make([]float64, m*m),
		tenure: [2]int{min(5, size), max(1, min(10, size))}, bestG: make([]int32, s.n), cand: make([]int32, s.n)}
}

// run searches from s's grouping until depth iterations in a row bring
// no better grouping than the run's best (or stop, given the run's best
// objective, says so), and leaves s at the run's best. It returns the
// number of iterations made. stop is asked every 4096/n iterations or
// so: a few microseconds of work apart on small instances, where asking
// more often would cost time, and every iteration on large ones, where
// one iteration can take milliseconds.
func (t *circleTabu) run(depth int, stop func(best float64) bool) int {
	s := t.s
	clear(t.until)
	t.iter = 0
	copy(t.bestG, s.g)
	bestF := s.f
	since, done := 0, 0
	// Where the bounds prune little (on the Geo instances they leave
	// every swap to look at) an iteration costs up to n times more, so
	// the work since the last improvement ends a run too, at 8n swaps
	// looked at per iteration of depth: runs then take about as long on
	// any instance of a size. Work is counted, not timed, so a seed still
	// gives one result.
	t.work = 0
	mark, most := int64(0), int64(math.MaxInt64)
	if per := int64(8 * s.n); int64(depth) < most/per {
		most = int64(depth) * per
	}
	every, ask := max(1, 4096/s.n), 0
	for since < depth && t.work-mark < most {
		if ask++; ask == every {
			ask = 0
			if stop != nil && stop(bestF) {
				break
			}
		}
		done++
		if !t.step(bestF) {
			break
		}
		if s.f > bestF+s.eps {
			bestF = s.f
			copy(t.bestG, s.g)
			since, mark = 0, t.work
		} else {
			since++
		}
	}
	if !equalGroups(t.bestG, s.g) {
		s.load(t.bestG)
	}
	return done
}

func equalGroups(a, b []int32) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// step makes the best admissible change; false when there is none (one
// group, or every change tabu).
func (t *circleTabu) step(bestF float64) bool {
	s := t.s
	m := s.m
	t.iter++
	c := tabuChoice{gain: math.Inf(-1), i: -1, j: -1, need: bestF - s.f + s.eps}
	// The pairs of groups are visited from a random one on, the pair
	// with the highest bound first, for a good gain to prune the others
	// with. A pair is then searched only if its bound beats the best gain
	// so far: ties with it are left out, or on instances with many equal
	// gains (people sorted by a few categories) a step would look at
	// every swap; the random start still lets any of them be taken.
	start := t.r.intn(len(t.pairs))
	order := [2][]uint32{t.pairs[start:], t.pairs[:start]}
	top, topU := -1, math.Inf(-1)
	for _, part := range order {
		for _, x := range part {
			p, q := int(x>>16), int(x&0xffff)
			u := s.best[p*m+q] + s.best[q*m+p] + s.slack
			t.ub[p*m+q] = u
			if u > topU {
				top, topU = p*m+q, u
			}
		}
	}
	if !s.fixed {
		// best[p][q] is the best move from p to q, tabu or not: the
		// highest first, then the others that beat what it gave
		top, topG := -1, math.Inf(-1)
		for p := range m {
			for q := range m {
				if p != q && s.best[p*m+q] > topG && s.canMove(p, q) {
					top, topG = p*m+q, s.best[p*m+q]
				}
			}
		}
		if top >= 0 {
			t.scanMoves(&c, top/m, top%m)
			for p := range m {
				for q := range m {
					if p != q && p*m+q != top && s.best[p*m+q] > c.gain && s.canMove(p, q) {
						t.scanMoves(&c, p, q)
					}
				}
			}
		}
	}
	if len(t.pairs) > 4*circleWidePairs {
		t.scanWide(&c, order)
	} else {
		if top >= 0 {
			t.scanSwaps(&c, top/m, top%m)
		}
		left := circleWidePairs - 1
		for _, part := range order {
			for _, x := range part {
				p, q := int(x>>16), int(x&0xffff)
				if p*m+q != top && t.ub[p*m+q] > c.gain && left > 0 {
					t.scanSwaps(&c, p, q)
					left--
				}
			}
		}
	}
	if c.i < 0 {
		return false
	}
	r := t.r
	if c.j < 0 {
		p := int(s.g[c.i])
		s.move(c.i, c.to)
		t.until[c.i*m+p] = t.iter + int64(t.tenure[0]+r.intn(t.tenure[1]))
		return true
	}
	p, q := int(s.g[c.i]), int(s.g[c.j])
	s.swap(c.i, c.j)
	t.until[c.i*m+p] = t.iter + int64(t.tenure[0]+r.intn(t.tenure[1]))
	t.until[c.j*m+q] = t.iter + int64(t.tenure[0]+r.intn(t.tenure[1]))
	return true
}

// circleWidePairs caps the pairs of groups a step searches, a candidate
// list that keeps a step's cost near O(n + m²) rather than O(n²) where
// the bounds prune little (Geo instances, people with few categories).
// On the random MDGPLIB instances the bounds leave fewer pairs than that
// and a step finds the best swap. The pairs past the one with the highest
// bound are taken in the random order of the step, or, when there are
// more than four times as many pairs as the cap, by falling bound from a
// heap (which costs more than it saves with fewer).
const circleWidePairs = 64

// scanWide searches the circleWidePairs pairs with the highest bounds
// (fewer when the bounds rule the rest out), taken from a max-heap.
func (t *circleTabu) scanWide(c *tabuChoice, order [2][]uint32) {
	m := t.s.m
	h := t.heap[:0]
	for _, part := range order {
		for _, x := range part {
			h = append(h, int32(x>>16)*int32(m)+int32(x&0xffff))
		}
	}
	for k := len(h)/2 - 1; k >= 0; k-- {
		t.sift(h, k)
	}
	for range circleWidePairs {
		if len(h) == 0 || t.ub[h[0]] <= c.gain {
			break
		}
		x := int(h[0])
		h[0] = h[len(h)-1]
		h = h[:len(h)-1]
		t.sift(h, 0)
		t.scanSwaps(c, x/m, x%m)
	}
	t.heap = h
}

// sift moves h[k] down the max-heap of pairs keyed by ub.
func (t *circleTabu) sift(h []int32, k int) {
	for {
		c := 2*k + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && t.ub[h[c+1]] > t.ub[h[c]] {
			c++
		}
		if t.ub[h[c]] <= t.ub[h[k]] {
			return
		}
		h[c], h[k] = h[k], h[c]
		k = c
	}
}

// tabuChoice is the best change seen so far in a step: a swap of i and j,
// or (j < 0) a move of i to group to. Ties are broken at random, each
// tied change equally likely.
type tabuChoice struct {
	gain float64
	i, j int
	to   int
	ties int
	need float64 // a tabu change must gain more than this (aspiration)
}

func (t *circleTabu) offer(c *tabuChoice, gain float64, i, j, to int) {
	if gain > c.gain {
		c.gain, c.i, c.j, c.to, c.ties = gain, i, j, to, 1
		return
	}
	c.ties++
	if t.r.intn(c.ties) == 0 {
		c.i, c.j, c.to = i, j, to
	}
}

func (t *circleTabu) scanMoves(c *tabuChoice, p, q int) {
	s := t.s
	m := s.m
	col := s.gain[q*s.n : (q+1)*s.n]
	for _, i := range s.members[p] {
		gain := col[i]
		if gain < c.gain || (t.until[int(i)*m+q] > t.iter && gain <= c.need) {
			continue
		}
		t.offer(c, gain, int(i), -1, q)
	}
}

func (t *circleTabu) scanSwaps(c *tabuChoice, p, q int) {
	s := t.s
	m, n := s.m, s.n
	colP, colQ := s.gain[p*n:(p+1)*n], s.gain[q*n:(q+1)*n]
	// A swap can beat the best so far only if its member of p gains
	// at least c.gain - best[q][p] - slack on its own, and likewise its
	// member of q; both lists are gathered without a branch, which would
	// be mispredicted about half the time.
	cand := t.cand[:len(s.members[p])+len(s.members[q])]
	ni := 0
	bound := c.gain - s.best[q*m+p] - s.slack
	for _, i := range s.members[p] {
		cand[ni] = i
		if colQ[i] >= bound {
			ni++
		}
	}
	if ni == 0 {
		t.work += int64(len(cand))
		return
	}
	candJ := cand[ni:]
	nj := 0
	bound = c.gain - s.best[p*m+q] - s.slack
	for _, j := range s.members[q] {
		candJ[nj] = j
		if colP[j] >= bound {
			nj++
		}
	}
	for _, i := range cand[:ni] {
		a := colQ[i]
		tabuI := t.until[int(i)*m+q] > t.iter
		di := s.d[int(i)*n : int(i)*n+n]
		for _, j := range candJ[:nj] {
			dij := di[j]
			gain := a + colP[j] - (dij + dij)
			if gain < c.gain || ((tabuI || t.until[int(j)*m+p] > t.iter) && gain <= c.need) {
				continue
			}
			t.offer(c, gain, int(i), int(j), 0)
		}
	}
	t.work += int64(len(cand) + ni*nj)
}
