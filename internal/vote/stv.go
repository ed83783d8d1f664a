package vote

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

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

// STV elects e.Seats candidates by single transferable vote, under
// Meek's method (the default) or the Scottish WIGM rules: see stvMeek and
// stvWIGM for each one's rules and tie-breaks. Result.Method is
// "stv-meek" or "stv-wigm"; Totals, Round totals, Exhausted and the
// quotas are in 1/Scale votes (Scale 1e9 for Meek, 1e5 for WIGM), exact
// under each rule's own rounding. Winners are in the order elected;
// Ranking is the winners in that order, then the others from the last
// defeated to the first.
//
// STV needs a strict order: a ballot that ranks candidates equal is
// refused (no published STV rule says how to split it). A ballot whose
// ranked candidates are all elected or defeated is exhausted; candidates
// it does not rank never receive it.
func STV(e *Election, opts STVOptions) (*Result, error) {
	if err := validateRankedElection(e); err != nil {
		return nil, fmt.Errorf("stv: %w", err)
	}
	n := len(e.Candidates)
	switch {
	case n == 0:
		return nil, fmt.Errorf("stv: no candidates")
	case e.Seats < 1:
		return nil, fmt.Errorf("stv: %d seats; at least 1 is needed", e.Seats)
	case e.Seats > n:
		return nil, fmt.Errorf("stv: %d seats but only %d candidates", e.Seats, n)
	}
	var votes int64
	for i, b := range e.Ballots {
		if votes > math.MaxInt64-b.Count {
			return nil, fmt.Errorf("stv: the ballot counts add up to more than %d", int64(math.MaxInt64))
		}
		votes += b.Count
		for j, v := range b.Ranks {
			if v&1 == 0 { // not the last of its group: a tie
				k := j
				for b.Ranks[k]&1 == 0 {
					k++
				}
				return nil, fmt.Errorf("stv: ballot %d ranks %s equal; STV needs a strict order",
					i+1, stvNames(e, b.Ranks[j:k+1]))
			}
		}
	}
	if votes == 0 {
		return nil, fmt.Errorf("stv: no votes")
	}
	switch opts.Rules {
	case STVMeek:
		if votes > math.MaxInt64/meekUnit {
			return nil, fmt.Errorf("stv: %d votes are too many for Meek's 9-decimal count", votes)
		}
		return stvMeek(e), nil
	case STVWIGM:
		if votes > math.MaxInt64/wigmUnit {
			return nil, fmt.Errorf("stv: %d votes are too many for the 5-decimal count", votes)
		}
		return stvWIGM(e, votes), nil
	}
	return nil, fmt.Errorf("stv: unknown rules %s", opts.Rules)
}

// stvNames joins the names of packed entries: "A and B", "A, B and C".
func stvNames(e *Election, g []uint32) string {
	names := make([]string, len(g))
	for i, v := range g {
		names[i] = irvName(e, int(v>>1))
	}
	return stvJoin(names)
}

func stvJoin(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// stvCands names candidates: "A and B".
func stvCands(e *Election, cs []int) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = irvName(e, c)
	}
	return stvJoin(names)
}

// decimal writes v units of 1/scale (scale a power of ten) exactly,
// without trailing zeros: "18.800000001", "14", "0.42424".
func decimal(v, scale int64) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u/uint64(scale), 10)
	if frac := u % uint64(scale); frac != 0 {
		digits := len(strconv.FormatInt(scale, 10)) - 1
		f := strconv.FormatUint(frac, 10)
		f = strings.Repeat("0", digits-len(f)) + f
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// mulDiv returns a·b/c rounded down, or up when up is set, in 128-bit
// arithmetic (a·b overflows int64 for quotas of millions of votes times
// a 9-decimal factor). All of a, b, c are positive or zero, c > 0, and the
// result fits in int64.
func mulDiv(a, b, c int64, up bool) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, r := bits.Div64(hi, lo, uint64(c))
	if up && r != 0 {
		q++
	}
	return int64(q)
}
