package vote

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// meekUnit is one vote in Meek's fixed point: 9 decimals.
const meekUnit = 1_000_000_000

// meekOmega ends an iteration once the total surplus is below it
// (0.000001 vote).
const meekOmega = 1000

// Candidate states in an STV count.
const (
	stvHopeful = iota
	stvElected
	stvDefeated
)

// stvMeek counts by the Proportional Representation Foundation's Meek
// reference rule, in 9-decimal fixed point with its rounding:
//
//   - Every candidate has a keep factor: 1 while hopeful, 0 once
//     defeated, and for an elected candidate the share of each vote
//     reaching it that it keeps, the rest going on down the ballot. A
//     ballot gives each candidate in turn its remaining weight times the
//     keep factor, rounded up to 9 decimals.
//   - The quota is the votes held by candidates over seats+1, truncated to
//     9 decimals, plus 0.000000001; it is recomputed in every iteration,
//     so it falls as ballots exhaust.
//   - A round iterates: distribute every ballot, recompute the quota,
//     elect every hopeful candidate at or over it (which ends the round),
//     and otherwise lower each elected candidate's keep factor to
//     kf·quota/votes (each product rounded up), until the total surplus of
//     the elected is under 0.000001 or stops falling.
//   - Then the hopeful candidate with the fewest votes is defeated. Every
//     hopeful within the total surplus of the fewest counts as tied with
//     it (the rule's own test: the surplus could still move them), and
//     the seeded lot decides among the tied: the one that comes last in
//     the draw is defeated; the break is recorded.
//   - When the elected and hopeful candidates are no more than the seats,
//     the hopeful are elected; when the seats are filled, the rest are
//     defeated.
//
// Distinct ballots are folded at the start of each round into a tree of
// the paths they take through elected candidates to their first hopeful
// one (the states change only between rounds), so an iteration costs the
// size of the tree, not the number of ballots.
func stvMeek(e *Election) *Result {
	n := len(e.Candidates)
	m := &meek{e: e, n: n, state: make([]int, n), kf: make([]int64, n), votes: make([]int64, n)}
	for c := range m.kf {
		m.kf[c] = meekUnit
	}
	res := &Result{Method: "stv-meek", Scale: meekUnit}
	var elected, defeated []int
	hopeful := n
	for round := 1; ; round++ {
		if len(elected)+hopeful <= e.Seats || len(elected) == e.Seats {
			m.fold()
			m.distribute()
			m.quota = m.quotaNow()
			r := m.record(round)
			rest := m.hopefuls()
			slices.SortStableFunc(rest, func(a, b int) int { return cmp.Compare(m.votes[b], m.votes[a]) })
			if len(elected) < e.Seats {
				for _, c := range rest {
					m.state[c] = stvElected
				}
				elected = append(elected, rest...)
				r.Elected = rest
				res.Ranking = stvRanking(elected, nil, defeated)
				r.Transfers = fmt.Sprintf("%s %s elected: as many candidates remain as seats.", stvCands(e, rest), isAre(len(rest)))
			} else {
				for _, c := range rest {
					m.state[c], m.kf[c] = stvDefeated, 0
				}
				r.Eliminated = rest
				res.Ranking = stvRanking(elected, rest, defeated)
				r.Transfers = fmt.Sprintf("Every seat is filled; %s %s defeated.", stvCands(e, rest), isAre(len(rest)))
			}
			r.Keep = slices.Clone(m.kf)
			if len(rest) > 0 || round == 1 {
				res.Rounds = append(res.Rounds, r)
			}
			res.Winners = elected
			res.Totals = r.Totals
			res.Quota = r.Quota
			return res
		}

		m.fold()
		last := int64(-1) // no surplus yet
		iterations := 0
		var s int64
		var won []int
		for {
			iterations++
			m.distribute()
			m.quota = m.quotaNow()
			for c := range n {
				if m.state[c] == stvHopeful && m.votes[c] >= m.quota {
					won = append(won, c)
				}
			}
			if len(won) > 0 {
				break
			}
			s = 0
			for c := range n {
				if m.state[c] == stvElected {
					s += m.votes[c] - m.quota
				}
			}
			s = max(s, 0)
			if s < meekOmega || (last >= 0 && s >= last) {
				break
			}
			last = s
			for c := range n {
				if m.state[c] == stvElected && m.votes[c] > 0 {
					t := mulDiv(m.kf[c], m.quota, meekUnit, true)
					m.kf[c] = mulDiv(t, meekUnit, m.votes[c], true)
				}
			}
		}
		r := m.record(round)
		after := fmt.Sprintf("after %d iteration%s", iterations, plural(iterations))
		if len(won) > 0 {
			slices.SortStableFunc(won, func(a, b int) int { return cmp.Compare(m.votes[b], m.votes[a]) })
			parts := make([]string, len(won))
			for i, c := range won {
				m.state[c] = stvElected
				parts[i] = fmt.Sprintf("%s (%s)", irvName(e, c), decimal(m.votes[c], meekUnit))
			}
			hopeful -= len(won)
			elected = append(elected, won...)
			r.Elected = won
			r.Transfers = fmt.Sprintf("%s %s the quota of %s %s and %s elected.", stvJoin(parts),
				reachVerb(len(won)), decimal(m.quota, meekUnit), after, isAre(len(won)))
		} else {
			out, note := m.lowest(round, s, &res.TieBreaks)
			m.state[out], m.kf[out] = stvDefeated, 0
			hopeful--
			defeated = append(defeated, out)
			r.Eliminated = []int{out}
			why := "under 0.000001"
			if s >= meekOmega {
				why = "no longer falling"
			}
			r.Transfers = fmt.Sprintf("%s the quota is %s and the surplus %s (%s); %s has the fewest votes (%s)%s and is defeated.",
				upper(after), decimal(m.quota, meekUnit), decimal(s, meekUnit), why,
				irvName(e, out), decimal(m.votes[out], meekUnit), note)
		}
		r.Keep = slices.Clone(m.kf)
		res.Rounds = append(res.Rounds, r)
	}
}

// meek is the state of a Meek count.
type meek struct {
	e      *Election
	n      int
	state  []int
	kf     []int64
	votes  []int64
	excess int64
	quota  int64

	// The tree of paths (see stvMeek). Node 0 is the root; a node is
	// the path through elected candidates to it, parent before child.
	parent, via []int32 // via: the elected candidate the node was reached by
	child       []int32 // child[node*n+c]: the node after elected c, 0 if none
	pass        []int64 // ballots reaching the node
	leaf        []int64 // leaf[node*n+h]: ballots whose next hopeful is h
	exh         []int64 // ballots ending at the node
	w           []int64 // weight left at the node, per ballot
}

// fold rebuilds the tree of paths for the current states.
func (m *meek) fold() {
	n := m.n
	m.parent, m.via, m.pass, m.exh = m.parent[:0], m.via[:0], m.pass[:0], m.exh[:0]
	m.child, m.leaf = m.child[:0], m.leaf[:0]
	m.node(-1, -1)
	for _, b := range m.e.Ballots {
		node := int32(0)
		m.pass[0] += b.Count
		ended := false
		for _, v := range b.Ranks {
			c := int32(v >> 1)
			switch m.state[c] {
			case stvDefeated:
				continue
			case stvHopeful:
				m.leaf[int(node)*n+int(c)] += b.Count
				ended = true
			case stvElected:
				next := m.child[int(node)*n+int(c)]
				if next == 0 {
					next = m.node(node, c)
					m.child[int(node)*n+int(c)] = next
				}
				node = next
				m.pass[node] += b.Count
				continue
			}
			break
		}
		if !ended {
			m.exh[node] += b.Count
		}
	}
}

func (m *meek) node(parent, via int32) int32 {
	m.parent = append(m.parent, parent)
	m.via = append(m.via, via)
	m.pass = append(m.pass, 0)
	m.exh = append(m.exh, 0)
	m.child = append(m.child, make([]int32, m.n)...)
	m.leaf = append(m.leaf, make([]int64, m.n)...)
	return int32(len(m.parent) - 1)
}

// distribute gives every candidate its votes under the keep factors.
func (m *meek) distribute() {
	clear(m.votes)
	m.excess = 0
	if cap(m.w) < len(m.parent) {
		m.w = make([]int64, len(m.parent))
	}
	m.w = m.w[:len(m.parent)]
	n := m.n
	for node := range m.parent {
		if node == 0 {
			m.w[0] = meekUnit
		} else {
			w, c := m.w[m.parent[node]], m.via[node]
			keep := (w*m.kf[c] + meekUnit - 1) / meekUnit
			// a keep factor over 1 (an elected candidate below the
			// quota) takes more than the ballot holds: as in the rule,
			// the candidate gets it and the ballot stops there
			m.w[node] = max(w-keep, 0)
			m.votes[c] += keep * m.pass[node]
		}
		w := m.w[node]
		for h, cnt := range m.leaf[node*n : node*n+n] {
			if cnt != 0 {
				m.votes[h] += w * cnt
			}
		}
		m.excess += w * m.exh[node]
	}
}

// quotaNow is the votes held by candidates over seats+1, truncated, plus
// one unit (0.000000001).
func (m *meek) quotaNow() int64 {
	var held int64
	for _, v := range m.votes {
		held += v
	}
	return held/int64(m.e.Seats+1) + 1
}

func (m *meek) record(round int) Round {
	return Round{Number: round, Totals: slices.Clone(m.votes), Exhausted: m.excess, Quota: m.quota}
}

func (m *meek) hopefuls() []int {
	var hs []int
	for c, s := range m.state {
		if s == stvHopeful {
			hs = append(hs, c)
		}
	}
	return hs
}

// lowest picks the hopeful to defeat: the fewest votes, every hopeful
// within the surplus s of it tied with it, the lot deciding a tie.
func (m *meek) lowest(round int, s int64, log *[]TieBreak) (int, string) {
	hs := m.hopefuls()
	low := m.votes[hs[0]]
	for _, c := range hs {
		low = min(low, m.votes[c])
	}
	tied := slices.DeleteFunc(hs, func(c int) bool { return m.votes[c] > low+s })
	if len(tied) == 1 {
		return tied[0], ""
	}
	lot := NewLot(m.n, m.e.Seed)
	out := slices.MaxFunc(tied, func(a, b int) int { return lot.order[a] - lot.order[b] })
	rule := fmt.Sprintf("lot (seed %d)", m.e.Seed)
	for _, c := range tied {
		if m.votes[c] != low {
			rule = "within the surplus of the fewest, then " + rule
			break
		}
	}
	*log = append(*log, TieBreak{Round: round, Among: tied, Chosen: []int{out}, Rule: rule})
	return out, fmt.Sprintf(", tied with %s, chosen by %s,",
		stvCands(m.e, slices.DeleteFunc(slices.Clone(tied), func(c int) bool { return c == out })), rule)
}

// stvRanking is the winners in the order elected, then the candidates
// defeated at the end by their votes, then the others, last defeated
// first.
func stvRanking(elected, rest, defeated []int) [][]int {
	var r [][]int
	for _, c := range elected {
		r = append(r, []int{c})
	}
	for _, c := range rest {
		r = append(r, []int{c})
	}
	for i := len(defeated) - 1; i >= 0; i-- {
		r = append(r, []int{defeated[i]})
	}
	return r
}

func upper(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func isAre(k int) string {
	if k == 1 {
		return "is"
	}
	return "are"
}

func reachVerb(k int) string {
	if k == 1 {
		return "reaches"
	}
	return "reach"
}

func plural(k int) string {
	if k == 1 {
		return ""
	}
	return "s"
}
