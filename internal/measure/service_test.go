package measure_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"commonground/internal/errs"
	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		meals := w.indicator(t, measure.IndicatorInput{Name: "Meals served", Unit: "meals", Kind: measure.HowMuch})
		one := []measure.MeasurementInput{{Date: "2026-10-01", Value: "120"}}

		t.Run("ObserverReads", func(t *testing.T) {
			a := w.access(t, w.ob)
			if _, err := w.svc.Indicators(as(w.ob), a); err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Series(as(w.ob), a, meals.ID, measure.SeriesQuery{}); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ErrObserverCannotReport", func(t *testing.T) {
			_, err := w.svc.Report(as(w.ob), w.access(t, w.ob), meals.ID, 0, one)
			wantCode(t, err, errs.Forbidden)
			_, err = w.svc.Import(as(w.ob), w.access(t, w.ob), csvOf("Meals served,2026-10-01,5"), measure.ImportOptions{})
			wantCode(t, err, errs.Forbidden)
		})
		t.Run("ErrMemberForAnotherOrganisation", func(t *testing.T) {
			_, err := w.svc.Report(as(w.ana), w.access(t, w.ana), meals.ID, w.library, one)
			wantCode(t, err, errs.Forbidden)
		})
		t.Run("ErrMemberCannotEditIndicators", func(t *testing.T) {
			a := w.access(t, w.ana)
			_, err := w.svc.CreateIndicator(as(w.ana), a, measure.IndicatorInput{GoalID: w.goal, Name: "Mine", Direction: measure.Higher})
			wantCode(t, err, errs.Forbidden)
			_, err = w.svc.UpdateIndicator(as(w.ana), a, meals.ID, measure.IndicatorInput{GoalID: w.goal, Name: "Renamed", Direction: measure.Higher})
			wantCode(t, err, errs.Forbidden)
			wantCode(t, w.svc.DeleteIndicator(as(w.ana), a, meals.ID), errs.Forbidden)
			_, err = w.svc.CreateGoal(as(w.ana), a, measure.GoalInput{Title: "Mine"})
			wantCode(t, err, errs.Forbidden)
		})
		t.Run("OKMemberForOwnOrganisation", func(t *testing.T) {
			ms, err := w.svc.Report(as(w.ana), w.access(t, w.ana), meals.ID, 0, one)
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != 1 || ms[0].OrganisationID == nil || *ms[0].OrganisationID != w.food || *ms[0].ReportedBy != w.ana.ID || ms[0].ValueText != "120" {
				t.Fatalf("stored %+v", ms)
			}
		})
		t.Run("OKStewardForAnyOrganisation", func(t *testing.T) {
			_, err := w.svc.Report(as(w.steward), w.access(t, w.steward), meals.ID, w.library,
				[]measure.MeasurementInput{{Date: "2026-10-02", Value: "7"}})
			if err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ErrNotAContributor", func(t *testing.T) {
			books := w.indicator(t, measure.IndicatorInput{Name: "Books lent", Contributors: []int64{w.library}})
			_, err := w.svc.Report(as(w.ana), w.access(t, w.ana), books.ID, 0, one)
			wantCode(t, err, errs.Forbidden)
			if _, err := w.svc.Report(as(w.ben), w.access(t, w.ben), books.ID, 0, one); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ErrCorrectAnotherOrganisation", func(t *testing.T) {
			ms, err := w.svc.Report(as(w.ben), w.access(t, w.ben), meals.ID, 0, []measure.MeasurementInput{{Date: "2026-10-03", Value: "1"}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = w.svc.Correct(as(w.ana), w.access(t, w.ana), ms[0].ID, "2", "")
			wantCode(t, err, errs.Forbidden)
			_, err = w.svc.Correct(as(w.ob), w.access(t, w.ob), ms[0].ID, "2", "")
			wantCode(t, err, errs.Forbidden)
		})
		t.Run("ActivityRecorded", func(t *testing.T) {
			got := w.verbs(t)
			for _, v := range []string{"goal.created", "indicator.created", "measurement.reported"} {
				if !slices.Contains(got, v) {
					t.Errorf("no %s in %v", v, got)
				}
			}
		})
	})
}

func TestReportChecks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ind := w.indicator(t, measure.IndicatorInput{Name: "Families housed",
			Dimensions: []measure.Dimension{{Name: "area", Values: []string{"North", "South"}}}})
		a := w.access(t, w.ana)
		_, err := w.svc.Report(as(w.ana), a, ind.ID, 0, []measure.MeasurementInput{
			{Date: "2026-10-01", Value: "3", Breakdown: measure.Breakdown{"area": "North"}},
			{Date: "2026-11-25", Value: "3"},
			{Date: "2026-10-01", Value: "three"},
			{Date: "2026-10-01", Value: "3", Breakdown: measure.Breakdown{"area": "East"}},
			{Date: "2026-10-01", Value: "4", Breakdown: measure.Breakdown{"area": "North"}},
			{Date: "2026-10-32", Value: "3"},
		})
		wantCode(t, err, errs.Invalid)
		var bad *measure.BadItems
		if !errors.As(err, &bad) || len(bad.Items) != 5 || bad.Items[0].Line != 2 || bad.Items[4].Line != 6 {
			t.Fatalf("items %+v", bad)
		}
		if n := w.count(t, "measure_measurements"); n != 0 {
			t.Fatalf("%d measurements written from a bad batch", n)
		}
		for _, want := range []string{"Item 2:", "Item 3:", "Item 4:", "Item 5:", "Item 6:"} {
			if !strings.Contains(errs.Message(err), want) {
				t.Errorf("message lacks %q: %s", want, errs.Message(err))
			}
		}
		if strings.Contains(errs.Message(err), "Item 1:") {
			t.Errorf("a good item was reported bad: %s", errs.Message(err))
		}
		// Tomorrow is allowed (partners ahead of UTC); a stored value is a
		// conflict to be corrected, not reported twice.
		in := []measure.MeasurementInput{{Date: "2026-11-24", Value: "1.50"}}
		if _, err := w.svc.Report(as(w.ana), a, ind.ID, 0, in); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Report(as(w.ana), a, ind.ID, 0, in)
		wantCode(t, err, errs.Invalid)
	})
}

func TestCorrectionKeepsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ind := w.indicator(t, measure.IndicatorInput{Name: "Meals served"})
		a := w.access(t, w.ana)
		ms, err := w.svc.Report(as(w.ana), a, ind.ID, 0, []measure.MeasurementInput{{Date: "2026-09-01", Value: "100"}, {Date: "2026-09-15", Value: "90"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Correct(as(w.ana), a, ms[1].ID, "95.0", "typo"); err != nil {
			t.Fatal(err)
		}
		m, err := w.svc.Correct(as(w.steward), w.access(t, w.steward), ms[1].ID, "97", "")
		if err != nil {
			t.Fatal(err)
		}
		if m.Value != 97 || m.ValueText != "97" {
			t.Fatalf("corrected to %+v", m)
		}
		_, hist, err := w.svc.Measurement(as(w.ob), w.access(t, w.ob), ms[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 2 || hist[0].OldText != "90" || hist[0].NewText != "95.0" || hist[0].Reason != "typo" ||
			*hist[0].ChangedBy != w.ana.ID || hist[1].OldText != "95.0" || hist[1].NewValue != 97 {
			t.Fatalf("history %+v", hist)
		}
		sr, err := w.svc.Series(as(w.ob), w.access(t, w.ob), ind.ID, measure.SeriesQuery{Grain: measure.GrainMonth})
		if err != nil {
			t.Fatal(err)
		}
		p := sr.Series[0].Points[0]
		if p.Count != 2 || p.Sum != 197 || p.Min != 97 || p.Max != 100 || p.Value != 97 || p.LastDate != "2026-09-15" {
			t.Fatalf("rollup after corrections %+v", p)
		}
		if !slices.Contains(w.verbs(t), "measurement.corrected") {
			t.Fatal("no activity for the correction")
		}
	})
}
