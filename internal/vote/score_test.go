package vote

import (
	"reflect"
	"testing"
)

func TestScore(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		// A: 2×5 + 1×1 = 11 over 3 ballots (mean 11/3);
		// B: 2×3 + 1×4 + 1×5 = 15 over 4 ballots (mean 15/4).
		e := parseOK(t, "2,A=5;B=3\n1,A=1;B=4\n1,B=5\n", KindScored, ParseOptions{ScoreMin: 0, ScoreMax: 5})
		r, err := Score(e)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Totals, []int64{11, 15}) || !reflect.DeepEqual(r.Winners, []int{1}) ||
			!reflect.DeepEqual(r.Ranking, [][]int{{1}, {0}}) || r.Method != "score" {
			t.Fatalf("%+v", r)
		}
		if want := `means: "B" 15/4 (4 ballots); "A" 11/3 (3 ballots)`; r.Note != want {
			t.Fatalf("note %q, want %q", r.Note, want)
		}
	})
	t.Run("OK whole mean and unscored candidate", func(t *testing.T) {
		e := parseOK(t, "2,A=4\n", KindScored, ParseOptions{Candidates: []string{"A", "B"}})
		r, err := Score(e)
		if err != nil {
			t.Fatal(err)
		}
		if want := `means: "A" 4 (2 ballots); "B" none (no ballots)`; r.Note != want {
			t.Fatalf("note %q", r.Note)
		}
	})
	t.Run("OK tie by lot", func(t *testing.T) {
		e := parseOK(t, "1,A=2;B=1\n1,A=1;B=2\n", KindScored, ParseOptions{Seed: 9})
		r, err := Score(e)
		if err != nil {
			t.Fatal(err)
		}
		w := NewLot(2, 9).First([]int{0, 1})
		if !reflect.DeepEqual(r.Winners, []int{w}) || !reflect.DeepEqual(r.Ranking, [][]int{{0, 1}}) ||
			!reflect.DeepEqual(r.TieBreaks, []TieBreak{{Among: []int{0, 1}, Chosen: []int{w}, Rule: "lot (seed 9)"}}) {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("ErrOverflow", func(t *testing.T) {
		e := &Election{Candidates: []string{"A"}, Ballots: []Ballot{{Count: 1 << 62, Marks: []Mark{{0, 4}}}}}
		if _, err := Score(e); err == nil || err.Error() != `score: the total of "A" overflows` {
			t.Fatalf("error %v", err)
		}
	})
}

func TestDot(t *testing.T) {
	in := "2,A=2;B=1\n1,C=3\n"
	t.Run("OK", func(t *testing.T) {
		// A 2×2 = 4, B 2×1 = 2, C 3.
		r, err := Dot(parseOK(t, in, KindScored, ParseOptions{MaxDots: 3}), 3)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Totals, []int64{4, 2, 3}) || !reflect.DeepEqual(r.Winners, []int{0}) ||
			!reflect.DeepEqual(r.Ranking, [][]int{{0}, {2}, {1}}) || r.Method != "dot" {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("ErrTooManyDots", func(t *testing.T) {
		_, err := Dot(parseOK(t, in, KindScored, ParseOptions{}), 2)
		if err == nil || err.Error() != "dot: ballot 1 gives more than the 2 dots allowed" {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("ErrNegativeDots", func(t *testing.T) {
		_, err := Dot(parseOK(t, "1,A=-1\n", KindScored, ParseOptions{}), 0)
		if err == nil || err.Error() != `dot: ballot 1 gives "A" negative dots` {
			t.Fatalf("error %v", err)
		}
	})
}
