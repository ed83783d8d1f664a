// Package assign matches people: mentees to mentors with limited
// capacity, exactly and with a certificate of optimality, and people into
// diverse circles. It is pure: no I/O beyond the readers handed to its
// parsers and no imports of the project, so the mentoring feature,
// `commonground match` and `commonground circles` run the same code.
package assign

import (
	"fmt"
	"math"
)

// ScoreUnit is how many solver units make one point of score: scores are
// decimals, read exactly and rounded to the nearest millionth (half away
// from zero), so the solver works on integers and its certificate of
// optimality is exact.
const ScoreUnit = 1_000_000

// Problem is a capacitated assignment: each mentee takes at most one
// mentor, each mentor at most Capacity[j] mentees, only listed pairs may
// match, and the total score of the pairs made is as large as possible (a
// mentee may stay unmatched: a pair with a negative score is never worth
// making unless fixed).
type Problem struct {
	Mentees, Mentors []string
	Capacity         []int
	Pairs            []Pair
	// Fixed pairs are made whatever their score; Forbidden pairs never.
	Fixed, Forbidden [][2]int // {mentee, mentor}
}

// Pair is an allowed pair and its score in units of 1/ScoreUnit.
type Pair struct {
	Mentee, Mentor int
	Score          int64
}

// check validates the problem's numbers and references; parsers report
// the same faults with line numbers first.
func (p *Problem) check() error {
	n, m := len(p.Mentees), len(p.Mentors)
	if len(p.Capacity) != m {
		return fmt.Errorf("assign: %d capacities for %d mentors", len(p.Capacity), m)
	}
	for j, c := range p.Capacity {
		if c < 1 {
			return fmt.Errorf("assign: mentor %q has capacity %d; it must be at least 1", p.Mentors[j], c)
		}
	}
	for _, pr := range p.Pairs {
		if pr.Mentee < 0 || pr.Mentee >= n || pr.Mentor < 0 || pr.Mentor >= m {
			return fmt.Errorf("assign: pair %d-%d names no such mentee or mentor", pr.Mentee, pr.Mentor)
		}
		if pr.Score > math.MaxInt64/4 || pr.Score < -math.MaxInt64/4 {
			return fmt.Errorf("assign: score of %q and %q is too large", p.Mentees[pr.Mentee], p.Mentors[pr.Mentor])
		}
	}
	// A path in the solver adds and subtracts scores along alternating
	// pairs, and potentials sum them: keep the sum of each mentee's
	// largest |score| well inside int64, so no total or potential can
	// overflow.
	best := make([]int64, n)
	for _, pr := range p.Pairs {
		best[pr.Mentee] = max(best[pr.Mentee], pr.Score, -pr.Score)
	}
	var sum int64
	for _, b := range best {
		if sum += b; sum > math.MaxInt64/4 {
			return fmt.Errorf("assign: the scores are too large in total: each mentee's best score, added up, must stay under %d", int64(math.MaxInt64/4/ScoreUnit))
		}
	}
	for _, f := range append(append([][2]int(nil), p.Fixed...), p.Forbidden...) {
		if f[0] < 0 || f[0] >= n || f[1] < 0 || f[1] >= m {
			return fmt.Errorf("assign: fixed or forbidden pair %d-%d names no such mentee or mentor", f[0], f[1])
		}
	}
	return nil
}
