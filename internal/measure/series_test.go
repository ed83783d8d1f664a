package measure_test

import (
	"fmt"
	"strings"
	"testing"

	"commonground/internal/errs"
	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestSeriesTotals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		dims := []measure.Dimension{{Name: "area", Values: []string{"North", "South"}}}
		add := w.indicator(t, measure.IndicatorInput{Name: "Meals", Additive: true, Dimensions: dims})
		rate := w.indicator(t, measure.IndicatorInput{Name: "Rate", Dimensions: dims})
		file := "indicator,date,value,area\n" +
			"Meals,2026-01-01,10,North\nMeals,2026-01-01,5,South\nMeals,2026-02-01,7,North\nMeals,2026-02-01,100,\n" +
			"Meals,2026-03-02,4,North\n" + // March: only one area so far, so no total yet
			"Rate,2026-01-01,0.5,North\nRate,2026-01-01,0.25,South\nRate,2026-02-01,0.4,\n"
		if _, err := w.svc.Import(as(w.steward), w.access(t, w.steward), strings.NewReader(file), measure.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		a := w.access(t, w.ob)
		total := func(id int64) measure.Series {
			t.Helper()
			sr, err := w.svc.Series(as(w.ob), a, id, measure.SeriesQuery{})
			if err != nil || len(sr.Series) != 1 || sr.Grain != measure.GrainDay {
				t.Fatalf("%+v %v", sr, err)
			}
			return sr.Series[0]
		}
		// Additive: January is summed from its two areas; February's
		// reported total wins over the one area reported then.
		got := total(add.ID)
		if !got.Summed || len(got.Points) != 2 || got.Points[0].Value != 15 || got.Points[0].Parts != 2 ||
			got.Points[1].Value != 100 || got.Points[1].Parts != 0 {
			t.Fatalf("additive total %+v", got)
		}
		// Not additive: the total is only what was reported as the total.
		got = total(rate.ID)
		if got.Summed || len(got.Points) != 1 || got.Points[0].Value != 0.4 {
			t.Fatalf("rate total %+v", got)
		}
		sr, err := w.svc.Series(as(w.ob), a, add.ID, measure.SeriesQuery{Breakdown: measure.Breakdown{"area": "North"}, From: "2026-01-15", To: "2026-02-28"})
		if err != nil || len(sr.Series) != 1 || len(sr.Series[0].Points) != 1 || sr.Series[0].Points[0].Value != 7 {
			t.Fatalf("filtered %+v %v", sr, err)
		}
		sr, err = w.svc.Series(as(w.ob), a, add.ID, measure.SeriesQuery{All: true, Grain: measure.GrainMonth})
		if err != nil || len(sr.Series) != 3 {
			t.Fatalf("all %+v %v", sr, err)
		}
		// The same at month grain, from the rollups.
		sr, err = w.svc.Series(as(w.ob), a, add.ID, measure.SeriesQuery{Grain: measure.GrainMonth})
		if err != nil || len(sr.Series) != 1 || len(sr.Series[0].Points) != 2 {
			t.Fatalf("monthly total %+v %v", sr, err)
		}
		if p := sr.Series[0].Points[0]; p.Date != "2026-01-01" || p.Value != 15 || p.Parts != 2 || p.Count != 2 || p.Min != 5 || p.Max != 10 {
			t.Fatalf("monthly total %+v", p)
		}
		// At year grain February's reported total is the year's latest.
		sr, err = w.svc.Series(as(w.ob), a, add.ID, measure.SeriesQuery{Grain: measure.GrainYear})
		if err != nil || len(sr.Series[0].Points) != 1 || sr.Series[0].Summed || sr.Series[0].Points[0].Value != 100 || sr.Series[0].Points[0].Date != "2026-01-01" {
			t.Fatalf("yearly total %+v %v", sr, err)
		}
		_, err = w.svc.Series(as(w.ob), a, add.ID, measure.SeriesQuery{From: "yesterday"})
		wantCode(t, err, errs.Invalid)
	})
}

// TestSeriesLongRangeFromRollups checks that a long series is read from
// the monthly rollups, with the month's latest value as its point.
func TestSeriesLongRangeFromRollups(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	ind := w.indicator(t, measure.IndicatorInput{Name: "Daily", Dimensions: []measure.Dimension{{Name: "site", Values: []string{"a", "b", "c", "d"}}}})
	var b strings.Builder
	b.WriteString("indicator,date,value,site\n")
	n := 0
	for d := 0; d < 730; d++ {
		day := dateAfter("2024-11-01", d)
		for _, s := range []string{"", "a", "b", "c", "d"} {
			fmt.Fprintf(&b, "Daily,%s,%d,%s\n", day, d, s)
			n++
		}
	}
	res, err := w.svc.Import(as(w.steward), w.access(t, w.steward), strings.NewReader(b.String()), measure.ImportOptions{})
	if err != nil || res.Written != n {
		t.Fatalf("%+v %v", res, err)
	}
	// The total alone has 730 points; with the four sites, 3,650.
	sr, err := w.svc.Series(as(w.ob), w.access(t, w.ob), ind.ID, measure.SeriesQuery{All: true})
	if err != nil {
		t.Fatal(err)
	}
	pts := sr.Series[0].Points
	if sr.Grain != measure.GrainMonth || len(sr.Series) != 5 || !sr.Series[0].Breakdown.Total() || len(pts) != 24 || pts[0].Date != "2024-11-01" || pts[0].Count != 30 || pts[0].Value != 29 || pts[0].LastDate != "2024-11-30" {
		t.Fatalf("grain %s, %d points, first %+v", sr.Grain, len(pts), pts[0])
	}
	sr, err = w.svc.Series(as(w.ob), w.access(t, w.ob), ind.ID, measure.SeriesQuery{All: true, From: "2025-01-01", To: "2025-03-31"})
	if err != nil || sr.Grain != measure.GrainDay || len(sr.Series) != 5 || len(sr.Series[0].Points) != 90 {
		t.Fatalf("a quarter: grain %s, %d points, %v", sr.Grain, len(sr.Series[0].Points), err)
	}
	// Years are summed from the months: 2024 holds days 0 to 60.
	sr, err = w.svc.Series(as(w.ob), w.access(t, w.ob), ind.ID, measure.SeriesQuery{All: true, Grain: measure.GrainYear})
	if err != nil || len(sr.Series) != 5 || len(sr.Series[1].Points) != 3 {
		t.Fatalf("years: %+v %v", sr, err)
	}
	if p := sr.Series[1].Points[0]; p.Date != "2024-01-01" || p.Count != 61 || p.Sum != 1830 || p.Min != 0 || p.Max != 60 || p.Value != 60 || p.LastDate != "2024-12-31" {
		t.Fatalf("2024 of site a: %+v", p)
	}
	if p := sr.Series[1].Points[2]; p.Date != "2026-01-01" || p.Value != 729 || p.LastDate != "2026-10-31" {
		t.Fatalf("2026 of site a: %+v", p)
	}
}

func TestIndicatorEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		sa := w.access(t, w.steward)
		in := measure.IndicatorInput{GoalID: w.goal, Name: "Housed", Direction: measure.Higher, Baseline: "0.10", BaselineDate: "2025-01-01",
			Target: "1e2", TargetDate: "2030-01-01", Dimensions: []measure.Dimension{{Name: "area", Values: []string{"North", "South"}}},
			Contributors: []int64{w.food, w.library, w.food}}
		ind := w.indicator(t, in)
		if ind.BaselineText != "0.10" || *ind.BaselineValue != 0.1 || *ind.TargetValue != 100 || ind.TargetText != "1e2" ||
			len(ind.Contributors) != 2 || len(ind.Dimensions) != 1 || ind.Dimensions[0].Values[1] != "South" || ind.Kind != measure.Population {
			t.Fatalf("stored %+v", ind)
		}
		_, err := w.svc.CreateIndicator(as(w.steward), sa, measure.IndicatorInput{GoalID: w.goal, Name: "HOUSED", Direction: measure.Higher})
		wantCode(t, err, errs.Invalid)
		for _, bad := range []measure.IndicatorInput{
			{GoalID: w.goal, Name: "A, B", Direction: measure.Higher},
			{GoalID: w.goal, Name: "X", Direction: "up"},
			{GoalID: w.goal, Name: "X", Direction: measure.Higher, Target: "5"},
			{GoalID: w.goal, Name: "X", Direction: measure.Higher, Target: "five", TargetDate: "2030-01-01"},
			{GoalID: w.goal, Name: "X", Direction: measure.Higher, Baseline: "1", BaselineDate: "2030-01-01", Target: "2", TargetDate: "2029-01-01"},
			{GoalID: w.goal, Name: "X", Direction: measure.Higher, Dimensions: []measure.Dimension{{Name: "date", Values: []string{"a"}}}},
			{GoalID: w.goal + 99, Name: "X", Direction: measure.Higher},
			{GoalID: w.goal, Name: "X", Direction: measure.Higher, Contributors: []int64{w.food + 99}},
		} {
			_, err := w.svc.CreateIndicator(as(w.steward), sa, bad)
			wantCode(t, err, errs.Invalid)
		}
		if _, err := w.svc.Report(as(w.ana), w.access(t, w.ana), ind.ID, 0, []measure.MeasurementInput{
			{Date: "2026-01-01", Value: "1", Breakdown: measure.Breakdown{"area": "South"}}}); err != nil {
			t.Fatal(err)
		}
		// A used value cannot be dropped; a new one can be added.
		in.Dimensions = []measure.Dimension{{Name: "area", Values: []string{"North"}}}
		_, err = w.svc.UpdateIndicator(as(w.steward), sa, ind.ID, in)
		wantCode(t, err, errs.Invalid)
		in.Dimensions = []measure.Dimension{{Name: "area", Values: []string{"North", "South", "East"}}}
		got, err := w.svc.UpdateIndicator(as(w.steward), sa, ind.ID, in)
		if err != nil || len(got.Dimensions[0].Values) != 3 {
			t.Fatalf("%+v %v", got, err)
		}
		wantCode(t, w.svc.DeleteGoal(as(w.steward), sa, w.goal), errs.Conflict)
		if err := w.svc.DeleteIndicator(as(w.steward), sa, ind.ID); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.DeleteGoal(as(w.steward), sa, w.goal); err != nil || w.count(t, "measure_measurements") != 0 {
			t.Fatalf("delete: %v", err)
		}
	})
}
