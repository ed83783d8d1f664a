package vote

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// wigmUnit is one vote in the Scottish count: 5 decimals.
const wigmUnit = 100_000

// stvWIGM counts by the Scottish Local Government Elections Order 2007,
// schedule 1, rules 45–52 (a weighted inclusive Gregory method), in
// units of 0.00001 vote:
//
//   - The quota is the votes over seats+1, rounded down, plus 1 (r.46),
//     fixed for the count. A candidate with the quota or more at the end
//     of a stage is elected (r.47).
//   - A surplus is transferred by re-sorting all of the elected
//     candidate's papers to their next continuing candidate, each at
//     surplus × its value / the candidate's votes, truncated to 5
//     decimals (r.48); the candidate keeps the quota. Papers with no
//     continuing candidate left are non-transferable; what truncation
//     drops is lost to rounding. Both count as exhausted.
//   - The largest surplus goes first; equal surpluses go by the most votes
//     at the most recent earlier stage where they differed, then the
//     seeded lot (first in the draw goes first) (r.49).
//   - With no surplus to transfer, the continuing candidate with the
//     fewest votes is excluded and all of its papers move on at their
//     current values (r.50); a tie for fewest goes to the fewest votes at
//     the most recent earlier stage where they differed, then the seeded
//     lot (last in the draw is excluded) (r.51).
//   - When the continuing candidates are as many as the seats left, they
//     are all elected and nothing more is transferred (r.52).
//
// Each stage is one Round. Every tie decided by a rule or the lot is
// recorded in TieBreaks.
func stvWIGM(e *Election, votes int64) *Result {
	n := len(e.Candidates)
	w := &wigm{e: e, state: make([]int, n), totals: make([]int64, n), piles: make([][]wigmPaper, n)}
	quota := (votes/int64(e.Seats+1) + 1) * wigmUnit
	res := &Result{Method: "stv-wigm", Scale: wigmUnit, Quota: quota}

	// Stage 1: first preferences.
	for i, b := range e.Ballots {
		if b.Count > 0 {
			w.place(wigmPaper{ballot: int32(i), pos: -1, value: wigmUnit})
		}
	}
	var elected, excluded, pending []int
	continuing := n
	stage := 1
	sentence := "First preferences are counted."
	for {
		r := Round{Number: stage, Totals: slices.Clone(w.totals), Exhausted: w.lost + w.residue, Quota: quota}
		var won []int
		for c := range n {
			if w.state[c] == stvHopeful && w.totals[c] >= quota {
				won = append(won, c)
			}
		}
		slices.SortStableFunc(won, func(a, b int) int { return cmp.Compare(w.totals[b], w.totals[a]) })
		for _, c := range won {
			w.state[c] = stvElected
			continuing--
			elected = append(elected, c)
			if w.totals[c] > quota {
				pending = append(pending, c)
			}
		}
		r.Elected = won
		if len(won) > 0 {
			sentence += fmt.Sprintf(" %s %s the quota of %s and %s elected.", w.withVotes(won),
				reachVerb(len(won)), decimal(quota, wigmUnit), isAre(len(won)))
		}
		left := e.Seats - len(elected)
		if left > 0 && continuing <= left {
			rest := w.continuing()
			slices.SortStableFunc(rest, func(a, b int) int { return cmp.Compare(w.totals[b], w.totals[a]) })
			for _, c := range rest {
				w.state[c] = stvElected
			}
			elected = append(elected, rest...)
			r.Elected = append(r.Elected, rest...)
			sentence += fmt.Sprintf(" %s %s elected: as many candidates remain as seats (r.52).",
				stvCands(e, rest), isAre(len(rest)))
			left = 0
		}
		r.Transfers = strings.TrimSpace(sentence)
		if stage > 1 {
			r.Eliminated = w.outNow
		}
		res.Rounds = append(res.Rounds, r)
		if left == 0 {
			rest := w.continuing()
			slices.SortStableFunc(rest, func(a, b int) int { return cmp.Compare(w.totals[b], w.totals[a]) })
			res.Winners = elected
			res.Totals = slices.Clone(w.totals)
			res.Ranking = stvRanking(elected, rest, excluded)
			return res
		}

		stage++
		w.outNow = nil
		if len(pending) > 0 {
			c := w.largestSurplus(pending, quota, stage, res, &res.TieBreaks)
			pending = slices.DeleteFunc(pending, func(x int) bool { return x == c })
			sentence = w.transferSurplus(c, quota)
		} else {
			c := w.fewest(stage, res, &res.TieBreaks)
			w.state[c] = stvDefeated
			continuing--
			excluded = append(excluded, c)
			w.outNow = []int{c}
			if left := e.Seats - len(elected); continuing <= left {
				// r.52(2): the last seats are filled, nothing more moves
				sentence = fmt.Sprintf("%s is excluded with %s; its papers are not transferred, since the rest fill the seats.",
					irvName(e, c), decimal(w.totals[c], wigmUnit))
			} else {
				sentence = w.exclude(c)
			}
		}
	}
}

// wigmPaper is a parcel of identical papers: ballot's count of them, at
// value each, now with the candidate at ranking position pos.
type wigmPaper struct {
	ballot, pos int32
	value       int64
}

type wigm struct {
	e           *Election
	state       []int
	totals      []int64
	piles       [][]wigmPaper
	lost        int64 // value on non-transferable papers
	residue     int64 // value lost to truncation
	outNow      []int // excluded in the current stage
	nonTransfer int64 // of the current transfer
}

// place moves a parcel to its next continuing candidate after pos, or
// sets it aside as non-transferable; it returns where it went (-1).
func (w *wigm) place(p wigmPaper) int {
	b := w.e.Ballots[p.ballot]
	for i := int(p.pos) + 1; i < len(b.Ranks); i++ {
		c := int(b.Ranks[i] >> 1)
		if w.state[c] == stvHopeful {
			p.pos = int32(i)
			w.piles[c] = append(w.piles[c], p)
			w.totals[c] += p.value * b.Count
			return c
		}
	}
	w.lost += p.value * b.Count
	w.nonTransfer += p.value * b.Count
	return -1
}

func (w *wigm) continuing() []int {
	var cs []int
	for c, s := range w.state {
		if s == stvHopeful {
			cs = append(cs, c)
		}
	}
	return cs
}

func (w *wigm) withVotes(cs []int) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s (%s)", irvName(w.e, c), decimal(w.totals[c], wigmUnit))
	}
	return stvJoin(parts)
}
