package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"commonground/internal/assign"
)

// The golden files under testdata/match/golden are the reports as they
// stand (rewrite them with: go test ./cmd/commonground -run MatchGolden
// -update, then read the diff). They only catch changes: every total is
// checked apart from them, by brute force on the small program here and
// against scipy's optima (internal/assign/testdata/lsa) for the engine's
// golden instances, and every answer's prices are checked to prove it, so
// a wrong golden written by -update cannot pass.

func matchFile(name string) string { return filepath.Join("testdata", "match", name) }

// matchLSA is where the engine's scipy-checked instances live.
var matchLSA = filepath.Join("..", "..", "internal", "assign", "testdata", "lsa")

var matchProgram = []string{"--scores", matchFile("scores.csv"), "--capacities", matchFile("capacities.csv")}

var matchGoldenCases = []struct {
	name string // testdata/match/golden/NAME.txt and .json
	args []string
	text []string // lines the text report must hold
}{
	{"program", matchProgram, []string{"Total score:  3.948624\n", "Matched:      7 of 8 mentees\n",
		"Certified optimal: dual prices prove no other assignment scores higher.\n", "  Femi    Ngozi Adeyemi   0.333334\n",
		"Unmatched (1)\n  Hugo\n\nMentors"}},
	{"program-fixed", append(slices.Clone(matchProgram), "--fixed", matchFile("fixed.csv"), "--forbid", matchFile("forbid.csv")),
		[]string{"Fixed:        1 pair (testdata/match/fixed.csv)\n", "Forbidden:    1 pair (testdata/match/forbid.csv)\n", "Total score:  3.508926\n", "  Hugo    Lars Berg, Sr.      -0.1  fixed\n"}},
	{"t07", []string{"--scores", filepath.Join(matchLSA, "t07_fixed_negative", "scores.csv"), "--capacities",
		filepath.Join(matchLSA, "t07_fixed_negative", "capacities.csv"), "--fixed", filepath.Join(matchLSA, "t07_fixed_negative", "fixed.csv")},
		[]string{"Total score:  -0.199086\n", "Unmatched (0)\n  none\n"}},
}

func TestMatchGolden(t *testing.T) {
	for _, tc := range matchGoldenCases {
		t.Run(tc.name, func(t *testing.T) {
			for _, format := range []string{"text", "json"} {
				out := matchRun(t, append([]string{"--format", format}, tc.args...)...)
				golden := matchFile(filepath.Join("golden", tc.name) + map[string]string{"text": ".txt", "json": ".json"}[format])
				checkGolden(t, golden, out, "MatchGolden")
				for _, line := range tc.text {
					if format == "text" && !strings.Contains(out, line) {
						t.Errorf("text lacks %q:\n%s", line, out)
					}
				}
			}
		})
	}
}

// The small program, worked by brute force over every assignment: the
// printed totals are the optima with and without the fixed and forbidden
// pairs, and each answer proves itself.
func TestMatchProgramByBruteForce(t *testing.T) {
	for _, extra := range [][]string{nil, {"--fixed", matchFile("fixed.csv"), "--forbid", matchFile("forbid.csv")}} {
		args := append(slices.Clone(matchProgram), extra...)
		in := matchReadInstance(t, args)
		doc := matchCheck(t, in, matchRun(t, append(args, "--format", "json")...))
		if best := in.bruteForce(); doc.total != best {
			t.Errorf("%v: total %d micro-units, brute force finds %d", extra, doc.total, best)
		}
	}
}

// Every scipy-checked instance of the engine, through the command: the
// total is scipy's optimum to the micro-unit, the number matched is one an
// optimum can have, and the printed prices prove the answer.
func TestMatchLSAGoldens(t *testing.T) {
	dirs, err := os.ReadDir(matchLSA)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		n++
		t.Run(d.Name(), func(t *testing.T) {
			dir := filepath.Join(matchLSA, d.Name())
			args := []string{"--scores", filepath.Join(dir, "scores.csv"), "--capacities", filepath.Join(dir, "capacities.csv")}
			for _, f := range []string{"fixed", "forbid"} {
				if _, err := os.Stat(filepath.Join(dir, f+".csv")); err == nil {
					args = append(args, "--"+f, filepath.Join(dir, f+".csv"))
				}
			}
			var golden struct {
				TotalMicro int64 `json:"total_micro"`
				MatchedMin int   `json:"matched_min"`
				MatchedMax int   `json:"matched_max"`
			}
			data, err := os.ReadFile(filepath.Join(dir, "golden.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &golden); err != nil {
				t.Fatal(err)
			}
			doc := matchCheck(t, matchReadInstance(t, args), matchRun(t, append(args, "--format", "json")...))
			if doc.total != golden.TotalMicro {
				t.Errorf("total %d micro-units, scipy's optimum %d", doc.total, golden.TotalMicro)
			}
			if doc.matched < golden.MatchedMin || doc.matched > golden.MatchedMax {
				t.Errorf("matched %d, an optimum matches %d to %d", doc.matched, golden.MatchedMin, golden.MatchedMax)
			}
		})
	}
	if n < 40 {
		t.Errorf("only %d golden instances under %s", n, matchLSA)
	}
}

// A failed optimality check prints nothing but the internal error.
func TestMatchCertifyFailure(t *testing.T) {
	defer func(c func(*assign.Problem, *assign.Solution) error) { matchCertify = c }(matchCertify)
	matchCertify = func(*assign.Problem, *assign.Solution) error { return errors.New("certify: a test says no") }
	code, out, errOut := runCLI(t, "", append([]string{"match"}, matchProgram...)...)
	want := "commonground match: internal error: the answer failed its optimality check: certify: a test says no\n"
	if code != 1 || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, no stdout, %q", code, out, errOut, want)
	}
}

func TestMatchBadInput(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	capacities := file("capacities.csv", "mentor,capacity\nm1,2\nm2,1\n")
	scores := file("scores.csv", "mentee,mentor,score\ne1,m2,1\ne2,m2,0.5\n")
	with := func(name, content string) []string {
		return []string{"--scores", file(name, "mentee,mentor,score\n"+content), "--capacities", capacities}
	}
	cases := []struct {
		name string
		args []string
		msg  string
	}{
		{"no flags", nil, "--scores is required: the allowed pairs and their scores (CSV with a header mentee,mentor,score)"},
		{"no capacities", []string{"--scores", scores}, "--capacities is required: every mentor and its capacity (CSV with a header mentor,capacity)"},
		{"argument", []string{"x.csv", "--scores", scores, "--capacities", capacities}, `unexpected argument "x.csv": give the files with --scores and --capacities`},
		{"format", []string{"--scores", scores, "--capacities", capacities, "--format", "csv"}, `--format "csv": want text or json`},
		{"missing file", []string{"--scores", filepath.Join(dir, "nope.csv"), "--capacities", capacities},
			"cannot read the scores file: open " + filepath.Join(dir, "nope.csv") + ": no such file or directory"},
		{"missing forbid", []string{"--scores", scores, "--capacities", capacities, "--forbid", filepath.Join(dir, "nope.csv")},
			"cannot read the forbid file: open " + filepath.Join(dir, "nope.csv") + ": no such file or directory"},
		{"bad score", with("s1.csv", "e1,m1,0.5\ne1,m2,abc\n"), filepath.Join(dir, "s1.csv") + `: line 3: score "abc" is not a number`},
		{"not finite", with("s2.csv", "e1,m1,NaN\n"), filepath.Join(dir, "s2.csv") + `: line 2: score "NaN" is not finite`},
		{"unknown mentor", with("s3.csv", "e1,m1,1\ne1,m3,1\n"), filepath.Join(dir, "s3.csv") + `: line 3: unknown mentor "m3" (not in the capacities file)`},
		{"repeated pair", with("s4.csv", "e1,m1,1\ne2,m1,1\ne1,m1,2\n"), filepath.Join(dir, "s4.csv") + ": line 4: the pair e1,m1 is listed twice (first on line 2)"},
		{"short line", with("s5.csv", "e1,m1\n"), filepath.Join(dir, "s5.csv") + ": line 2: want 3 fields (mentee,mentor,score), got 2"},
		{"no pairs", with("s6.csv", ""), filepath.Join(dir, "s6.csv") + ": no pairs"},
		{"empty", []string{"--scores", file("s7.csv", ""), "--capacities", capacities}, filepath.Join(dir, "s7.csv") + ": empty file: want the header mentee,mentor,score"},
		{"header", []string{"--scores", file("s8.csv", "who,what\n"), "--capacities", capacities}, filepath.Join(dir, "s8.csv") + `: line 1: header "who,what": want mentee,mentor,score`},
		{"capacity 0", []string{"--scores", scores, "--capacities", file("c0.csv", "mentor,capacity\nm1,1\nm2,0\n")},
			filepath.Join(dir, "c0.csv") + `: line 3: capacity "0" of "m2": want a whole number of at least 1`},
		{"fixed over capacity", []string{"--scores", scores, "--capacities", capacities, "--fixed", file("f1.csv", "mentee,mentor\ne1,m2\ne2,m2\n")},
			filepath.Join(dir, "f1.csv") + `: line 3: mentor "m2" gets more fixed mentees than its capacity of 1`},
		{"sum too large", with("s9.csv", "e1,m1,999999999999\ne2,m1,999999999999\ne3,m1,999999999999\n"),
			filepath.Join(dir, "s9.csv") + ": the scores are too large in total: each mentee's best score, added up, must stay under 2305843009213"},
		{"forbid unknown", []string{"--scores", scores, "--capacities", capacities, "--forbid", file("x1.csv", "mentee,mentor\ne9,m2\n")},
			filepath.Join(dir, "x1.csv") + `: line 2: unknown mentee "e9" (not in the scores file)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append([]string{"match"}, tc.args...)...)
			if want := "commonground match: " + tc.msg + "\n"; code != 1 || out != "" || errOut != want {
				t.Errorf("exit %d, stdout %q, stderr\n%q\nwant exit 1, no stdout, stderr\n%q", code, out, errOut, want)
			}
		})
	}
	if code, out, _ := runCLI(t, "", "help"); code != 0 || !strings.Contains(out, "  match    --scores F --capacities F [flags]") {
		t.Errorf("help lacks match:\n%s", out)
	}
}

func TestMatchDecimal(t *testing.T) {
	for v, want := range map[int64]string{0: "0", 734512: "0.734512", 12_000_000: "12", -100_000: "-0.1", 1: "0.000001",
		-1: "-0.000001", 1_500_000: "1.5", -12_345_678_900_000: "-12345678.9", -9223372036854775808: "-9223372036854.775808"} {
		if got := matchDecimal(v); got != want {
			t.Errorf("matchDecimal(%d) = %q, want %q", v, got, want)
		}
	}
}

// matchRun runs `match` and wants it to succeed quietly.
func matchRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runCLI(t, "", append([]string{"match"}, args...)...)
	if code != 0 || errOut != "" {
		t.Fatalf("match %q: exit %d, stderr %q", args, code, errOut)
	}
	return out
}
