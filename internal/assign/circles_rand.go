package assign

import (
	"math/bits"
	"math/rand/v2"
)

// circleRand draws from PCG with its own bounded-integer rule, so a seed
// gives the same numbers whatever Go's math/rand/v2 does in later
// releases.
type circleRand struct{ src *rand.PCG }

func newCircleRand(seed, stream uint64) *circleRand {
	return &circleRand{src: rand.NewPCG(seed, stream*0x9e3779b97f4a7c15+0x632be59bd9b4e019)}
}

// intn is uniform in [0, n) up to a bias of n/2⁶⁴ (Lemire's multiply,
// without the rejection step).
func (r *circleRand) intn(n int) int {
	hi, _ := bits.Mul64(r.src.Uint64(), uint64(n))
	return int(hi)
}

// randomGrouping fills every group to its lower size, then puts the rest
// into random groups that have room, all in a shuffled order.
func (p *circleProblem) randomGrouping(r *circleRand, g []int32) {
	order := make([]int32, p.n)
	for i := range order {
		order[i] = int32(i)
	}
	for i := p.n - 1; i > 0; i-- {
		j := r.intn(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	size := make([]int32, p.m)
	next := 0
	for k := range p.m {
		for range p.lower[k] {
			g[order[next]] = int32(k)
			next++
		}
		size[k] = p.lower[k]
	}
	open := make([]int32, 0, p.m)
	for k := range p.m {
		if size[k] < p.upper[k] {
			open = append(open, int32(k))
		}
	}
	for ; next < p.n; next++ {
		x := r.intn(len(open))
		k := open[x]
		g[order[next]] = k
		size[k]++
		if size[k] == p.upper[k] {
			open[x] = open[len(open)-1]
			open = open[:len(open)-1]
		}
	}
}
