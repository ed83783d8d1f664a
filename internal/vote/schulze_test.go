package vote

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// rkMatrix reads "A: B11 C20 D14 | B: A19 ..." (row over column; the
// diagonal is 0) into a matrix over cands.
func rkMatrix(t *testing.T, cands []string, s string) [][]int64 {
	t.Helper()
	idx := map[string]int{}
	for i, c := range cands {
		idx[c] = i
	}
	m := make([][]int64, len(cands))
	for i := range m {
		m[i] = make([]int64, len(cands))
	}
	rows := strings.Split(s, "|")
	if len(rows) != len(cands) {
		t.Fatalf("%d rows for %d candidates", len(rows), len(cands))
	}
	for _, row := range rows {
		head, cells, _ := strings.Cut(row, ":")
		a := idx[strings.TrimSpace(head)]
		f := strings.Fields(cells)
		if len(f) != len(cands)-1 {
			t.Fatalf("row %q has %d cells", row, len(f))
		}
		for _, cell := range f {
			v, err := strconv.ParseInt(cell[1:], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			m[a][idx[cell[:1]]] = v
		}
	}
	return m
}

// rkOrder turns "E>A>C>B>D" into a ranking of single groups.
func rkOrder(cands []string, s string) [][]int {
	var r [][]int
	for _, name := range strings.Split(s, ">") {
		r = append(r, []int{slices.Index(cands, name)})
	}
	return r
}

func checkSchulze(t *testing.T, e *Election, d, p [][]int64, ranking [][]int) *Result {
	t.Helper()
	res, err := Schulze(e)
	if err != nil {
		t.Fatal(err)
	}
	n := len(e.Candidates)
	for a := 0; a < n; a++ {
		for b := 0; b < n; b++ {
			if res.Pairwise[a][b] != d[a][b] {
				t.Errorf("d[%s,%s] = %d, want %d", e.Candidates[a], e.Candidates[b], res.Pairwise[a][b], d[a][b])
			}
			if res.Strongest[a][b] != p[a][b] {
				t.Errorf("p[%s,%s] = %d, want %d", e.Candidates[a], e.Candidates[b], res.Strongest[a][b], p[a][b])
			}
		}
	}
	if ranking != nil {
		if !reflect.DeepEqual(res.Ranking, ranking) {
			t.Errorf("ranking %v, want %v", res.Ranking, ranking)
		}
		if !slices.Equal(res.Winners, ranking[0]) || len(res.TieBreaks) != 0 || res.Method != "schulze" {
			t.Errorf("winners %v tie-breaks %v, want %v and none", res.Winners, res.TieBreaks, ranking[0])
		}
	}
	return res
}

// The 45-voter example: M. Schulze, "A new monotonic, clone-independent,
// reversal symmetric, and Condorcet-consistent single-winner election
// method", Social Choice and Welfare 36 (2011) 267–303, and Wikipedia
// "Schulze method" §Example (oldid=800023801). Both matrices are the
// published tables, cell by cell; the winner is E, the order E>A>C>B>D.
func TestSchulze45Voters(t *testing.T) {
	c := []string{"A", "B", "C", "D", "E"}
	e := rkElection(t, c,
		"5,A>C>B>E>D", "5,A>D>E>C>B", "8,B>E>D>A>C", "3,C>A>B>E>D",
		"7,C>A>E>B>D", "2,C>B>A>D>E", "7,D>C>E>B>A", "8,E>B>A>D>C")
	d := rkMatrix(t, c, `A: B20 C26 D30 E22 | B: A25 C16 D33 E18 | C: A19 B29 D17 E24 |
		D: A15 B12 C28 E14 | E: A23 B27 C21 D31`)
	p := rkMatrix(t, c, `A: B28 C28 D30 E24 | B: A25 C28 D33 E24 | C: A25 B29 D29 E24 |
		D: A25 B28 C28 E24 | E: A25 B28 C28 D31`)
	res := checkSchulze(t, e, d, p, rkOrder(c, "E>A>C>B>D"))
	// Each beats this many others: E 4, A 3, C 2, B 1, D 0.
	if want := []int64{3, 1, 2, 0, 4}; !slices.Equal(res.Totals, want) || res.Scale != 1 {
		t.Errorf("totals %v scale %d, want %v 1", res.Totals, res.Scale, want)
	}
}

// Electorama wiki "Schulze method" Example 2 (oldid=70012), as asserted by
// the Rust crate `schulze` (test example2): 30 voters, winner D although
// the pairwise and plurality intuitions point elsewhere.
func TestSchulze30Voters4Candidates(t *testing.T) {
	c := []string{"A", "B", "C", "D"}
	e := rkElection(t, c, "5,A>C>B>D", "2,A>C>D>B", "3,A>D>C>B", "4,B>A>C>D",
		"3,C>B>D>A", "3,C>D>B>A", "1,D>A>C>B", "5,D>B>A>C", "4,D>C>B>A")
	d := rkMatrix(t, c, "A: B11 C20 D14 | B: A19 C9 D12 | C: A10 B21 D17 | D: A16 B18 C13")
	p := rkMatrix(t, c, "A: B20 C20 D17 | B: A19 C19 D17 | C: A19 B21 D17 | D: A18 B18 C18")
	checkSchulze(t, e, d, p, rkOrder(c, "D>A>C>B"))
}

// Electorama Example 3 (same oldid; crate test example3): d[E,D] = 0, so
// a zero count and links from strict wins only are exercised.
func TestSchulze30Voters5Candidates(t *testing.T) {
	c := []string{"A", "B", "C", "D", "E"}
	e := rkElection(t, c, "3,A>B>D>E>C", "5,A>D>E>B>C", "1,A>D>E>C>B", "2,B>A>D>E>C",
		"2,B>D>E>C>A", "4,C>A>B>D>E", "6,C>B>A>D>E", "2,D>B>E>C>A", "5,D>E>C>A>B")
	d := rkMatrix(t, c, `A: B18 C11 D21 E21 | B: A12 C14 D17 E19 | C: A19 B16 D10 E10 |
		D: A9 B13 C20 E30 | E: A9 B11 C20 D0`)
	p := rkMatrix(t, c, `A: B18 C20 D21 E21 | B: A19 C19 D19 E19 | C: A19 B18 D19 E19 |
		D: A19 B18 C20 E30 | E: A19 B18 C20 D19`)
	checkSchulze(t, e, d, p, rkOrder(c, "B>A>D>E>C"))
}

// Electorama Example 4 (crate test example4): 9 voters; the only strict
// Schulze relations are B>C and D>A, so B and D are both potential winners
// and the seeded lot decides, recorded, the same way every time.
func TestSchulze9VotersTie(t *testing.T) {
	c := []string{"A", "B", "C", "D"}
	lines := []string{"3,A>B>C>D", "2,D>A>B>C", "2,D>B>C>A", "2,C>B>D>A"}
	d := rkMatrix(t, c, "A: B5 C5 D3 | B: A4 C7 D5 | C: A4 B2 D5 | D: A6 B4 C4")
	p := rkMatrix(t, c, "A: B5 C5 D5 | B: A5 C7 D5 | C: A5 B5 D5 | D: A6 B5 C5")
	won := map[int]bool{}
	for seed := uint64(0); seed < 40; seed++ {
		e := rkElection(t, c, lines...)
		e.Seed = seed
		res := checkSchulze(t, e, d, p, nil)
		w := res.Winners[0]
		won[w] = true
		rule := "lot (seed " + strconv.FormatUint(seed, 10) + ")"
		want := []TieBreak{{Round: 0, Among: []int{1, 3}, Chosen: []int{w}, Rule: rule}}
		if !reflect.DeepEqual(res.TieBreaks, want) {
			t.Fatalf("seed %d: tie-breaks %+v, want %+v", seed, res.TieBreaks, want)
		}
		other := 4 - w // B(1) <-> D(3)
		if wantR := [][]int{{w}, {other}, {0, 2}}; !reflect.DeepEqual(res.Ranking, wantR) {
			t.Fatalf("seed %d: ranking %v, want %v", seed, res.Ranking, wantR)
		}
		again, _ := Schulze(e)
		if !reflect.DeepEqual(again, res) {
			t.Fatalf("seed %d: the same election tallied twice differs", seed)
		}
	}
	if !won[1] || !won[3] {
		t.Fatalf("over 40 seeds the lot always drew the same winner: %v", won)
	}
}

// Tennessee capital (Wikipedia "Instant-runoff voting" §Example): Nashville
// is the Condorcet winner and the Schulze winner (IRV elects Knoxville, see
// TestIRVTennessee).
func TestSchulzeTennessee(t *testing.T) {
	c := []string{"M", "N", "C", "K"}
	e := rkElection(t, c, "42,M>N>C>K", "26,N>C>K>M", "15,C>K>N>M", "17,K>C>N>M")
	d := rkMatrix(t, c, "M: N42 C42 K42 | N: M58 C68 K68 | C: M58 N32 K83 | K: M58 N32 C17")
	// The order is linear, so nobody has a path back up: p keeps the
	// winning links and is 0 below the diagonal of N>C>K>M.
	p := rkMatrix(t, c, "M: N0 C0 K0 | N: M58 C68 K68 | C: M58 N0 K83 | K: M58 N0 C0")
	checkSchulze(t, e, d, p, rkOrder(c, "N>C>K>M"))
}

// Truncated ballots and `=`: unranked candidates share the last place, so
// a ballot "A" ranks A over everyone and nobody over anyone else.
func TestSchulzeTruncatedAndTied(t *testing.T) {
	c := []string{"A", "B", "C"}
	e := rkElection(t, c, "3,A", "2,B=C>A", "1,", "4,C>B")
	d := rkMatrix(t, c, "A: B3 C3 | B: A6 C0 | C: A6 B4")
	p := rkMatrix(t, c, "A: B0 C0 | B: A6 C0 | C: A6 B4")
	checkSchulze(t, e, d, p, rkOrder(c, "C>B>A"))
}

func TestSchulzeBadInput(t *testing.T) {
	c := []string{"A", "B"}
	for _, e := range []*Election{
		{Candidates: c, Ballots: []Ballot{{Count: -1, Ranks: Rank([][]int{{0}})}}},
		{Candidates: c, Ballots: []Ballot{{Count: 1, Ranks: Rank([][]int{{0}, {2}})}}},
		{Candidates: c, Ballots: []Ballot{{Count: 1, Ranks: Rank([][]int{{0}, {1, 0}})}}},
		{Candidates: nil},
		{Candidates: c, Seats: 2},
	} {
		if _, err := Schulze(e); err == nil {
			t.Errorf("%+v: no error", e)
		}
		if _, err := IRV(e); err == nil {
			t.Errorf("%+v: IRV gave no error", e)
		}
	}
}

func BenchmarkSchulze1M(b *testing.B) {
	e := rkMillion()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Schulze(e); err != nil {
			b.Fatal(err)
		}
	}
}
