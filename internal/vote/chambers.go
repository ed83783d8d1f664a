package vote

import (
	"fmt"
	"slices"
)

// Chambers runs method once per chamber (ballots grouped by
// Ballot.Chamber, "" being a chamber like any other; every chamber sees
// all candidates, the seats and the seed) and applies the combined rule
// that all chambers must agree.
//
// passedAll is true when every chamber's result passes and all of them
// name the same winners:
//   - a result that sets Passed (majority) passes when *Passed is true,
//     and then its winner must be the same option in every chamber (a
//     yes/no vote passes in both chambers only if the same option carried
//     both);
//   - a result without Passed (approval, score, dot, Borda, IRV, STV,
//     Schulze) passes when it has winners, and the set of winners must be
//     equal in every chamber; a tie decided by lot counts as decided.
//
// Consent is decided per group from objections, not ballots: call
// Consent per chamber and require every result to pass.
//
// A chamber whose method fails makes Chambers fail with that chamber
// named. The results are keyed by chamber name.
func Chambers(e *Election, method func(*Election) (*Result, error)) (map[string]*Result, bool, error) {
	if e == nil || len(e.Ballots) == 0 {
		return nil, false, fmt.Errorf("chambers: no ballots")
	}
	var names []string
	byName := map[string][]Ballot{}
	for _, b := range e.Ballots {
		if _, ok := byName[b.Chamber]; !ok {
			names = append(names, b.Chamber)
		}
		byName[b.Chamber] = append(byName[b.Chamber], b)
	}
	out := make(map[string]*Result, len(names))
	passedAll := true
	var first []int
	for _, name := range names {
		sub := &Election{Candidates: e.Candidates, Ballots: byName[name], Seats: e.Seats, Seed: e.Seed}
		r, err := method(sub)
		if err != nil {
			return nil, false, fmt.Errorf("chamber %q: %w", name, err)
		}
		out[name] = r
		if r.Passed != nil && !*r.Passed || len(r.Winners) == 0 {
			passedAll = false
			continue
		}
		w := slices.Sorted(slices.Values(r.Winners))
		if first == nil {
			first = w
		} else if !slices.Equal(first, w) {
			passedAll = false
		}
	}
	return out, passedAll, nil
}
