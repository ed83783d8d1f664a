package chart

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden SVGs under testdata from the current output")

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// monthEnds is a year of month-end dates from January of year y.
func monthEnds(y int, vals ...float64) []Point {
	ps := make([]Point, len(vals))
	for i, v := range vals {
		ps[i] = Point{T: day(y, time.Month(i+2), 0), V: v}
	}
	return ps
}

// yearWithForecast is the indicator page's usual picture: twelve monthly
// values, baseline and target levels, the target point, and a forecast
// from the last value to the target date with a widening band.
func yearWithForecast() Line {
	actual := monthEnds(2025, 41.2, 42.0, 41.5, 43.1, 44.0, 43.6, 45.2, 46.0, 45.1, 47.3, 48.0, 48.6)
	last := actual[len(actual)-1]
	var fc []BandPoint
	for i := 0; i <= 12; i++ {
		t := day(2026, time.Month(i+1), 0)
		v := last.V + 0.62*float64(i)
		h := 0.9 * math.Sqrt(float64(i))
		fc = append(fc, BandPoint{T: t, V: v, Lo: v - h, Hi: v + h})
	}
	return Line{
		Title:      "Share of residents with a GP within 15 minutes",
		Unit:       "%",
		Better:     HigherIsBetter,
		Series:     []Series{{Name: "Actual", Points: actual}},
		References: []Reference{{Label: "Baseline", Value: 40}, {Label: "Target", Value: 55}},
		Target:     &Target{T: day(2026, 12, 31), Value: 55},
		Forecast:   &Forecast{Points: fc},
	}
}

var goldenCases = []struct {
	name string
	line Line
}{
	{"year-forecast", yearWithForecast()},
	{"breakdown", Line{
		Title: "Children ready for school, by district",
		Unit:  "children",
		Series: []Series{
			{Name: "North", Points: monthEnds(2024, 120, 131, 128, 140, 152, 149, 160, 171, 168, 175, 181, 190)},
			{Name: "South", Points: monthEnds(2024, 98, 97, 105, 103, 110, 118, 115, 121, 119, 126, 130, 129)},
			{Name: "East", Points: monthEnds(2024, 60, 64, 70, 66, 72, 80, 79, 85, 91, 88, 95, 99)},
		},
	}},
	{"gaps", Line{
		Title: "Volunteer hours per week",
		Unit:  "hours",
		Series: []Series{{Name: "Hours", MaxGap: 8 * 24 * time.Hour, Points: []Point{
			{day(2025, 3, 3), 310}, {day(2025, 3, 10), 295}, {day(2025, 3, 17), math.NaN()},
			{day(2025, 3, 24), 330}, {day(2025, 3, 31), 341}, {day(2025, 4, 7), 352},
			// a month with no reports at all, then one lone week, then more
			{day(2025, 5, 12), 360}, {day(2025, 5, 26), 348}, {day(2025, 6, 2), 371},
		}}},
	}},
	{"single-point", Line{
		Title:  "Partners reporting",
		Series: []Series{{Name: "Partners", Points: []Point{{day(2025, 9, 30), 7}}}},
	}},
	{"all-equal", Line{
		Title:  "Board seats held by residents",
		Unit:   "seats",
		Series: []Series{{Name: "Seats", Points: monthEnds(2025, 4, 4, 4, 4, 4, 4)}},
	}},
	{"negative", Line{
		Title:      "Net change in affordable homes",
		Unit:       "homes",
		Better:     HigherIsBetter,
		Series:     []Series{{Name: "Net change", Points: monthEnds(2025, -35, -12, 8, -4, 22, 15, -18, 30)}},
		References: []Reference{{Label: "No change", Value: 0}},
	}},
	{"lower-is-better", Line{
		Title:      "Emergency admissions for asthma per 100,000 children",
		Unit:       "per 100,000",
		Better:     LowerIsBetter,
		Series:     []Series{{Name: "Admissions", Points: monthEnds(2023, 212, 205, 199, 201, 188, 180, 176, 171, 163, 160, 152, 149)}},
		References: []Reference{{Label: "Baseline", Value: 215}, {Label: "Target", Value: 120}},
		Target:     &Target{T: day(2025, 6, 30), Value: 120},
	}},
	{"empty", Line{Title: "Nothing reported yet", Unit: "%"}},
	{"escaped", Line{
		Title:      `Jobs <filled> & "kept"`,
		Unit:       `<&">`,
		Series:     []Series{{Name: `A&B <team> "x"`, Points: monthEnds(2025, 1, 2, 3)}},
		References: []Reference{{Label: `<&">`, Value: 2.5}},
	}},
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			got := c.line.SVG()
			checkGolden(t, c.name+".svg", got)
			if again := c.line.SVG(); !bytes.Equal(got, again) {
				t.Fatal("a second rendering differs from the first")
			}
		})
	}
	sparks := map[string]Sparkline{
		"spark":        {Title: "GP access", Unit: "%", Better: HigherIsBetter, Points: yearWithForecast().Series[0].Points},
		"spark-gaps":   goldenSpark(goldenCases[2].line),
		"spark-single": goldenSpark(goldenCases[3].line),
		"spark-flat":   goldenSpark(goldenCases[4].line),
	}
	for name, s := range sparks {
		t.Run(name, func(t *testing.T) { checkGolden(t, name+".svg", s.SVG()) })
	}
}

func goldenSpark(l Line) Sparkline {
	return Sparkline{Title: l.Title, Unit: l.Unit, Better: l.Better, Points: l.Series[0].Points, MaxGap: l.Series[0].MaxGap}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is meant, run go test -update and look at the pictures", name)
	}
}
