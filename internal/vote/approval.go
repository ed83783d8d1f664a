package vote

import "fmt"

// Approval elects the candidates approved by the most ballots (e.Seats of
// them, 1 by default). Marks carry Value 1; Totals holds approvals.
//
// Tie-break: candidates with equal approvals share a Ranking group; when
// such a group straddles the last seat, the seeded lot picks who is
// elected, recorded in TieBreaks as "lot (seed N)".
func Approval(e *Election) (*Result, error) {
	if err := checkMarks(e, "approval", false, true); err != nil {
		return nil, err
	}
	totals, _, err := markTotals(e)
	if err != nil {
		return nil, fmt.Errorf("approval: %w", err)
	}
	r := &Result{Method: "approval", Totals: totals, Scale: 1, Ranking: rankTotals(totals)}
	if err := topSeats(e, r); err != nil {
		return nil, err
	}
	return r, nil
}
