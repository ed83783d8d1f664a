package vote

import (
	"reflect"
	"testing"
)

func TestChambers(t *testing.T) {
	majority := func(e *Election) (*Result, error) { return Majority(e, MajorityOptions{}) }
	opts := ParseOptions{Candidates: []string{"yes", "no"}}
	cases := []struct {
		name    string
		in      string
		method  func(*Election) (*Result, error)
		passed  bool
		winners map[string][]int
	}{
		// house: yes 3 of 4; senate: yes 2 of 3. Both pass with "yes".
		{"OK both pass", "3,yes,house\n1,no,house\n2,yes,senate\n1,no,senate\n", majority, true,
			map[string][]int{"house": {0}, "senate": {0}}},
		// senate carries "no": both chambers decided, but not the same way.
		{"OK chambers disagree", "3,yes,house\n1,no,house\n1,yes,senate\n2,no,senate\n", majority, false,
			map[string][]int{"house": {0}, "senate": {1}}},
		// senate splits 1–1: exactly half, no majority, so not passed.
		{"OK one chamber fails", "3,yes,house\n1,no,house\n1,yes,senate\n1,no,senate\n", majority, false,
			map[string][]int{"house": {0}, "senate": nil}},
		// One chamber only (no chamber field): it is the "" chamber.
		{"OK one chamber", "3,yes\n1,no\n", majority, true, map[string][]int{"": {0}}},
		{"OK approval agrees", "3,yes,a\n1,no,a\n2,yes,b\n", func(e *Election) (*Result, error) { return Approval(e) }, true,
			map[string][]int{"a": {0}, "b": {0}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kind := KindSingle
			e := parseOK(t, tc.in, kind, opts)
			rs, passed, err := Chambers(e, tc.method)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]int{}
			for k, r := range rs {
				got[k] = r.Winners
			}
			if passed != tc.passed || !reflect.DeepEqual(got, tc.winners) {
				t.Fatalf("passed %v winners %v", passed, got)
			}
		})
	}
	t.Run("ErrChamber", func(t *testing.T) {
		e := parseOK(t, "1,yes,a\n", KindSingle, ParseOptions{})
		e.Seats = 5
		_, _, err := Chambers(e, func(e *Election) (*Result, error) { return Approval(e) })
		if err == nil || err.Error() != `chamber "a": approval: 5 seats but only 1 candidates` {
			t.Fatalf("error %v", err)
		}
	})
}
