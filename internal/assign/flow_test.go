package assign

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomProblem draws mentees, mentors with capacities, a random set of
// allowed pairs with scores (some negative), and maybe fixed and
// forbidden pairs.
func randomProblem(r *rand.Rand, n, m, maxCap int, density float64, extras bool) *Problem {
	p := &Problem{}
	for i := range n {
		p.Mentees = append(p.Mentees, fmt.Sprintf("e%d", i))
	}
	for j := range m {
		p.Mentors = append(p.Mentors, fmt.Sprintf("r%d", j))
		p.Capacity = append(p.Capacity, 1+r.IntN(maxCap))
	}
	for i := range n {
		for j := range m {
			if r.Float64() < density {
				p.Pairs = append(p.Pairs, Pair{Mentee: i, Mentor: j, Score: int64(r.IntN(21)-5) * 100_000})
			}
		}
	}
	if extras && len(p.Pairs) > 2 {
		f := p.Pairs[r.IntN(len(p.Pairs))]
		p.Fixed = append(p.Fixed, [2]int{f.Mentee, f.Mentor})
		g := p.Pairs[r.IntN(len(p.Pairs))]
		if g.Mentee != f.Mentee {
			p.Forbidden = append(p.Forbidden, [2]int{g.Mentee, g.Mentor})
		}
	}
	return p
}

// bruteBest is the best total over every feasible assignment.
func bruteBest(p *Problem) int64 {
	n, m := len(p.Mentees), len(p.Mentors)
	score := map[[2]int]int64{}
	for _, pr := range p.Pairs {
		score[[2]int{pr.Mentee, pr.Mentor}] = pr.Score
	}
	for _, f := range p.Forbidden {
		delete(score, f)
	}
	fixed := map[int]int{}
	for _, f := range p.Fixed {
		fixed[f[0]] = f[1]
	}
	used := make([]int, m)
	best := int64(-1 << 62)
	var walk func(i int, total int64)
	walk = func(i int, total int64) {
		if i == n {
			best = max(best, total)
			return
		}
		if j, ok := fixed[i]; ok {
			used[j]++
			if used[j] <= p.Capacity[j] {
				walk(i+1, total+score[[2]int{i, j}])
			}
			used[j]--
			return
		}
		walk(i+1, total)
		for j := range m {
			if sc, ok := score[[2]int{i, j}]; ok && used[j] < p.Capacity[j] {
				used[j]++
				walk(i+1, total+sc)
				used[j]--
			}
		}
	}
	walk(0, 0)
	return best
}

// bothSearches runs a test with mentors ordered by scan and by heap.
func bothSearches(t *testing.T, test func(t *testing.T)) {
	for mode, name := range []string{"auto", "scan", "heap"} {
		t.Run(name, func(t *testing.T) {
			searchMode = mode
			defer func() { searchMode = 0 }()
			test(t)
		})
	}
}

func TestSolveAgainstBruteForce(t *testing.T) { bothSearches(t, solveAgainstBruteForce) }

func TestDeclineEqualsFreshSolve(t *testing.T) { bothSearches(t, declineEqualsFreshSolve) }

func solveAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	for it := range 500 {
		p := randomProblem(r, 1+r.IntN(7), 1+r.IntN(4), 3, 0.2+0.8*r.Float64(), it%2 == 0)
		want := bruteBest(p)
		sol, err := Solve(p)
		if err != nil {
			if want < -1<<61 { // infeasible fixed pairs
				continue
			}
			t.Fatalf("problem %d: %v", it, err)
		}
		if sol.Total != want {
			t.Fatalf("problem %d: total %d, brute force %d (%+v)", it, sol.Total, want, p)
		}
		if err := Certify(p, sol); err != nil {
			t.Fatalf("problem %d: %v", it, err)
		}
	}
}

func declineEqualsFreshSolve(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	declines := 0
	for it := range 300 {
		p := randomProblem(r, 2+r.IntN(30), 1+r.IntN(8), 4, 0.3+0.7*r.Float64(), false)
		s, err := NewSolver(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			sol := s.Solution()
			// decline a pair in use, when there is one
			i := r.IntN(len(p.Mentees))
			if sol.Assign[i] < 0 {
				continue
			}
			if err := s.Decline(i, sol.Assign[i]); err != nil {
				t.Fatal(err)
			}
			declines++
			got := s.Solution()
			if err := Certify(p, got); err != nil {
				t.Fatalf("problem %d after declining: %v", it, err)
			}
			fresh, err := Solve(p)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != fresh.Total {
				t.Fatalf("problem %d: re-solved total %d, fresh %d", it, got.Total, fresh.Total)
			}
		}
	}
	if declines < 200 {
		t.Fatalf("only %d declines", declines)
	}
}

// TestSolveGoldenEachSearch solves the scipy golden instances with each
// way of ordering mentors.
func TestSolveGoldenEachSearch(t *testing.T) {
	bothSearches(t, TestSolveMatchesScipy)
}

// TestSolveMediumEachSearch: on problems too big for brute force, the scan
// and the heap reach the same total, every answer certifies, and so does
// each answer after a run of declines, against a fresh solve.
func TestSolveMediumEachSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for it := range 40 {
		p := randomProblem(r, 50+r.IntN(250), 5+r.IntN(60), 6, 0.02+0.5*r.Float64(), it%2 == 0)
		var totals []int64
		for mode := 1; mode <= 2; mode++ {
			searchMode = mode
			s, err := NewSolver(p, nil)
			searchMode = 0
			if err != nil {
				t.Fatal(err)
			}
			sol := s.Solution()
			if err := Certify(p, sol); err != nil {
				t.Fatalf("problem %d, mode %d: %v", it, mode, err)
			}
			totals = append(totals, sol.Total)
			q := *p
			q.Forbidden = append([][2]int(nil), p.Forbidden...)
			s.p = &q
			for range 5 {
				i := r.IntN(len(q.Mentees))
				if j := s.Solution().Assign[i]; j >= 0 && s.fixed[i] < 0 {
					if err := s.Decline(i, j); err != nil {
						t.Fatal(err)
					}
				}
			}
			got := s.Solution()
			if err := Certify(&q, got); err != nil {
				t.Fatalf("problem %d after declines: %v", it, err)
			}
			searchMode = 3 - mode // the other way round
			fresh, err := Solve(&q)
			searchMode = 0
			if err != nil || fresh.Total != got.Total {
				t.Fatalf("problem %d: after declines %d, fresh %v (%v)", it, got.Total, fresh, err)
			}
		}
		if totals[0] != totals[1] {
			t.Fatalf("problem %d: scan %d, heap %d", it, totals[0], totals[1])
		}
	}
}

func TestSolveRefusesRepeatedPairs(t *testing.T) {
	for _, pairs := range [][]Pair{
		{{0, 1, 5}, {1, 0, 2}, {0, 1, 7}}, // not grouped by mentee
		{{0, 0, 1}, {0, 1, 5}, {0, 1, 7}}, // grouped
		{{1, 0, 2}, {0, 1, 5}, {0, 0, 3}, {0, 1, 7}},
	} {
		p := &Problem{Mentees: []string{"a", "b"}, Mentors: []string{"x", "y"}, Capacity: []int{1, 1}, Pairs: pairs}
		if _, err := Solve(p); err == nil || !strings.Contains(err.Error(), "a-y is listed twice") {
			t.Errorf("%v: %v", pairs, err)
		}
	}
	// the same pairs in any order solve alike
	p := &Problem{Mentees: []string{"a", "b"}, Mentors: []string{"x", "y"}, Capacity: []int{1, 1},
		Pairs: []Pair{{1, 1, 4}, {0, 1, 5}, {1, 0, 2}, {0, 0, 3}}}
	sol, err := Solve(p)
	if err != nil || sol.Total != 7 || Certify(p, sol) != nil {
		t.Fatalf("%+v, %v", sol, err)
	}
}

// TestSolveHugeScores: scores near the largest the problem accepts
// (MaxInt64/4, with one mentee, so the total fits too; or an eighth of
// it with up to seven) overflow neither the potentials nor the
// certificate.
func TestSolveHugeScores(t *testing.T) { bothSearches(t, solveHugeScores) }

func solveHugeScores(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for it := range 400 {
		n, big := 1+r.IntN(7), int64(math.MaxInt64/32)
		if it%2 == 0 {
			n, big = 1, math.MaxInt64/4
		}
		p := randomProblem(r, n, 1+r.IntN(4), 3, 0.3+0.7*r.Float64(), it%4 == 1)
		for a := range p.Pairs {
			switch r.IntN(3) {
			case 0:
				p.Pairs[a].Score = big - int64(r.IntN(1000))
			case 1:
				p.Pairs[a].Score = -big + int64(r.IntN(1000))
			}
		}
		want := bruteBest(p)
		sol, err := Solve(p)
		if err != nil {
			if want < -1<<61 {
				continue
			}
			t.Fatalf("problem %d: %v", it, err)
		}
		if sol.Total != want {
			t.Fatalf("problem %d: total %d, brute force %d", it, sol.Total, want)
		}
		if err := Certify(p, sol); err != nil {
			t.Fatalf("problem %d: %v", it, err)
		}
	}
}

// TestSolveReportsProgress: progress rises and ends at the number of
// mentees, and the answer is the one Solve gives.
func TestSolveReportsProgress(t *testing.T) {
	p := benchProblem(9000, 1000, 5, 20)
	var seen []int
	s, err := NewSolver(p, func(done, total int) {
		if total != 9000 || (len(seen) > 0 && done < seen[len(seen)-1]) {
			t.Fatalf("progress %d of %d after %v", done, total, seen)
		}
		seen = append(seen, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 || seen[len(seen)-1] != 9000 {
		t.Fatalf("progress %v", seen)
	}
	if err := Certify(p, s.Solution()); err != nil {
		t.Fatal(err)
	}
}

// TestSolveRowSorter: each way of sorting a row (insertion, marks over
// all mentors, packed keys) sorts scores alongside and finds repeats.
func TestSolveRowSorter(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	var rs rowSorter
	const m = 1000
	for it := range 300 {
		n := []int{0, 1, 5, 24, 25, 60, 124, 125, 400, 1000}[it%10]
		to := make([]int32, 0, n)
		for _, k := range r.Perm(m)[:n] {
			to = append(to, int32(k))
		}
		repeat := n > 1 && it%3 == 0
		if repeat {
			to[r.IntN(n)] = to[r.IntN(n)]
			repeat = !increasing(slices.Sorted(slices.Values(to))) // the draw may pick one place twice
		}
		score := make([]int64, n)
		for x, k := range to {
			score[x] = int64(k) * 7
		}
		got := rs.sort(to, score, m)
		if repeat != (got >= 0) {
			t.Fatalf("row %d of %d: repeat %v, sorter says %d", it, n, repeat, got)
		}
		if repeat {
			continue
		}
		if !increasing(to) {
			t.Fatalf("row %d of %d not sorted: %v", it, n, to)
		}
		for x, k := range to {
			if score[x] != int64(k)*7 {
				t.Fatalf("row %d: score of %d moved apart", it, k)
			}
		}
	}
}
