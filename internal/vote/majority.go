package vote

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
)

// MajorityOptions are the rules of a majority vote.
type MajorityOptions struct {
	// Quorum is the fewest ballots (sum of counts) that must be cast for
	// the vote to decide anything; 0 means no quorum.
	Quorum int64
	// ThresholdNum/ThresholdDen is the share of valid votes the leading
	// option must exceed; 0/0 means 1/2 ("more than half").
	ThresholdNum, ThresholdDen int64
	// AtLeast makes the threshold inclusive: the leader needs at least,
	// not more than, the share (e.g. "at least two thirds").
	AtLeast bool
}

// Majority tallies single-choice ballots (each names one option, Value 1).
//
// The option with the most votes wins if its votes exceed the threshold
// share of the valid votes (every ballot is valid: blank ballots are not
// ballots) — by default more than half, so exactly half does not pass —
// and if the quorum is met. Otherwise there is no winner. Passed says
// whether an option won; Note says why in a sentence; Quota holds the
// fewest votes that would have won. For a yes/no proposal, Passed with
// Winners naming "no" means "no" carried: callers check the winner's name.
//
// Tie-break: only a threshold of one half or less lets two options both
// pass; a tie for the lead is then decided by the seeded lot, recorded in
// TieBreaks as "lot (seed N)". Ranking keeps tied options in one group.
func Majority(e *Election, opts MajorityOptions) (*Result, error) {
	if err := checkMarks(e, "majority", true, false); err != nil {
		return nil, err
	}
	num, den := opts.ThresholdNum, opts.ThresholdDen
	if num == 0 && den == 0 {
		num, den = 1, 2
	}
	if den <= 0 || num < 0 || num > den {
		return nil, fmt.Errorf("majority: threshold %d/%d is not a share between 0 and 1", num, den)
	}
	if opts.Quorum < 0 {
		return nil, fmt.Errorf("majority: negative quorum %d", opts.Quorum)
	}
	totals, cast, err := markTotals(e)
	if err != nil {
		return nil, fmt.Errorf("majority: %w", err)
	}
	r := &Result{Method: "majority", Totals: totals, Scale: 1, Ranking: rankTotals(totals)}
	lead := r.Ranking[0]
	votes := totals[lead[0]]

	// need = the fewest votes that pass: votes*den > num*cast (or >=).
	prod := new(big.Int).Mul(big.NewInt(num), big.NewInt(cast))
	q, m := new(big.Int).QuoRem(prod, big.NewInt(den), new(big.Int))
	if !opts.AtLeast || m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	if opts.AtLeast && q.Sign() == 0 {
		q.SetInt64(1) // a vote needs at least one vote for the winner
	}
	r.Quota = q.Int64() // ≤ cast+1, fits
	share := strconv.FormatInt(num, 10) + "/" + strconv.FormatInt(den, 10)
	rel := "more than"
	if opts.AtLeast {
		rel = "at least"
	}
	passed := false
	switch {
	case cast < opts.Quorum:
		r.Note = fmt.Sprintf("quorum not met: %d ballots cast, %d needed", cast, opts.Quorum)
	case votes < r.Quota:
		r.Note = fmt.Sprintf("no option has %s %s of %d valid votes (%d needed); the most is %d",
			rel, share, cast, r.Quota, votes)
	default:
		passed = true
		w := lead[0]
		if len(lead) > 1 {
			lot := NewLot(len(e.Candidates), e.Seed)
			w = lot.First(lead)
			r.TieBreaks = append(r.TieBreaks, TieBreak{Among: slices.Clone(lead), Chosen: []int{w}, Rule: lotRule(e.Seed)})
		}
		r.Winners = []int{w}
		r.Note = fmt.Sprintf("%q has %d of %d valid votes, %s %s (%d needed)", e.Candidates[w], votes, cast, rel, share, r.Quota)
		if opts.Quorum > 0 {
			r.Note += fmt.Sprintf("; quorum %d met", opts.Quorum)
		}
	}
	r.Passed = &passed
	return r, nil
}

// lotRule is how a tie-break by the seeded lot is recorded.
func lotRule(seed uint64) string {
	return "lot (seed " + strconv.FormatUint(seed, 10) + ")"
}

// checkMarks checks an election of marked ballots: candidates in range,
// positive counts, no candidate marked twice; single: exactly one mark;
// approval: every value 1 (single implies it too).
func checkMarks(e *Election, method string, single, approval bool) error {
	if e == nil || len(e.Candidates) == 0 {
		return fmt.Errorf("%s: no candidates", method)
	}
	if len(e.Ballots) == 0 {
		return fmt.Errorf("%s: no ballots", method)
	}
	n := len(e.Candidates)
	seen := make([]int, n)
	var total int64
	for i, b := range e.Ballots {
		if b.Count <= 0 {
			return fmt.Errorf("%s: ballot %d has count %d", method, i+1, b.Count)
		}
		if total += b.Count; total < 0 {
			return fmt.Errorf("%s: counts overflow", method)
		}
		if single && len(b.Marks) != 1 {
			return fmt.Errorf("%s: ballot %d has %d choices, want 1", method, i+1, len(b.Marks))
		}
		for _, m := range b.Marks {
			if m.Candidate < 0 || m.Candidate >= n {
				return fmt.Errorf("%s: ballot %d marks candidate %d of %d", method, i+1, m.Candidate, n)
			}
			if seen[m.Candidate] == i+1 {
				return fmt.Errorf("%s: ballot %d marks %q twice", method, i+1, e.Candidates[m.Candidate])
			}
			seen[m.Candidate] = i + 1
			if (single || approval) && m.Value != 1 {
				return fmt.Errorf("%s: ballot %d gives %q value %d, want 1", method, i+1, e.Candidates[m.Candidate], m.Value)
			}
		}
	}
	return nil
}

// markTotals sums Count×Value per candidate and the ballots cast. The
// caller has checked the election (so cast fits); a total that would
// overflow int64 is an error.
func markTotals(e *Election) (totals []int64, cast int64, err error) {
	totals = make([]int64, len(e.Candidates))
	for _, b := range e.Ballots {
		cast += b.Count
		for _, m := range b.Marks {
			t, ok := addMul(totals[m.Candidate], b.Count, m.Value)
			if !ok {
				return nil, 0, fmt.Errorf("the total of %q overflows", e.Candidates[m.Candidate])
			}
			totals[m.Candidate] = t
		}
	}
	return totals, cast, nil
}

// addMul returns t + c*v for c > 0 and whether it fits in an int64.
func addMul(t, c, v int64) (int64, bool) {
	if v == 0 {
		return t, true
	}
	p := c * v
	if p/v != c || (v == -1 && c == -1<<63) {
		return 0, false
	}
	s := t + p
	if (p > 0 && s < t) || (p < 0 && s > t) {
		return 0, false
	}
	return s, true
}

// rankTotals orders candidates by total, highest first; equal totals
// share a group, in candidate order.
func rankTotals(totals []int64) [][]int {
	idx := make([]int, len(totals))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case totals[a] > totals[b]:
			return -1
		case totals[a] < totals[b]:
			return 1
		}
		return 0
	})
	var out [][]int
	for i, c := range idx {
		if i > 0 && totals[c] == totals[idx[i-1]] {
			out[len(out)-1] = append(out[len(out)-1], c)
		} else {
			out = append(out, []int{c})
		}
	}
	return out
}

// topSeats fills r.Winners with the best e.Seats candidates of r.Ranking
// (1 when Seats ≤ 0). A group that straddles the last seat is decided by
// the seeded lot: the candidates are taken in the lot's order, and the
// break is recorded.
func topSeats(e *Election, r *Result) error {
	seats := e.Seats
	if seats <= 0 {
		seats = 1
	}
	if seats > len(e.Candidates) {
		return fmt.Errorf("%s: %d seats but only %d candidates", r.Method, seats, len(e.Candidates))
	}
	for _, g := range r.Ranking {
		left := seats - len(r.Winners)
		if left == 0 {
			break
		}
		if len(g) <= left {
			r.Winners = append(r.Winners, g...)
			continue
		}
		lot := NewLot(len(e.Candidates), e.Seed)
		rest := slices.Clone(g)
		var chosen []int
		for range left {
			w := lot.First(rest)
			chosen = append(chosen, w)
			rest = slices.DeleteFunc(rest, func(c int) bool { return c == w })
		}
		r.Winners = append(r.Winners, chosen...)
		r.TieBreaks = append(r.TieBreaks, TieBreak{Among: slices.Clone(g), Chosen: chosen, Rule: lotRule(e.Seed)})
	}
	return nil
}

// ratio writes a/b in lowest terms ("7/2", "3", "-1/4").
func srRatio(a, b int64) string {
	r := new(big.Rat).SetFrac(big.NewInt(a), big.NewInt(b))
	if r.IsInt() {
		return r.Num().String()
	}
	return r.String()
}
