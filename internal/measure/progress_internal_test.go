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
