package chart

import (
	"testing"
	"time"
)

// BenchmarkLine1000 is issue 8's check that a chart costs nothing next to
// a page: a 1,000-point line with references, target and forecast.
func BenchmarkLine1000(b *testing.B) {
	l := yearWithForecast()
	l.Series = []Series{{Name: "Daily", Points: daily(1000)}}
	b.ReportAllocs()
	for b.Loop() {
		l.SVG()
	}
}

func BenchmarkSparkline(b *testing.B) {
	s := Sparkline{Title: "Daily", Points: daily(365)}
	b.ReportAllocs()
	for b.Loop() {
		s.SVG()
	}
}

// TestLine1000UnderAMillisecond keeps the budget honest in plain go test:
// the best of a few runs, so a busy machine does not fail it by chance.
func TestLine1000UnderAMillisecond(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	l := Line{Title: "Daily", Series: []Series{{Name: "Daily", Points: daily(1000)}}}
	best := time.Hour
	for range 20 {
		start := time.Now()
		l.SVG()
		best = min(best, time.Since(start))
	}
	if best > time.Millisecond {
		t.Errorf("a 1,000-point line took %v at best, over 1 ms", best)
	}
}
