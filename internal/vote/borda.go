package vote

import "fmt"

// Borda gives each candidate n-1 points for a first place, n-2 for a
// second, … 0 for the last (n = len(e.Candidates)), times the ballot's
// Count, and ranks by points.
//
// Candidates ranked equal ("A=B"), and candidates a ballot leaves
// unranked (who share its last places), get the average of the points of
// the places they occupy together, so every ballot hands out n(n-1)/2
// points whatever its shape and no one gains by truncating. To stay in
// whole numbers Totals holds doubled points and Scale is 2: a total of
// 388 is 194 points. (Loomio's "ranked choice" instead gives k..1 to the
// top k and 0 to the rest; this is the classic n-1..0 count.)
//
// Tie-break: equal points share a Ranking group; a group straddling the
// last of e.Seats seats is decided by the seeded lot, recorded in
// TieBreaks as "lot (seed N)".
func Borda(e *Election) (*Result, error) {
	if e == nil || len(e.Candidates) == 0 {
		return nil, fmt.Errorf("borda: no candidates")
	}
	if len(e.Ballots) == 0 {
		return nil, fmt.Errorf("borda: no ballots")
	}
	n := int64(len(e.Candidates))
	totals := make([]int64, n)
	ranked := make([]int, n) // ballot index+1 that ranked the candidate
	var cast int64
	for i, b := range e.Ballots {
		if b.Count <= 0 {
			return nil, fmt.Errorf("borda: ballot %d has count %d", i+1, b.Count)
		}
		if cast += b.Count; cast < 0 {
			return nil, fmt.Errorf("borda: counts overflow")
		}
		var pos int64 // places taken so far
		for g := range b.Ranks.groups() {
			size := int64(len(g))
			// doubled average of places pos..pos+size-1
			pts := 2*n - 2*pos - size - 1
			for _, v := range g {
				c := int(v >> 1)
				if int64(c) >= n {
					return nil, fmt.Errorf("borda: ballot %d ranks candidate %d of %d", i+1, c, n)
				}
				if ranked[c] == i+1 {
					return nil, fmt.Errorf("borda: ballot %d ranks %q twice", i+1, e.Candidates[c])
				}
				ranked[c] = i + 1
				var ok bool
				if totals[c], ok = addMul(totals[c], b.Count, pts); !ok {
					return nil, fmt.Errorf("borda: the total of %q overflows", e.Candidates[c])
				}
			}
			pos += size
		}
		if u := n - pos; u > 0 {
			pts := u - 1 // doubled average of the last u places (u-1..0)
			for c := range totals {
				if ranked[c] != i+1 {
					var ok bool
					if totals[c], ok = addMul(totals[c], b.Count, pts); !ok {
						return nil, fmt.Errorf("borda: the total of %q overflows", e.Candidates[c])
					}
				}
			}
		}
	}
	r := &Result{Method: "borda", Totals: totals, Scale: 2, Ranking: rankTotals(totals)}
	if err := topSeats(e, r); err != nil {
		return nil, err
	}
	return r, nil
}
