package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// The demo collective has three goals, indicators with thirteen monthly
// values (a year and the month it ends), one broken down by area and summed,
// and a forecast judged against a target; seeding again adds nothing.
func TestSeedDemoMeasure(t *testing.T) {
	auth.Params.Memory, auth.Params.Time = 64, 1
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, err := app.Wire(ctx, app.Config{BaseURL: "http://demo.test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(a.Jobs.Close)
		for range 2 {
			d, err := a.SeedDemo(ctx)
			if err != nil {
				t.Fatal(err)
			}
			sctx := auth.WithUser(ctx, d.Steward)
			acc, err := a.Collectives.Access(sctx, app.DemoSlug)
			if err != nil {
				t.Fatal(err)
			}
			goals, err := a.Measure.Goals(sctx, acc)
			if err != nil || len(goals) != 3 {
				t.Fatalf("demo has %d goals (%v), want 3", len(goals), err)
			}
			inds, err := a.Measure.Indicators(sctx, acc)
			if err != nil || len(inds) != 4 {
				t.Fatalf("demo has %d indicators (%v), want 4", len(inds), err)
			}
			statuses := map[string]int{}
			for _, ind := range inds {
				o, err := a.Measure.Overview(sctx, acc, ind.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(o.Total.Points) != 13 {
					t.Errorf("%s: %d points in its total, want 13", ind.Name, len(o.Total.Points))
				}
				if len(o.Forecast.Band) == 0 || o.Forecast.AtTarget == nil || o.Forecast.Progress == nil {
					t.Errorf("%s: no forecast band, forecast at the target or progress: %+v", ind.Name, o.Forecast)
				}
				statuses[o.Forecast.Status]++
				if len(ind.Dimensions) > 0 {
					if !ind.Additive || !o.Total.Summed {
						t.Errorf("%s: the broken-down demo indicator should be additive with a summed total", ind.Name)
					}
					sr, err := a.Measure.Series(sctx, acc, ind.ID, measure.SeriesQuery{All: true})
					if err != nil || len(sr.Series) != 4 {
						t.Errorf("%s: %d series with the breakdowns (%v), want the total and 3 areas", ind.Name, len(sr.Series), err)
					}
				}
			}
			hist, err := a.Measure.CurveNotesHistory(sctx, acc, inds[0].ID)
			if err != nil || len(hist) != 2 || hist[0].Proposal == "" || len(hist[0].PartnerOrgs) != 2 {
				t.Errorf("the breakfast club's notes: %d versions (%v), want 2 with a proposal and two partners", len(hist), err)
			}
			if statuses[measure.OnTrack] == 0 || statuses[measure.OffTrack] == 0 {
				t.Errorf("the demo should show at least one indicator on track and one off track: %v", statuses)
			}
		}
	})
}
