package vote

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestWIGMGPUS: the same ballots under the Scottish rules. Figures from
// droop's reference report test/ref/report/SC-scotland-fixed-p5-d5.txt,
// also reproduced by an independent script (testdata/README.md §4a). The
// report goes on to transfer Olsen's papers after excluding him; rule
// 52(2) says no transfer is made once the last seats are filled, so the
// count here stops there.
func TestWIGMGPUS(t *testing.T) {
	e := gpusElection(t)
	res, err := STV(e, STVOptions{Rules: STVWIGM})
	if err != nil {
		t.Fatal(err)
	}
	const s = wigmUnit
	if res.Method != "stv-wigm" || res.Quota != 19*s || len(res.Rounds) != 13 {
		t.Fatalf("method %s quota %d, %d stages", res.Method, res.Quota, len(res.Rounds))
	}
	rd := res.Rounds
	checkTotals(t, e, rd[0], s, "G=33 D=22 M=18 C=8 A=6 B=3 E=2 H=1 I=1")
	checkTotals(t, e, rd[1], s, "G=19 A=6.84848 B=3.42424 C=8.42424 E=2.42424 H=12.45448 I=1.42424")
	checkTotals(t, e, rd[2], s, "D=19 A=7.80300 B=3.56060 C=9.24240 E=2.69696 H=12.72720 M=18.54544")
	checkTotals(t, e, rd[7], s, "H=14.15144")
	checkTotals(t, e, rd[8], s, "M=19.68180 A=8.80300 B=3.69696 H=14.57568")
	checkTotals(t, e, rd[9], s, "M=19 A=9.01084 B=3.95360 C=9.45496")
	checkTotals(t, e, rd[10], s, "A=9.36448 C=10.59132 H=15.61032")
	checkTotals(t, e, rd[11], s, "C=16.62204 H=16.59988")
	// lost to truncation: 0.00008 in each of stages 2 and 3, 0.00004 in
	// stage 10; the rest of Exhausted is non-transferable papers
	for i, want := range map[int]string{1: "0.00008", 2: "0.00016", 9: "0.00492", 10: "1.43388", 11: "3.77808"} {
		if rd[i].Exhausted != dec(t, want, s) {
			t.Errorf("stage %d: exhausted %s, want %s", i+1, decimal(rd[i].Exhausted, s), want)
		}
	}
	if !strings.Contains(rd[9].Transfers, "0.00472 non-transferable, 0.00004 lost to rounding") ||
		!strings.Contains(rd[1].Transfers, "H +11.45448") {
		t.Errorf("transfers: %q / %q", rd[9].Transfers, rd[1].Transfers)
	}
	var out []string
	for _, r := range rd {
		out = append(out, names(e, r.Eliminated))
	}
	zero := slices.Clone(out[3:7])
	slices.Sort(zero)
	if !slices.Equal(zero, []string{"F", "J", "K", "L"}) || strings.Join(out[7:], "|") != "I|E||B|A|H" {
		t.Errorf("excluded by stage %q", out)
	}
	if names(e, res.Winners) != "G,D,M,C" {
		t.Errorf("winners %s, want G,D,M,C (Rotzler, LaMarche, Kramer, Sevigny)", names(e, res.Winners))
	}
	if len(res.TieBreaks) != 3 || res.TieBreaks[0].Rule != "lot (seed 0)" || res.TieBreaks[0].Round != 4 {
		t.Errorf("tie-breaks %+v", res.TieBreaks)
	}
}

// TestWIGMNearTies: droop's 42 and 513 ballots, worked by hand under
// rules 46-52: quota 3 (resp. 4), Castor elected, surplus at 1/4 (resp.
// 1/5), Pollux excluded, Helen takes the last seat.
func TestWIGMNearTies(t *testing.T) {
	for _, tc := range []struct {
		lines  []string
		quota  int64
		pollux string
	}{
		{[]string{"4,Castor>Pollux", "2,Helen"}, 3, "1"},
		{[]string{"5,Castor>Pollux", "1,Pollux", "3,Helen"}, 4, "2"},
	} {
		e := rkElection(t, []string{"Castor", "Pollux", "Helen"}, tc.lines...)
		e.Seats = 2
		res, err := STV(e, STVOptions{Rules: STVWIGM})
		if err != nil {
			t.Fatal(err)
		}
		if res.Quota != tc.quota*wigmUnit || res.Rounds[1].Totals[1] != dec(t, tc.pollux, wigmUnit) ||
			names(e, res.Winners) != "Castor,Helen" {
			t.Errorf("%v: quota %d stage 2 %v winners %v", tc.lines, res.Quota, res.Rounds[1].Totals, res.Winners)
		}
	}
}

// TestSTVProportional: 60 voters for the A slate and 40 for the B slate
// fill 3 seats 2 to 1 under both rules (Droop quota 26).
func TestSTVProportional(t *testing.T) {
	e := rkElection(t, []string{"A1", "A2", "A3", "B1", "B2", "B3"}, "60,A1>A2>A3", "40,B1>B2>B3")
	e.Seats = 3
	for _, rules := range []STVRules{STVMeek, STVWIGM} {
		res, err := STV(e, STVOptions{Rules: rules})
		if err != nil {
			t.Fatal(err)
		}
		got := names(e, res.Winners)
		if got != "A1,B1,A2" {
			t.Errorf("%s: winners %s, want A1,B1,A2", rules, got)
		}
	}
}

// TestSTVOneSeatIsIRV: with one seat and no ties to break, both STV rules
// elect the IRV winner (the Droop quota of one seat is a majority).
func TestSTVOneSeatIsIRV(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	compared := 0
	for range 400 {
		e := rkRandom(r, 3+r.IntN(5), 5+r.IntN(60), 4, false)
		e.Seats = 1
		irv, err := IRV(e)
		if err != nil {
			t.Fatal(err)
		}
		if len(irv.TieBreaks) > 0 {
			continue
		}
		compared++
		for _, rules := range []STVRules{STVMeek, STVWIGM} {
			res, err := STV(e, STVOptions{Rules: rules})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Winners, irv.Winners) {
				t.Fatalf("%s elects %v, IRV %v, on %+v", rules, res.Winners, irv.Winners, e.Ballots)
			}
		}
	}
	if compared < 200 {
		t.Fatalf("only %d elections compared", compared)
	}
}

// TestSTVPermutingBallots: shuffling ballots and splitting their counts
// changes no figure of either count.
func TestSTVPermutingBallots(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 100 {
		e := rkRandom(r, 4+r.IntN(5), 10+r.IntN(40), 5, false)
		e.Seats = 1 + r.IntN(3)
		f := shuffled(r, e)
		for _, rules := range []STVRules{STVMeek, STVWIGM} {
			a, err := STV(e, STVOptions{Rules: rules})
			if err != nil {
				t.Fatal(err)
			}
			b, err := STV(f, STVOptions{Rules: rules})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: shuffled ballots changed the result:\n%+v\n%+v", rules, a, b)
			}
		}
	}
}

func TestSTVRefuses(t *testing.T) {
	c := []string{"A", "B", "C"}
	for _, tc := range []struct {
		e    *Election
		want string
	}{
		{&Election{Candidates: c, Seats: 4, Ballots: []Ballot{{Count: 1, Ranks: Rank([][]int{{0}})}}}, "stv: 4 seats but only 3 candidates"},
		{&Election{Candidates: c, Seats: 0, Ballots: []Ballot{{Count: 1, Ranks: Rank([][]int{{0}})}}}, "stv: 0 seats; at least 1 is needed"},
		{&Election{Candidates: c, Seats: 1, Ballots: []Ballot{{Count: 2, Ranks: Rank([][]int{{0}, {1, 2}})}}}, "stv: ballot 1 ranks B and C equal; STV needs a strict order"},
		{&Election{Candidates: c, Seats: 1, Ballots: []Ballot{{Count: 1, Ranks: Rank([][]int{{0}, {0}})}}}, "stv: ballot 1: A ranked twice"},
		{&Election{Candidates: c, Seats: 1}, "stv: no votes"},
		{&Election{Candidates: c, Seats: 1, Ballots: []Ballot{{Count: 1, Ranks: Ranking{0}}}}, "stv: ballot 1: the ranking's last group is not closed"},
	} {
		for _, rules := range []STVRules{STVMeek, STVWIGM} {
			if _, err := STV(tc.e, STVOptions{Rules: rules}); err == nil || err.Error() != tc.want {
				t.Errorf("%s: got %v, want %q", rules, err, tc.want)
			}
		}
	}
	if _, err := STV(&Election{Candidates: c, Seats: 1, Ballots: []Ballot{{Count: 1, Ranks: Rank([][]int{{0}})}}}, STVOptions{Rules: 9}); err == nil {
		t.Error("unknown rules accepted")
	}
}

// TestSTVEveryoneElected: as many seats as candidates elects them all,
// even those nobody ranked.
func TestSTVEveryoneElected(t *testing.T) {
	e := rkElection(t, []string{"A", "B", "C"}, "3,A>B", "1,B")
	e.Seats = 3
	for _, rules := range []STVRules{STVMeek, STVWIGM} {
		res, err := STV(e, STVOptions{Rules: rules})
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Sorted(slices.Values(res.Winners))
		if !slices.Equal(got, []int{0, 1, 2}) || len(res.Ranking) != 3 {
			t.Errorf("%s: winners %v ranking %v", rules, res.Winners, res.Ranking)
		}
	}
}

func BenchmarkSTVMeek1M(b *testing.B) { benchSTV(b, STVMeek) }
func BenchmarkSTVWIGM1M(b *testing.B) { benchSTV(b, STVWIGM) }

func benchSTV(b *testing.B, rules STVRules) {
	e := rkMillion()
	e.Seats = 5
	b.ResetTimer()
	for b.Loop() {
		if _, err := STV(e, STVOptions{Rules: rules}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSTVBooksBalance: on random elections, every round of both counts
// accounts for every vote (held by candidates or exhausted), no elected
// candidate is defeated, and exactly the seats are filled.
func TestSTVBooksBalance(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for it := range 300 {
		e := rkRandom(r, 2+r.IntN(9), 1+r.IntN(80), 6, false)
		e.Seats = 1 + r.IntN(len(e.Candidates))
		e.Seed = uint64(it)
		var votes int64
		for _, b := range e.Ballots {
			votes += b.Count
		}
		for _, rules := range []STVRules{STVMeek, STVWIGM} {
			res, err := STV(e, STVOptions{Rules: rules})
			if err != nil {
				t.Fatal(err)
			}
			out := map[int]bool{}
			for _, rd := range res.Rounds {
				var held int64
				for _, v := range rd.Totals {
					held += v
				}
				if held+rd.Exhausted != votes*res.Scale {
					t.Fatalf("%s election %d round %d: %d held + %d exhausted, %d votes", rules, it, rd.Number, held, rd.Exhausted, votes)
				}
				for _, c := range rd.Eliminated {
					out[c] = true
				}
			}
			if len(res.Winners) != e.Seats || len(res.Ranking) != len(e.Candidates) {
				t.Fatalf("%s election %d: winners %v ranking %v for %d seats", rules, it, res.Winners, res.Ranking, e.Seats)
			}
			for _, w := range res.Winners {
				if out[w] {
					t.Fatalf("%s election %d: %d both elected and defeated", rules, it, w)
				}
			}
		}
	}
}
