package vote

import (
	"reflect"
	"testing"
)

func TestApproval(t *testing.T) {
	// A: 3 (first line); B: 3+2 = 5; C: 2+1 = 3 ("2,B;C" and "1,C").
	// B wins; A and C tie for second.
	in := "3,A;B\n2,B;C\n1,C\n"
	t.Run("OK", func(t *testing.T) {
		r, err := Approval(parseOK(t, in, KindApproval, ParseOptions{}))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Totals, []int64{3, 5, 3}) || !reflect.DeepEqual(r.Winners, []int{1}) ||
			!reflect.DeepEqual(r.Ranking, [][]int{{1}, {0, 2}}) || len(r.TieBreaks) != 0 || r.Method != "approval" {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("OK two seats, the second by lot", func(t *testing.T) {
		r, err := Approval(parseOK(t, in, KindApproval, ParseOptions{Seats: 2, Seed: 5}))
		if err != nil {
			t.Fatal(err)
		}
		w := NewLot(3, 5).First([]int{0, 2})
		if !reflect.DeepEqual(r.Winners, []int{1, w}) ||
			!reflect.DeepEqual(r.TieBreaks, []TieBreak{{Among: []int{0, 2}, Chosen: []int{w}, Rule: "lot (seed 5)"}}) {
			t.Fatalf("winners %v tie-breaks %+v", r.Winners, r.TieBreaks)
		}
	})
	t.Run("ErrTooManySeats", func(t *testing.T) {
		_, err := Approval(parseOK(t, in, KindApproval, ParseOptions{Seats: 4}))
		if err == nil || err.Error() != "approval: 4 seats but only 3 candidates" {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("ErrValue", func(t *testing.T) {
		e := &Election{Candidates: []string{"A"}, Ballots: []Ballot{{Count: 1, Marks: []Mark{{0, 2}}}}}
		if _, err := Approval(e); err == nil || err.Error() != `approval: ballot 1 gives "A" value 2, want 1` {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("ErrCandidateOutOfRange", func(t *testing.T) {
		e := &Election{Candidates: []string{"A"}, Ballots: []Ballot{{Count: 1, Marks: []Mark{{3, 1}}}}}
		if _, err := Approval(e); err == nil || err.Error() != "approval: ballot 1 marks candidate 3 of 1" {
			t.Fatalf("error %v", err)
		}
	})
}
