package decision

import (
	"fmt"
	"strings"

	"commonground/internal/vote"
)

// fewVoters cuts the final result of an anonymous decision with fewer
// voters than the collective's minimum group size down to its turnout and
// outcome. With one or two ballots, counts, positions, reasons or rounds
// would tell those who know who voted (decision_turnout; each voter knows
// their own ballot) how the others voted. What is stored is what is shown,
// so nothing more can be read back later.
func fewVoters(d *Decision, r *Results, minGroup int) *Results {
	if !d.Anonymous || r.Turnout >= int64(minGroup) {
		return r
	}
	out := &Results{DecisionID: r.DecisionID, Visible: true, Final: r.Final, Turnout: r.Turnout, Counted: r.Turnout,
		Electorate: r.Electorate, QuorumMet: r.QuorumMet, Seed: r.Seed, Passed: r.Passed}
	people := fmt.Sprintf("%d people", r.Turnout)
	if r.Turnout == 1 {
		people = "1 person"
	}
	out.Hidden = fmt.Sprintf("Only %s voted; an anonymous decision's count is shown when at least %d have, so no ballot can be told apart.",
		people, minGroup)
	if r.Turnout == 0 {
		out.Hidden = fmt.Sprintf("Nobody voted; an anonymous decision's count is shown when at least %d have.", minGroup)
	}
	if r.Tally != nil && len(r.Tally.Winners) > 0 && len(d.Options) > 0 {
		out.Tally = &vote.Result{Method: r.Tally.Method, Winners: r.Tally.Winners, Passed: r.Tally.Passed}
		names := optionNames(d, r.Tally.Winners)
		out.Note = names[0] + " was chosen."
		if len(names) > 1 {
			out.Note = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " were elected."
		}
	}
	return out
}
