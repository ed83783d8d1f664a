package assign

import "fmt"

// Solution reports the current assignment, fixed pairs included, with
// its dual prices.
func (s *Solver) Solution() *Solution {
	n, m := s.n, s.m
	sol := &Solution{Assign: make([]int, n), Price: make([]int64, m), Utility: make([]int64, n)}
	for j := range m {
		// a full mentor's price is how far its potential sits below the
		// sink's; one with a free seat has both equal (price 0)
		if d := s.potT - s.mentor[j].pot; d > 0 && s.used[j] >= s.cap[j] {
			sol.Price[j] = d
		}
	}
	for i := range n {
		sol.Assign[i] = -1
		switch {
		case s.fixed[i] >= 0:
			sol.Assign[i] = s.fixed[i]
			sol.Total += s.fixedScore[i]
		case s.assign[i] >= 0:
			sol.Assign[i] = int(s.assign[i])
			sc := s.score[s.via[i]]
			sol.Total += sc
			sol.Utility[i] = sc - sol.Price[s.assign[i]]
		}
		if sol.Assign[i] >= 0 {
			sol.Matched++
		}
	}
	return sol
}

// Decline forbids the pair of mentee i and mentor j (mentee i declined,
// or the pair must not be made) and re-solves from the current answer: if
// the pair was not in use nothing changes; otherwise mentor j's seat is
// offered back by the cheapest way to fill it, and mentee i is placed
// again. The result is optimal for the problem with the pair forbidden.
func (s *Solver) Decline(i, j int) error {
	if i < 0 || i >= s.n || j < 0 || j >= s.m {
		return fmt.Errorf("assign: no mentee %d or mentor %d", i, j)
	}
	if s.fixed[i] == j {
		return fmt.Errorf("assign: the pair %s-%s is fixed", s.p.Mentees[i], s.p.Mentors[j])
	}
	s.p.Forbidden = append(s.p.Forbidden, [2]int{i, j})
	a := s.find(i, j)
	if a < 0 {
		return nil // not an allowed pair: nothing changes
	}
	if int(s.assign[i]) != j {
		s.cut(i, a)
		return nil // an unused pair: the answer stands
	}
	// Take i out and, for a moment, the seat it held: the rest is then an
	// optimal answer with valid potentials. Then give the seat back (the
	// cheapest way to fill it, if any gains) and add i again.
	s.unassign(int32(i))
	s.cut(i, a)
	s.added[i] = false
	s.cap[j]--
	s.addSeat(j)
	s.addMentee(i)
	return nil
}

// addSeat gives mentor j one more seat: if a path from the sink to j
// costs less than nothing (someone gains by moving in, a chain of moves
// behind them), the cycle through the new seat is applied; either way
// the potentials are set so the new seat's arc is valid.
func (s *Solver) addSeat(j int) {
	T, tgt := s.sink(), int32(s.n+j)
	reached := s.shortest(T, tgt)
	s.cap[j]++
	if !reached {
		// Nobody gains by filling the seat. Shift every node the search
		// reached by d(v) − D; no residual arc leads from them to the
		// rest, so reduced costs stay valid, and D is chosen large enough
		// that the free seat's arc j → sink is valid too.
		D := s.potT - s.potential(tgt)
		for _, v := range s.general.seen {
			D = max(D, s.general.dist[v])
		}
		for _, v := range s.general.seen {
			s.addPotential(v, s.general.dist[v]-D)
		}
		return
	}
	s.reprice(tgt)
	// the real cost of the path: reduced distance adjusted by the ends'
	// potentials (after repricing, the path's reduced cost is zero)
	if s.potential(tgt)-s.potT < 0 {
		s.augment(tgt)
	}
}

// Certify checks that sol is a feasible assignment of p and that its
// prices prove it optimal (linear-programming duality): every price and
// utility is at least zero, a mentor with a free seat has price 0, an
// unmatched mentee utility 0, every allowed pair's score is at most its
// mentee's utility plus its mentor's price, with equality on the pairs
// made, and the total is the sum of the scores. Fixed mentees take their
// seats and stand outside the duals. It reads only p and sol.
func Certify(p *Problem, sol *Solution) error {
	n, m := len(p.Mentees), len(p.Mentors)
	if len(sol.Assign) != n || len(sol.Price) != m || len(sol.Utility) != n {
		return fmt.Errorf("certify: the solution does not fit the problem")
	}
	// indexed by its own table, not the solver's rows; no maps, which
	// took seconds on millions of pairs
	table := newPairTable(n, p.Pairs)
	fixedTo := make([]int, n)
	for i := range fixedTo {
		fixedTo[i] = -1
	}
	for _, f := range p.Fixed {
		fixedTo[f[0]] = f[1]
	}
	forbidden := make([]bool, len(p.Pairs))
	for _, f := range p.Forbidden {
		if k := table.find(f[0], f[1]); k >= 0 {
			forbidden[k] = true
		}
	}
	used := make([]int, m)
	var total int64
	matched := 0
	for i, j := range sol.Assign {
		if f := fixedTo[i]; f >= 0 && f != j {
			return fmt.Errorf("certify: mentee %s is not with its fixed mentor", p.Mentees[i])
		}
		if j < 0 {
			if sol.Utility[i] != 0 {
				return fmt.Errorf("certify: unmatched mentee %s has utility %d", p.Mentees[i], sol.Utility[i])
			}
			continue
		}
		k := table.find(i, j)
		if k < 0 || forbidden[k] {
			return fmt.Errorf("certify: the pair %s-%s is not allowed", p.Mentees[i], p.Mentors[j])
		}
		sc := p.Pairs[k].Score
		used[j]++
		total += sc
		matched++
		if fixedTo[i] < 0 && sol.Utility[i]+sol.Price[j] != sc {
			return fmt.Errorf("certify: the pair %s-%s is not tight", p.Mentees[i], p.Mentors[j])
		}
	}
	for j := range m {
		if used[j] > p.Capacity[j] {
			return fmt.Errorf("certify: mentor %s has %d mentees for %d seats", p.Mentors[j], used[j], p.Capacity[j])
		}
		if sol.Price[j] < 0 || (used[j] < p.Capacity[j] && sol.Price[j] != 0) {
			return fmt.Errorf("certify: mentor %s has price %d with %d of %d seats taken", p.Mentors[j], sol.Price[j], used[j], p.Capacity[j])
		}
	}
	for k, pr := range p.Pairs {
		if fixedTo[pr.Mentee] >= 0 || forbidden[k] {
			continue
		}
		if sol.Utility[pr.Mentee] < 0 || sol.Utility[pr.Mentee]+sol.Price[pr.Mentor] < pr.Score {
			return fmt.Errorf("certify: %s would rather have %s (score %d > utility %d + price %d)",
				p.Mentees[pr.Mentee], p.Mentors[pr.Mentor], pr.Score, sol.Utility[pr.Mentee], sol.Price[pr.Mentor])
		}
	}
	if total != sol.Total || matched != sol.Matched {
		return fmt.Errorf("certify: total %d over %d pairs, the solution says %d over %d", total, matched, sol.Total, sol.Matched)
	}
	return nil
}
