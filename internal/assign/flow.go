package assign

import (
	"fmt"
	"math"
	"slices"
	"sort"
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
	// the allowed pairs by mentee, each row sorted by mentor so repeats
	// sit side by side and a pair is found by binary search; no maps,
	// which cost more than the solve on a million pairs
	s.start = make([]int, n+1)
	for _, pr := range p.Pairs {
		s.start[pr.Mentee+1]++
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
	}
	for i := range n {
		lo, hi := s.start[i], s.start[i+1]
		row := pairRow{s.to[lo:hi], s.score[lo:hi]}
		if !slices.IsSortedFunc(row.to, cmpInt32) {
			sort.Sort(row)
		}
		for a := lo + 1; a < hi; a++ {
			if s.to[a] == s.to[a-1] {
				return fmt.Errorf("assign: the pair %s-%s is listed twice", p.Mentees[i], p.Mentors[s.to[a]])
			}
		}
	}
	for _, f := range p.Forbidden {
		if a := s.find(f[0], f[1]); a >= 0 {
			s.gone[a] = true
		}
	}
	for _, f := range p.Fixed {
		i, j := f[0], f[1]
		a := s.find(i, j)
		switch {
		case a < 0:
			return fmt.Errorf("assign: the fixed pair %s-%s is not among the scored pairs", p.Mentees[i], p.Mentors[j])
		case s.gone[a]:
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
		if s.fixed[i] >= 0 {
			for a := s.start[i]; a < s.start[i+1]; a++ {
				s.gone[a] = true // a fixed mentee is out of the optimisation
			}
		}
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

// find returns the index of the pair of mentee i and mentor j, or -1.
func (s *Solver) find(i, j int) int {
	lo, hi := s.start[i], s.start[i+1]
	a, ok := slices.BinarySearch(s.to[lo:hi], int32(j))
	if !ok {
		return -1
	}
	return lo + a
}

// pairRow sorts one mentee's pairs by mentor, scores alongside.
type pairRow struct {
	to    []int32
	score []int64
}

func (r pairRow) Len() int           { return len(r.to) }
func (r pairRow) Less(i, j int) bool { return r.to[i] < r.to[j] }
func (r pairRow) Swap(i, j int) {
	r.to[i], r.to[j] = r.to[j], r.to[i]
	r.score[i], r.score[j] = r.score[j], r.score[i]
}

func cmpInt32(a, b int32) int { return int(a) - int(b) }

// sink is the sink's node number; mentor j is node n+j.
func (s *Solver) sink() int32 { return int32(s.n + s.m) }
