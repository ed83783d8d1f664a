package vote

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// transferSurplus moves c's surplus on (r.48) and says what moved.
func (w *wigm) transferSurplus(c int, quota int64) string {
	total := w.totals[c]
	surplus := total - quota
	pile := w.piles[c]
	w.piles[c] = nil
	before := slices.Clone(w.totals)
	w.nonTransfer = 0
	var moved int64
	for _, p := range pile {
		p.value = mulDiv(surplus, p.value, total, false)
		moved += p.value * w.e.Ballots[p.ballot].Count
		w.place(p)
	}
	w.totals[c] = quota
	lost := surplus - moved
	w.residue += lost
	s := fmt.Sprintf("%s's surplus of %s moves on at %s/%s of each paper's value, truncated to 5 decimals",
		irvName(w.e, c), decimal(surplus, wigmUnit), decimal(surplus, wigmUnit), decimal(total, wigmUnit))
	return s + w.gains(before, c, lost) + "."
}

// exclude moves all of c's papers on at their values (r.50).
func (w *wigm) exclude(c int) string {
	pile := w.piles[c]
	w.piles[c] = nil
	before := slices.Clone(w.totals)
	w.nonTransfer = 0
	had := w.totals[c]
	for _, p := range pile {
		w.place(p)
	}
	w.totals[c] = 0
	s := fmt.Sprintf("%s is excluded with %s", irvName(w.e, c), decimal(had, wigmUnit))
	return s + w.gains(before, c, 0) + "."
}

// gains lists who gained what since before, then what became
// non-transferable and what truncation lost.
func (w *wigm) gains(before []int64, from int, lost int64) string {
	var parts []string
	for c, t := range w.totals {
		if c != from && t != before[c] {
			parts = append(parts, fmt.Sprintf("%s +%s", irvName(w.e, c), decimal(t-before[c], wigmUnit)))
		}
	}
	if w.nonTransfer > 0 {
		parts = append(parts, decimal(w.nonTransfer, wigmUnit)+" non-transferable")
	}
	if lost > 0 {
		parts = append(parts, decimal(lost, wigmUnit)+" lost to rounding")
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}

// largestSurplus picks whose surplus goes next (r.49): the largest, then
// the most votes at the most recent earlier stage where they differed,
// then the lot (first in the draw goes first).
func (w *wigm) largestSurplus(pending []int, quota int64, stage int, res *Result, log *[]TieBreak) int {
	best := slices.MaxFunc(pending, func(a, b int) int { return cmp.Compare(w.totals[a], w.totals[b]) })
	var tied []int
	for _, c := range pending {
		if w.totals[c] == w.totals[best] {
			tied = append(tied, c)
		}
	}
	if len(tied) == 1 {
		return best
	}
	among := slices.Clone(tied)
	earlier := res.Rounds[:len(res.Rounds)-1]
	for r := len(earlier) - 1; r >= 0 && len(tied) > 1; r-- {
		t := earlier[r].Totals
		high := t[tied[0]]
		for _, c := range tied {
			high = max(high, t[c])
		}
		tied = slices.DeleteFunc(tied, func(c int) bool { return t[c] != high })
	}
	if len(tied) == 1 {
		*log = append(*log, TieBreak{Round: stage, Among: among, Chosen: tied, Rule: "earlier stages (surplus order)"})
		return tied[0]
	}
	lot := NewLot(len(w.e.Candidates), w.e.Seed)
	first := lot.First(tied)
	rule := fmt.Sprintf("lot (seed %d) (surplus order)", w.e.Seed)
	*log = append(*log, TieBreak{Round: stage, Among: among, Chosen: []int{first}, Rule: rule})
	return first
}

// fewest picks who is excluded (r.51): the fewest votes, then the fewest
// at the most recent earlier stage where they differed, then the lot
// (last in the draw is excluded).
func (w *wigm) fewest(stage int, res *Result, log *[]TieBreak) int {
	var tied []int
	for _, c := range w.continuing() {
		if len(tied) == 0 || w.totals[c] < w.totals[tied[0]] {
			tied = append(tied[:0], c)
		} else if w.totals[c] == w.totals[tied[0]] {
			tied = append(tied, c)
		}
	}
	if len(tied) == 1 {
		return tied[0]
	}
	return irvBreakTie(w.e, res.Rounds[:len(res.Rounds)-1], tied, stage, log)
}
