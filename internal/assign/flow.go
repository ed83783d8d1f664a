package assign

import (
	"fmt"
	"math"
)

// Solution is an optimal assignment and the dual prices that prove it.
type Solution struct {
	// Assign[i] is mentee i's mentor, -1 when unmatched.
	Assign  []int
	Total   int64 // the sum of the scores of the pairs made
	Matched int
	// Price[j] is mentor j's dual price (0 unless full) and Utility[i]
	// mentee i's (its pair's score less its mentor's price, 0 when
	// unmatched); see Certify. Fixed mentees' utilities are 0 and stand
	// outside the certificate.
	Price, Utility []int64
}

// Solver holds an optimal assignment between changes, so a decline
// re-solves from where the last answer left off.
//
// It is the primal-dual (Hungarian) method on the flow network source →
// mentee → mentor → sink, where every mentee also has an arc of cost 0
// straight to the sink (staying unmatched), so all mentees always flow and
// the cheapest flow is the best-scoring assignment. Mentees are added one
// at a time, each by a shortest augmenting path (Dijkstra on costs reduced
// by node potentials, stopped as soon as the sink is settled). The
// potentials are the dual certificate.
type Solver struct {
	p       *Problem
	n, m    int
	start   []int   // the allowed pairs by mentee: start[i]..start[i+1]
	to      []int32 // mentor of each pair
	score   []int64
	gone    []bool // forbidden, or fixed away
	fixed   []int  // fixed mentor per mentee, -1
	cap     []int  // seats left to optimise per mentor (fixed pairs take theirs)
	assign  []int32
	via     []int32   // the pair index of each mentee's assignment
	holders [][]int32 // the optimised mentees on each mentor
	pot     []int64   // potentials: mentees, mentors, then the sink
	added   []bool
	adding  int32 // the mentee being added, whose arc to the sink is open

	// Dijkstra scratch
	dist   []int64
	prev   []int32
	seen   []int32 // nodes touched by the last search
	mark   []uint32
	stamp  uint32
	queue  nodeHeap
	search int // searches run, for progress
}

const inf = math.MaxInt64 / 2

// NewSolver checks the problem, applies fixed and forbidden pairs, and
// finds an optimal assignment; progress, when set, hears how many
// mentees are placed.
func NewSolver(p *Problem, progress func(done, total int)) (*Solver, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	s := &Solver{p: p, n: len(p.Mentees), m: len(p.Mentors), adding: -1}
	if err := s.build(); err != nil {
		return nil, err
	}
	for r := range s.n {
		if s.fixed[r] < 0 {
			s.addMentee(r)
		}
		if progress != nil && (r%4096 == 4095 || r == s.n-1) {
			progress(r+1, s.n)
		}
	}
	return s, nil
}

// Solve finds an optimal assignment of p.
func Solve(p *Problem) (*Solution, error) {
	s, err := NewSolver(p, nil)
	if err != nil {
		return nil, err
	}
	return s.Solution(), nil
}

func (s *Solver) build() error {
	p, n, m := s.p, s.n, s.m
	s.fixed = make([]int, n)
	for i := range s.fixed {
		s.fixed[i] = -1
	}
	s.cap = append([]int(nil), p.Capacity...)
	type key struct{ i, j int }
	forbid := map[key]bool{}
	for _, f := range p.Forbidden {
		forbid[key{f[0], f[1]}] = true
	}
	pairOf := map[key]bool{}
	s.start = make([]int, n+1)
	for _, pr := range p.Pairs {
		if pairOf[key{pr.Mentee, pr.Mentor}] {
			return fmt.Errorf("assign: the pair %s-%s is listed twice", p.Mentees[pr.Mentee], p.Mentors[pr.Mentor])
		}
		pairOf[key{pr.Mentee, pr.Mentor}] = true
		s.start[pr.Mentee+1]++
	}
	for _, f := range p.Fixed {
		i, j := f[0], f[1]
		switch {
		case !pairOf[key{i, j}]:
			return fmt.Errorf("assign: the fixed pair %s-%s is not among the scored pairs", p.Mentees[i], p.Mentors[j])
		case forbid[key{i, j}]:
			return fmt.Errorf("assign: the pair %s-%s is both fixed and forbidden", p.Mentees[i], p.Mentors[j])
		case s.fixed[i] >= 0:
			return fmt.Errorf("assign: mentee %s is fixed to two mentors", p.Mentees[i])
		}
		s.fixed[i] = j
		s.cap[j]--
		if s.cap[j] < 0 {
			return fmt.Errorf("assign: fixed pairs give mentor %s more than its capacity of %d", p.Mentors[j], p.Capacity[j])
		}
	}
	for i := range n {
		s.start[i+1] += s.start[i]
	}
	k := s.start[n]
	s.to, s.score, s.gone = make([]int32, k), make([]int64, k), make([]bool, k)
	next := append([]int(nil), s.start[:n]...)
	for _, pr := range p.Pairs {
		at := next[pr.Mentee]
		next[pr.Mentee]++
		s.to[at], s.score[at] = int32(pr.Mentor), pr.Score
		s.gone[at] = forbid[key{pr.Mentee, pr.Mentor}] || s.fixed[pr.Mentee] >= 0
	}
	s.assign, s.via = make([]int32, n), make([]int32, n)
	for i := range s.assign {
		s.assign[i], s.via[i] = -1, -1
	}
	s.holders = make([][]int32, m)
	nodes := n + m + 1
	s.pot, s.dist, s.prev, s.mark = make([]int64, nodes), make([]int64, nodes), make([]int32, nodes), make([]uint32, nodes)
	s.added = make([]bool, n)
	return nil
}

// sink is the sink's node number; mentor j is node n+j.
func (s *Solver) sink() int32 { return int32(s.n + s.m) }
