package assign

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"testing"
	"time"
)

// circleObjective sums D over all ordered pairs in the same group and
// halves it: a plain double loop, apart from Circles.Objective.
func circleObjective(c *Circles, g []int) float64 {
	var f float64
	for i := range c.N {
		for j := range c.N {
			if i != j && g[i] == g[j] {
				f += c.D[i*c.N+j]
			}
		}
	}
	return f / 2
}

// checkGrouping checks that g is a grouping of c within the size bounds
// whose Objective is Circles.Objective's and the double loop's.
func checkGrouping(t *testing.T, c *Circles, g *Grouping) {
	t.Helper()
	if len(g.Group) != c.N {
		t.Fatalf("%d groups for %d items", len(g.Group), c.N)
	}
	size := make([]int, len(c.Lower))
	for i, k := range g.Group {
		if k < 0 || k >= len(size) {
			t.Fatalf("item %d in group %d of %d", i, k, len(size))
		}
		size[k]++
	}
	for k := range size {
		if size[k] < c.Lower[k] || size[k] > c.Upper[k] {
			t.Fatalf("group %d has %d items, bounds %d..%d", k, size[k], c.Lower[k], c.Upper[k])
		}
	}
	if want := c.Objective(g.Group); g.Objective != want {
		t.Errorf("Objective %v, Circles.Objective %v", g.Objective, want)
	}
	if want := circleObjective(c, g.Group); math.Abs(g.Objective-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("Objective %v, double loop %v", g.Objective, want)
	}
}

// randomCircles has diversities uniform in [lo, lo+100), rounded to
// thousandths as in MDGPLIB.
func randomCircles(r *rand.Rand, n int, lower, upper []int, lo float64) *Circles {
	c := &Circles{N: n, Lower: lower, Upper: upper, D: make([]float64, n*n)}
	for i := range n {
		for j := i + 1; j < n; j++ {
			d := lo + math.Round(r.Float64()*100000)/1000
			c.D[i*n+j], c.D[j*n+i] = d, d
		}
	}
	return c
}

// circleRandomGroups is a random grouping within the bounds: lower sizes
// first, then the rest at random where there is room.
func circleRandomGroups(c *Circles, r *rand.Rand) []int {
	order := r.Perm(c.N)
	g := make([]int, c.N)
	size := make([]int, len(c.Lower))
	next := 0
	for k, lo := range c.Lower {
		for range lo {
			g[order[next]] = k
			size[k]++
			next++
		}
	}
	for ; next < c.N; next++ {
		for {
			if k := r.IntN(len(size)); size[k] < c.Upper[k] {
				g[order[next]] = k
				size[k]++
				break
			}
		}
	}
	return g
}

// circleExchange is the plain exchange local search the solver must
// beat: from random groupings, take any improving swap or move (within
// the bounds) until none is left; the best of restarts.
func circleExchange(c *Circles, r *rand.Rand, restarts int) float64 {
	n, m := c.N, len(c.Lower)
	best := math.Inf(-1)
	for range restarts {
		g := circleRandomGroups(c, r)
		size := make([]int, m)
		sum := make([]float64, n*m) // sum[i*m+k]: Σ d_ij over j in group k
		for i := range n {
			size[g[i]]++
			for j := range n {
				if j != i {
					sum[i*m+g[j]] += c.D[i*n+j]
				}
			}
		}
		shift := func(i, from, to int) {
			for t := range n {
				if t != i {
					sum[t*m+from] -= c.D[t*n+i]
					sum[t*m+to] += c.D[t*n+i]
				}
			}
			g[i] = to
			size[from]--
			size[to]++
		}
		for improved := true; improved; {
			improved = false
			for i := range n {
				for k := range m {
					if k != g[i] && size[g[i]] > c.Lower[g[i]] && size[k] < c.Upper[k] &&
						sum[i*m+k]-sum[i*m+g[i]] > 1e-9 {
						shift(i, g[i], k)
						improved = true
					}
				}
				for j := i + 1; j < n; j++ {
					p, q := g[i], g[j]
					if p == q {
						continue
					}
					d := c.D[i*n+j]
					if (sum[i*m+q]-d-sum[i*m+p])+(sum[j*m+p]-d-sum[j*m+q]) > 1e-9 {
						shift(i, p, q)
						shift(j, q, p)
						improved = true
					}
				}
			}
		}
		best = max(best, circleObjective(c, g))
	}
	return best
}

// circleBruteForce is the best objective over every grouping within the
// bounds.
func circleBruteForce(c *Circles) float64 {
	m := len(c.Lower)
	g := make([]int, c.N)
	size := make([]int, m)
	best := math.Inf(-1)
	var place func(i, left int)
	place = func(i, left int) {
		if i == c.N {
			for k := range m {
				if size[k] < c.Lower[k] {
					return
				}
			}
			best = max(best, circleObjective(c, g))
			return
		}
		for k := range m {
			if size[k] < c.Upper[k] {
				g[i] = k
				size[k]++
				place(i+1, left-1)
				size[k]--
			}
		}
	}
	place(0, c.N)
	return best
}

func TestSolveCirclesBruteForce(t *testing.T) {
	for _, tc := range []struct {
		name         string
		n            int
		lower, upper []int
		lo           float64
		diagonal     bool // fill the diagonal, which must not count
	}{
		{"TwoOfFour", 8, []int{4, 4}, []int{4, 4}, 0, false},
		{"ThreeOfThree", 9, []int{3, 3, 3}, []int{3, 3, 3}, 0, false},
		{"Bounds", 8, []int{1, 2, 2}, []int{5, 3, 4}, 0, false},
		{"Negative", 10, []int{2, 2}, []int{6, 6}, -60, false},
		{"Uneven", 7, []int{3, 1}, []int{3, 4}, -20, false},
		{"Diagonal", 8, []int{2, 2, 2}, []int{4, 4, 4}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for seed := range uint64(5) {
				c := randomCircles(rand.New(rand.NewPCG(seed, 1)), tc.n, tc.lower, tc.upper, tc.lo)
				if tc.diagonal {
					for i := range c.N {
						c.D[i*c.N+i] = float64(1000 + i)
					}
					c.D[0] = math.NaN()
				}
				want := circleBruteForce(c)
				g, err := SolveCircles(c, CircleOptions{Seed: seed, Iterations: 3})
				if err != nil {
					t.Fatal(err)
				}
				checkGrouping(t, c, g)
				if math.Abs(g.Objective-want) > 1e-9 {
					t.Errorf("seed %d: objective %v, optimum %v", seed, g.Objective, want)
				}
			}
		})
	}
}

func TestSolveCirclesReproducible(t *testing.T) {
	c := loadCircleInstance(t, "testdata/mdgplib/RanReal_n120_ss_01.txt")
	opts := CircleOptions{Seed: 7, Iterations: 3}
	a, err := SolveCircles(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkGrouping(t, c, a)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b, _ := SolveCircles(c, opts)
	if !slices.Equal(a.Group, b.Group) || a.Objective != b.Objective || a.Iterations != b.Iterations {
		t.Errorf("seed 7 gave %v (%d rounds) and, on one core, %v (%d rounds)", a.Objective, a.Iterations, b.Objective, b.Iterations)
	}
	opts.Seed = 8
	if d, _ := SolveCircles(c, opts); slices.Equal(a.Group, d.Group) {
		t.Errorf("seeds 7 and 8 gave the same grouping")
	}
}

// TestSolveCirclesMDGPLIB holds the solver against a random grouping and
// the plain exchange search on every instance at hand. The n = 120 ones
// get a fixed number of rounds, the larger ones (in the shared data only)
// two seconds each.
func TestSolveCirclesMDGPLIB(t *testing.T) {
	instances := circleInstances(t)
	names := make([]string, 0, len(instances))
	for name := range instances {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			c := loadCircleInstance(t, instances[name])
			opts := CircleOptions{Seed: 1, Iterations: 2}
			if c.N > 120 {
				if testing.Short() {
					t.Skip("large instance")
				}
				opts = CircleOptions{Seed: 1, Deadline: 2 * time.Second}
			}
			start := time.Now()
			g, err := SolveCircles(c, opts)
			if err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			checkGrouping(t, c, g)
			r := rand.New(rand.NewPCG(3, 3))
			random := circleObjective(c, circleRandomGroups(c, r))
			start = time.Now()
			exchange := circleExchange(c, r, 10)
			t.Logf("solver %.2f in %v, exchange ×10 %.2f in %v, random %.2f", g.Objective, took.Round(time.Millisecond),
				exchange, time.Since(start).Round(time.Millisecond), random)
			if g.Objective <= exchange || g.Objective <= random {
				t.Errorf("solver %.2f, exchange %.2f, random %.2f", g.Objective, exchange, random)
			}
		})
	}
}

func TestSolveCirclesSizeBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for trial := range 4 {
		n, m := 40+r.IntN(30), 3+r.IntN(5)
		lower, upper := make([]int, m), make([]int, m)
		for k := range m {
			lower[k] = 2 + r.IntN(n/m-1)
			upper[k] = lower[k] + r.IntN(6)
		}
		for s := 0; circleSum(upper) < n; s = (s + 1) % m {
			upper[s]++
		}
		c := randomCircles(r, n, lower, upper, -10)
		g, err := SolveCircles(c, CircleOptions{Seed: uint64(trial), Iterations: 3})
		if err != nil {
			t.Fatal(err)
		}
		checkGrouping(t, c, g)
		if ex := circleExchange(c, r, 10); g.Objective < ex {
			t.Errorf("n %d bounds %v..%v: solver %v below exchange %v", n, lower, upper, g.Objective, ex)
		}
	}
}

func circleSum(x []int) int {
	s := 0
	for _, v := range x {
		s += v
	}
	return s
}

func TestSolveCirclesDeadline(t *testing.T) {
	c := loadCircleInstance(t, "testdata/mdgplib/RanReal_n120_ss_01.txt")
	var calls, last int
	best := math.Inf(-1)
	start := time.Now()
	g, err := SolveCircles(c, CircleOptions{Seed: 2, Deadline: 300 * time.Millisecond, Progress: func(iter int, f float64) {
		if iter != last+1 || f < best {
			t.Errorf("progress went from %d, %v to %d, %v", last, best, iter, f)
		}
		calls++
		last, best = iter, f
	}})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a 300 ms deadline took %v", took)
	}
	checkGrouping(t, c, g)
	if calls == 0 || calls != g.Iterations || best < g.Objective-1e-6 {
		t.Errorf("%d progress calls, best %v; %d rounds, objective %v", calls, best, g.Iterations, g.Objective)
	}
}

func TestSolveCirclesTarget(t *testing.T) {
	c := loadCircleInstance(t, "testdata/mdgplib/RanInt_n120_ss_01.txt")
	g, err := SolveCircles(c, CircleOptions{Seed: 2, Deadline: time.Minute, Target: 47000})
	if err != nil {
		t.Fatal(err)
	}
	if g.Objective < 47000 || g.Iterations > 4 {
		t.Errorf("target 47000: %v after %d rounds", g.Objective, g.Iterations)
	}
}

func TestSolveCirclesTrivial(t *testing.T) {
	c := randomCircles(rand.New(rand.NewPCG(1, 1)), 5, []int{5}, []int{5}, 0)
	g, err := SolveCircles(c, CircleOptions{})
	if err != nil || !slices.Equal(g.Group, []int{0, 0, 0, 0, 0}) {
		t.Fatalf("%v %v", g, err)
	}
	checkGrouping(t, c, g)
	c = randomCircles(rand.New(rand.NewPCG(1, 1)), 3, []int{1, 1, 1}, []int{2, 3, 1}, 0)
	g, err = SolveCircles(c, CircleOptions{})
	if err != nil || !slices.Equal(g.Group, []int{0, 1, 2}) || g.Objective != 0 {
		t.Fatalf("%v %v", g, err)
	}
	if got := g.Members(3); len(got) != 3 || got[1][0] != 1 {
		t.Errorf("members %v", got)
	}
}

func TestSolveCirclesErrors(t *testing.T) {
	ok := randomCircles(rand.New(rand.NewPCG(1, 1)), 4, []int{2, 2}, []int{2, 2}, 0)
	asym := randomCircles(rand.New(rand.NewPCG(1, 1)), 4, []int{2, 2}, []int{2, 2}, 0)
	asym.D[1] = 1
	nan := randomCircles(rand.New(rand.NewPCG(1, 1)), 4, []int{2, 2}, []int{2, 2}, 0)
	nan.D[1*4+3], nan.D[3*4+1] = math.NaN(), math.NaN()
	for _, tc := range []struct {
		name string
		c    *Circles
		opts CircleOptions
		msg  string
	}{
		{"Nil", nil, CircleOptions{}, "no instance"},
		{"NoItems", &Circles{}, CircleOptions{}, "no items"},
		{"Matrix", &Circles{N: 2, Lower: []int{1}, Upper: []int{2}, D: make([]float64, 3)}, CircleOptions{}, "diversity matrix has 3 entries, want 2×2"},
		{"Names", &Circles{N: 2, Lower: []int{1}, Upper: []int{2}, D: make([]float64, 4), Names: []string{"a"}}, CircleOptions{}, "1 names for 2 items"},
		{"Asymmetric", asym, CircleOptions{}, fmt.Sprintf("diversity of 0 and 1 is 1 one way and %v the other", asym.D[4])},
		{"NaN", nan, CircleOptions{}, "diversity of 1 and 3 is not finite"},
		{"Bounds", &Circles{N: 4, Lower: []int{3, 2}, Upper: []int{4, 4}, D: make([]float64, 16)}, CircleOptions{}, "lower sizes add up to 5, more than the 4 items"},
		{"UpperCount", &Circles{N: 4, Lower: []int{2, 2}, Upper: []int{4}, D: make([]float64, 16)}, CircleOptions{}, "2 lower bounds and 1 upper bounds"},
		{"Iterations", ok, CircleOptions{Iterations: -1}, "iterations below 0"},
		{"Deadline", ok, CircleOptions{Deadline: -time.Second}, "deadline below 0"},
		{"Target", ok, CircleOptions{Target: math.Inf(1)}, "target not finite"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := SolveCircles(tc.c, tc.opts)
			var ce *CirclesError
			if g != nil || !errors.As(err, &ce) || ce.Msg != tc.msg {
				t.Errorf("got %v, %v; want %q", g, err, tc.msg)
			}
		})
	}
}
