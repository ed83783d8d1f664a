package stats

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// TestTrendHandComputed: x = 0, 1, 2, 3, y = 1, 3, 2, 5. x̄ = 1.5, ȳ = 2.75,
// Sxx = 5, Sxy = 5.5, so b = 1.1, a = 1.1; residuals −0.1, 0.8, −1.3, 0.6,
// RSS = 2.7, s = √1.35. At x = 5 the fit is 6.6 and the 80% interval is
// 6.6 ± t(0.9; 2) · s · √(1 + 1/4 + 12.25/5) with t(0.9; 2) = 1.8856180831641267.
func TestTrendHandComputed(t *testing.T) {
	tr, err := LinearTrend([]float64{0, 1, 2, 3}, []float64{1, 3, 2, 5})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(tr.Slope-1.1) > 1e-15 || math.Abs(tr.Intercept-1.1) > 1e-15 || math.Abs(tr.ResidualSE-math.Sqrt(1.35)) > 1e-15 {
		t.Fatalf("%+v", tr)
	}
	fit, lo, hi := tr.Predict(5, 0.80)
	half := 1.8856180831641267 * math.Sqrt(1.35) * math.Sqrt(1+0.25+12.25/5)
	if math.Abs(fit-6.6) > 1e-14 || math.Abs(lo-(6.6-half)) > 1e-12 || math.Abs(hi-(6.6+half)) > 1e-12 {
		t.Fatalf("fit %v [%v, %v], want 6.6 ± %v", fit, lo, hi, half)
	}
}

func TestTrendGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/trend/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Cases []struct {
			Name        string
			X, Y        []float64
			I           float64 `json:"intercept"`
			S           float64 `json:"slope"`
			SE          float64 `json:"residual_se"`
			Predictions []struct{ X, Level, Fit, Lo, Hi float64 }
		}
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			tr, err := LinearTrend(c.X, c.Y)
			if err != nil {
				t.Fatal(err)
			}
			close := func(what string, got, want float64) {
				t.Helper()
				if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
					t.Errorf("%s: %.15g, statsmodels %.15g", what, got, want)
				}
			}
			close("slope", tr.Slope, c.S)
			close("intercept", tr.Intercept, c.I)
			close("residual SE", tr.ResidualSE, c.SE)
			for _, p := range c.Predictions {
				fit, lo, hi := tr.Predict(p.X, p.Level)
				close("fit", fit, p.Fit)
				close("lo", lo, p.Lo)
				close("hi", hi, p.Hi)
			}
		})
	}
}

func TestTrendErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		x, y []float64
		want string
	}{
		{"ErrTooFew", []float64{1, 2}, []float64{1, 2}, "stats: a trend needs at least 3 points"},
		{"ErrOneTime", []float64{4, 4, 4}, []float64{1, 2, 3}, "stats: a trend needs points at two different times at least"},
		{"ErrLengths", []float64{1, 2, 3}, []float64{1, 2}, "stats: x and y differ in length"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := LinearTrend(c.x, c.y); err == nil || err.Error() != c.want {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}
