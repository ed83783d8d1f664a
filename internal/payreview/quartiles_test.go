package payreview

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestBandSizes(t *testing.T) {
	for n, want := range map[int][4]int{
		0:    {0, 0, 0, 0},
		1:    {1, 0, 0, 0},
		2:    {1, 0, 1, 0},
		3:    {1, 1, 1, 0},
		4:    {1, 1, 1, 1},
		5:    {2, 1, 1, 1}, // remainder 1: the lower band
		6:    {2, 1, 2, 1}, // remainder 2: lower and upper middle
		7:    {2, 2, 2, 1}, // remainder 3: all but the upper
		8:    {2, 2, 2, 2},
		1001: {251, 250, 250, 250},
		1002: {251, 250, 251, 250},
		1003: {251, 251, 251, 250},
	} {
		if got := bandSizes(n); got != want {
			t.Errorf("bandSizes(%d) = %v, want %v", n, got, want)
		}
	}
}

// bandCounts ranks a workforce given as one letter per person in ascending
// order of pay (equal pay written as a run with the same pay) and returns
// the men and women of each band.
func bandCounts(genders string, pay ...float64) (men, women [4]float64) {
	var m, w []float64
	for i, c := range genders {
		if c == 'M' {
			m = append(m, pay[i])
		} else {
			w = append(w, pay[i])
		}
	}
	slices.Sort(m)
	slices.Sort(w)
	for b, q := range rankBands(m, w) {
		men[b], women[b] = q.Men, q.Women
	}
	return men, women
}

func checkBands(t *testing.T, gotM, gotW, wantM, wantW [4]float64) {
	t.Helper()
	for b := range 4 {
		if math.Abs(gotM[b]-wantM[b]) > 1e-12 || math.Abs(gotW[b]-wantW[b]) > 1e-12 {
			t.Errorf("band %s: %v men, %v women; want %v, %v", bandNames[b], gotM[b], gotW[b], wantM[b], wantW[b])
		}
	}
}

func TestRankBandsRemainders(t *testing.T) {
	// Distinct pays, so each band simply takes the next people in order.
	t.Run("Five", func(t *testing.T) { // 2, 1, 1, 1
		m, w := bandCounts("WMWMW", 1, 2, 3, 4, 5)
		checkBands(t, m, w, [4]float64{1, 0, 1, 0}, [4]float64{1, 1, 0, 1})
	})
	t.Run("Six", func(t *testing.T) { // 2, 1, 2, 1
		m, w := bandCounts("WWMWMM", 1, 2, 3, 4, 5, 6)
		checkBands(t, m, w, [4]float64{0, 1, 1, 1}, [4]float64{2, 0, 1, 0})
	})
	t.Run("Seven", func(t *testing.T) { // 2, 2, 2, 1
		m, w := bandCounts("WWMMWMW", 1, 2, 3, 4, 5, 6, 7)
		checkBands(t, m, w, [4]float64{0, 2, 1, 0}, [4]float64{2, 0, 1, 1})
	})
}

func TestRankBandsTies(t *testing.T) {
	t.Run("RunAcrossOneBoundary", func(t *testing.T) {
		// 12 people, bands of 3. Two women below a run of 3 men and 1 woman
		// on 5 that takes ranks 3 to 6: one place of it is in the lower
		// band, three in the lower middle, so each gets the run's
		// proportion, 3/4 men and 1/4 women per place.
		m, w := bandCounts("WWMMMWMWMWMW", 1, 2, 5, 5, 5, 5, 6, 7, 8, 9, 10, 11)
		checkBands(t, m, w, [4]float64{0.75, 2.25, 2, 1}, [4]float64{2.25, 0.75, 1, 2})
	})
	t.Run("RunAcrossThreeBands", func(t *testing.T) {
		// One woman, then 8 on the same pay (2 men, 6 women) over ranks 2
		// to 9: 2 places in the lower band, 3 in each middle band.
		m, w := bandCounts("WMMWWWWWWMMM", 1, 5, 5, 5, 5, 5, 5, 5, 5, 9, 10, 11)
		checkBands(t, m, w, [4]float64{0.5, 0.75, 0.75, 3}, [4]float64{2.5, 2.25, 2.25, 0})
	})
	t.Run("EveryoneOnOnePay", func(t *testing.T) {
		m, w := bandCounts("MWWMWWMW", 7, 7, 7, 7, 7, 7, 7, 7)
		checkBands(t, m, w, [4]float64{0.75, 0.75, 0.75, 0.75}, [4]float64{1.25, 1.25, 1.25, 1.25})
	})
	t.Run("RunEndingOnABoundary", func(t *testing.T) {
		// A tie that fills a band exactly is not split.
		m, w := bandCounts("MWMWMWMW", 3, 3, 4, 4, 5, 5, 6, 6)
		checkBands(t, m, w, [4]float64{1, 1, 1, 1}, [4]float64{1, 1, 1, 1})
	})
}

func TestQuartileShares(t *testing.T) {
	// The 12 of RunAcrossOneBoundary through Statutory, with a person of
	// another gender at the top who is not ranked, and a minimum of 3.
	d := staff("WWMMMWMWMWMWX", 1, 2, 5, 5, 5, 5, 6, 7, 8, 9, 10, 11, 99)
	r := Statutory(d, 3)
	for b, want := range []float64{75, 25, 100.0 / 3, 200.0 / 3} {
		q := r.Quartiles[b]
		if q.Band != bandNames[b] || q.Employees != 3 {
			t.Errorf("band %d: %+v", b, q)
		}
		near(t, q.Band+" women %", q.WomenPct, want)
		near(t, q.Band+" men %", q.MenPct, 100-want)
	}
	if len(r.Withheld) != 0 {
		t.Errorf("withheld %v", r.Withheld)
	}
}

func TestQuartileSuppression(t *testing.T) {
	// 11 ranked with a minimum of 3: bands of 3, 3, 3, 2; the upper band
	// alone is withheld, and since the bands' shares add up to the whole
	// workforce's, another band goes too.
	pay := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	t.Run("SmallestGoes", func(t *testing.T) {
		// lower MWW (1 man), lower middle MMM (0 women), upper middle WWM.
		r := Statutory(staff("MWWMMMWWMMW", pay...), 3)
		checkWithheldBands(t, r, "upper", "lower middle")
	})
	t.Run("TiesByName", func(t *testing.T) {
		// lower MWW, lower middle WMW, upper middle MMW: 1 each, so the
		// first name, "lower", goes.
		r := Statutory(staff("MWWWMWMMWMW", pay...), 3)
		checkWithheldBands(t, r, "upper", "lower")
	})
	t.Run("NoneWhenTwoWithheld", func(t *testing.T) {
		// 10 ranked: 3, 2, 3, 2; two withheld, nothing more.
		r := Statutory(staff("MWWMMMWWMW", pay[:10]...), 3)
		if len(r.Withheld) != 2 || r.Withheld[0].Figure != `quartile band "lower middle"` ||
			r.Withheld[1].Figure != `quartile band "upper"` || r.Quartiles[0].WomenPct == nil {
			t.Errorf("withheld %v", r.Withheld)
		}
	})
}

func checkWithheldBands(t *testing.T, r *Report, primary, secondary string) {
	t.Helper()
	if len(r.Withheld) != 2 {
		t.Fatalf("withheld %v", r.Withheld)
	}
	p, s := r.Withheld[0], r.Withheld[1]
	if p.Figure != `quartile band "`+primary+`"` || p.Kind != KindPrimary {
		t.Errorf("primary %+v", p)
	}
	if s.Figure != `quartile band "`+secondary+`"` || s.Kind != KindSecondary ||
		!strings.Contains(s.Reason, `protects quartile band "`+primary+`"`) {
		t.Errorf("secondary %+v", s)
	}
	for _, q := range r.Quartiles {
		hidden := q.Band == primary || q.Band == secondary
		if hidden != (q.WomenPct == nil) || hidden != (q.MenPct == nil) || (hidden && q.Men+q.Women != 0) {
			t.Errorf("band %s: %+v", q.Band, q)
		}
	}
}
