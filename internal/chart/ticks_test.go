package chart

import (
	"slices"
	"testing"
	"time"
)

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		n      int
		want   []float64
		step   float64
	}{
		{0, 10, 6, []float64{0, 2, 4, 6, 8, 10}, 2},
		{41.2, 59.2, 5, []float64{40, 45, 50, 55, 60}, 5},
		{0.1, 0.3, 3, []float64{0.1, 0.2, 0.3}, 0.1}, // 0.3/0.1 is not 3 in binary
		{-35, 30, 5, []float64{-40, -20, 0, 20, 40}, 20},
		{-0.004, -0.001, 4, []float64{-0.004, -0.003, -0.002, -0.001}, 0.001},
		{1234, 98765, 5, []float64{0, 50000, 100000}, 50000},
		{7, 7, 5, []float64{6, 6.5, 7, 7.5, 8}, 0.5}, // widened by a tenth: 6.3..7.7
		{0, 0, 5, []float64{0, 0.5, 1}, 0.5},
		{10, 0, 3, []float64{0, 5, 10}, 5}, // ends in either order
		{1e6, 1.0000005e6, 3, []float64{1e6, 1.0000005e6}, 0.5},
		{0.3, 0.7, 5, []float64{0.3, 0.4, 0.5, 0.6, 0.7}, 0.1}, // 0.3/0.1 floors to 2 without the slack
	}
	for _, c := range cases {
		got, step := NiceTicks(c.lo, c.hi, c.n)
		if !slices.Equal(got, c.want) || step != c.step {
			t.Errorf("NiceTicks(%v, %v, %d) = %v step %v, want %v step %v", c.lo, c.hi, c.n, got, step, c.want, c.step)
		}
	}
	if got, _ := NiceTicks(0, posInf(), 5); got != nil {
		t.Errorf("an infinite end gave ticks %v", got)
	}
}

func posInf() float64 { var z float64; return 1 / z }

func TestNiceTicksProperties(t *testing.T) {
	// Over many ranges: the ticks cover the range, step is 1, 2 or 5 ×
	// 10^k, and there are never more than about twice as many as asked.
	for _, lo := range []float64{-1234.5, -3, 0, 0.0007, 17, 99999} {
		for _, span := range []float64{0.001, 0.7, 1, 13, 250, 1e6} {
			for n := 2; n <= 8; n++ {
				ts, step := NiceTicks(lo, lo+span, n)
				if ts[0] > lo || ts[len(ts)-1] < lo+span {
					t.Fatalf("NiceTicks(%v, %v, %d) = %v does not cover the range", lo, lo+span, n, ts)
				}
				if len(ts) > 2*n+1 {
					t.Fatalf("NiceTicks(%v, %v, %d) gave %d ticks", lo, lo+span, n, len(ts))
				}
				m := step
				for m >= 10 {
					m /= 10
				}
				for m < 1-1e-9 {
					m *= 10
				}
				if !near(m, 1) && !near(m, 2) && !near(m, 5) {
					t.Fatalf("step %v is not 1, 2 or 5 × 10^k", step)
				}
			}
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestTimeTicks(t *testing.T) {
	labels := func(ts []TimeTick) []string {
		var out []string
		for _, x := range ts {
			out = append(out, x.Label)
		}
		return out
	}
	cases := []struct {
		name     string
		from, to time.Time
		max      int
		want     []string
	}{
		{"days", day(2025, 3, 30), day(2025, 4, 2), 6, []string{"30 Mar 2025", "31 Mar", "1 Apr", "2 Apr"}},
		{"days across a year", day(2025, 12, 30), day(2026, 1, 2), 6, []string{"30 Dec 2025", "31 Dec", "1 Jan 2026", "2 Jan"}},
		// 3 Mar 2025 was a Monday; weekly ticks fall on Mondays.
		{"weeks", day(2025, 3, 1), day(2025, 3, 31), 6, []string{"3 Mar 2025", "10 Mar", "17 Mar", "24 Mar", "31 Mar"}},
		{"months", day(2025, 1, 15), day(2025, 6, 15), 6, []string{"Feb 2025", "Mar", "Apr", "May", "Jun"}},
		{"quarters", day(2024, 11, 1), day(2025, 12, 31), 6, []string{"Jan 2025", "Apr", "Jul", "Oct"}},
		{"half years", day(2025, 1, 31), day(2026, 12, 31), 6, []string{"Jul 2025", "Jan 2026", "Jul", "Jan 2027"}[:3]},
		{"years", day(2016, 6, 1), day(2025, 6, 1), 6, []string{"2018", "2020", "2022", "2024"}},
		{"decades", day(1931, 1, 1), day(2025, 1, 1), 6, []string{"1940", "1960", "1980", "2000", "2020"}},
		{"a year starts on the first", day(2020, 1, 1), day(2022, 1, 1), 6, []string{"Jan 2020", "Jul", "Jan 2021", "Jul", "Jan 2022"}},
	}
	for _, c := range cases {
		got := labels(TimeTicks(c.from, c.to, c.max))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: TimeTicks(%s, %s, %d) = %q, want %q", c.name, isoDay(c.from), isoDay(c.to), c.max, got, c.want)
		}
	}
	for _, tk := range TimeTicks(day(2025, 1, 31), day(2026, 12, 31), 6) {
		if tk.T.Day() != 1 || tk.T.Hour() != 0 || tk.T.Location() != time.UTC {
			t.Errorf("month tick %v is not the first of a month in UTC", tk.T)
		}
	}
}
