package vote

import (
	"fmt"
	"strings"
)

// Score ranks candidates by the total of the scores the ballots gave them
// (Count × score summed); Totals holds the totals. A ballot that gives a
// candidate no score adds nothing to that candidate's total, so declare
// the range from 0 (as Parse's ScoreMin/ScoreMax do) for "no score" to
// mean the lowest score.
//
// The mean of each candidate is given exactly, as a fraction in lowest
// terms over the ballots that scored the candidate, in Note, e.g.
// `means: "A" 7/2 (4 ballots); "B" 3 (2 ballots)`. Results hold no floats.
//
// Tie-break: equal totals share a Ranking group; a group straddling the
// last of e.Seats seats is decided by the seeded lot, recorded in
// TieBreaks as "lot (seed N)".
func Score(e *Election) (*Result, error) {
	r, err := scoreLike(e, "score", -1)
	if err != nil {
		return nil, err
	}
	counts := make([]int64, len(e.Candidates))
	for _, b := range e.Ballots {
		for _, m := range b.Marks {
			counts[m.Candidate] += b.Count
		}
	}
	var sb strings.Builder
	sb.WriteString("means:")
	for i, c := range srFlatten(r.Ranking) {
		if i > 0 {
			sb.WriteByte(';')
		}
		if counts[c] == 0 {
			fmt.Fprintf(&sb, " %q none (no ballots)", e.Candidates[c])
			continue
		}
		fmt.Fprintf(&sb, " %q %s (%d ballots)", e.Candidates[c], srRatio(r.Totals[c], counts[c]), counts[c])
	}
	r.Note = sb.String()
	return r, nil
}

// scoreLike totals marks for score (maxPerBallot < 0: any values) and dot
// votes (values ≥ 0 summing to at most maxPerBallot when it is > 0).
func scoreLike(e *Election, method string, maxPerBallot int64) (*Result, error) {
	if err := checkMarks(e, method, false, false); err != nil {
		return nil, err
	}
	if maxPerBallot >= 0 {
		for i, b := range e.Ballots {
			var sum int64
			for _, m := range b.Marks {
				if m.Value < 0 {
					return nil, fmt.Errorf("%s: ballot %d gives %q negative dots", method, i+1, e.Candidates[m.Candidate])
				}
				sum += m.Value
				if sum < 0 || (maxPerBallot > 0 && sum > maxPerBallot) {
					return nil, fmt.Errorf("%s: ballot %d gives more than the %d dots allowed", method, i+1, maxPerBallot)
				}
			}
		}
	}
	totals, _, err := markTotals(e)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	r := &Result{Method: method, Totals: totals, Scale: 1, Ranking: rankTotals(totals)}
	if err := topSeats(e, r); err != nil {
		return nil, err
	}
	return r, nil
}

func srFlatten(groups [][]int) []int {
	var out []int
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}
