package measure_test

import (
	"io"
	"strings"
	"testing"

	"commonground/internal/errs"
	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// csvOf is a file with the plain header and the given data lines.
func csvOf(lines ...string) io.Reader {
	return strings.NewReader("indicator,date,value\n" + strings.Join(lines, "\n") + "\n")
}

func TestImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.indicator(t, measure.IndicatorInput{Name: "Meals served"})
		w.indicator(t, measure.IndicatorInput{Name: "Families housed", Additive: true,
			Dimensions: []measure.Dimension{{Name: "area", Values: []string{"North", "South"}}, {Name: "age", Values: []string{"0-17", "18+"}}}})
		file := "indicator,date,value,area,age\n" +
			"Meals served,2026-10-01,120,,\n" + // 2
			"meals served,2026-10-02,130,,\n" + // 3: names match regardless of case
			"Families housed,2026-10-01,4,North,18+\n" + // 4
			"Families housed,2026-10-01,6,,\n" + // 5: the total
			"Meals served,2026-10-01,121,,\n" + // 6: duplicate of line 2
			"Meals eaten,2026-10-01,1,,\n" + // 7: unknown indicator
			"Meals served,2026-12-01,1,,\n" + // 8: future
			"Meals served,2026-10-05,1e,,\n" + // 9: not a number
			"Families housed,2026-10-02,4,East,18+\n" + // 10: undeclared value
			"Meals served,2026-10-06,5,North,\n" + // 11: no breakdown on this indicator
			"Families housed,2026-10-03,4,North,\n" + // 12: partial breakdown
			"Meals served,2026-10-07\n" + // 13: short line
			"Meals served,10/08/2026,5,,\n" // 14: not a date
		wantBad := []int{6, 7, 8, 9, 10, 11, 12, 13, 14}
		a := w.access(t, w.ana)

		t.Run("ErrAllOrNothing", func(t *testing.T) {
			res, err := w.svc.Import(as(w.ana), a, strings.NewReader(file), measure.ImportOptions{})
			wantCode(t, err, errs.Invalid)
			var got []int
			for _, b := range res.Bad {
				got = append(got, b.Line)
				if b.Reason == "" {
					t.Errorf("line %d has no reason", b.Line)
				}
			}
			if !equalInts(got, wantBad) {
				t.Fatalf("bad lines %v, want %v (%+v)", got, wantBad, res.Bad)
			}
			if res.Written != 0 || w.count(t, "measure_measurements") != 0 || w.count(t, "measure_rollups") != 0 {
				t.Fatalf("wrote %d; table has %d", res.Written, w.count(t, "measure_measurements"))
			}
			if res.Lines != 13 {
				t.Fatalf("read %d lines", res.Lines)
			}
		})
		t.Run("OKSkipBad", func(t *testing.T) {
			var calls, last, total int
			res, err := w.svc.Import(as(w.ana), a, strings.NewReader(file), measure.ImportOptions{SkipBad: true,
				Progress: func(d, n int) { calls, last, total = calls+1, d, n }})
			if err != nil {
				t.Fatal(err)
			}
			if res.Written != 4 || res.Skipped != len(wantBad) || res.Indicators != 2 {
				t.Fatalf("result %+v", res)
			}
			if w.count(t, "measure_measurements") != 4 || calls == 0 || last != 4 || total != 4 {
				t.Fatalf("%d stored; progress %d calls, last %d/%d", w.count(t, "measure_measurements"), calls, last, total)
			}
		})
		t.Run("ErrStoredDuplicate", func(t *testing.T) {
			// Re-importing a file finds every line already stored.
			res, err := w.svc.Import(as(w.ana), a, csvOf("Meals served,2026-10-01,120", "Meals served,2026-10-09,3"), measure.ImportOptions{})
			wantCode(t, err, errs.Invalid)
			if len(res.Bad) != 1 || res.Bad[0].Line != 2 || !strings.Contains(res.Bad[0].Reason, "already stored") {
				t.Fatalf("bad %+v", res.Bad)
			}
			if w.count(t, "measure_measurements") != 4 {
				t.Fatal("a refused import wrote")
			}
			res, err = w.svc.Import(as(w.ana), a, csvOf("Meals served,2026-10-01,120", "Meals served,2026-10-09,3"), measure.ImportOptions{SkipBad: true})
			if err != nil || res.Written != 1 || res.Skipped != 1 {
				t.Fatalf("skip: %+v %v", res, err)
			}
		})
		t.Run("ErrHeader", func(t *testing.T) {
			for _, f := range []string{"", "date,indicator,value\n", "indicator,date,value,value\n", "indicator,date,value,area,area\n"} {
				_, err := w.svc.Import(as(w.ana), a, strings.NewReader(f), measure.ImportOptions{})
				wantCode(t, err, errs.Invalid)
			}
		})
		t.Run("ActivityOncePerImport", func(t *testing.T) {
			n := 0
			for _, v := range w.verbs(t) {
				if v == "measurement.imported" {
					n++
				}
			}
			if n != 2 {
				t.Fatalf("%d import entries, want 2 (one per import that wrote)", n)
			}
		})
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
