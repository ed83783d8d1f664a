package vote

import (
	"fmt"
	"slices"
)

// Schulze tallies a single-winner election by the Schulze method
// (M. Schulze, "A new monotonic, clone-independent, reversal symmetric, and
// Condorcet-consistent single-winner election method", Social Choice and
// Welfare 36 (2011) 267–303).
//
//   - Pairwise[a][b] is the total Count of ballots that rank a strictly above
//     b. Candidates in one `=` group are tied; candidates a ballot does not
//     rank share the place after all its ranked ones.
//   - A link a→b has strength Pairwise[a][b] when a beats b
//     (Pairwise[a][b] > Pairwise[b][a]) and 0 otherwise ("winning votes").
//     Strongest[a][b] is the strength of the widest path from a to b,
//     computed with the Floyd–Warshall variant; the diagonal is 0.
//   - a beats b in the Schulze relation when Strongest[a][b] >
//     Strongest[b][a]. The relation is a strict partial order, so Ranking is
//     built by repeatedly taking the candidates no remaining candidate beats
//     as the next group. Totals[c] is how many others c beats (Scale 1).
//   - The potential winners are the first group. If there are several, the
//     seeded lot (NewLot(len(Candidates), Seed)) decides: the candidate that
//     comes first in the draw wins, a TieBreak{Round: 0, Rule: "lot (seed
//     N)"} records it, and Ranking's first group is split into the winner
//     and, after it, the rest of the group. Schulze's own proposal breaks
//     such ties with ranked pairs over a random ballot; a seeded lot over the
//     tied set is simpler to explain and to reproduce.
//
// Seats must be 0 or 1. Cost: O(n²) per distinct ballot plus O(n³).
func Schulze(e *Election) (*Result, error) {
	if e.Seats > 1 {
		return nil, fmt.Errorf("schulze elects one winner, not %d", e.Seats)
	}
	if err := validateRankedElection(e); err != nil {
		return nil, err
	}
	n := len(e.Candidates)
	if n == 0 {
		return nil, fmt.Errorf("schulze: no candidates")
	}

	// d is the pairwise matrix, flat: d[a*n+b].
	d := make([]int64, n*n)
	order := make([]int, 0, n) // candidates best first, group by group
	ends := make([]int, n)     // ends[i]: index in order after the group of order[i]
	seen := make([]bool, n)
	for _, b := range e.Ballots {
		if b.Count == 0 {
			continue
		}
		order = order[:0]
		start := 0
		for _, v := range b.Ranks {
			c := int(v >> 1)
			order = append(order, c)
			seen[c] = true
			if v&1 != 0 {
				for i := start; i < len(order); i++ {
					ends[i] = len(order)
				}
				start = len(order)
			}
		}
		ranked := len(order)
		if ranked == 0 {
			continue // ranks nobody: prefers nobody to anybody
		}
		for c := 0; c < n; c++ {
			if !seen[c] {
				order = append(order, c)
			} else {
				seen[c] = false
			}
		}
		cnt := b.Count
		// Every ranked candidate beats everyone after its group, including
		// the unranked ones; the unranked ones beat nobody.
		for i := 0; i < ranked; i++ {
			row := d[order[i]*n : order[i]*n+n]
			for _, c := range order[ends[i]:] {
				row[c] += cnt
			}
		}
	}

	// p: strongest paths, widest-path Floyd–Warshall.
	p := make([]int64, n*n)
	for a := 0; a < n; a++ {
		for b := 0; b < n; b++ {
			if a != b && d[a*n+b] > d[b*n+a] {
				p[a*n+b] = d[a*n+b]
			}
		}
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if j == i {
				continue
			}
			pji := p[j*n+i]
			if pji == 0 {
				continue
			}
			rowJ, rowI := p[j*n:j*n+n], p[i*n:i*n+n]
			for k := 0; k < n; k++ {
				if k == i || k == j {
					continue
				}
				w := min(pji, rowI[k])
				if w > rowJ[k] {
					rowJ[k] = w
				}
			}
		}
	}

	res := &Result{
		Method:    "schulze",
		Scale:     1,
		Totals:    make([]int64, n),
		Pairwise:  make([][]int64, n),
		Strongest: make([][]int64, n),
	}
	for a := 0; a < n; a++ {
		res.Pairwise[a] = slices.Clone(d[a*n : a*n+n])
		res.Strongest[a] = slices.Clone(p[a*n : a*n+n])
		for b := 0; b < n; b++ {
			if p[a*n+b] > p[b*n+a] {
				res.Totals[a]++
			}
		}
	}

	// Ranking: peel off the unbeaten candidates among those left.
	left := make([]int, n)
	for c := range left {
		left[c] = c
	}
	for len(left) > 0 {
		var group, rest []int
		for _, a := range left {
			beaten := false
			for _, b := range left {
				if p[b*n+a] > p[a*n+b] {
					beaten = true
					break
				}
			}
			if beaten {
				rest = append(rest, a)
			} else {
				group = append(group, a)
			}
		}
		if len(group) == 0 { // impossible: the relation is a strict partial order
			return nil, fmt.Errorf("schulze: the relation has a cycle")
		}
		res.Ranking = append(res.Ranking, group)
		left = rest
	}

	top := res.Ranking[0]
	if len(top) == 1 {
		res.Winners = []int{top[0]}
		return res, nil
	}
	w := NewLot(n, e.Seed).First(top)
	res.Winners = []int{w}
	res.TieBreaks = append(res.TieBreaks, TieBreak{
		Among:  slices.Clone(top),
		Chosen: []int{w},
		Rule:   fmt.Sprintf("lot (seed %d)", e.Seed),
	})
	others := slices.DeleteFunc(slices.Clone(top), func(c int) bool { return c == w })
	res.Ranking = append([][]int{{w}, others}, res.Ranking[1:]...)
	return res, nil
}

// validateRankedElection checks what the ranked methods rely on: counts
// are not negative, and every ranked candidate exists and appears at most
// once on its ballot. The parser reports these with line numbers; this
// guards library callers.
func validateRankedElection(e *Election) error {
	n := len(e.Candidates)
	seen := make([]int, n) // seen[c] == i+1 when ballot i ranks c
	for i, b := range e.Ballots {
		if b.Count < 0 {
			return fmt.Errorf("ballot %d: negative count %d", i+1, b.Count)
		}
		if k := len(b.Ranks); k > 0 && b.Ranks[k-1]&1 == 0 {
			return fmt.Errorf("ballot %d: the ranking's last group is not closed", i+1)
		}
		for _, v := range b.Ranks {
			c := int(v >> 1)
			if c >= n {
				return fmt.Errorf("ballot %d: no candidate number %d", i+1, c)
			}
			if seen[c] == i+1 {
				return fmt.Errorf("ballot %d: %s ranked twice", i+1, e.Candidates[c])
			}
			seen[c] = i + 1
		}
	}
	return nil
}
