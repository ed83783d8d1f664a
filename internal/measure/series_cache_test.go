package measure_test

import (
	"testing"

	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestForecastCacheFollowsWrites: the forecast is served from a cache, and
// each kind of write — a report, a correction, an edit of the indicator —
// must show in the next forecast on both databases.
func TestForecastCacheFollowsWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ind := w.indicator(t, measure.IndicatorInput{Name: "Meals", Target: "100", TargetDate: "2030-01-01", Additive: true,
			Dimensions: []measure.Dimension{{Name: "area", Values: []string{"North", "South"}}}})
		a := w.access(t, w.steward)
		forecast := func() *measure.Forecast {
			t.Helper()
			f, err := w.svc.Forecast(as(w.steward), a, ind.ID)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		in := []measure.MeasurementInput{{Date: "2026-01-01", Value: "10"}, {Date: "2026-01-11", Value: "20"}, {Date: "2026-01-21", Value: "30"}}
		if _, err := w.svc.Report(as(w.steward), a, ind.ID, 0, in); err != nil {
			t.Fatal(err)
		}
		if f := forecast(); f.Points != 3 || f.Latest.Value != 30 {
			t.Fatalf("first %+v", f)
		}
		forecast() // from the cache
		stored, err := w.svc.Report(as(w.steward), a, ind.ID, 0, []measure.MeasurementInput{{Date: "2026-01-31", Value: "45"}})
		if err != nil {
			t.Fatal(err)
		}
		if f := forecast(); f.Points != 4 || f.Latest.Value != 45 {
			t.Fatalf("after a report %+v", f)
		}
		if _, err := w.svc.Correct(as(w.steward), a, stored[0].ID, "40", "typo"); err != nil {
			t.Fatal(err)
		}
		if f := forecast(); f.Latest.Value != 40 {
			t.Fatalf("after a correction %+v", f.Latest)
		}
		// Breakdowns on a new date make a summed total only while the
		// indicator is additive; the edit must reach the cached series.
		if _, err := w.svc.Report(as(w.steward), a, ind.ID, 0, []measure.MeasurementInput{
			{Date: "2026-02-10", Value: "30", Breakdown: measure.Breakdown{"area": "North"}},
			{Date: "2026-02-10", Value: "25", Breakdown: measure.Breakdown{"area": "South"}}}); err != nil {
			t.Fatal(err)
		}
		if f := forecast(); f.Latest.Value != 55 {
			t.Fatalf("summed %+v", f.Latest)
		}
		edit := measure.IndicatorInput{GoalID: ind.GoalID, Direction: measure.Higher, Name: "Meals", Target: "100", TargetDate: "2030-01-01",
			Additive: false, Dimensions: []measure.Dimension{{Name: "area", Values: []string{"North", "South"}}}}
		if _, err := w.svc.UpdateIndicator(as(w.steward), a, ind.ID, edit); err != nil {
			t.Fatal(err)
		}
		if f := forecast(); f.Latest.Value != 40 {
			t.Fatalf("after the indicator stopped adding up %+v", f.Latest)
		}
	})
}
