package measure

import (
	"math"
	"testing"
)

// TestProgressNotNegativeZero: a lower-is-better indicator that has not
// moved from its baseline is 0% of the way, not "-0%".
func TestProgressNotNegativeZero(t *testing.T) {
	base, target := 10.0, 5.0
	ind := &Indicator{BaselineValue: &base, TargetValue: &target}
	f := analyse(ind, []Point{{Date: "2026-01-01", LastDate: "2026-01-01", Value: 10}}, GrainDay)
	if f.Progress == nil || *f.Progress != 0 || math.Signbit(*f.Progress) {
		t.Fatalf("progress %v", f.Progress)
	}
}

// TestTargetDatePassed: with the target date behind the data, the status
// is the latest value against the target, and nothing is forecast.
func TestTargetDatePassed(t *testing.T) {
	base, target, date := 10.0, 20.0, "2026-02-01"
	ind := &Indicator{BaselineValue: &base, TargetValue: &target, TargetDate: &date}
	pts := []Point{{Date: "2026-01-01", LastDate: "2026-01-01", Value: 10}, {Date: "2026-02-01", LastDate: "2026-02-01", Value: 15},
		{Date: "2026-03-01", LastDate: "2026-03-01", Value: 21}}
	f := analyse(ind, pts, GrainDay)
	if f.Status != OnTrack || f.AtTarget != nil || len(f.Band) != 0 {
		t.Fatalf("%+v", f)
	}
	pts[2].Value = 19
	if f := analyse(ind, pts, GrainDay); f.Status != OffTrack || f.AtTarget != nil {
		t.Fatalf("%+v", f)
	}
}
