package measure_test

import (
	"context"
	"strings"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestExportRoundTrip exports an indicator and imports the file into a
// fresh copy: the second export must equal the first, text for text.
func TestExportRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		in := measure.IndicatorInput{Name: "Housed", Additive: true, Dimensions: []measure.Dimension{{Name: "area", Values: []string{"North", "South, East"}}}}
		ind := w.indicator(t, in)
		file := "indicator,date,value,area\nHoused,2026-01-01,1.50,North\nHoused,2026-01-01,2e1,\"South, East\"\nHoused,2026-02-01,007,\n"
		sa := w.access(t, w.steward)
		if _, err := w.svc.Import(as(w.steward), sa, strings.NewReader(file), measure.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		var first strings.Builder
		if err := w.svc.Export(as(w.ob), w.access(t, w.ob), ind.ID, &first); err != nil {
			t.Fatal(err)
		}
		want := "indicator,date,value,area\nHoused,2026-02-01,007,\nHoused,2026-01-01,1.50,North\nHoused,2026-01-01,2e1,\"South, East\"\n"
		if first.String() != want {
			t.Fatalf("export:\n%s\nwant:\n%s", first.String(), want)
		}
		in.Name = "Housed again"
		again := w.indicator(t, in)
		if _, err := w.svc.Import(as(w.steward), sa, strings.NewReader(strings.ReplaceAll(first.String(), "Housed,", "Housed again,")), measure.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		var second strings.Builder
		if err := w.svc.Export(as(w.ob), w.access(t, w.ob), again.ID, &second); err != nil {
			t.Fatal(err)
		}
		if strings.ReplaceAll(second.String(), "Housed again,", "Housed,") != first.String() {
			t.Fatalf("round trip:\n%s", second.String())
		}
	})
}

type fakeSource []measure.Contribution

func (f fakeSource) ContributionsTo(_ context.Context, _ *collective.Access, _ int64) ([]measure.Contribution, error) {
	return f, nil
}

func TestContributions(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	ind := w.indicator(t, measure.IndicatorInput{Name: "Meals"})
	w.svc.Sources = []measure.ContributionSource{
		fakeSource{{Kind: "initiative", Title: "Community fridge", Link: "/c/river/initiatives/1"}},
		fakeSource{{Kind: "commitment", Title: "Ana drives the van", Link: "/c/river/commitments/4"}},
	}
	got, err := w.svc.Contributions(as(w.ob), w.access(t, w.ob), ind.ID)
	if err != nil || len(got) != 2 || got[0].Kind != "initiative" || got[1].Title != "Ana drives the van" {
		t.Fatalf("%+v %v", got, err)
	}
	_, err = w.svc.Contributions(as(w.ob), w.access(t, w.ob), ind.ID+100)
	wantCode(t, err, errs.NotFound)
}
