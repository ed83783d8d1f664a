package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTallyBadInput checks that every fault of the command line or of the
// ballots exits 1 with one exact message and prints no report.
func TestTallyBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("# a comment\n3,A>B\n2,A>X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, []byte("# nothing but a comment\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.csv")
	approval := tallyFile("approval.csv")
	for _, tc := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"NoMethod", "", []string{"--ballots", "-"},
			"--method is required: one of majority, approval, score, dot, borda, irv, stv, schulze"},
		{"UnknownMethod", "", []string{"--method", "plurality", "--ballots", "-"},
			`unknown --method "plurality": want one of majority, approval, score, dot, borda, irv, stv, schulze`},
		{"NoBallots", "", []string{"--method", "irv"},
			"--ballots is required: a ballot file, or - for standard input"},
		{"Positional", "", []string{"--method", "irv", "ballots.csv"},
			`unexpected argument "ballots.csv": give the file with --ballots`},
		{"DotsWithIRV", "", []string{"--method", "irv", "--dots", "3", "--ballots", "-"},
			"--dots does not apply to --method irv (it is for dot)"},
		{"SeatsWithSchulze", "", []string{"--method", "schulze", "--seats", "2", "--ballots", "-"},
			"--seats does not apply to --method schulze (it is for approval, score, dot, borda, stv)"},
		{"ThresholdWithApproval", "", []string{"--method", "approval", "--threshold", "50%", "--ballots", "-"},
			"--threshold does not apply to --method approval (it is for majority)"},
		{"ScoreRangeWithDot", "", []string{"--method", "dot", "--score-range", "0-5", "--ballots", "-"},
			"--score-range does not apply to --method dot (it is for score)"},
		{"RulesWithIRV", "", []string{"--method", "irv", "--stv-rules", "wigm", "--ballots", "-"},
			"--stv-rules does not apply to --method irv (it is for stv)"},
		{"QuorumWithBorda", "", []string{"--method", "borda", "--quorum", "3", "--ballots", "-"},
			"--quorum does not apply to --method borda (it is for majority)"},
		{"BadRules", "", []string{"--method", "stv", "--stv-rules", "droop", "--ballots", "-"},
			`--stv-rules "droop": want meek or wigm`},
		{"BadFormat", "", []string{"--method", "irv", "--format", "xml", "--ballots", "-"},
			`--format "xml": want text or json`},
		{"SeatsZero", "", []string{"--method", "approval", "--seats", "0", "--ballots", "-"},
			"--seats must be at least 1, got 0"},
		{"NegativeDots", "", []string{"--method", "dot", "--dots", "-1", "--ballots", "-"},
			"--dots must be 0 (no limit) or more, got -1"},
		{"NegativeQuorum", "", []string{"--method", "majority", "--quorum", "-1", "--ballots", "-"},
			"--quorum must be 0 (none) or more, got -1"},
		{"ScoreRangeWords", "", []string{"--method", "score", "--score-range", "low-high", "--ballots", "-"},
			`--score-range "low-high": want MIN-MAX in whole numbers, e.g. 0-5`},
		{"ScoreRangeBackwards", "", []string{"--method", "score", "--score-range", "5-0", "--ballots", "-"},
			"--score-range 5-0: MIN must be below MAX"},
		{"ThresholdWords", "", []string{"--method", "majority", "--threshold", "half", "--ballots", "-"},
			`--threshold "half": want a share such as 50%, 2/3 or 66.7% (>= before it for "at least")`},
		{"ThresholdBare", "", []string{"--method", "majority", "--threshold", "50", "--ballots", "-"},
			`--threshold "50": want a share such as 50%, 2/3 or 66.7% (>= before it for "at least")`},
		{"ThresholdOver", "", []string{"--method", "majority", "--threshold", "150%", "--ballots", "-"},
			`--threshold "150%": a share cannot be more than the whole (100%)`},
		{"ThresholdZeroDen", "", []string{"--method", "majority", "--threshold", "2/0", "--ballots", "-"},
			`--threshold "2/0": the denominator is 0`},
		{"CandidatesEmpty", "", []string{"--method", "irv", "--candidates", "A,,B", "--ballots", "-"},
			`--candidates: empty name in "A,,B"`},
		{"CandidatesTwice", "", []string{"--method", "irv", "--candidates", "A,B,A", "--ballots", "-"},
			`--candidates: "A" listed twice`},
		{"CandidatesBadName", "", []string{"--method", "irv", "--candidates", "A>B,C", "--ballots", "-"},
			`--candidates: name "A>B" may not contain ; > or =`},
		{"MissingFile", "", []string{"--method", "irv", "--ballots", missing},
			"cannot read the ballots: open " + missing + ": no such file or directory"},
		{"UnknownCandidateInFile", "", []string{"--method", "irv", "--candidates", "A,B", "--ballots", bad},
			bad + `: line 3: unknown candidate "X"`},
		{"EmptyFile", "", []string{"--method", "irv", "--ballots", empty},
			empty + ": no ballots"},
		{"RepeatedCandidate", "1,A>B\n2,A>B>A\n", []string{"--method", "borda", "--ballots", "-"},
			`standard input: line 2: repeated candidate "A"`},
		{"NegativeCount", "-2,A>B\n", []string{"--method", "schulze", "--ballots", "-"},
			"standard input: line 1: count must be positive, got -2"},
		{"FractionalCount", "1.5,A\n", []string{"--method", "majority", "--ballots", "-"},
			`standard input: line 1: count "1.5" is not a whole number`},
		{"ScoreOutOfRange", "1,A=3;B=6\n", []string{"--method", "score", "--score-range", "0-5", "--ballots", "-"},
			`standard input: line 1: score 6 for "B" is outside the range 0-5`},
		{"TooManyDots", "1,A=3;B=3\n1,A=4;B=3\n", []string{"--method", "dot", "--dots", "6", "--ballots", "-"},
			"standard input: line 2: more dots than the 6 allowed"},
		{"RankedInApproval", "1,A>B\n", []string{"--method", "approval", "--ballots", "-"},
			`standard input: line 1: unexpected ">" in approval ballot`},
		{"TwoChoicesInMajority", "1,A;B\n", []string{"--method", "majority", "--ballots", "-"},
			`standard input: line 1: a majority ballot names exactly one candidate, got "A;B"`},
		{"STVEqualRanks", "2,A>B\n# a comment\n1,A=B>C\n", []string{"--method", "stv", "--seats", "2", "--ballots", "-"},
			`standard input: line 3: "A=B>C" ranks candidates equal; this method needs a strict order (use > only)`},
		{"SignedCount", "+3,A\n", []string{"--method", "majority", "--ballots", "-"},
			`standard input: line 1: count "+3": write it with digits only`},
		{"Chambers", "3,A>B\n2,B>A,staff\n", []string{"--method", "irv", "--ballots", "-"},
			`standard input: ballots name a chamber ("staff", a third field); tally counts one body of voters: split the file by chamber`},
		{"MoreSeatsThanCandidates", "", []string{"--method", "approval", "--seats", "5", "--ballots", approval},
			"--seats 5 is more than the 4 candidates the ballots name (Ann, Ben, Cat, Dan); list every candidate with --candidates"},
		{"MoreSeatsThanListed", "1,A\n", []string{"--method", "stv", "--seats", "2", "--candidates", "A", "--ballots", "-"},
			"--seats 2 is more than the 1 candidate (A)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.stdin, append([]string{"tally"}, tc.args...)...)
			if want := "commonground tally: " + tc.want + "\n"; code != 1 || errOut != want || out != "" {
				t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, errOut, want)
			}
		})
	}
}

// TestTallyNumbers checks how exact counts are written, and the flag values.
func TestTallyNumbers(t *testing.T) {
	for _, tc := range []struct {
		v, scale   int64
		json, text string
	}{
		{42, 1, "42", "42"},
		{0, 1, "0", "0"},
		{18800000001, 1_000_000_000, "18.800000001", "18.800000001"},
		{33_000_000_000, 1_000_000_000, "33", "33.000000000"},
		{1_945_454, 100_000, "19.45454", "19.45454"},
		{19, 2, "9.5", "9 1/2"},
		{20, 6, "3.333333333", "3 1/3"},
		{5, 6, "0.833333333", "5/6"},
		{4, 6, "0.666666667", "2/3"},
		{3, 6, "0.5", "1/2"},
	} {
		if got := tallyJSONNumber(tc.v, tc.scale); string(got) != tc.json {
			t.Errorf("json %d/%d = %s, want %s", tc.v, tc.scale, got, tc.json)
		}
		if got := tallyText(tc.v, tc.scale); got != tc.text {
			t.Errorf("text %d/%d = %s, want %s", tc.v, tc.scale, got, tc.text)
		}
	}
	for _, tc := range []struct {
		in       string
		num, den int64
		atLeast  bool
	}{
		{"50%", 1, 2, false}, {"66.7%", 667, 1000, false}, {"2/3", 2, 3, false}, {">= 2/3", 2, 3, true},
		{">=60%", 3, 5, true}, {"100%", 1, 1, false}, {"0%", 0, 1, false}, {"12.5 %", 1, 8, false},
	} {
		num, den, atLeast, err := tallyThreshold(tc.in)
		if err != nil || num != tc.num || den != tc.den || atLeast != tc.atLeast {
			t.Errorf("%q: %d/%d at least %v, %v; want %d/%d %v", tc.in, num, den, atLeast, err, tc.num, tc.den, tc.atLeast)
		}
	}
	for _, tc := range []struct {
		in     string
		lo, hi int64
	}{{"0-5", 0, 5}, {"1-10", 1, 10}, {"-2-2", -2, 2}, {"-5--1", -5, -1}, {" 0 - 9 ", 0, 9}} {
		lo, hi, err := tallyScoreRange(tc.in)
		if err != nil || lo != tc.lo || hi != tc.hi {
			t.Errorf("%q: %d-%d %v; want %d-%d", tc.in, lo, hi, err, tc.lo, tc.hi)
		}
	}
}
