package vote

// Dot tallies a dot vote: each ballot spreads up to maxDots points (dots)
// over the candidates, zero or more each; maxDots ≤ 0 means no limit.
// Candidates are ranked by the dots they got (Totals), the best e.Seats
// (1 by default) win.
//
// Tie-break: equal totals share a Ranking group; a group straddling the
// last seat is decided by the seeded lot, recorded in TieBreaks as
// "lot (seed N)".
func Dot(e *Election, maxDots int64) (*Result, error) {
	if maxDots < 0 {
		maxDots = 0
	}
	return scoreLike(e, "dot", maxDots)
}
