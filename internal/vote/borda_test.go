package vote

import (
	"reflect"
	"testing"
)

const bordaTennessee = `42,Memphis>Nashville>Chattanooga>Knoxville
26,Nashville>Chattanooga>Knoxville>Memphis
15,Chattanooga>Knoxville>Nashville>Memphis
17,Knoxville>Chattanooga>Nashville>Memphis
`

const bordaSchulze45 = `5,A>C>B>E>D
5,A>D>E>C>B
8,B>E>D>A>C
3,C>A>B>E>D
7,C>A>E>B>D
2,C>B>A>D>E
7,D>C>E>B>A
8,E>B>A>D>C
`

func TestBorda(t *testing.T) {
	cases := []struct {
		name    string
		in      string
		opts    ParseOptions
		totals  []int64 // doubled points (Scale 2)
		ranking [][]int
	}{
		// Tennessee capital (Wikipedia "Borda count", n-1..0 points):
		// Nashville 194, Chattanooga 173, Memphis 126, Knoxville 107.
		// E.g. Nashville = 42×2 + 26×3 + 15×1 + 17×1 = 194.
		{"OK Tennessee", bordaTennessee, ParseOptions{},
			[]int64{2 * 126, 2 * 194, 2 * 173, 2 * 107}, [][]int{{1}, {2}, {0}, {3}}},
		// Schulze's 45 voters: E 102, A 98, B 92, C 89, D 69 (testdata README §1a).
		{"OK 45 voters", bordaSchulze45, ParseOptions{Candidates: []string{"A", "B", "C", "D", "E"}},
			[]int64{2 * 98, 2 * 92, 2 * 89, 2 * 69, 2 * 102}, [][]int{{4}, {0}, {1}, {2}, {3}}},
		// Ties and truncation share the average of their places (README §5):
		// 2,A>B=C: A 3, B and C share places 2–3 → 1.5 each, D 0;
		// 1,C: C 3, A, B, D share the rest → 1 each;
		// 1,B>A: B 3, A 2, C and D share the last two → 0.5 each.
		// A 2×3+1+2 = 9, B 2×1.5+1+3 = 7, C 2×1.5+3+0.5 = 6.5, D 0+1+0.5 = 1.5.
		{"OK ties and truncation", "2,A>B=C\n1,C\n1,B>A\n", ParseOptions{Candidates: []string{"A", "B", "C", "D"}},
			[]int64{18, 14, 13, 3}, [][]int{{0}, {1}, {2}, {3}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Borda(parseOK(t, tc.in, KindRanked, tc.opts))
			if err != nil {
				t.Fatal(err)
			}
			if r.Scale != 2 || r.Method != "borda" || !reflect.DeepEqual(r.Totals, tc.totals) ||
				!reflect.DeepEqual(r.Ranking, tc.ranking) || !reflect.DeepEqual(r.Winners, tc.ranking[0]) || len(r.TieBreaks) != 0 {
				t.Fatalf("%+v", r)
			}
		})
	}
	t.Run("OK every ballot hands out n(n-1)/2 points", func(t *testing.T) {
		r, err := Borda(parseOK(t, "1,A\n1,B=C=D\n1,D>A=B\n", KindRanked, ParseOptions{Candidates: []string{"A", "B", "C", "D", "E"}}))
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, v := range r.Totals {
			sum += v
		}
		if sum != 3*2*10 { // 3 ballots × 10 points, doubled
			t.Fatalf("doubled points %d (%v)", sum, r.Totals)
		}
	})
	t.Run("OK tie by lot", func(t *testing.T) {
		r, err := Borda(parseOK(t, "1,A>B\n1,B>A\n", KindRanked, ParseOptions{Seed: 3}))
		if err != nil {
			t.Fatal(err)
		}
		w := NewLot(2, 3).First([]int{0, 1})
		if !reflect.DeepEqual(r.Ranking, [][]int{{0, 1}}) || !reflect.DeepEqual(r.Winners, []int{w}) ||
			!reflect.DeepEqual(r.TieBreaks, []TieBreak{{Among: []int{0, 1}, Chosen: []int{w}, Rule: "lot (seed 3)"}}) {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("ErrRepeated", func(t *testing.T) {
		e := &Election{Candidates: []string{"A", "B"}, Ballots: []Ballot{{Count: 1, Ranks: Rank([][]int{{0}, {0}})}}}
		if _, err := Borda(e); err == nil || err.Error() != `borda: ballot 1 ranks "A" twice` {
			t.Fatalf("error %v", err)
		}
	})
}
