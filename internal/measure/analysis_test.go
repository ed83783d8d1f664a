package measure_test

import (
	"math"
	"testing"
	"time"

	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// The series 10, 12, 13, 15 on days 0, 30, 60, 90, worked by hand:
// x̄ = 45, ȳ = 12.5, Sxx = 4500, Sxy = 240, so the slope is 240/4500 =
// 0.053̄ a day and the intercept 12.5 − 45·0.053̄ = 10.1. The residuals are
// −0.1, 0.3, −0.3, 0.1, RSS = 0.2 and s = √(0.2/2) = √0.1. At day 180 the
// fit is 10.1 + 9.6 = 19.7 and the standard error of a new observation
// s·√(1 + 1/4 + 135²/4500) = √0.1·√5.3 = √0.53. With 2 degrees of freedom
// Student's quantile has a closed form, t = (2p − 1)/√(2p(1 − p)), so
// t(0.90) = 0.8/√0.18 and the 80% interval is 19.7 ± 0.8·√(0.53/0.18)
// = 19.7 ± 1.3727...
var (
	handDays   = []int{0, 30, 60, 90}
	handValues = []string{"10", "12", "13", "15"}
	handHalf   = 0.8 * math.Sqrt(0.53/0.18)
)

func TestForecastByHand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		first := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		date := func(d int) string { return first.AddDate(0, 0, d).Format("2006-01-02") }
		cases := []struct {
			name, dir, baseline, target string
			status                      string
			progress                    float64
		}{
			{"Up on track", measure.Higher, "10", "19", measure.OnTrack, 5.0 / 9 * 100},
			{"Up at risk", measure.Higher, "10", "20.5", measure.AtRisk, 5.0 / 10.5 * 100},
			{"Up off track", measure.Higher, "10", "22", measure.OffTrack, 5.0 / 12 * 100},
			{"Down on track", measure.Lower, "25", "20", measure.OnTrack, -10.0 / -5 * 100},
			{"Down at risk", measure.Lower, "25", "18.5", measure.AtRisk, -10.0 / -6.5 * 100},
			{"Down off track", measure.Lower, "25", "18", measure.OffTrack, -10.0 / -7 * 100},
		}
		for _, c := range cases {
			ind := w.indicator(t, measure.IndicatorInput{Name: c.name, Direction: c.dir,
				Baseline: c.baseline, BaselineDate: "2025-12-01", Target: c.target, TargetDate: date(180)})
			var in []measure.MeasurementInput
			for i, d := range handDays {
				in = append(in, measure.MeasurementInput{Date: date(d), Value: handValues[i]})
			}
			if _, err := w.svc.Report(as(w.steward), w.access(t, w.steward), ind.ID, 0, in); err != nil {
				t.Fatal(err)
			}
			f, err := w.svc.Forecast(as(w.ob), w.access(t, w.ob), ind.ID)
			if err != nil {
				t.Fatal(err)
			}
			near := func(what string, got, want float64) {
				if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
					t.Errorf("%s: %s = %.15g, want %.15g", c.name, what, got, want)
				}
			}
			if f.Status != c.status || f.Progress == nil || f.AtTarget == nil || f.Points != 4 || f.Origin != date(0) {
				t.Fatalf("%s: %+v", c.name, f)
			}
			near("progress", *f.Progress, c.progress)
			near("slope", f.SlopePerDay, 240.0/4500)
			near("intercept", f.Intercept, 10.1)
			near("fit", f.AtTarget.Fit, 19.7)
			near("lo", f.AtTarget.Lo, 19.7-handHalf)
			near("hi", f.AtTarget.Hi, 19.7+handHalf)
			o, err := w.svc.Overview(as(w.ob), w.access(t, w.ob), ind.ID)
			if err != nil || o.Forecast.Status != f.Status || *o.Forecast.AtTarget != *f.AtTarget || len(o.Total.Points) != 4 || o.Indicator.Name != c.name {
				t.Fatalf("%s: overview %+v, %v", c.name, o, err)
			}
			if f.AtTarget.Date != date(180) || len(f.Band) != 13 || f.Band[0].Date != date(90) || f.Band[12] != *f.AtTarget {
				t.Errorf("%s: band %+v", c.name, f.Band)
			}
		}
	})
}

func TestForecastNotEnoughData(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ind := w.indicator(t, measure.IndicatorInput{Name: "Sparse", Target: "5", TargetDate: "2027-01-01"})
		for n, in := range [][]measure.MeasurementInput{nil, {{Date: "2026-01-01", Value: "1"}, {Date: "2026-02-01", Value: "2"}}} {
			if in != nil {
				if _, err := w.svc.Report(as(w.steward), w.access(t, w.steward), ind.ID, 0, in); err != nil {
					t.Fatal(err)
				}
			}
			f, err := w.svc.Forecast(as(w.ob), w.access(t, w.ob), ind.ID)
			if err != nil {
				t.Fatal(err)
			}
			if f.Status != measure.NotEnoughData || f.Points != 2*n || f.Progress != nil {
				t.Fatalf("%d points: %+v", 2*n, f)
			}
		}
		noTarget := w.indicator(t, measure.IndicatorInput{Name: "Open"})
		if _, err := w.svc.Report(as(w.steward), w.access(t, w.steward), noTarget.ID, 0, []measure.MeasurementInput{
			{Date: "2026-01-01", Value: "1"}, {Date: "2026-02-01", Value: "2"}, {Date: "2026-03-01", Value: "2"}}); err != nil {
			t.Fatal(err)
		}
		f, err := w.svc.Forecast(as(w.ob), w.access(t, w.ob), noTarget.ID)
		if err != nil || f.Status != measure.NoTarget || f.Latest.Value != 2 {
			t.Fatalf("%+v %v", f, err)
		}
	})
}
