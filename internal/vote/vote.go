// Package vote tallies decisions: consent, majority, approval, score, dot
// vote, Borda, instant-runoff, single transferable vote and Schulze. It is
// pure: no I/O and no imports of the project, so the decision feature, the
// `commonground tally` command and the tests all run the same code.
//
// Candidates are numbered 0..n-1 by their place in Election.Candidates.
// Counts are whole numbers; a ballot's Count is how many identical ballots
// it stands for (already multiplied by any weight), so a million voters
// who voted alike cost one ballot.
package vote

import (
	"math/rand/v2"
	"slices"
)

// Election is everything a tally needs.
type Election struct {
	Candidates []string
	Ballots    []Ballot
	Seats      int    // winners wanted; 1 unless a multi-seat method says otherwise
	Seed       uint64 // seeds the lot that breaks ties no rule could; recorded in the result
}

// Ballot is one way of voting and how many cast it.
type Ballot struct {
	Count int64
	// Ranks holds ranked preferences, best first, in groups of
	// candidates ranked equal. Candidates in no group rank after all of
	// them (methods that transfer votes treat such a ballot as exhausted
	// once its ranked candidates are gone).
	Ranks Ranking
	// Marks holds approvals (Value 1), scores, dots or a single majority
	// choice (Value 1).
	Marks []Mark
	// Chamber names the chamber the ballot belongs to, "" when there is one.
	Chamber string
}

// Ranking is a ranked ballot packed into one slice, best first: candidate
// c is the entry c<<1, and the low bit marks the last candidate of each
// group ranked equal (so a strict ranking of k candidates is k entries,
// each with the bit set). Packing keeps a million distinct rankings of 20
// candidates in 80 MB with one pointer each, instead of 20 slices each.
type Ranking []uint32

// Rank packs groups, best first, each holding candidates ranked equal.
// Empty groups are skipped.
func Rank(groups [][]int) Ranking {
	var r Ranking
	for _, g := range groups {
		for i, c := range g {
			v := uint32(c) << 1
			if i == len(g)-1 {
				v |= 1
			}
			r = append(r, v)
		}
	}
	return r
}

// Groups unpacks r into its groups, best first. It allocates: the tally
// methods walk the packed form instead.
func (r Ranking) Groups() [][]int {
	var gs [][]int
	var g []int
	for _, v := range r {
		g = append(g, int(v>>1))
		if v&1 != 0 {
			gs = append(gs, g)
			g = nil
		}
	}
	if len(g) > 0 {
		gs = append(gs, g)
	}
	return gs
}

// groups yields r's groups of packed entries (c<<1 | last-bit), best
// first, without allocating; a last group left open still counts.
func (r Ranking) groups() func(yield func([]uint32) bool) {
	return func(yield func([]uint32) bool) {
		start := 0
		for i, v := range r {
			if v&1 != 0 || i == len(r)-1 {
				if !yield(r[start : i+1]) {
					return
				}
				start = i + 1
			}
		}
	}
}

// Mark is a value given to one candidate.
type Mark struct {
	Candidate int
	Value     int64
}

// Result is what every method answers. Fields a method does not produce
// stay empty.
type Result struct {
	Method  string
	Winners []int
	// Ranking is the full order where the method gives one, best first;
	// each group holds candidates the method could not separate.
	Ranking [][]int
	// Totals is each candidate's total (votes, approvals, points, score)
	// in the method's own unit; Scale says how many units make one (e.g.
	// 1e9 for Meek's fixed point), 1 for whole numbers.
	Totals []int64
	Scale  int64
	Rounds []Round
	// Pairwise[a][b] is how many ballots rank a above b (Schulze), and
	// Strongest[a][b] the strength of the strongest path from a to b.
	Pairwise, Strongest [][]int64
	Quota               int64 // in Scale units (STV, majority thresholds)
	TieBreaks           []TieBreak
	Passed              *bool  // consent and majority: whether the proposal passed
	Note                string // why, in a sentence, for passed/failed results
}

// Round is one count of a round-based method (IRV, STV).
type Round struct {
	Number     int
	Totals     []int64 // per candidate, in Result.Scale units
	Exhausted  int64   // votes no longer with any candidate
	Elected    []int
	Eliminated []int
	// Quota is the quota in force in this round (STV), in Result.Scale
	// units; Meek's falls as ballots exhaust, WIGM's stays.
	Quota int64
	// Keep is each candidate's keep factor at the end of the round
	// (Meek), in Result.Scale units: the share of each vote reaching an
	// elected candidate that it keeps (1 for the hopeful, 0 for the
	// defeated).
	Keep []int64
	// Transfers describes what moved in this round, for people.
	Transfers string
}

// TieBreak records a tie a rule or the lot decided.
type TieBreak struct {
	Round  int    // 0 when not in a round
	Among  []int  // the tied candidates
	Chosen []int  // who the break put first (or eliminated, as Rule says)
	Rule   string // e.g. "earlier rounds", "lot (seed 42)"
}

// Lot is a fixed random order of the candidates drawn from the seed, so a
// tie settled by lot is settled the same way every time the same election
// is tallied with the same seed.
type Lot struct {
	order []int // order[c] is c's place in the draw; lower wins the lot
	Seed  uint64
}

// NewLot draws the order of n candidates from seed.
func NewLot(n int, seed uint64) *Lot {
	perm := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)).Perm(n)
	order := make([]int, n)
	for place, c := range perm {
		order[c] = place
	}
	return &Lot{order: order, Seed: seed}
}

// First returns the candidate of among that comes first in the draw.
func (l *Lot) First(among []int) int {
	return slices.MinFunc(among, func(a, b int) int { return l.order[a] - l.order[b] })
}
