package assign

import (
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// CircleOptions steer SolveCircles.
type CircleOptions struct {
	// Seed seeds the search's PCG generators.
	Seed uint64
	// Iterations is the number of rounds each of the CircleIslands
	// searches runs; a round is one tabu search, from a random grouping
	// while the island's population is filling and from a crossover
	// child after that. With Iterations set and no Deadline or Target,
	// the same instance and seed give the same grouping, bit for bit, on
	// any machine and any number of cores.
	Iterations int
	// Deadline ends the search once this much time has passed (checked
	// every few microseconds of work). With neither Iterations nor
	// Deadline, the search runs DefaultCircleIterations rounds.
	Deadline time.Duration
	// Target, when not 0, ends the search as soon as a grouping reaches
	// it: for measuring the time to a known objective.
	Target float64
	// Progress, when set, hears the number of rounds done (by all the
	// islands) and the best objective so far after every round; the calls
	// never overlap.
	Progress func(iter int, best float64)
}

// CircleIslands is how many independent searches SolveCircles runs, each
// on its own goroutine, keeping the best result. It is fixed rather than
// the number of cores so that a seed's result does not depend on the
// machine; the searches never wait for one another.
const CircleIslands = 2

// DefaultCircleIterations is the number of rounds when neither
// Iterations nor Deadline is set.
const DefaultCircleIterations = 20

// SolveCircles looks for the grouping of c that maximises the total
// diversity within groups, within the size bounds.
//
// The problem is NP-hard; the search is a memetic algorithm in the line
// of the best published ones for it (Lai and Hao 2016, Yang et al. 2022):
// tabu search improves groupings, and a crossover that passes on whole
// groups breeds new starting points from a small population of the best
// ones found. Each of the CircleIslands islands first fills its
// population with tabu searches from random groupings, then each round
// crosses two random members, improves the child by tabu search until a
// number of iterations in a row find nothing better than the child's
// best, and lets it replace the worst member when it is better and its
// objective differs from every member's. Gains of moves and swaps are
// O(1) from per-item group sums, which each change updates in O(n); see
// circleState and circleTabu.
func SolveCircles(c *Circles, opts CircleOptions) (*Grouping, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if opts.Iterations < 0 {
		return nil, &CirclesError{Msg: "iterations below 0"}
	}
	if opts.Deadline < 0 {
		return nil, &CirclesError{Msg: "deadline below 0"}
	}
	if math.IsNaN(opts.Target) || math.IsInf(opts.Target, 0) {
		return nil, &CirclesError{Msg: "target not finite"}
	}
	if opts.Iterations == 0 && opts.Deadline == 0 {
		opts.Iterations = DefaultCircleIterations
	}
	if m := len(c.Lower); m == 1 || m == c.N {
		// one group takes everyone; as many groups as items take one each
		out := &Grouping{Group: make([]int, c.N)}
		for i := range out.Group {
			out.Group[i] = min(i, m-1)
		}
		out.Objective = c.Objective(out.Group)
		return out, nil
	}
	p := newCircleProblem(c)
	run := &circleRun{opts: opts, best: math.Inf(-1)}
	if opts.Deadline > 0 {
		run.end = time.Now().Add(opts.Deadline)
	}
	var islands [CircleIslands]*circleIsland
	var wg sync.WaitGroup
	for k := range islands {
		islands[k] = newCircleIsland(p, run, uint64(k)+1)
		wg.Go(islands[k].search)
	}
	wg.Wait()
	// the best island's best member; the first island on ties
	var g []int32
	bestF, rounds := math.Inf(-1), 0
	for _, is := range islands {
		rounds += is.rounds
		if m := is.bestMember(); m.f > bestF {
			g, bestF = m.g, m.f
		}
	}
	out := &Grouping{Group: make([]int, c.N), Iterations: rounds}
	for i, k := range g {
		out.Group[i] = int(k)
	}
	out.Objective = c.Objective(out.Group)
	return out, nil
}

// circleRun is what the islands share: the options, the clock, and the
// progress report.
type circleRun struct {
	opts   CircleOptions
	end    time.Time
	halt   atomic.Bool
	mu     sync.Mutex
	rounds int
	best   float64
}

// stop is the tabu search's check of the deadline and the target; nil
// when neither is set, so that nothing but the seed steers the search.
func (run *circleRun) stop() func(best float64) bool {
	if run.opts.Deadline == 0 && run.opts.Target == 0 {
		return nil
	}
	return func(best float64) bool {
		if run.opts.Target != 0 && best >= run.opts.Target {
			run.halt.Store(true)
		}
		if run.opts.Deadline > 0 && !time.Now().Before(run.end) {
			run.halt.Store(true)
		}
		return run.halt.Load()
	}
}

func (run *circleRun) report(f float64) {
	run.mu.Lock()
	defer run.mu.Unlock()
	run.rounds++
	run.best = max(run.best, f)
	if run.opts.Progress != nil {
		run.opts.Progress(run.rounds, run.best)
	}
}

// The search's settings, tuned on MDGPLIB's RanReal_n240_ss_01 for the
// tabu iterations it takes to reach 155179.89 (a mean of about 430,000 on
// the island that gets there first, over seeds 1 to 30): a population of
// 6 per island; rounds that end after 100 iterations per item without
// improvement (at most 50,000: more only slows the rounds down on large
// instances); a population that has not given a better best in 12
// rounds is refilled from random groupings around its best. Populations
// of 4 or 8, rounds of 50 or 60 iterations per item, parents chosen by
// tournament and tenures of 3-8, 8-18 or 10-30 all took longer; every
// third child made by kicking the best member with random swaps instead
// of by crossover made no difference.
const (
	circlePool      = 6
	circleDepthItem = 100
	circleDepthMax  = 50000
	circleStall     = 12
)

// circleMember is a member of a population.
type circleMember struct {
	g []int32
	f float64
}

// circleIsland is one search: its generator, population and state.
type circleIsland struct {
	p      *circleProblem
	run    *circleRun
	r      *circleRand
	size   int // population size
	depth  int // tabu iterations without improvement that end a round
	pool   []circleMember
	s      *circleState
	tabu   *circleTabu
	cross  *circleCross
	g      []int32
	rounds int
	bestF  float64
	stall  int
}

func newCircleIsland(p *circleProblem, run *circleRun, stream uint64) *circleIsland {
	r := newCircleRand(run.opts.Seed, stream)
	s := newCircleState(p)
	return &circleIsland{p: p, run: run, r: r, size: circlePool, bestF: math.Inf(-1),
		depth: max(1000, min(circleDepthItem*p.n, circleDepthMax)),
		s:     s, tabu: newCircleTabu(s, r), cross: newCircleCross(p), g: make([]int32, p.n)}
}

func (is *circleIsland) search() {
	stop := is.run.stop()
	for is.rounds == 0 || !is.done() {
		if len(is.pool) < is.size {
			is.s.randomGrouping(is.r, is.g)
		} else {
			a, b := is.parents()
			is.cross.cross(is.pool[a].g, is.pool[b].g, is.r, is.g)
		}
		is.s.load(is.g)
		is.tabu.run(is.depth, stop)
		is.admit(circleMember{g: is.s.grouping(), f: is.s.f})
		is.rounds++
		if f := is.bestMember().f; f > is.bestF+is.p.eps {
			is.bestF, is.stall = f, 0
		} else if is.stall++; is.stall >= circleStall {
			// the population has stopped giving: keep its best and fill
			// it again from random groupings
			is.pool = append(is.pool[:0], is.bestMember())
			is.stall = 0
		}
		is.run.report(is.s.f)
	}
}

// parents picks two different members at random.
func (is *circleIsland) parents() (int, int) {
	a := is.r.intn(len(is.pool))
	b := is.r.intn(len(is.pool) - 1)
	if b >= a {
		b++
	}
	return a, b
}

func (is *circleIsland) done() bool {
	opts := is.run.opts
	if is.run.halt.Load() || (opts.Iterations > 0 && is.rounds >= opts.Iterations) {
		return true
	}
	return opts.Deadline > 0 && !time.Now().Before(is.run.end)
}

// admit adds a member while the population is filling; after that it
// lets it replace the worst member if it is better and not, by its
// objective, a copy of a member already there.
func (is *circleIsland) admit(c circleMember) {
	if len(is.pool) < is.size {
		is.pool = append(is.pool, c)
		return
	}
	worst := 0
	for k, m := range is.pool {
		if math.Abs(m.f-c.f) <= is.p.eps {
			return
		}
		if m.f < is.pool[worst].f {
			worst = k
		}
	}
	if c.f > is.pool[worst].f {
		is.pool[worst] = c
	}
}

func (is *circleIsland) bestMember() circleMember {
	best := is.pool[0]
	for _, m := range is.pool[1:] {
		if m.f > best.f {
			best = m
		}
	}
	return best
}
