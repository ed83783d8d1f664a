package assign

// circleCross combines two parent groupings into a child that inherits
// whole groups: taking turns between the parents, it copies the parent's
// group whose members not yet placed are the most diverse among
// themselves, until every child group is made; the items left over join,
// one by one in a random order, the group they add most to. Good groups
// are what good groupings share (Yang et al. 2022 and the grouping
// crossovers before them work the same way), and starting from them the
// tabu search has less to repair than from a random grouping.
type circleCross struct {
	p      *circleProblem
	placed []bool
	lists  [][]int32 // members of each parent group not yet placed
	gUsed  []bool    // parent groups already copied, per parent
	kUsed  []bool    // child groups already made
	size   []int32
	acc    []float64
	rest   []int32
}

func newCircleCross(p *circleProblem) *circleCross {
	return &circleCross{p: p, placed: make([]bool, p.n), lists: make([][]int32, p.m),
		gUsed: make([]bool, 2*p.m), kUsed: make([]bool, p.m), size: make([]int32, p.m),
		acc: make([]float64, p.m)}
}

// cross writes the child of a and b into g.
func (x *circleCross) cross(a, b []int32, r *circleRand, g []int32) {
	p := x.p
	n, m := p.n, p.m
	clear(x.placed)
	clear(x.gUsed)
	clear(x.kUsed)
	clear(x.size)
	for i := range g {
		g[i] = -1
	}
	left := n
	first := r.intn(2)
	for step := range m {
		par, used := a, x.gUsed[:m]
		if (first+step)%2 == 1 {
			par, used = b, x.gUsed[m:]
		}
		k := x.richestGroup(par, used)
		used[k] = true
		items := x.lists[k]
		t := x.childGroup(len(items))
		// keep enough items back for the lower sizes still to meet
		need := 0
		for o := range m {
			if o != t {
				if !x.kUsed[o] {
					need += int(p.lower[o])
				} else if x.size[o] < p.lower[o] {
					need += int(p.lower[o] - x.size[o])
				}
			}
		}
		keep := min(len(items), int(p.upper[t]), left-need)
		for len(items) > keep {
			// drop a random member; the rest stay in the parent's order
			d := r.intn(len(items))
			items = append(items[:d], items[d+1:]...)
		}
		for _, i := range items {
			g[i] = int32(t)
			x.placed[i] = true
		}
		x.kUsed[t] = true
		x.size[t] = int32(len(items))
		left -= len(items)
	}
	x.fill(r, g, left)
}

// richestGroup lists par's groups' unplaced members and returns the
// unused group whose unplaced members have the largest total diversity
// among themselves (the first such group on ties).
func (x *circleCross) richestGroup(par []int32, used []bool) int {
	p := x.p
	for k := range x.lists {
		x.lists[k] = x.lists[k][:0]
	}
	for i, k := range par {
		if !x.placed[i] {
			x.lists[k] = append(x.lists[k], int32(i))
		}
	}
	best, bestV := -1, 0.0
	for k, list := range x.lists {
		if used[k] {
			continue
		}
		var v float64
		for u, i := range list {
			row := p.d[int(i)*p.n:]
			for _, j := range list[u+1:] {
				v += row[j]
			}
		}
		if best < 0 || v > bestV {
			best, bestV = k, v
		}
	}
	return best
}

// childGroup picks the unmade child group for c items: the one with the
// smallest upper size that holds them all, or else the largest.
func (x *circleCross) childGroup(c int) int {
	p := x.p
	fit, big := -1, -1
	for k := range p.m {
		if x.kUsed[k] {
			continue
		}
		u := int(p.upper[k])
		if u >= c && (fit < 0 || u < int(p.upper[fit])) {
			fit = k
		}
		if big < 0 || u > int(p.upper[big]) {
			big = k
		}
	}
	if fit >= 0 {
		return fit
	}
	return big
}

// fill places the left items: each, in a random order, joins the group
// it adds most to among those with room, or among those still short of
// their lower size once the items left are just enough for those.
func (x *circleCross) fill(r *circleRand, g []int32, left int) {
	p := x.p
	n, m := p.n, p.m
	x.rest = x.rest[:0]
	for i := range n {
		if g[i] < 0 {
			x.rest = append(x.rest, int32(i))
		}
	}
	for u := len(x.rest) - 1; u > 0; u-- {
		v := r.intn(u + 1)
		x.rest[u], x.rest[v] = x.rest[v], x.rest[u]
	}
	for _, i := range x.rest {
		short := 0
		for k := range m {
			if x.size[k] < p.lower[k] {
				short += int(p.lower[k] - x.size[k])
			}
		}
		clear(x.acc)
		row := p.d[int(i)*n : (int(i)+1)*n]
		for j, k := range g {
			if k >= 0 {
				x.acc[k] += row[j]
			}
		}
		best := -1
		for k := range m {
			if x.size[k] >= p.upper[k] || (left <= short && x.size[k] >= p.lower[k]) {
				continue
			}
			if best < 0 || x.acc[k] > x.acc[best] {
				best = k
			}
		}
		g[i] = int32(best)
		x.size[best]++
		left--
	}
}
