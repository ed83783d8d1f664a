package assign

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchProblem draws the budget instances of issue 6: n mentees, m
// mentors of capacity c, and either every pair (cand >= m) or cand
// distinct random mentors per mentee, scores uniform in 0..999999
// micro-units. The seed is fixed so every run solves the same problem.
func benchProblem(n, m, c, cand int) *Problem {
	r := rand.New(rand.NewPCG(uint64(n), uint64(m)))
	p := &Problem{Mentees: make([]string, n), Mentors: make([]string, m), Capacity: make([]int, m)}
	for i := range n {
		p.Mentees[i] = fmt.Sprintf("e%d", i)
	}
	for j := range m {
		p.Mentors[j] = fmt.Sprintf("r%d", j)
		p.Capacity[j] = c
	}
	if cand >= m {
		p.Pairs = make([]Pair, 0, n*m)
		for i := range n {
			for j := range m {
				p.Pairs = append(p.Pairs, Pair{i, j, int64(r.IntN(1_000_000))})
			}
		}
		return p
	}
	p.Pairs = make([]Pair, 0, n*cand)
	mark := make([]int, m) // mentee+1 that last drew each mentor
	for i := range n {
		for k := 0; k < cand; {
			j := r.IntN(m)
			if mark[j] == i+1 {
				continue
			}
			mark[j] = i + 1
			p.Pairs = append(p.Pairs, Pair{i, j, int64(r.IntN(1_000_000))})
			k++
		}
	}
	return p
}

// benchSolve times Solve on p and certifies the first answer (outside the
// timing: Certify builds maps over every pair).
func benchSolve(b *testing.B, p *Problem) {
	b.Helper()
	certified := false
	for b.Loop() {
		sol, err := Solve(p)
		if err != nil {
			b.Fatal(err)
		}
		if !certified {
			b.StopTimer()
			if err := Certify(p, sol); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(sol.Total), "total")
			certified = true
			b.StartTimer()
		}
	}
}

func BenchmarkSolve2000x400(b *testing.B) { benchSolve(b, benchProblem(2000, 400, 5, 400)) }

func BenchmarkSolve20000x4000(b *testing.B) { benchSolve(b, benchProblem(20000, 4000, 5, 50)) }

func BenchmarkSolve100000x20000(b *testing.B) {
	if testing.Short() {
		b.Skip("100,000 x 20,000 takes seconds")
	}
	benchSolve(b, benchProblem(100000, 20000, 5, 50))
}

func BenchmarkSolveDense2000(b *testing.B) { benchSolve(b, benchProblem(2000, 2000, 1, 2000)) }
