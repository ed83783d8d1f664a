package app_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"commonground/internal/measure"
)

// maIDs are the ids maSeed made, for the scenarios' paths.
type maIDs struct {
	goal, indicator int64
	// spareGoal has no indicators and spareIndicator (under goal) no
	// measurements; the scenarios delete them.
	spareGoal, spareIndicator int64
}

// maSeed writes, through the service, what the measure API scenarios start
// from in collective A: one goal, and under it "Meals served" (higher is
// better, additive, broken down by area North/South, reported on by the
// Riverside Food Bank, baseline 100 on 2026-01-01, target 500 on
// 2027-01-01) with four totals on an exact line, 100, 110, 120, 130 every
// ten days from 2026-01-01, and the two areas on the last date.
//
// By hand: the least-squares line through (0,100) (10,110) (20,120)
// (30,130) is 100 + 1·day with no residual, so its prediction interval has
// no width; at the target date, day 365, it reads 465 < 500: off track.
// Progress is (130 − 100) / (500 − 100) = 7.5%. Then a spare goal, last,
// and a spare indicator "Old count" with a target and no data.
func maSeed(f *scFixture) maIDs {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	sctx := f.as("steward")
	sa, err := f.app.Collectives.Access(sctx, scA)
	must(err)
	m := f.app.Measure
	g, err := m.CreateGoal(sctx, sa, measure.GoalInput{Title: "Every child fed", Description: "No child in Riverside goes hungry."})
	must(err)
	ind, err := m.CreateIndicator(sctx, sa, measure.IndicatorInput{GoalID: g.ID, Name: "Meals served", Unit: "meals",
		Direction: measure.Higher, Baseline: "100", BaselineDate: "2026-01-01", Target: "500", TargetDate: "2027-01-01", Additive: true,
		Dimensions: []measure.Dimension{{Name: "area", Values: []string{"North", "South"}}}, Contributors: []int64{f.org["Riverside Food Bank"]}})
	must(err)
	in := []measure.MeasurementInput{{Date: "2026-01-01", Value: "100"}, {Date: "2026-01-11", Value: "110"},
		{Date: "2026-01-21", Value: "120"}, {Date: "2026-01-31", Value: "130"},
		{Date: "2026-01-31", Value: "70", Breakdown: measure.Breakdown{"area": "North"}},
		{Date: "2026-01-31", Value: "60", Breakdown: measure.Breakdown{"area": "South"}}}
	_, err = m.Report(sctx, sa, ind.ID, 0, in)
	must(err)
	spare, err := m.CreateGoal(sctx, sa, measure.GoalInput{Title: "Old goal", Position: 9})
	must(err)
	old, err := m.CreateIndicator(sctx, sa, measure.IndicatorInput{GoalID: g.ID, Name: "Old count", Direction: measure.Higher,
		Target: "10", TargetDate: "2030-01-01", Position: 9})
	must(err)
	return maIDs{goal: g.ID, indicator: ind.ID, spareGoal: spare.ID, spareIndicator: old.ID}
}

// maCounts fails unless collective A has these many goals, indicators and
// measurements: a refused write must leave the measure tables as they
// were, which the core's digest does not see.
func maCounts(goals, indicators, measurements int) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got [3]int
		for i, q := range []string{
			"SELECT count(*) FROM measure_goals g JOIN collectives c ON c.id = g.collective_id WHERE c.slug = ?",
			"SELECT count(*) FROM measure_indicators i JOIN collectives c ON c.id = i.collective_id WHERE c.slug = ?",
			`SELECT count(*) FROM measure_measurements m JOIN measure_indicators i ON i.id = m.indicator_id
				JOIN collectives c ON c.id = i.collective_id WHERE c.slug = ?`,
		} {
			if err := f.app.DB.Get(t.Context(), &got[i], q, scA); err != nil {
				t.Fatal(err)
			}
		}
		if want := [3]int{goals, indicators, measurements}; got != want {
			t.Fatalf("goals, indicators, measurements = %v, want %v", got, want)
		}
	}
}

// maNear fails unless the number at each dotted path of the answer is
// within 1e-9 of its value.
func maNear(want map[string]float64) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, _ *apiFixture, ans apiAnswer) {
		t.Helper()
		var doc any
		if err := json.Unmarshal(ans.body, &doc); err != nil {
			t.Fatal(err)
		}
		for path, w := range want {
			got, ok := apiAt(doc, path)
			v, isNum := got.(float64)
			if !ok || !isNum || math.Abs(v-w) > 1e-9 {
				t.Errorf("%s = %v, want %v", path, got, w)
			}
		}
	}
}

// maPath is the path of one indicator's sub-resource in A.
func maPath(id int64, rest string) string {
	return fmt.Sprintf("/api/v1/collectives/%s/indicators/%d%s", scA, id, rest)
}
