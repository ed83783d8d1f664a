package assign

import (
	"fmt"
	"math"
	"slices"
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
// the cheapest flow is the best-scoring assignment. An auction places most
// mentees first (flow_init.go); the rest are added one at a time, each by
// a shortest augmenting path (Dijkstra on costs reduced by node
// potentials, stopped as soon as the sink is settled). The
// potentials are the dual certificate: a full mentor's price is how far
// its potential sits below the sink's, a matched mentee's utility how far
// its own sits above.
//
// Two invariants make the searches cheap. Every pair in use is tight (its
// reduced cost is 0), so reaching a mentor reaches all its mentees at the
// same distance and a search need only order mentors (flow_add.go). And a
// mentor, once full, stays full until a decline, which repairs the
// potentials itself (flow_cert.go, with the general search of
// flow_search.go).
type Solver struct {
	p    *Problem
	n, m int
	// mentee i's potential and where its allowed pairs lie, sorted by
	// mentor: mentee[i].lo..hi; forbidden and declined pairs are cut out
	// of their rows, so no loop asks whether a pair is still allowed
	mentee     []menteeNode
	to         []int32 // mentor of each pair
	score      []int64
	fixed      []int   // fixed mentor per mentee, -1
	fixedScore []int64 // the fixed pair's score
	cap        []int32 // seats left to optimise per mentor (fixed pairs take theirs)
	assign     []int32 // mentor per optimised mentee, -1
	via        []int32 // the pair index of each mentee's assignment
	// the optimised mentees on mentor k are seat[seatAt[k]:seatAt[k]+used[k]];
	// seatOf[y] is y's place there
	seat                 []int32
	seatAt               []int
	used                 []int32
	seatOf               []int32
	potT                 int64        // the sink's potential
	mentor               []mentorNode // the mentors' potentials, and search distances
	mpot                 []int64      // the mentors' potentials, packed, while the auction runs
	added                []bool
	dense                bool // order mentors by scanning an array rather than a heap
	add                  addScratch
	general              generalScratch
	search, direct, bids int // searches run, mentees placed without one, bids made
}

const inf = math.MaxInt64 / 2

// searchMode lets tests force the scan (1) or the heap (2) whatever the
// density, so both are checked on every problem; 0 chooses by density.
var searchMode = 0

// NewSolver checks the problem, applies fixed and forbidden pairs, and
// finds an optimal assignment; progress, when set, hears how many
// mentees are placed.
func NewSolver(p *Problem, progress func(done, total int)) (*Solver, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	s := &Solver{p: p, n: len(p.Mentees), m: len(p.Mentors)}
	if err := s.build(); err != nil {
		return nil, err
	}
	s.solve(progress)
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
	if len(p.Pairs) >= math.MaxInt32 || n >= math.MaxInt32 || m >= math.MaxInt32 {
		return fmt.Errorf("assign: %d pairs are more than this solver takes", len(p.Pairs))
	}
	s.fixed, s.fixedScore = make([]int, n), make([]int64, n)
	for i := range s.fixed {
		s.fixed[i] = -1
	}
	// the allowed pairs by mentee, each row sorted by mentor so repeats
	// sit side by side and a pair is found by binary search; no maps,
	// which cost more than the solve on a million pairs
	start, end := make([]int, n+1), make([]int, n)
	k := len(p.Pairs)
	s.to, s.score = make([]int32, k), make([]int64, k)
	// pairs that come by mentee, as files are usually written, are copied
	// straight; others are counted, then placed
	grouped := true
	for a, pr := range p.Pairs {
		start[pr.Mentee+1]++
		if grouped = grouped && (a == 0 || pr.Mentee >= p.Pairs[a-1].Mentee); grouped {
			s.to[a], s.score[a] = int32(pr.Mentor), pr.Score
		}
	}
	for i := range n {
		start[i+1] += start[i]
	}
	copy(end, start[:n])
	if grouped {
		copy(end, start[1:])
	} else {
		for _, pr := range p.Pairs {
			at := end[pr.Mentee]
			end[pr.Mentee]++
			s.to[at], s.score[at] = int32(pr.Mentor), pr.Score
		}
	}
	var rs rowSorter
	for i := range n {
		lo, hi := start[i], end[i]
		if k := rs.sort(s.to[lo:hi], s.score[lo:hi], m); k >= 0 {
			return fmt.Errorf("assign: the pair %s-%s is listed twice", p.Mentees[i], p.Mentors[k])
		}
	}
	s.mentee = make([]menteeNode, n)
	for i := range n {
		s.mentee[i].lo, s.mentee[i].hi = int32(start[i]), int32(end[i])
	}
	s.assign, s.via, s.seatOf = make([]int32, n), make([]int32, n), make([]int32, n)
	for i := range s.assign {
		s.assign[i], s.via[i], s.seatOf[i] = -1, -1, -1
	}
	for _, f := range p.Forbidden {
		if a := s.find(f[0], f[1]); a >= 0 {
			s.cut(f[0], a)
		}
	}
	if err := s.applyFixed(); err != nil {
		return err
	}
	s.seatAt, s.used = make([]int, m+1), make([]int32, m)
	for j := range m {
		s.seatAt[j+1] = s.seatAt[j] + min(int(s.cap[j]), n)
	}
	s.seat = make([]int32, s.seatAt[m])
	s.mentor = make([]mentorNode, m)
	for k := range s.mentor {
		s.mentor[k].dist = inf
	}
	s.priceFilled()
	s.added = make([]bool, n)
	// When most rows list every mentor, a search relaxes a row and finds
	// the nearest mentor in one pass over arrays in mentor order, which
	// beats a heap; rows with gaps need a second pass, and then the heap
	// is as fast or faster (measured down to a fifth of the pairs missing).
	complete, free := 0, 0
	for i, e := range s.mentee {
		if s.fixed[i] < 0 {
			free++
			if int(e.hi-e.lo) == m {
				complete++
			}
		}
	}
	s.dense = complete*2 > free
	if searchMode != 0 {
		s.dense = searchMode == 1
	}
	return nil
}

// applyFixed takes fixed mentees out of the optimisation: their seats are
// taken and their rows emptied. Forbidden pairs are already cut.
func (s *Solver) applyFixed() error {
	p := s.p
	taken := make([]int, s.m)
	for _, f := range p.Fixed {
		i, j := f[0], f[1]
		a := s.find(i, j)
		switch {
		case a < 0 && slices.Contains(p.Forbidden, f) && slices.ContainsFunc(p.Pairs, func(q Pair) bool { return q.Mentee == i && q.Mentor == j }):
			return fmt.Errorf("assign: the pair %s-%s is both fixed and forbidden", p.Mentees[i], p.Mentors[j])
		case a < 0:
			return fmt.Errorf("assign: the fixed pair %s-%s is not among the scored pairs", p.Mentees[i], p.Mentors[j])
		case s.fixed[i] >= 0:
			return fmt.Errorf("assign: mentee %s is fixed to two mentors", p.Mentees[i])
		}
		s.fixed[i], s.fixedScore[i] = j, s.score[a]
		if taken[j]++; taken[j] > p.Capacity[j] {
			return fmt.Errorf("assign: fixed pairs give mentor %s more than its capacity of %d", p.Mentors[j], p.Capacity[j])
		}
	}
	s.cap = make([]int32, s.m)
	for j, c := range p.Capacity {
		// more seats than mentees is as good as unlimited: never full
		s.cap[j] = int32(min(c-taken[j], s.n+1))
	}
	for i, j := range s.fixed {
		if j >= 0 {
			s.mentee[i].hi = s.mentee[i].lo // a fixed mentee is out of the optimisation
		}
	}
	return nil
}

// priceFilled prices each mentor whom fixed pairs fill above every score
// offered to it, so no mentee wants it; its pairs stay, so the searches
// keep the price high enough for the certificate.
func (s *Solver) priceFilled() {
	for a, k := range s.to {
		if s.cap[k] == 0 {
			s.mentor[k].pot = min(s.mentor[k].pot, s.potT-s.score[a])
		}
	}
}

// find returns the index of the allowed pair of mentee i and mentor j, or -1.
func (s *Solver) find(i, j int) int {
	lo, hi := int(s.mentee[i].lo), int(s.mentee[i].hi)
	a, ok := slices.BinarySearch(s.to[lo:hi], int32(j))
	if !ok {
		return -1
	}
	return lo + a
}

// cut removes pair a from mentee i's row, keeping the row sorted.
func (s *Solver) cut(i, a int) {
	hi := int(s.mentee[i].hi)
	copy(s.to[a:hi-1], s.to[a+1:hi])
	copy(s.score[a:hi-1], s.score[a+1:hi])
	s.mentee[i].hi--
	if int(s.via[i]) > a {
		s.via[i]--
	}
}

// sink is the sink's node number; mentor j is node n+j.
func (s *Solver) sink() int32 { return int32(s.n + s.m) }

// mentorNode keeps what a search reads of a mentor side by side, so
// relaxing an arc touches one cache line: the mentor's potential and its
// distance in the current search (inf when unreached, -1 once settled).
type mentorNode struct {
	pot, dist int64
}

// menteeNode keeps what a search reads of a mentee side by side: where
// its row of pairs lies and its potential.
type menteeNode struct {
	lo, hi int32
	pot    int64
}

// potential is node v's potential (mentee, mentor or sink).
func (s *Solver) potential(v int32) int64 {
	switch {
	case int(v) < s.n:
		return s.mentee[v].pot
	case v == s.sink():
		return s.potT
	}
	return s.mentor[int(v)-s.n].pot
}

// addPotential moves node v's potential by d.
func (s *Solver) addPotential(v int32, d int64) {
	switch {
	case int(v) < s.n:
		s.mentee[v].pot += d
	case v == s.sink():
		s.potT += d
	default:
		s.mentor[int(v)-s.n].pot += d
	}
}

// holders are the optimised mentees on mentor k.
func (s *Solver) holders(k int32) []int32 {
	at := s.seatAt[k]
	return s.seat[at : at+int(s.used[k])]
}

// place puts unmatched mentee y on the mentor of pair a, in a new seat.
func (s *Solver) place(y int32, a int) {
	k := s.to[a]
	at := int32(s.seatAt[k]) + s.used[k]
	s.used[k]++
	s.seat[at], s.seatOf[y], s.assign[y], s.via[y] = y, at, k, int32(a)
}

// unassign takes mentee y off its mentor; the last mentee there takes its seat.
func (s *Solver) unassign(y int32) {
	k := s.assign[y]
	if k < 0 {
		return
	}
	s.used[k]--
	last := int32(s.seatAt[k]) + s.used[k]
	at := s.seatOf[y]
	z := s.seat[last]
	s.seat[at], s.seatOf[z] = z, at
	s.assign[y], s.via[y], s.seatOf[y] = -1, -1, -1
}
