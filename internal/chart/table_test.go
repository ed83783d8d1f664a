package chart

import (
	"math"
	"slices"
	"strconv"
	"testing"
)

func TestTable(t *testing.T) {
	t.Run("YearWithForecast", func(t *testing.T) {
		tb := yearWithForecast().Table()
		if tb.Caption != "Share of residents with a GP within 15 minutes (%)" {
			t.Errorf("caption %q", tb.Caption)
		}
		wantH := []string{"Date", "Actual", "Forecast", "80% prediction interval, low", "80% prediction interval, high"}
		if !slices.Equal(tb.Headers, wantH) {
			t.Errorf("headers %q, want %q", tb.Headers, wantH)
		}
		// 12 months of actuals, and 12 further months of forecast: the
		// forecast's first point shares the last actual's date.
		if len(tb.Rows) != 24 {
			t.Fatalf("%d rows, want 24", len(tb.Rows))
		}
		if want := []string{"2025-01-31", "41.2", "", "", ""}; !slices.Equal(tb.Rows[0], want) {
			t.Errorf("first row %q, want %q", tb.Rows[0], want)
		}
		if want := []string{"2025-12-31", "48.6", "48.6", "48.6", "48.6"}; !slices.Equal(tb.Rows[11], want) {
			t.Errorf("row 12 %q, want %q", tb.Rows[11], want)
		}
		// 48.6 + 12 × 0.62 = 56.04, ± 0.9 × √12 = 3.1177: one decimal
		// finer than the axis' step of 5.
		if want := []string{"2026-12-31", "", "56.0", "52.9", "59.2"}; !slices.Equal(tb.Rows[23], want) {
			t.Errorf("last row %q, want %q", tb.Rows[23], want)
		}
		wantN := []string{"Baseline: 40%.", "Target: 55%.", "Target: 55% by 31 Dec 2026."}
		if !slices.Equal(tb.Notes, wantN) {
			t.Errorf("notes %q, want %q", tb.Notes, wantN)
		}
	})
	t.Run("GapsAndBreakdowns", func(t *testing.T) {
		l := Line{Title: "Visits", Series: []Series{
			{Name: "North", Points: []Point{{day(2025, 1, 1), 1}, {day(2025, 2, 1), math.NaN()}, {day(2025, 3, 1), 0.1 + 0.2}}},
			{Points: []Point{{day(2025, 2, 1), 12345.5}, {day(2025, 1, 1), -0.5}}},
		}}
		tb := l.Table()
		want := [][]string{
			{"2025-01-01", "1", "-0.5"},
			{"2025-02-01", "no data", "12,345.5"},
			{"2025-03-01", "0.3", ""},
		}
		if !slices.EqualFunc(tb.Rows, want, slices.Equal) || !slices.Equal(tb.Headers, []string{"Date", "North", "Series 2"}) {
			t.Errorf("table %q %q, want %q", tb.Headers, tb.Rows, want)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		tb := Line{Title: "None"}.Table()
		if len(tb.Rows) != 0 || !slices.Equal(tb.Headers, []string{"Date"}) {
			t.Errorf("empty chart's table: %q %q", tb.Headers, tb.Rows)
		}
	})
}

func TestFormatValue(t *testing.T) {
	cases := map[float64]string{
		0: "0", 1: "1", -0.5: "-0.5", 0.1 + 0.2: "0.3", 12345.5: "12,345.5", 1234: "1234",
		1e6: "1,000,000", 1.23456789012e-5: "0.0000123456789", -1234567.891: "-1,234,567.891",
		math.Copysign(0, -1): "0", math.NaN(): "", 2.0 / 3: "0.6666666667",
	}
	for v, want := range cases {
		if got := formatValue(v); got != want {
			t.Errorf("formatValue(%v) = %q, want %q", v, got, want)
		}
	}
	for v, want := range map[float64]string{-0.04: "0.0", -0.06: "-0.1", 99999.96: "100,000.0", 5: "5.0"} {
		if got := formatFixed(v, 1); got != want {
			t.Errorf("formatFixed(%v, 1) = %q, want %q", v, got, want)
		}
	}
	for _, v := range []float64{0.004999, -0.005, 1e-9, 123.456, -0.0} {
		if got := string(appendCoord(nil, v)); got != strconv.FormatFloat(math.Round(v*100)/100+0, 'f', -1, 64) && got != "0" {
			t.Errorf("appendCoord(%v) = %q", v, got)
		}
	}
}

func TestTrendWords(t *testing.T) {
	up := monthEnds(2025, 1, 2, 3, 4)
	down := monthEnds(2025, 4, 3, 2, 1)
	noisy := monthEnds(2025, 100, 100.2, 99.9, 100.1, 100) // moves far less than 1% of 100
	cases := []struct {
		ps     []Point
		better Direction
		want   string
	}{
		{up, Unspecified, "rising"},
		{up, HigherIsBetter, "rising, an improvement as higher is better"},
		{up, LowerIsBetter, "rising, a worsening as lower is better"},
		{down, LowerIsBetter, "falling, an improvement as lower is better"},
		{down, HigherIsBetter, "falling, a worsening as higher is better"},
		{noisy, HigherIsBetter, "flat"},
		{monthEnds(2025, 0, 0, 0), HigherIsBetter, "flat"},
	}
	for _, c := range cases {
		if got := trendWords(trend(c.ps), c.better); got != c.want {
			t.Errorf("trend of %v (%v) = %q, want %q", c.ps, c.better, got, c.want)
		}
	}
}
