package vote

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// IRV tallies a single-winner election by instant-runoff voting.
//
//   - Each round counts every continuing ballot for its highest-ranked
//     continuing candidates. A ballot whose ranked candidates are all
//     eliminated is exhausted (candidates it does not rank never receive
//     it) and is counted in Round.Exhausted.
//   - A ballot whose best continuing group holds k tied candidates (`A=B`)
//     gives each of them 1/k of its count. To stay exact, totals are kept
//     in units of 1/Scale vote, Scale = lcm(1..g) where g is the largest
//     `=` group on any ballot (1 when no ballot ties, so the units are
//     votes). Round totals, Exhausted and Result.Totals are in those units.
//   - A candidate with more than half of the votes held by continuing
//     candidates wins; so does the last continuing candidate.
//   - Otherwise the candidate with the fewest votes is eliminated. A tie for
//     fewest is broken by earlier rounds: going back from the most recent
//     earlier round, only the tied candidates with the fewest votes in that
//     round stay in the tie, until one remains. If some are equal in every
//     round, the seeded lot (NewLot(len(Candidates), Seed)) decides: of
//     those, the one that comes last in the draw is eliminated (coming
//     first in the draw wins the lot). Each such break is a TieBreak with
//     its Round; Chosen is the candidate eliminated.
//   - Ranking is the winner, then the other candidates still continuing
//     when the winner had a majority, by their final votes (equal votes
//     share a group), then the eliminated candidates, the last eliminated
//     first. Totals are the final round's.
//
// Distinct ballots are bucketed by their current top candidates; an
// elimination re-counts only the eliminated candidate's bucket.
func IRV(e *Election) (*Result, error) {
	if e.Seats > 1 {
		return nil, fmt.Errorf("irv elects one winner, not %d; use stv", e.Seats)
	}
	if err := validateRankedElection(e); err != nil {
		return nil, err
	}
	n := len(e.Candidates)
	if n == 0 {
		return nil, fmt.Errorf("irv: no candidates")
	}

	maxGroup := int64(1)
	var votes int64
	for _, b := range e.Ballots {
		if votes > math.MaxInt64-b.Count {
			return nil, fmt.Errorf("irv: the ballot counts add up to more than %d", int64(math.MaxInt64))
		}
		votes += b.Count
		run := int64(0) // the length of the group so far
		for _, v := range b.Ranks {
			run++
			if v&1 != 0 {
				maxGroup = max(maxGroup, run)
				run = 0
			}
		}
	}
	scale := int64(1)
	for k := int64(2); k <= maxGroup; k++ {
		g := irvGCD(scale, k)
		if scale/g > math.MaxInt64/k {
			return nil, fmt.Errorf("irv: a tie of %d candidates cannot be split exactly", maxGroup)
		}
		scale = scale / g * k
	}
	if votes > 0 && scale > math.MaxInt64/votes {
		return nil, fmt.Errorf("irv: %d votes split %d ways overflow the count", votes, maxGroup)
	}

	continuing := make([]bool, n)
	for c := range continuing {
		continuing[c] = true
	}
	left := n
	totals := make([]int64, n)
	var exhausted int64
	// The ballots, flattened once into one record each so a transfer
	// touches one or two cache lines: rec[o] is the index in rec of the
	// ballot's current top group, rec[o+1] the end of the record,
	// rec[o+2:o+4] its count (low, high 32 bits), then its ranked
	// candidates best first as c<<1, the last of each `=` group marked by
	// the low bit. Buckets hold record offsets. A ballot's current share
	// is not stored: it is count·scale over the number of continuing
	// candidates in its top group.
	size := 0
	for _, b := range e.Ballots {
		size += irvHead + len(b.Ranks)
	}
	if size >= math.MaxUint32 {
		return nil, fmt.Errorf("irv: %d ballots are too many for one count", len(e.Ballots))
	}
	rec := make([]uint32, 0, size)
	for _, b := range e.Ballots {
		o := len(rec)
		rec = append(rec, uint32(o+irvHead), 0, uint32(b.Count), uint32(uint64(b.Count)>>32))
		rec = append(rec, b.Ranks...) // the same packing
		rec[o+1] = uint32(len(rec))
	}
	count := func(o uint32) int64 { return int64(uint64(rec[o+2]) | uint64(rec[o+3])<<32) }
	buckets := make([][]uint32, n)

	// place puts the ballot at o on its best group from rec[o] on that
	// still has a continuing candidate, adds its shares and files it in
	// the buckets; a ballot with none left is exhausted.
	place := func(o uint32) {
		for rec[o] < rec[o+1] {
			k, j := int64(0), rec[o]
			for ; ; j++ {
				if continuing[rec[j]>>1] {
					k++
				}
				if rec[j]&1 != 0 {
					break
				}
			}
			if k > 0 {
				share := count(o) * scale / k
				for j := rec[o]; ; j++ {
					if c := rec[j] >> 1; continuing[c] {
						totals[c] += share
						buckets[c] = append(buckets[c], o)
					}
					if rec[j]&1 != 0 {
						break
					}
				}
				return
			}
			rec[o] = j + 1
		}
		exhausted += count(o) * scale
	}
	for o := 0; o < len(rec); o = int(rec[o+1]) {
		if count(uint32(o)) > 0 {
			place(uint32(o))
		}
	}

	res := &Result{Method: "irv", Scale: scale}
	name := func(c int) string { return irvName(e, c) }
	var eliminated []int
	for round := 1; ; round++ {
		var sum int64
		lead := -1
		for c := 0; c < n; c++ {
			if !continuing[c] {
				continue
			}
			sum += totals[c]
			if lead < 0 || totals[c] > totals[lead] {
				lead = c
			}
		}
		r := Round{Number: round, Totals: slices.Clone(totals), Exhausted: exhausted}
		if left == 1 || totals[lead] > sum-totals[lead] {
			r.Elected = []int{lead}
			if left == 1 {
				r.Transfers = fmt.Sprintf("%s is the last continuing candidate and is elected.", name(lead))
			} else {
				r.Transfers = fmt.Sprintf("%s has %s of %s continuing votes, a majority, and is elected.",
					name(lead), irvUnits(totals[lead], scale), irvUnits(sum, scale))
			}
			res.Rounds = append(res.Rounds, r)
			res.Winners = []int{lead}
			res.Totals = slices.Clone(totals)
			res.Ranking = [][]int{{lead}}
			var others []int
			for c := 0; c < n; c++ {
				if continuing[c] && c != lead {
					others = append(others, c)
				}
			}
			slices.SortStableFunc(others, func(a, b int) int { return cmp.Compare(totals[b], totals[a]) })
			for i, c := range others {
				if i > 0 && totals[c] == totals[others[i-1]] {
					last := len(res.Ranking) - 1
					res.Ranking[last] = append(res.Ranking[last], c)
				} else {
					res.Ranking = append(res.Ranking, []int{c})
				}
			}
			for i := len(eliminated) - 1; i >= 0; i-- {
				res.Ranking = append(res.Ranking, []int{eliminated[i]})
			}
			return res, nil
		}

		// Who goes: the fewest votes, ties broken by earlier rounds, then lot.
		var tied []int
		for c := 0; c < n; c++ {
			if !continuing[c] {
				continue
			}
			if len(tied) == 0 || totals[c] < totals[tied[0]] {
				tied = append(tied[:0], c)
			} else if totals[c] == totals[tied[0]] {
				tied = append(tied, c)
			}
		}
		out := tied[0]
		if len(tied) > 1 {
			out = irvBreakTie(e, res.Rounds, tied, round, &res.TieBreaks)
		}

		// Eliminate and move the bucket.
		before := slices.Clone(totals)
		exBefore := exhausted
		continuing[out] = false
		left--
		moved := totals[out]
		for _, o := range buckets[out] {
			// out and its tied partners held count·scale/(k+1) each,
			// k the partners still continuing. The partners keep the
			// ballot in their buckets; place files it again only when it
			// moves to a later group.
			k, j := int64(0), rec[o]
			for ; ; j++ {
				if continuing[rec[j]>>1] {
					k++
				}
				if rec[j]&1 != 0 {
					break
				}
			}
			cnt := count(o) * scale
			old := cnt / (k + 1)
			totals[out] -= old
			if k > 0 {
				share := cnt / k
				for j := rec[o]; ; j++ {
					if c := rec[j] >> 1; continuing[c] {
						totals[c] += share - old
					}
					if rec[j]&1 != 0 {
						break
					}
				}
			} else {
				rec[o] = j + 1
				place(o)
			}
		}
		buckets[out] = nil
		totals[out] = 0
		eliminated = append(eliminated, out)

		r.Eliminated = []int{out}
		var parts []string
		for c := 0; c < n; c++ {
			if continuing[c] && totals[c] != before[c] {
				parts = append(parts, fmt.Sprintf("%s to %s", irvUnits(totals[c]-before[c], scale), name(c)))
			}
		}
		if exhausted != exBefore {
			parts = append(parts, fmt.Sprintf("%s exhausted", irvUnits(exhausted-exBefore, scale)))
		}
		s := fmt.Sprintf("%s is eliminated with %s", name(out), irvUnits(moved, scale))
		if len(parts) > 0 {
			s += ": " + strings.Join(parts, ", ")
		}
		r.Transfers = s + "."
		res.Rounds = append(res.Rounds, r)
	}
}

// irvBreakTie picks which of tied (equal fewest votes in round) is
// eliminated, by earlier rounds and then the lot, and records the break.
func irvBreakTie(e *Election, earlier []Round, tied []int, round int, log *[]TieBreak) int {
	among := slices.Clone(tied)
	rest := slices.Clone(tied)
	for r := len(earlier) - 1; r >= 0 && len(rest) > 1; r-- {
		t := earlier[r].Totals
		low := t[rest[0]]
		for _, c := range rest {
			low = min(low, t[c])
		}
		rest = slices.DeleteFunc(rest, func(c int) bool { return t[c] != low })
	}
	if len(rest) == 1 {
		*log = append(*log, TieBreak{Round: round, Among: among, Chosen: rest, Rule: "earlier rounds"})
		return rest[0]
	}
	lot := NewLot(len(e.Candidates), e.Seed)
	out := slices.MaxFunc(rest, func(a, b int) int { return lot.order[a] - lot.order[b] })
	rule := fmt.Sprintf("lot (seed %d)", e.Seed)
	if len(rest) < len(among) {
		rule = "earlier rounds, then " + rule
	}
	*log = append(*log, TieBreak{Round: round, Among: among, Chosen: []int{out}, Rule: rule})
	return out
}

// irvName is c's name, or #c when the election names too few.
func irvName(e *Election, c int) string {
	if c >= 0 && c < len(e.Candidates) && e.Candidates[c] != "" {
		return e.Candidates[c]
	}
	return "#" + strconv.Itoa(c)
}

// irvUnits writes v units of 1/scale exactly: "12", "12 1/3".
func irvUnits(v, scale int64) string {
	if scale <= 1 {
		return strconv.FormatInt(v, 10)
	}
	neg := v < 0
	if neg {
		v = -v
	}
	whole, frac := v/scale, v%scale
	s := strconv.FormatInt(whole, 10)
	if frac != 0 {
		g := irvGCD(frac, scale)
		f := strconv.FormatInt(frac/g, 10) + "/" + strconv.FormatInt(scale/g, 10)
		if whole == 0 {
			s = f
		} else {
			s += " " + f
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

func irvGCD(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// irvHead is the length of an IRV ballot record's header.
const irvHead = 4
