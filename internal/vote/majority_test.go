package vote

import (
	"reflect"
	"strings"
	"testing"
)

func TestMajority(t *testing.T) {
	yn := func(yes, no string) string { return yes + ",yes\n" + no + ",no\n" }
	cases := []struct {
		name    string
		ballots string
		opts    MajorityOptions
		winners []int
		passed  bool
		quota   int64
		note    string
	}{
		// 7 of 12: more than half needs floor(12/2)+1 = 7.
		{"OK more than half", yn("7", "5"), MajorityOptions{}, []int{0}, true, 7,
			`"yes" has 7 of 12 valid votes, more than 1/2 (7 needed)`},
		// 6 of 12 is exactly half, which is not more than half.
		{"OK exactly half fails", yn("6", "6"), MajorityOptions{}, nil, false, 7,
			"no option has more than 1/2 of 12 valid votes (7 needed); the most is 6"},
		{"OK no carries", yn("3", "9"), MajorityOptions{}, []int{1}, true, 7,
			`"no" has 9 of 12 valid votes, more than 1/2 (7 needed)`},
		// Quorum counts ballots cast: 12 meets 12 but not 13.
		{"OK quorum met at its edge", yn("7", "5"), MajorityOptions{Quorum: 12}, []int{0}, true, 7,
			`"yes" has 7 of 12 valid votes, more than 1/2 (7 needed); quorum 12 met`},
		{"OK quorum unmet", yn("12", "0"), MajorityOptions{Quorum: 13}, nil, false, 7,
			"quorum not met: 12 ballots cast, 13 needed"},
		// At least two thirds of 12 = 8: 8 passes, 7 does not.
		{"OK at least two thirds", yn("8", "4"), MajorityOptions{ThresholdNum: 2, ThresholdDen: 3, AtLeast: true}, []int{0}, true, 8,
			`"yes" has 8 of 12 valid votes, at least 2/3 (8 needed)`},
		{"OK under two thirds", yn("7", "5"), MajorityOptions{ThresholdNum: 2, ThresholdDen: 3, AtLeast: true}, nil, false, 8,
			"no option has at least 2/3 of 12 valid votes (8 needed); the most is 7"},
		// More than two thirds of 12 needs 9.
		{"OK more than two thirds", yn("8", "4"), MajorityOptions{ThresholdNum: 2, ThresholdDen: 3}, nil, false, 9,
			"no option has more than 2/3 of 12 valid votes (9 needed); the most is 8"},
		// A threshold that does not divide: more than 1/2 of 7 needs 4.
		{"OK odd electorate", "4,A\n2,B\n1,C\n", MajorityOptions{}, []int{0}, true, 4,
			`"A" has 4 of 7 valid votes, more than 1/2 (4 needed)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := parseOK(t, strings.ReplaceAll(tc.ballots, "0,no\n", ""), KindSingle, ParseOptions{Candidates: majorityCandidates(tc.ballots)})
			r, err := Majority(e, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Winners, tc.winners) || *r.Passed != tc.passed || r.Quota != tc.quota || r.Note != tc.note {
				t.Fatalf("winners %v passed %v quota %d note %q", r.Winners, *r.Passed, r.Quota, r.Note)
			}
			if r.Method != "majority" || r.Scale != 1 || len(r.TieBreaks) != 0 {
				t.Fatalf("%+v", r)
			}
		})
	}
	t.Run("OK tie for the lead under a low threshold goes to the lot", func(t *testing.T) {
		// More than 1/3 of 12 needs 5; A and B both have 5.
		e := parseOK(t, "5,A\n5,B\n2,C\n", KindSingle, ParseOptions{Seed: 42})
		r, err := Majority(e, MajorityOptions{ThresholdNum: 1, ThresholdDen: 3})
		if err != nil {
			t.Fatal(err)
		}
		w := NewLot(3, 42).First([]int{0, 1})
		want := []TieBreak{{Among: []int{0, 1}, Chosen: []int{w}, Rule: "lot (seed 42)"}}
		if !reflect.DeepEqual(r.TieBreaks, want) || !reflect.DeepEqual(r.Winners, []int{w}) {
			t.Fatalf("tie-breaks %+v winners %v", r.TieBreaks, r.Winners)
		}
		if !reflect.DeepEqual(r.Ranking, [][]int{{0, 1}, {2}}) || !reflect.DeepEqual(r.Totals, []int64{5, 5, 2}) {
			t.Fatalf("ranking %v totals %v", r.Ranking, r.Totals)
		}
	})
	t.Run("ErrThreshold", func(t *testing.T) {
		e := parseOK(t, "1,A\n", KindSingle, ParseOptions{})
		if _, err := Majority(e, MajorityOptions{ThresholdNum: 3, ThresholdDen: 2}); err == nil || err.Error() != "majority: threshold 3/2 is not a share between 0 and 1" {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("ErrTwoChoices", func(t *testing.T) {
		e := &Election{Candidates: []string{"A", "B"}, Ballots: []Ballot{{Count: 1, Marks: []Mark{{0, 1}, {1, 1}}}}}
		if _, err := Majority(e, MajorityOptions{}); err == nil || err.Error() != "majority: ballot 1 has 2 choices, want 1" {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("ErrBadCount", func(t *testing.T) {
		e := &Election{Candidates: []string{"A"}, Ballots: []Ballot{{Count: 0, Marks: []Mark{{0, 1}}}}}
		if _, err := Majority(e, MajorityOptions{}); err == nil || err.Error() != "majority: ballot 1 has count 0" {
			t.Fatalf("error %v", err)
		}
	})
}

// majorityCandidates lists the names of a single-choice file in first-seen order
// (so a 0-count line still declares its option).
func majorityCandidates(in string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(in), "\n") {
		_, name, _ := strings.Cut(l, ",")
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}
