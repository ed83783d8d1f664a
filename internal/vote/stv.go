package vote

import "fmt"

// STVRules chooses the rules of a single transferable vote count.
type STVRules int

const (
	// STVMeek is Meek's method as the Proportional Representation
	// Foundation's reference rule states it (Droop quota recomputed each
	// iteration, keep factors, 9-decimal fixed point).
	STVMeek STVRules = iota
	// STVWIGM is the weighted inclusive Gregory method of the Scottish
	// Local Government Elections Order 2007, rules 45–52 (fixed quota,
	// transfer values truncated to 5 decimals).
	STVWIGM
)

func (r STVRules) String() string {
	switch r {
	case STVMeek:
		return "meek"
	case STVWIGM:
		return "wigm"
	}
	return fmt.Sprintf("STVRules(%d)", int(r))
}

// STVOptions are the rules of an STV count.
type STVOptions struct {
	Rules STVRules
}

// STV elects e.Seats candidates by single transferable vote.
// Result.Method is "stv-meek" or "stv-wigm"; Totals, Round totals,
// Exhausted and Quota are in 1/Scale votes (Scale 1e9 for Meek, 1e5 for
// WIGM).
func STV(e *Election, opts STVOptions) (*Result, error) {
	return nil, fmt.Errorf("stv: %s rules are not implemented yet", opts.Rules)
}
