package assign

import "math"

// Before any search, an auction places most mentees cheaply, as the
// augmenting row reduction of Jonker and Volgenant does: a free mentee
// takes its best mentor at current prices, and when that mentor is full
// it bids, raising the price so far that the weakest claimant (the one
// whose next best option is nearest) leaves and bids in turn. Prices
// start at 0 and rise only on full mentors, every placed mentee holds an
// option at least as good as any other at current prices, and a mentee
// whose best option is to stay out is left out: the state the searches
// keep, so they take over wherever the auction stops. It stops after a
// bounded number of bids, as prices can creep up by small steps for long.

// auction runs the bids; mentees it leaves free are added by search.
func (s *Solver) auction() {
	n := s.n
	lim := make([]int64, n) // the price up to which each placed mentee stays put
	free := make([]int32, 0, n)
	for r := n - 1; r >= 0; r-- {
		if s.fixed[r] < 0 {
			free = append(free, int32(r))
		}
	}
	// the mentors' potentials, packed while the auction reads them all
	s.mpot = make([]int64, s.m)
	for k := range s.mpot {
		s.mpot[k] = s.mentor[k].pot
	}
	for budget := 32 * len(free); len(free) > 0 && s.bids < budget; s.bids++ {
		i := free[len(free)-1]
		free = free[:len(free)-1]
		if e := s.bid(i, lim); e >= 0 {
			free = append(free, e)
		}
	}
	for k, p := range s.mpot {
		s.mentor[k].pot = p
	}
	s.mpot = nil
	// the mentees' potentials from the prices: placed ones are tight, the
	// ones staying out have utility 0
	for y := range n {
		switch {
		case !s.added[y]:
		case s.assign[y] >= 0:
			s.mentee[y].pot = s.score[s.via[y]] + s.mentor[s.assign[y]].pot
		default:
			s.mentee[y].pot = s.potT
		}
	}
}

// bid gives free mentee i its best option, or leaves it free; it returns
// the mentee i pushes out, or -1.
func (s *Solver) bid(i int32, lim []int64) int32 {
	pT, pm := s.potT, s.mpot
	v1, v2, a1, a2 := s.best2(int(i))
	if a1 < 0 {
		s.added[i] = true // nothing beats staying out
		return -1
	}
	k := s.to[a1]
	price := pT - pm[k]
	li := price + v1 - v2 // i keeps k up to this price
	if s.used[k] < s.cap[k] {
		s.place(i, a1)
		s.added[i], lim[i] = true, li
		if s.used[k] == s.cap[k] {
			pm[k] = pT - minLim(s.holders(k), lim, -1)
		}
		return -1
	}
	h := s.holders(k)
	e := int32(-1)
	for _, y := range h {
		if e < 0 || lim[y] < lim[e] {
			e = y
		}
	}
	if lim[e] < li {
		// e is the weakest: i takes its seat, at a price all who stay accept
		at := s.seatOf[e]
		s.assign[e], s.via[e], s.seatOf[e], s.added[e] = -1, -1, -1, false
		s.seat[at], s.seatOf[i], s.assign[i], s.via[i] = i, at, k, int32(a1)
		s.added[i], lim[i] = true, li
		pm[k] = pT - minLim(h, lim, -1)
		return e
	}
	// i is the weakest. The price rises as far as every mentee on k
	// accepts: past i's limit, i bids again elsewhere; at it, k and i's
	// second option are worth the same to i, which takes that option if
	// it is free and otherwise waits for the searches.
	if hold := lim[e]; hold > li {
		pm[k] = pT - hold
		return i
	}
	pm[k] = pT - li
	switch {
	case a2 < 0:
		s.added[i] = true // staying out is now as good as k
	case s.used[s.to[a2]] < s.cap[s.to[a2]]:
		s.place(i, a2)
		s.added[i], lim[i] = true, pT-pm[s.to[a2]]
		if k2 := s.to[a2]; s.used[k2] == s.cap[k2] {
			pm[k2] = pT - minLim(s.holders(k2), lim, -1)
		}
	}
	return -1
}

// minLim is the least limit among the mentees in h other than skip.
func minLim(h []int32, lim []int64, skip int32) int64 {
	least := int64(math.MaxInt64)
	for _, y := range h {
		if y != skip {
			least = min(least, lim[y])
		}
	}
	return least
}

// best2 returns the best and second best values (score less price) over
// mentee i's row and staying out (value 0, pair -1), and their pairs.
func (s *Solver) best2(i int) (v1, v2 int64, a1, a2 int) {
	// values are summed from potentials, the sink's taken off at the end
	pT, pm := s.potT, s.mpot
	v1, v2, a1, a2 = pT, math.MinInt64, -1, -1
	lo, hi := int(s.mentee[i].lo), int(s.mentee[i].hi)
	if hi-lo == s.m { // every mentor, in order: no mentor lookups
		row := s.score[lo:hi]
		pm := pm[:len(row)]
		for k, sc := range row {
			if v := sc + pm[k]; v > v2 {
				if v > v1 {
					v1, v2, a1, a2 = v, v1, lo+k, a1
				} else {
					v2, a2 = v, lo+k
				}
			}
		}
	} else {
		to, score := s.to[lo:hi], s.score[lo:hi]
		for x, k := range to {
			if v := score[x] + pm[k]; v > v2 {
				if v > v1 {
					v1, v2, a1, a2 = v, v1, lo+x, a1
				} else {
					v2, a2 = v, lo+x
				}
			}
		}
	}
	if v2 != math.MinInt64 {
		v2 -= pT
	}
	return v1 - pT, v2, a1, a2
}
