package vote

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// gpusElection is the Green Party US Steering Committee election of
// 2005-07-24 (13 candidates, 4 seats, 94 ballots), from the droop
// project's test/blt/SC.blt, merged into testdata/gpus2005.csv. F and J
// (write-ins) are on no ballot, so the candidates are given.
func gpusElection(t *testing.T) *Election {
	t.Helper()
	f, err := os.Open("testdata/gpus2005.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := Parse(f, KindRanked, ParseOptions{Seats: 4, Candidates: strings.Split("A,B,C,D,E,F,G,H,I,J,K,L,M", ",")})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// units reads "A=6.84848 B=3.42424" into a candidate → units map.
func units(t *testing.T, e *Election, scale int64, spec string) map[int]int64 {
	t.Helper()
	out := map[int]int64{}
	for _, f := range strings.Fields(spec) {
		name, v, _ := strings.Cut(f, "=")
		c := slices.Index(e.Candidates, name)
		out[c] = dec(t, v, scale)
	}
	return out
}

// dec reads a decimal into units of 1/scale, exactly.
func dec(t *testing.T, s string, scale int64) int64 {
	t.Helper()
	whole, frac, _ := strings.Cut(s, ".")
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	digits := len(strconv.FormatInt(scale, 10)) - 1
	frac += strings.Repeat("0", digits-len(frac))
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return w*scale + f
}

func checkTotals(t *testing.T, e *Election, r Round, scale int64, spec string) {
	t.Helper()
	for c, want := range units(t, e, scale, spec) {
		if r.Totals[c] != want {
			t.Errorf("round %d: %s has %s, want %s", r.Number, e.Candidates[c], decimal(r.Totals[c], scale), decimal(want, scale))
		}
	}
}

func names(e *Election, cs []int) string {
	var s []string
	for _, c := range cs {
		s = append(s, e.Candidates[c])
	}
	return strings.Join(s, ",")
}

// TestMeekGPUS: every figure below is from the droop project's reference
// report test/ref/report/SC-meek-prf-o6-fixed-p9-d9.txt (PRF Meek rule,
// 9-decimal fixed point, omega 10^-6), which an independent script also
// reproduced (internal/vote/testdata/README.md §3a).
func TestMeekGPUS(t *testing.T) {
	e := gpusElection(t)
	res, err := STV(e, STVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const s = meekUnit
	if res.Method != "stv-meek" || res.Scale != s || len(res.Rounds) != 12 {
		t.Fatalf("method %s scale %d, %d rounds", res.Method, res.Scale, len(res.Rounds))
	}
	rd := res.Rounds
	checkTotals(t, e, rd[0], s, "G=33 D=22 M=18 C=8 A=6 B=3 E=2 H=1 I=1 F=0 J=0 K=0 L=0")
	for i := 1; i <= 4; i++ { // rounds 2-5 defeat the four with no votes
		checkTotals(t, e, rd[i], s, "D=18.800000609 G=18.800000299 M=18.556796080 H=13.000470959 C=9.408174589 "+
			"A=8.006073598 B=3.232685848 E=2.759954125 I=1.435843893")
	}
	checkTotals(t, e, rd[6], s, "H=14.436314852")
	checkTotals(t, e, rd[7], s, "M=19.718851196 D=19.165213770 G=18.800000299 H=14.506945584 C=9.408174589 A=9.006073598 B=3.394740964")
	checkTotals(t, e, rd[8], s, "D=18.799133460 G=18.799133416 M=18.799133497 H=14.666479770 C=9.774255128 A=9.427381450 B=3.730149807")
	checkTotals(t, e, rd[9], s, "D=18.789719457 G=18.789719396 M=18.789719467 H=15.876675538 C=11.498644230 A=10.204118384")
	checkTotals(t, e, rd[10], s, "D=19.087429756 G=19.073682122 H=19.085721549 M=19.202438090 C=16.482212783")
	quotas := []string{"18.800000001", "18.800000001", "18.800000001", "18.800000001", "18.800000001", "18.800000001",
		"18.800000001", "18.800000001", "18.799133306", "18.789719295", "18.586296861"}
	for i, q := range quotas {
		if rd[i].Quota != dec(t, q, s) {
			t.Errorf("round %d: quota %s, want %s", i+1, decimal(rd[i].Quota, s), q)
		}
	}
	var elected, defeated []string
	for _, r := range rd {
		elected = append(elected, names(e, r.Elected))
		defeated = append(defeated, names(e, r.Eliminated))
		if r.Transfers == "" {
			t.Errorf("round %d: no explanation", r.Number)
		}
	}
	if got := strings.Join(elected, "|"); got != "G,D|||||||M|||H|" {
		t.Errorf("elected by round %q", got)
	}
	// rounds 2-5 defeat F, J, K, L in the lot's order
	zero := defeated[1:5]
	slices.Sort(zero)
	if !slices.Equal(zero, []string{"F", "J", "K", "L"}) || strings.Join(defeated[5:], "|") != "I|E||B|A||C" {
		t.Errorf("defeated by round %q", defeated)
	}
	if len(res.TieBreaks) != 3 || res.TieBreaks[0].Round != 2 || len(res.TieBreaks[0].Among) != 4 || res.TieBreaks[0].Rule != "lot (seed 0)" {
		t.Errorf("tie-breaks %+v", res.TieBreaks)
	}
	if names(e, res.Winners) != "G,D,M,H" {
		t.Errorf("winners %s, want G,D,M,H (Rotzler, LaMarche, Kramer, Olsen)", names(e, res.Winners))
	}
	// the count's books balance in every round
	for _, r := range rd {
		var sum int64
		for _, v := range r.Totals {
			sum += v
		}
		if sum+r.Exhausted != 94*s {
			t.Errorf("round %d: %d held + %d exhausted != 94 votes", r.Number, sum, r.Exhausted)
		}
	}
	if got := rd[11].Exhausted + rd[11].Totals[2]; got != dec(t, "17.550728483", s) {
		t.Errorf("final residual %s, want 17.550728483", decimal(got, s))
	}
}

// TestMeekNearTies: droop's 42.blt and 513.blt with their PRF Meek
// reference reports: rounding keep factors up leaves Pollux 0.000000004
// (resp. 0.000000005) short of Helen, so Pollux is defeated outright.
func TestMeekNearTies(t *testing.T) {
	for _, tc := range []struct {
		lines                 []string
		castor, pollux, helen string
		quota                 string
	}{
		{[]string{"4,Castor>Pollux", "2,Helen"}, "2.000000004", "1.999999996", "2", "2.000000001"},
		{[]string{"5,Castor>Pollux", "1,Pollux", "3,Helen"}, "3.000000005", "2.999999995", "3", "3.000000001"},
	} {
		e := rkElection(t, []string{"Castor", "Pollux", "Helen"}, tc.lines...)
		e.Seats = 2
		res, err := STV(e, STVOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r := res.Rounds[1]
		want := []int64{dec(t, tc.castor, meekUnit), dec(t, tc.pollux, meekUnit), dec(t, tc.helen, meekUnit)}
		if !slices.Equal(r.Totals, want) || r.Quota != dec(t, tc.quota, meekUnit) || names(e, r.Eliminated) != "Pollux" {
			t.Errorf("%v: round 2 %v quota %d out %v", tc.lines, r.Totals, r.Quota, r.Eliminated)
		}
		if names(e, res.Winners) != "Castor,Helen" || len(res.TieBreaks) != 0 {
			t.Errorf("%v: winners %v tie-breaks %v", tc.lines, res.Winners, res.TieBreaks)
		}
	}
}
