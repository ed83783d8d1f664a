package measure_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

type rollupRow struct {
	Indicator int64   `db:"indicator_id"`
	Breakdown int64   `db:"breakdown_id"`
	Period    string  `db:"period"`
	Count     int64   `db:"count"`
	Sum       float64 `db:"sum"`
	Min       float64 `db:"min"`
	Max       float64 `db:"max"`
	LastDate  string  `db:"last_date"`
	LastValue float64 `db:"last_value"`
}

// TestRollupsMatchRawRows writes at random through every path (reports,
// imports with skipped lines, corrections) and then checks each stored
// rollup against one recomputed from the raw rows in Go.
func TestRollupsMatchRawRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ind := w.indicator(t, measure.IndicatorInput{Name: "Visits", Additive: true,
			Dimensions: []measure.Dimension{{Name: "area", Values: []string{"N", "S", "E"}}}})
		w.indicator(t, measure.IndicatorInput{Name: "Waits"})
		rng := rand.New(rand.NewPCG(7, 8))
		ctx := context.Background()
		sa, aa := w.access(t, w.steward), w.access(t, w.ana)
		day := func() string { return fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(4), 1+rng.IntN(28)) }
		areas := []string{"", "N", "S", "E"}
		for round := 0; round < 30; round++ {
			switch rng.IntN(3) {
			case 0: // a report of a few values, some of which may clash and refuse the batch
				var in []measure.MeasurementInput
				for k := 0; k < 1+rng.IntN(4); k++ {
					m := measure.MeasurementInput{Date: day(), Value: fmt.Sprint(rng.IntN(200) - 50)}
					if a := areas[rng.IntN(4)]; a != "" {
						m.Breakdown = measure.Breakdown{"area": a}
					}
					in = append(in, m)
				}
				_, _ = w.svc.Report(as(w.ana), aa, ind.ID, 0, in)
			case 1: // an import across both indicators, skipping what clashes
				var b strings.Builder
				b.WriteString("indicator,date,value,area\n")
				for k := 0; k < 20; k++ {
					name := "Visits"
					if rng.IntN(3) == 0 {
						name = "Waits"
					}
					area := areas[rng.IntN(4)]
					if name == "Waits" {
						area = ""
					}
					fmt.Fprintf(&b, "%s,%s,%d.5,%s\n", name, day(), rng.IntN(100), area)
				}
				if _, err := w.svc.Import(as(w.steward), sa, strings.NewReader(b.String()), measure.ImportOptions{SkipBad: true}); err != nil {
					t.Fatal(err)
				}
			case 2: // a correction of a stored value
				var ids []int64
				if err := db.Select(ctx, &ids, "SELECT id FROM measure_measurements ORDER BY id"); err != nil {
					t.Fatal(err)
				}
				if len(ids) > 0 {
					id := ids[rng.IntN(len(ids))]
					if _, err := w.svc.Correct(as(w.steward), sa, id, fmt.Sprint(rng.IntN(300)-100), "check"); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		var raw []struct {
			Indicator int64   `db:"indicator_id"`
			Breakdown int64   `db:"breakdown_id"`
			Day       string  `db:"on_date"`
			Value     float64 `db:"value"`
		}
		if err := db.Select(ctx, &raw, "SELECT indicator_id, breakdown_id, on_date, value FROM measure_measurements ORDER BY on_date"); err != nil {
			t.Fatal(err)
		}
		want := map[string]*rollupRow{}
		for _, r := range raw {
			k := fmt.Sprint(r.Indicator, r.Breakdown, r.Day[:7])
			g := want[k]
			if g == nil {
				g = &rollupRow{Indicator: r.Indicator, Breakdown: r.Breakdown, Period: r.Day[:7], Min: r.Value, Max: r.Value}
				want[k] = g
			}
			g.Count++
			g.Sum += r.Value
			g.Min, g.Max = math.Min(g.Min, r.Value), math.Max(g.Max, r.Value)
			g.LastDate, g.LastValue = r.Day, r.Value // ordered by date, and one value per date
		}
		var got []rollupRow
		if err := db.Select(ctx, &got, "SELECT indicator_id, breakdown_id, period, count, sum, min, max, last_date, last_value FROM measure_rollups"); err != nil {
			t.Fatal(err)
		}
		if len(raw) < 50 || len(got) != len(want) {
			t.Fatalf("%d raw rows; %d rollups, want %d", len(raw), len(got), len(want))
		}
		for _, g := range got {
			r := want[fmt.Sprint(g.Indicator, g.Breakdown, g.Period)]
			if r == nil || g.Count != r.Count || math.Abs(g.Sum-r.Sum) > 1e-9 || g.Min != r.Min || g.Max != r.Max ||
				g.LastDate != r.LastDate || g.LastValue != r.LastValue {
				t.Fatalf("rollup %+v, recomputed %+v", g, r)
			}
		}
	})
}
