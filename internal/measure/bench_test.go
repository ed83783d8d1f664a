package measure_test

import (
	"bytes"
	"fmt"
	"sort"
	"testing"
	"time"

	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// bigCSV is issue 8's budget case: 1,000,000 measurements of one indicator
// across 50 breakdown values (a site dimension), 20,000 days each.
func bigCSV(rows int) []byte {
	var b bytes.Buffer
	b.Grow(rows * 40)
	b.WriteString("indicator,date,value,site\n")
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	perSite := rows / 50
	for d := 0; d < perSite; d++ {
		day := start.AddDate(0, 0, -d).Format("2006-01-02")
		for s := 0; s < 50; s++ {
			fmt.Fprintf(&b, "Visits,%s,%d.%d,s%02d\n", day, (d*7+s*13)%1000, s%10, s)
		}
	}
	return b.Bytes()
}

func sites() []string {
	out := make([]string, 50)
	for i := range out {
		out[i] = fmt.Sprintf("s%02d", i)
	}
	return out
}

// BenchmarkImport1M imports 1,000,000 rows into a fresh SQLite database per
// iteration (budget: under 10 s). Run it with
// go test -run '^$' -bench Import1M -benchtime 1x ./internal/measure/
func BenchmarkImport1M(b *testing.B) {
	data := bigCSV(1_000_000)
	for b.Loop() {
		b.StopTimer()
		w := newWorld(b, storetest.SQLite(b))
		w.indicator(b, measure.IndicatorInput{Name: "Visits", Additive: true,
			Dimensions: []measure.Dimension{{Name: "site", Values: sites()}}})
		a := w.access(b, w.steward)
		b.StartTimer()
		res, err := w.svc.Import(as(w.steward), a, bytes.NewReader(data), measure.ImportOptions{})
		if err != nil || res.Written != 1_000_000 {
			b.Fatalf("%+v %v", res.Written, err)
		}
	}
	b.ReportMetric(float64(1_000_000)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkPage1M times what an indicator's page reads (Overview: its total
// series, summed from 50 breakdowns, and its forecast) and the breakdown comparison
// (all 51 series) on 1,000,000 measurements, and reports the p99 of each
// (budget: 100 ms). BenchmarkPage1MPostgres does the same on PostgreSQL
// when COMMONGROUND_TEST_POSTGRES is set.
func BenchmarkPage1M(b *testing.B) { benchPage(b, storetest.SQLite(b)) }

// BenchmarkPage1MPostgres is BenchmarkPage1M on PostgreSQL.
func BenchmarkPage1MPostgres(b *testing.B) { benchPage(b, storetest.Postgres(b)) }

func benchPage(b *testing.B, db *store.DB) {
	w := newWorld(b, db)
	ind := w.indicator(b, measure.IndicatorInput{Name: "Visits", Additive: true, Target: "900", TargetDate: "2030-01-01",
		Dimensions: []measure.Dimension{{Name: "site", Values: sites()}}})
	a := w.access(b, w.steward)
	if _, err := w.svc.Import(as(w.steward), a, bytes.NewReader(bigCSV(1_000_000)), measure.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	var page, all []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if o, err := w.svc.Overview(as(w.steward), a, ind.ID); err != nil || o.Forecast.Status == measure.NotEnoughData {
			b.Fatal(o, err)
		}
		t1 := time.Now()
		if _, err := w.svc.Series(as(w.steward), a, ind.ID, measure.SeriesQuery{All: true}); err != nil {
			b.Fatal(err)
		}
		page, all = append(page, t1.Sub(t0)), append(all, time.Since(t1))
	}
	b.ReportMetric(p99(page).Seconds()*1000, "page-p99-ms")
	b.ReportMetric(p99(all).Seconds()*1000, "breakdowns-p99-ms")
}

func p99(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[(len(ds)*99)/100]
}
