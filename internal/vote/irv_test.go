package vote

import (
	"reflect"
	"slices"
	"strconv"
	"testing"
)

type irvRound struct {
	totals     []int64 // in the election's candidate order; eliminated: 0
	exhausted  int64
	elected    int // -1 when nobody
	eliminated int // -1 when nobody
}

func checkIRV(t *testing.T, e *Election, want []irvRound, winner int, ranking [][]int) *Result {
	t.Helper()
	res, err := IRV(e)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rounds) != len(want) {
		t.Fatalf("%d rounds, want %d: %+v", len(res.Rounds), len(want), res.Rounds)
	}
	for i, w := range want {
		r := res.Rounds[i]
		if r.Number != i+1 || !slices.Equal(r.Totals, w.totals) || r.Exhausted != w.exhausted {
			t.Errorf("round %d: totals %v exhausted %d, want %v %d", i+1, r.Totals, r.Exhausted, w.totals, w.exhausted)
		}
		if el := idOrNone(r.Elected); el != w.elected {
			t.Errorf("round %d: elected %v, want %d", i+1, r.Elected, w.elected)
		}
		if out := idOrNone(r.Eliminated); out != w.eliminated {
			t.Errorf("round %d: eliminated %v, want %d", i+1, r.Eliminated, w.eliminated)
		}
		if r.Transfers == "" {
			t.Errorf("round %d: no explanation", i+1)
		}
	}
	if !slices.Equal(res.Winners, []int{winner}) || !reflect.DeepEqual(res.Ranking, ranking) {
		t.Errorf("winners %v ranking %v, want %d %v", res.Winners, res.Ranking, winner, ranking)
	}
	if res.Method != "irv" || !slices.Equal(res.Totals, want[len(want)-1].totals) {
		t.Errorf("method %q totals %v", res.Method, res.Totals)
	}
	return res
}

func idOrNone(cs []int) int {
	if len(cs) == 0 {
		return -1
	}
	if len(cs) > 1 {
		return -2
	}
	return cs[0]
}

// Tennessee capital, Wikipedia "Instant-runoff voting" §Example (mirrored at
// electowiki "Effects of different voting systems under similar
// circumstances"): 42/26/15/17, Chattanooga out (15 to Knoxville), then
// 42/26/32, Nashville out (26 to Knoxville), then Knoxville 58-42.
func TestIRVTennessee(t *testing.T) {
	c := []string{"Memphis", "Nashville", "Chattanooga", "Knoxville"}
	e := rkElection(t, c,
		"42,Memphis>Nashville>Chattanooga>Knoxville",
		"26,Nashville>Chattanooga>Knoxville>Memphis",
		"15,Chattanooga>Knoxville>Nashville>Memphis",
		"17,Knoxville>Chattanooga>Nashville>Memphis")
	res := checkIRV(t, e, []irvRound{
		{[]int64{42, 26, 15, 17}, 0, -1, 2},
		{[]int64{42, 26, 0, 32}, 0, -1, 1},
		{[]int64{42, 0, 0, 58}, 0, 3, -1},
	}, 3, [][]int{{3}, {0}, {1}, {2}})
	if res.Scale != 1 || len(res.TieBreaks) != 0 {
		t.Errorf("scale %d tie-breaks %v", res.Scale, res.TieBreaks)
	}
	for i, want := range []string{
		"Chattanooga is eliminated with 15: 15 to Knoxville.",
		"Nashville is eliminated with 26: 26 to Knoxville.",
		"Knoxville has 58 of 100 continuing votes, a majority, and is elected.",
	} {
		if got := res.Rounds[i].Transfers; got != want {
			t.Errorf("round %d: %q, want %q", i+1, got, want)
		}
	}
}

// 150-voter "library" example, https://thoughtfulexaminations.com/voting-theory-instant-runoff :
// L 66, F 39, C 45; F out; L 79 – C 71.
func TestIRV150Voters(t *testing.T) {
	c := []string{"L", "F", "C"}
	e := rkElection(t, c, "41,L>F>C", "25,L>C>F", "13,F>L>C", "26,F>C>L", "30,C>F>L", "15,C>L>F")
	checkIRV(t, e, []irvRound{
		{[]int64{66, 39, 45}, 0, -1, 1},
		{[]int64{79, 0, 71}, 0, 0, -1},
	}, 0, [][]int{{0}, {2}, {1}})
}

// 14-voter example, https://pierzgal.github.io/introelectoralsystems/instant-runoff-method-3.html :
// A 4, B 3, C 5, D 2 (D out); A 4, B 3, C 7 (B out; the page stops here);
// worked by hand: B's 2 B>A>C>D go to A, the 1 B>C>A>D to C, so A 6, C 8.
func TestIRV14Voters(t *testing.T) {
	c := []string{"A", "B", "C", "D"}
	e := rkElection(t, c, "4,A>B>C>D", "2,B>A>C>D", "1,B>C>A>D", "2,D>C>A>B", "5,C>B>A>D")
	checkIRV(t, e, []irvRound{
		{[]int64{4, 3, 5, 2}, 0, -1, 3},
		{[]int64{4, 3, 7, 0}, 0, -1, 1},
		{[]int64{6, 0, 8, 0}, 0, 2, -1},
	}, 2, [][]int{{2}, {0}, {1}, {3}})
}

// Worked by hand: truncated ballots exhaust, and the majority is over the
// continuing votes. A 4, B 3, C 2, "1," exhausted from the start; C out:
// its 2 "C" ballots exhaust; A 4 of 7 continuing wins.
func TestIRVExhaustion(t *testing.T) {
	c := []string{"A", "B", "C"}
	e := rkElection(t, c, "4,A", "3,B>A", "2,C", "1,")
	checkIRV(t, e, []irvRound{
		{[]int64{4, 3, 2}, 1, -1, 2},
		{[]int64{4, 3, 0}, 3, 0, -1},
	}, 0, [][]int{{0}, {1}, {2}})
}

// Worked by hand: `=` splits a ballot equally, in units of 1/Scale with
// Scale = lcm(1..3) = 6 for the largest tie of three.
//
//	3,A=B=C  gives A, B, C 1 each (6 units each)
//	2,B=C>A  gives B, C 1 each (6 units each)
//	4,A
//	1,C>B
//
// Round 1: A 5 (30), B 2 (12), C 3 (18): B out. The 3 A=B=C now split
// between A and C (3/2 each: A +3, C +3 units), the 2 B=C>A go wholly to C
// (+6), so A 33, C 27 units: A has more than half of 60 and wins.
func TestIRVTiedRanks(t *testing.T) {
	c := []string{"A", "B", "C"}
	e := rkElection(t, c, "3,A=B=C", "2,B=C>A", "4,A", "1,C>B")
	res := checkIRV(t, e, []irvRound{
		{[]int64{30, 12, 18}, 0, -1, 1},
		{[]int64{33, 0, 27}, 0, 0, -1},
	}, 0, [][]int{{0}, {2}, {1}})
	if res.Scale != 6 {
		t.Errorf("scale %d, want 6", res.Scale)
	}
	want := "B is eliminated with 2: 1/2 to A, 1 1/2 to C."
	if got := res.Rounds[0].Transfers; got != want {
		t.Errorf("transfers %q, want %q", got, want)
	}
}

// Worked by hand: a tie for last broken by the earlier round.
//
//	7,A  4,B  3,C>B  1,D>C>B
//	Round 1: A 7, B 4, C 3, D 1: D out (1 to C).
//	Round 2: A 7, B 4, C 4: B and C tie; in round 1 C had fewer (3 < 4),
//	         so C goes (4 to B).
//	Round 3: A 7, B 8 of 15: B elected.
func TestIRVTieBrokenByEarlierRound(t *testing.T) {
	c := []string{"A", "B", "C", "D"}
	e := rkElection(t, c, "7,A", "4,B", "3,C>B", "1,D>C>B")
	res := checkIRV(t, e, []irvRound{
		{[]int64{7, 4, 3, 1}, 0, -1, 3},
		{[]int64{7, 4, 4, 0}, 0, -1, 2},
		{[]int64{7, 8, 0, 0}, 0, 1, -1},
	}, 1, [][]int{{1}, {0}, {2}, {3}})
	want := []TieBreak{{Round: 2, Among: []int{1, 2}, Chosen: []int{2}, Rule: "earlier rounds"}}
	if !reflect.DeepEqual(res.TieBreaks, want) {
		t.Errorf("tie-breaks %+v, want %+v", res.TieBreaks, want)
	}
}

// Worked by hand: 2,A 1,B 1,C: A has 2 of 4, not more than half; B and C
// tie in the first round, so the lot decides: the one that comes last in
// the draw goes, its ballot exhausts, and A wins 2 of 3.
func TestIRVTieBrokenByLot(t *testing.T) {
	c := []string{"A", "B", "C"}
	gone := map[int]bool{}
	for seed := uint64(0); seed < 40; seed++ {
		e := rkElection(t, c, "2,A", "1,B", "1,C")
		e.Seed = seed
		out := 1
		if NewLot(3, seed).First([]int{1, 2}) == 1 {
			out = 2
		}
		stay := 3 - out
		second := []int64{2, 1, 1}
		second[out] = 0
		res := checkIRV(t, e, []irvRound{
			{[]int64{2, 1, 1}, 0, -1, out},
			{second, 1, 0, -1},
		}, 0, [][]int{{0}, {stay}, {out}})
		want := []TieBreak{{Round: 1, Among: []int{1, 2}, Chosen: []int{out}, Rule: "lot (seed " + strconv.FormatUint(seed, 10) + ")"}}
		if !reflect.DeepEqual(res.TieBreaks, want) {
			t.Fatalf("seed %d: tie-breaks %+v, want %+v", seed, res.TieBreaks, want)
		}
		gone[out] = true
	}
	if !gone[1] || !gone[2] {
		t.Fatalf("40 seeds always eliminated the same candidate: %v", gone)
	}
}

func BenchmarkIRV1M(b *testing.B) {
	e := rkMillion()
	b.ResetTimer()
	for b.Loop() {
		if _, err := IRV(e); err != nil {
			b.Fatal(err)
		}
	}
}
