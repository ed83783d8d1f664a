package assign

import (
	"errors"
	"strings"
	"testing"
)

func TestParseScore(t *testing.T) {
	for in, want := range map[string]int64{
		"1": 1_000_000, "0.5": 500_000, "-2.25": -2_250_000, "+3": 3_000_000, ".000001": 1,
		"0.0000005": 1, "-0.0000005": -1, "0.00000049": 0, "1e-3": 1000, "2.5E1": 25_000_000,
		"123456789012.123456": 123456789012_123456,
	} {
		got, err := ParseScore(in)
		if err != nil || got != want {
			t.Errorf("ParseScore(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{
		"abc": `score "abc" is not a number`, "1/3": `score "1/3" is not a number`, "Inf": `score "Inf" is not finite`,
		"NaN": `score "NaN" is not finite`, "0x10": `score "0x10" is not a number`, "1e30": `score "1e30" is too large`,
	} {
		if _, err := ParseScore(in); err == nil || err.Error() != msg {
			t.Errorf("ParseScore(%q): %v, want %q", in, err, msg)
		}
	}
}

func TestParseProblem(t *testing.T) {
	caps := "mentor,capacity\nAda,2\nBo,1\n"
	scores := "mentee,mentor,score\nx,Ada,0.9\ny,Ada,0.8\ny,Bo,0.7\n\nz,Bo,-0.1\n"
	p, err := ParseProblem(strings.NewReader(scores), strings.NewReader(caps),
		strings.NewReader("mentee,mentor\nz,Bo\n"), strings.NewReader("Mentee , Mentor\nx,Ada\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.Mentees, ",") != "x,y,z" || strings.Join(p.Mentors, ",") != "Ada,Bo" || len(p.Pairs) != 4 ||
		p.Pairs[3].Score != -100_000 || p.Fixed[0] != [2]int{2, 1} || p.Forbidden[0] != [2]int{0, 0} {
		t.Fatalf("%+v", p)
	}
	sol, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	// z is fixed to Bo (-0.1), x may not have Ada, so y takes Ada (0.8)
	if sol.Total != 700_000 || sol.Assign[0] != -1 || sol.Assign[1] != 0 || sol.Assign[2] != 1 {
		t.Fatalf("solution %+v", sol)
	}

	for _, tc := range []struct {
		name, scores, caps, fixed, forbid, want string
	}{
		{"CapacityZero", scores, "mentor,capacity\nAda,0\n", "", "", `capacities: line 2: capacity "0" of "Ada": want a whole number of at least 1`},
		{"CapacityWord", scores, "mentor,capacity\nAda,two\n", "", "", `capacities: line 2: capacity "two" of "Ada": want a whole number of at least 1`},
		{"MentorTwice", scores, "mentor,capacity\nAda,1\nAda,2\n", "", "", `capacities: line 3: mentor "Ada" is listed twice`},
		{"BadHeader", scores, "name,capacity\nAda,1\n", "", "", `capacities: line 1: header "name,capacity": want mentor,capacity`},
		{"EmptyCaps", scores, "", "", "", `capacities: empty file: want the header mentor,capacity`},
		{"UnknownMentor", "mentee,mentor,score\nx,Cy,1\n", caps, "", "", `scores: line 2: unknown mentor "Cy" (not in the capacities file)`},
		{"BadScore", "mentee,mentor,score\nx,Ada,high\n", caps, "", "", `scores: line 2: score "high" is not a number`},
		{"InfScore", "mentee,mentor,score\nx,Ada,inf\n", caps, "", "", `scores: line 2: score "inf" is not finite`},
		{"DuplicatePair", "mentee,mentor,score\nx,Ada,1\n\nx,Ada,2\n", caps, "", "", `scores: line 4: the pair x,Ada is listed twice (first on line 2)`},
		{"MissingField", "mentee,mentor,score\nx,Ada\n", caps, "", "", `scores: line 2: want 3 fields (mentee,mentor,score), got 2`},
		{"EmptyScore", "mentee,mentor,score\nx,Ada, \n", caps, "", "", `scores: line 2: empty score`},
		{"NoPairs", "mentee,mentor,score\n", caps, "", "", `scores: no pairs`},
		{"FixedUnknown", scores, caps, "mentee,mentor\nq,Ada\n", "", `fixed: line 2: unknown mentee "q" (not in the scores file)`},
		{"FixedUnscored", scores, caps, "mentee,mentor\nx,Bo\n", "", `fixed: line 2: the pair x,Bo has no score (only scored pairs can be fixed)`},
		{"FixedTwice", scores, caps, "mentee,mentor\ny,Ada\n\ny,Bo\n", "", `fixed: line 4: mentee "y" is fixed twice`},
		{"FixedOverCapacity", scores, caps, "mentee,mentor\ny,Bo\nz,Bo\n", "", `fixed: line 3: mentor "Bo" gets more fixed mentees than its capacity of 1`},
		{"FixedForbidden", scores, caps, "mentee,mentor\ny,Bo\n", "mentee,mentor\ny,Bo\n", `fixed: line 2: the pair y,Bo is also forbidden`},
		{"ForbidUnknown", scores, caps, "", "mentee,mentor\nx,Zed\n", `forbid: line 2: unknown mentor "Zed" (not in the capacities file)`},
		{"BadQuote", "mentee,mentor,score\n\"x,Ada,1\n", caps, "", "", `scores: line 2: extraneous or missing " in quoted-field`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fixed, forbid *strings.Reader
			if tc.fixed != "" {
				fixed = strings.NewReader(tc.fixed)
			}
			if tc.forbid != "" {
				forbid = strings.NewReader(tc.forbid)
			}
			p, err := ParseProblem(strings.NewReader(tc.scores), strings.NewReader(tc.caps), orNil(fixed), orNil(forbid))
			var fe *FileError
			if p != nil || !errors.As(err, &fe) || err.Error() != tc.want {
				t.Fatalf("got %v, %v; want %q", p, err, tc.want)
			}
		})
	}
}

// orNil keeps a nil *strings.Reader from becoming a non-nil io.Reader.
func orNil(r *strings.Reader) interface {
	Read([]byte) (int, error)
} {
	if r == nil {
		return nil
	}
	return r
}

func TestScoresTooLargeInTotal(t *testing.T) {
	p := &Problem{Mentees: []string{"a", "b", "c", "d", "e"}, Mentors: []string{"m"}, Capacity: []int{5}}
	for i := range 5 {
		p.Pairs = append(p.Pairs, Pair{Mentee: i, Mentor: 0, Score: 1 << 60})
	}
	if _, err := Solve(p); err == nil || err.Error() != "assign: the scores are too large in total: each mentee's best score, added up, must stay under 2305843009213" {
		t.Fatalf("got %v", err)
	}
}
