package chart

import (
	"math"
	"strings"
	"testing"
)

func TestSparkline(t *testing.T) {
	cases := []struct {
		name  string
		s     Sparkline
		title string
		marks int // lone-point dots besides the last point's
	}{
		{"Year", Sparkline{Title: "GP access", Unit: "%", Better: HigherIsBetter, Points: yearWithForecast().Series[0].Points},
			"GP access: last 48.6% on 31 Dec 2025, from 41.2% on 31 Jan 2025 (12 values); trend rising, an improvement as higher is better", 0},
		{"Gaps", goldenSpark(goldenCases[2].line),
			"Volunteer hours per week: last 371 hours on 2 Jun 2025, from 310 hours on 3 Mar 2025 (8 values); trend rising", 1},
		{"Single", goldenSpark(goldenCases[3].line), "Partners reporting: last 7 on 30 Sep 2025", 0},
		{"Empty", Sparkline{Title: "Nothing", Points: []Point{{day(2025, 1, 1), math.NaN()}}}, "Nothing: no data", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := parseSVG(t, c.s.SVG())
			if d.title != c.title {
				t.Errorf("title %q, want %q", d.title, c.title)
			}
			if d.root["role"] != "img" || d.root["width"] != "120" || d.root["height"] != "24" {
				t.Errorf("root attributes %v", d.root)
			}
			circles, dots := 0, 0
			for _, e := range d.elems {
				switch {
				case e[""] == "circle":
					circles++
					if x := num(t, e["cx"]); c.title != "Nothing: no data" && x != 116.5 {
						t.Errorf("last point at x %v, want the right end 116.5", x)
					}
				case e[""] == "path" && e["stroke"] == "":
					dots += strings.Count(e["d"], "M")
				}
			}
			want := 1
			if strings.HasSuffix(c.title, "no data") {
				want = 0
			}
			if circles != want || dots != c.marks {
				t.Errorf("%d last-point circles and %d lone dots, want %d and %d", circles, dots, want, c.marks)
			}
		})
	}
}
