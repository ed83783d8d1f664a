package graph

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bestSimple is, by brute force over every simple path from s to t whose
// first step is first (any first step when first < 0), the greatest
// bottleneck and the fewest steps among paths that reach it.
func bestSimple(g *Graph, s, t, first int) (float64, int) {
	best, hops := -1.0, math.MaxInt
	on := make([]bool, g.Order())
	var walk func(x int, width float64, steps int)
	walk = func(x int, width float64, steps int) {
		if x == t {
			if width > best || (width == best && steps < hops) {
				best, hops = width, steps
			}
			return
		}
		on[x] = true
		out, ws := g.Out(x)
		for i, y := range out {
			if on[y] || (x == s && first >= 0 && int(y) != first) {
				continue
			}
			walk(int(y), min(width, ws[i]), steps+1)
		}
		on[x] = false
	}
	walk(s, math.Inf(1), 0)
	return best, hops
}

func TestStrongestPathsAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(30, 31))
	found := 0
	for it := range 300 {
		n := 2 + r.IntN(8)
		g := randomGraph(r, n, r.IntN(3*n), it%2 == 0)
		s, tg := r.IntN(n), r.IntN(n)
		paths := StrongestPaths(g, s, tg, n)
		if s == tg {
			if paths != nil {
				t.Fatalf("graph %d: paths from a node to itself", it)
			}
			continue
		}
		best, hops := bestSimple(g, s, tg, -1)
		if best < 0 {
			if len(paths) != 0 {
				t.Fatalf("graph %d: %d paths where none exists", it, len(paths))
			}
			continue
		}
		found++
		if paths[0].Strength != best || len(paths[0].Nodes)-1 != hops {
			t.Fatalf("graph %d: strongest %v (%d steps), brute force %v (%d)", it, paths[0].Strength, len(paths[0].Nodes)-1, best, hops)
		}
		firsts := map[int32]bool{}
		for _, p := range paths {
			// a real, simple path whose strength is its weakest edge
			if int(p.Nodes[0]) != s || int(p.Nodes[len(p.Nodes)-1]) != tg {
				t.Fatalf("graph %d: path %v does not join %d to %d", it, p.Nodes, s, tg)
			}
			weakest := math.Inf(1)
			seen := map[int32]bool{}
			for i := 0; i+1 < len(p.Nodes); i++ {
				out, ws := g.Out(int(p.Nodes[i]))
				j := slices.Index(out, p.Nodes[i+1])
				if j < 0 || seen[p.Nodes[i]] {
					t.Fatalf("graph %d: path %v is not a simple path", it, p.Nodes)
				}
				seen[p.Nodes[i]] = true
				weakest = min(weakest, ws[j])
			}
			if weakest != p.Strength || firsts[p.Nodes[1]] {
				t.Fatalf("graph %d: path %v strength %v, weakest edge %v, first step repeated %v", it, p.Nodes, p.Strength, weakest, firsts[p.Nodes[1]])
			}
			firsts[p.Nodes[1]] = true
			// the strongest through this first step
			if b, h := bestSimple(g, s, tg, int(p.Nodes[1])); b != p.Strength || h != len(p.Nodes)-1 {
				t.Fatalf("graph %d: via %d strength %v (%d steps), brute force %v (%d)", it, p.Nodes[1], p.Strength, len(p.Nodes)-1, b, h)
			}
		}
		// every first step that leads to the target is offered
		out, _ := g.Out(s)
		for _, x := range out {
			if b, _ := bestSimple(g, s, tg, int(x)); b >= 0 && !firsts[x] {
				t.Fatalf("graph %d: no path via %d", it, x)
			}
		}
	}
	if found < 100 {
		t.Fatalf("only %d graphs had a path", found)
	}
}

func TestAppleseed(t *testing.T) {
	// s → a: a keeps 15% of every arrival and sends the rest back to s
	// along the virtual edge; s passes 85% of what returns. a's trust is
	// 0.15·170·(1 + 0.85² + 0.85⁴ + …) = 25.5/(1-0.7225).
	g, err := New([]string{"s", "a"}, []Edge{{0, 1, 3}}, true)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Appleseed(g, 0, AppleseedOptions{Threshold: 1e-13})
	if err != nil {
		t.Fatal(err)
	}
	if tr[0] != 0 || math.Abs(tr[1]-25.5/(1-0.7225)) > 1e-9 {
		t.Fatalf("trust %v, want [0 %v]", tr, 25.5/(1-0.7225))
	}
	// a chain and a stranger: trust falls with distance, the unreached get
	// nothing, and the total stays under the energy injected
	g, _ = New([]string{"s", "a", "b", "c", "x"}, []Edge{{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {4, 0, 1}}, true)
	tr, _ = Appleseed(g, 0, AppleseedOptions{})
	if !(tr[1] > tr[2] && tr[2] > tr[3] && tr[3] > 0) || tr[4] != 0 {
		t.Fatalf("chain trust %v", tr)
	}
	sum := 0.0
	for _, x := range tr {
		sum += x
	}
	if sum >= 200 {
		t.Fatalf("trust sums to %v of 200", sum)
	}
	// heavier ties carry more
	g, _ = New([]string{"s", "strong", "weak"}, []Edge{{0, 1, 4}, {0, 2, 1}}, true)
	tr, _ = Appleseed(g, 0, AppleseedOptions{})
	if !(tr[1] > 3*tr[2]) {
		t.Fatalf("weights ignored: %v", tr)
	}
	// ties of weight 0 carry nothing (and no 0/0)
	g0, _ := New([]string{"s", "a"}, []Edge{{0, 1, 0}}, true)
	if tr, _ := Appleseed(g0, 0, AppleseedOptions{}); tr[0] != 0 || tr[1] != 0 {
		t.Fatalf("zero weights: %v", tr)
	}
	if _, err := Appleseed(g, 0, AppleseedOptions{Spread: 1.5}); err == nil {
		t.Fatal("spread 1.5 accepted")
	}
	if _, err := Appleseed(g, 7, AppleseedOptions{}); err == nil {
		t.Fatal("node 7 accepted")
	}
}

func TestPersonalPageRankIsPageRankFromOneNode(t *testing.T) {
	g := randomGraph(rand.New(rand.NewPCG(2, 2)), 30, 90, true)
	got, err := PersonalPageRank(g, 4)
	if err != nil {
		t.Fatal(err)
	}
	p := make([]float64, 30)
	p[4] = 1
	want, err := PageRank(g, PageRankOptions{Personal: p})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatal("personal PageRank differs from PageRank with the personalisation")
	}
}
