package vote

// Helpers shared by schulze_test.go and irv_test.go, and the brute-force
// checks: on small random elections the engine is compared with naive
// re-statements of the definitions (pairwise counts by comparing places,
// strongest paths by trying every simple path, IRV by counting every round
// from scratch) and with properties the methods are known to have.

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// rkElection builds an election from lines in the ballot file's ranked
// form, "count,A>B=C>D", with names from cands.
func rkElection(t testing.TB, cands []string, lines ...string) *Election {
	t.Helper()
	idx := map[string]int{}
	for i, c := range cands {
		idx[c] = i
	}
	e := &Election{Candidates: cands}
	for _, l := range lines {
		cnt, rank, ok := strings.Cut(l, ",")
		if !ok {
			t.Fatalf("bad line %q", l)
		}
		n, err := strconv.ParseInt(cnt, 10, 64)
		if err != nil {
			t.Fatalf("bad count in %q", l)
		}
		b := Ballot{Count: n}
		if rank != "" {
			var groups [][]int
			for _, g := range strings.Split(rank, ">") {
				var grp []int
				for _, name := range strings.Split(g, "=") {
					c, ok := idx[name]
					if !ok {
						t.Fatalf("unknown candidate %q in %q", name, l)
					}
					grp = append(grp, c)
				}
				groups = append(groups, grp)
			}
			b.Ranks = Rank(groups)
		}
		e.Ballots = append(e.Ballots, b)
	}
	return e
}

// rkNames maps candidate numbers to names, for messages.
func rkNames(e *Election, cs []int) string {
	var s []string
	for _, c := range cs {
		s = append(s, e.Candidates[c])
	}
	return strings.Join(s, ",")
}

// rkRandom draws a small election: n candidates, m ballot lines with counts
// 1..maxCount, rankings possibly truncated (even empty) and with `=` ties
// when ties is set.
func rkRandom(r *rand.Rand, n, m int, maxCount int64, ties bool) *Election {
	e := &Election{Seed: r.Uint64()}
	for c := 0; c < n; c++ {
		e.Candidates = append(e.Candidates, string(rune('A'+c)))
	}
	for range m {
		perm := r.Perm(n)
		k := n
		if r.IntN(3) == 0 {
			k = r.IntN(n + 1)
		}
		var ranks [][]int
		for i, c := range perm[:k] {
			if ties && i > 0 && r.IntN(4) == 0 {
				ranks[len(ranks)-1] = append(ranks[len(ranks)-1], c)
			} else {
				ranks = append(ranks, []int{c})
			}
		}
		e.Ballots = append(e.Ballots, Ballot{Count: 1 + r.Int64N(maxCount), Ranks: Rank(ranks)})
	}
	return e
}

// rkMillion draws 1,000,000 full strict rankings of 20 candidates, the
// performance budget's input (almost all distinct, so nothing merges).
func rkMillion() *Election {
	const n, m = 20, 1_000_000
	r := rand.New(rand.NewPCG(1, 2))
	e := &Election{Seed: 7}
	for c := 0; c < n; c++ {
		e.Candidates = append(e.Candidates, "C"+strconv.Itoa(c))
	}
	cells := make(Ranking, n*m)
	e.Ballots = make([]Ballot, m)
	for i := range e.Ballots {
		p := cells[i*n : i*n+n : i*n+n]
		for j := range p {
			p[j] = uint32(j)<<1 | 1 // each candidate a group of its own
		}
		r.Shuffle(n, func(a, b int) { p[a], p[b] = p[b], p[a] })
		e.Ballots[i] = Ballot{Count: 1, Ranks: p}
	}
	return e
}

// naivePlace is c's place on b: its group's index, or len(Ranks) when
// unranked.
func naivePlace(b Ballot, c int) int {
	gs := b.Ranks.Groups()
	for i, g := range gs {
		if slices.Contains(g, c) {
			return i
		}
	}
	return len(gs)
}

func naivePairwise(e *Election) [][]int64 {
	n := len(e.Candidates)
	d := make([][]int64, n)
	for a := range d {
		d[a] = make([]int64, n)
		for b := 0; b < n; b++ {
			for _, bl := range e.Ballots {
				if naivePlace(bl, a) < naivePlace(bl, b) {
					d[a][b] += bl.Count
				}
			}
		}
	}
	return d
}

// naiveStrongest tries every simple path.
func naiveStrongest(d [][]int64) [][]int64 {
	n := len(d)
	link := func(a, b int) int64 {
		if d[a][b] > d[b][a] {
			return d[a][b]
		}
		return 0
	}
	p := make([][]int64, n)
	for a := range p {
		p[a] = make([]int64, n)
		used := make([]bool, n)
		var walk func(at int, width int64)
		walk = func(at int, width int64) {
			used[at] = true
			for b := 0; b < n; b++ {
				if used[b] || link(at, b) == 0 {
					continue
				}
				w := min(width, link(at, b))
				p[a][b] = max(p[a][b], w)
				walk(b, w)
			}
			used[at] = false
		}
		walk(a, 1<<62)
	}
	return p
}

func TestSchulzeBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 4))
	condorcet := 0
	for it := range 500 {
		e := rkRandom(r, 3+r.IntN(4), 5+r.IntN(36), 5, it%2 == 0)
		res, err := Schulze(e)
		if err != nil {
			t.Fatal(err)
		}
		n := len(e.Candidates)
		d := naivePairwise(e)
		if !reflect.DeepEqual(res.Pairwise, d) {
			t.Fatalf("election %d: pairwise %v, naive %v", it, res.Pairwise, d)
		}
		p := naiveStrongest(d)
		if !reflect.DeepEqual(res.Strongest, p) {
			t.Fatalf("election %d: strongest %v, all paths %v", it, res.Strongest, p)
		}
		// Potential winners by definition: p[a][b] >= p[b][a] for all b.
		var pw []int
		for a := 0; a < n; a++ {
			ok := true
			for b := 0; b < n; b++ {
				ok = ok && p[a][b] >= p[b][a]
			}
			if ok {
				pw = append(pw, a)
			}
		}
		if len(pw) == 0 {
			t.Fatalf("election %d: no potential winner", it)
		}
		if len(pw) == 1 {
			if !slices.Equal(res.Winners, pw) || len(res.TieBreaks) != 0 || !slices.Equal(res.Ranking[0], pw) {
				t.Fatalf("election %d: winners %v ranking %v, want %v", it, res.Winners, res.Ranking, pw)
			}
		} else if len(res.TieBreaks) != 1 || !slices.Equal(res.TieBreaks[0].Among, pw) ||
			!slices.Contains(pw, res.Winners[0]) || NewLot(n, e.Seed).First(pw) != res.Winners[0] {
			t.Fatalf("election %d: potential winners %v, result %+v", it, pw, res)
		}
		// The ranking is consistent with the relation and covers everyone.
		var all []int
		place := make([]int, n)
		for gi, g := range res.Ranking {
			for _, c := range g {
				all = append(all, c)
				place[c] = gi
			}
		}
		slices.Sort(all)
		if len(all) != n || slices.Compact(all)[n-1] != n-1 {
			t.Fatalf("election %d: ranking %v is not a ranking of %d", it, res.Ranking, n)
		}
		for a := 0; a < n; a++ {
			for b := 0; b < n; b++ {
				if p[a][b] > p[b][a] && place[a] >= place[b] {
					t.Fatalf("election %d: %d beats %d but ranking %v", it, a, b, res.Ranking)
				}
			}
		}
		// Condorcet winner => Schulze winner.
		for a := 0; a < n; a++ {
			beatsAll := true
			for b := 0; b < n; b++ {
				beatsAll = beatsAll && (a == b || d[a][b] > d[b][a])
			}
			if beatsAll {
				condorcet++
				if !slices.Equal(res.Winners, []int{a}) || len(res.TieBreaks) != 0 {
					t.Fatalf("election %d: Condorcet winner %d, Schulze %v", it, a, res.Winners)
				}
			}
		}
	}
	if condorcet < 100 {
		t.Fatalf("only %d of 500 elections had a Condorcet winner: the test is too weak", condorcet)
	}
}

// naiveIRV recounts every round from scratch over the continuing
// candidates, by the rules IRV documents.
func naiveIRV(e *Election) (rounds []Round, winner int, breaks []TieBreak) {
	n := len(e.Candidates)
	scale := int64(1)
	for _, b := range e.Ballots {
		for _, g := range b.Ranks.Groups() {
			for k := int64(2); k <= int64(len(g)); k++ {
				if scale%k != 0 {
					scale = scale * k / irvGCD(scale, k)
				}
			}
		}
	}
	cont := make([]bool, n)
	for c := range cont {
		cont[c] = true
	}
	for round := 1; ; round++ {
		t := make([]int64, n)
		var ex int64
		for _, b := range e.Ballots {
			given := false
			for _, g := range b.Ranks.Groups() {
				var in []int
				for _, c := range g {
					if cont[c] {
						in = append(in, c)
					}
				}
				if len(in) > 0 {
					for _, c := range in {
						t[c] += b.Count * scale / int64(len(in))
					}
					given = true
					break
				}
			}
			if !given {
				ex += b.Count * scale
			}
		}
		var live []int
		var sum int64
		for c := 0; c < n; c++ {
			if cont[c] {
				live = append(live, c)
				sum += t[c]
			}
		}
		rd := Round{Number: round, Totals: t, Exhausted: ex}
		for _, c := range live {
			if len(live) == 1 || 2*t[c] > sum {
				rd.Elected = []int{c}
				return append(rounds, rd), c, breaks
			}
		}
		low := t[live[0]]
		for _, c := range live {
			low = min(low, t[c])
		}
		var tied []int
		for _, c := range live {
			if t[c] == low {
				tied = append(tied, c)
			}
		}
		out := tied[0]
		if len(tied) > 1 {
			rest := tied
			for k := len(rounds) - 1; k >= 0 && len(rest) > 1; k-- {
				m := rounds[k].Totals[rest[0]]
				for _, c := range rest {
					m = min(m, rounds[k].Totals[c])
				}
				var keep []int
				for _, c := range rest {
					if rounds[k].Totals[c] == m {
						keep = append(keep, c)
					}
				}
				rest = keep
			}
			rule := "earlier rounds"
			if len(rest) > 1 {
				// The lot: the last in the draw goes, i.e. the one the
				// others all come before.
				lot := NewLot(n, e.Seed)
				for _, c := range rest {
					last := true
					for _, o := range rest {
						last = last && (o == c || lot.First([]int{o, c}) == o)
					}
					if last {
						out = c
					}
				}
				rule = "lot (seed " + strconv.FormatUint(e.Seed, 10) + ")"
				if len(rest) < len(tied) {
					rule = "earlier rounds, then " + rule
				}
			} else {
				out = rest[0]
			}
			breaks = append(breaks, TieBreak{Round: round, Among: tied, Chosen: []int{out}, Rule: rule})
		}
		rd.Eliminated = []int{out}
		cont[out] = false
		rounds = append(rounds, rd)
	}
}

func TestIRVBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 44))
	var tieBreaks, lots int
	for it := range 500 {
		e := rkRandom(r, 3+r.IntN(4), 5+r.IntN(36), 3, it%2 == 0)
		res, err := IRV(e)
		if err != nil {
			t.Fatal(err)
		}
		rounds, w, breaks := naiveIRV(e)
		if !slices.Equal(res.Winners, []int{w}) {
			t.Fatalf("election %d: winner %v, naive %d", it, res.Winners, w)
		}
		if len(res.Rounds) != len(rounds) {
			t.Fatalf("election %d: %d rounds, naive %d", it, len(res.Rounds), len(rounds))
		}
		for i, rd := range rounds {
			got := res.Rounds[i]
			got.Transfers = ""
			if !reflect.DeepEqual(got, rd) {
				t.Fatalf("election %d round %d:\n got %+v\nwant %+v", it, i+1, got, rd)
			}
		}
		if !reflect.DeepEqual(res.TieBreaks, breaks) {
			t.Fatalf("election %d: tie-breaks %+v, naive %+v", it, res.TieBreaks, breaks)
		}
		tieBreaks += len(breaks)
		for _, b := range breaks {
			if strings.Contains(b.Rule, "lot") {
				lots++
			}
		}
		// Ranking: winner, the other finalists by final votes, then the
		// eliminated, last first; everyone once.
		var flat []int
		for _, g := range res.Ranking {
			flat = append(flat, g...)
		}
		if len(flat) != len(e.Candidates) || res.Ranking[0][0] != w || len(res.Ranking[0]) != 1 {
			t.Fatalf("election %d: ranking %v", it, res.Ranking)
		}
		final := rounds[len(rounds)-1].Totals
		finalists := len(e.Candidates) - len(rounds) // besides the winner
		var seen int
		for i := 1; seen < finalists; i++ {
			g := res.Ranking[i]
			for _, c := range g {
				if final[c] != final[g[0]] {
					t.Fatalf("election %d: ranking %v groups unequal votes %v", it, res.Ranking, final)
				}
			}
			if i > 1 && final[g[0]] >= final[res.Ranking[i-1][0]] {
				t.Fatalf("election %d: ranking %v, final totals %v", it, res.Ranking, final)
			}
			seen += len(g)
		}
		for i, rd := range rounds[:len(rounds)-1] {
			if flat[len(flat)-1-i] != rd.Eliminated[0] {
				t.Fatalf("election %d: ranking %v, eliminations %+v", it, res.Ranking, rounds)
			}
		}
	}
	if tieBreaks < 20 || lots < 5 {
		t.Fatalf("only %d tie-breaks (%d by lot): the test is too weak", tieBreaks, lots)
	}
}

// shuffled returns e with its ballots in another order and some ballots
// split into two with the same ranking.
func shuffled(r *rand.Rand, e *Election) *Election {
	f := *e
	f.Ballots = nil
	for _, b := range e.Ballots {
		if b.Count > 1 && r.IntN(2) == 0 {
			k := 1 + r.Int64N(b.Count-1)
			f.Ballots = append(f.Ballots, Ballot{Count: k, Ranks: b.Ranks}, Ballot{Count: b.Count - k, Ranks: b.Ranks})
		} else {
			f.Ballots = append(f.Ballots, b)
		}
	}
	r.Shuffle(len(f.Ballots), func(i, j int) { f.Ballots[i], f.Ballots[j] = f.Ballots[j], f.Ballots[i] })
	return &f
}

func TestPermutingBallotsChangesNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for it := range 300 {
		e := rkRandom(r, 3+r.IntN(4), 5+r.IntN(36), 4, it%2 == 0)
		f := shuffled(r, e)
		for _, m := range []func(*Election) (*Result, error){Schulze, IRV} {
			a, err := m(e)
			if err != nil {
				t.Fatal(err)
			}
			b, err := m(f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("election %d (%s): permuted ballots changed the result:\n%+v\n%+v", it, a.Method, a, b)
			}
		}
	}
}

func TestSchulzeCloningALoser(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 55))
	tested := 0
	for it := range 500 {
		e := rkRandom(r, 3+r.IntN(4), 5+r.IntN(36), 5, it%3 == 0)
		res, err := Schulze(e)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.TieBreaks) != 0 {
			continue // the lot's draw depends on the number of candidates
		}
		w := res.Winners[0]
		n := len(e.Candidates)
		x := r.IntN(n - 1)
		if x >= w {
			x++
		}
		// x' (number n) goes right after x on every ballot: its own group
		// after x's when x is ranked alone, in x's group when x is tied,
		// unranked with x when x is unranked.
		f := &Election{Candidates: append(slices.Clone(e.Candidates), e.Candidates[x]+"'"), Seed: e.Seed}
		for _, b := range e.Ballots {
			var ranks [][]int
			for _, g := range b.Ranks.Groups() {
				switch {
				case !slices.Contains(g, x):
					ranks = append(ranks, g)
				case len(g) == 1:
					ranks = append(ranks, g, []int{n})
				default:
					ranks = append(ranks, append(slices.Clone(g), n))
				}
			}
			f.Ballots = append(f.Ballots, Ballot{Count: b.Count, Ranks: Rank(ranks)})
		}
		got, err := Schulze(f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Winners, []int{w}) || len(got.TieBreaks) != 0 {
			t.Fatalf("election %d: cloning %s changed the winner from %s to %v (ties %v)",
				it, e.Candidates[x], e.Candidates[w], rkNames(f, got.Winners), got.TieBreaks)
		}
		tested++
	}
	if tested < 300 {
		t.Fatalf("only %d elections without a tie: the test is too weak", tested)
	}
}
