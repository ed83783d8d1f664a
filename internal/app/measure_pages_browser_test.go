package app_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/measure"
	"commonground/internal/web/browsertest"
)

func init() { btMoreFixtures = append(btMoreFixtures, mpFixtures) }

// mpFixtures gives the measure pages their path parameters: the demo's
// first indicator, goal and measurement signed in, and a goal, indicator
// and value made here in the open collective for the signed-out visits.
func mpFixtures(t *testing.T, env *btEnv, fx *btFixtures) {
	t.Helper()
	ctx := context.Background()
	a := env.App
	steward, err := a.Auth.UserByEmail(ctx, app.DemoEmail)
	if err != nil {
		t.Fatal(err)
	}
	sctx := auth.WithUser(ctx, steward)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	for _, side := range []struct {
		slug  string
		table map[string]string
	}{{app.DemoSlug, fx.in}, {btOpenSlug, fx.out}} {
		acc, err := a.Collectives.Access(sctx, side.slug)
		if err != nil {
			t.Fatal(err)
		}
		goals, err := a.Measure.Goals(sctx, acc)
		if err != nil {
			t.Fatal(err)
		}
		if len(goals) == 0 {
			g, err := a.Measure.CreateGoal(sctx, acc, measure.GoalInput{Title: "The library is open six days a week"})
			if err != nil {
				t.Fatal(err)
			}
			ind, err := a.Measure.CreateIndicator(sctx, acc, measure.IndicatorInput{GoalID: g.ID, Name: "Days open a week",
				Direction: measure.Higher, Baseline: "3", BaselineDate: "2024-01-01", Target: "6", TargetDate: "2030-01-01"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Measure.Report(sctx, acc, ind.ID, 0, []measure.MeasurementInput{
				{Date: "2024-02-01", Value: "3"}, {Date: "2024-03-01", Value: "4"}, {Date: "2024-04-01", Value: "4"}}); err != nil {
				t.Fatal(err)
			}
			goals = []measure.Goal{*g}
		}
		inds, err := a.Measure.Indicators(sctx, acc)
		if err != nil || len(inds) == 0 {
			t.Fatalf("no indicators in %s: %v", side.slug, err)
		}
		var mid int64
		if err := a.DB.Get(ctx, &mid, "SELECT min(id) FROM measure_measurements WHERE indicator_id = ?", inds[0].ID); err != nil {
			t.Fatal(err)
		}
		side.table["goals/{goal}"], side.table["{indicator}"], side.table["{measurement}"] = id(goals[0].ID), id(inds[0].ID), id(mid)
	}
}

// TestMeasurePagesInBrowser: the demo's scorecard and an indicator page
// with its chart's text alternative (an SVG with role=img, a title and a
// description, and the data table), the report form refusing a bad value,
// the indicator form, and an import whose bad lines are all listed; each
// passes axe.
func TestMeasurePagesInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	b := browsertest.New(t)
	if _, err := env.App.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	base := env.URL()
	c := base + "/c/" + app.DemoSlug
	ctx := b.NewContext(t)
	btSignIn(t, ctx, base, app.DemoEmail, app.DemoPassword)

	if err := chromedp.Do(ctx, chromedp.Navigate(c+"/scorecard")); err != nil {
		t.Fatal(err)
	}
	if h := btHeading(t, ctx); h != "Scorecard" {
		t.Fatalf("scorecard heading %q", h)
	}
	main := btText(t, ctx, "main")
	for _, want := range []string{"Every child in Riverside eats well", "Children eating at the breakfast club", "On track", "Off track"} {
		if !strings.Contains(main, want) {
			t.Errorf("scorecard lacks %q", want)
		}
	}
	sparks, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main td svg[role=img] title').length`))
	if err != nil || sparks != 4 {
		t.Errorf("%d sparklines with a title (%v), want 4", sparks, err)
	}
	btAxe(t, ctx, "scorecard")
	btShot(t, ctx, "measure_scorecard")

	btClickLoad(t, ctx, `main table a[href*="/indicators/"]`, http.StatusOK)
	alt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const svg = document.querySelector('figure svg[role=img]');
		if (!svg) return "no svg";
		const t = document.getElementById(svg.getAttribute('aria-labelledby'));
		const d = document.getElementById(svg.getAttribute('aria-describedby'));
		const rows = document.querySelectorAll('details.chart-data table tbody tr').length;
		return (t ? t.textContent : "no title") + "|" + (d ? d.textContent : "no desc") + "|" + rows;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(alt, "|")
	if len(parts) != 3 || parts[0] == "no title" || !strings.Contains(parts[1], "Forecast") || parts[2] == "0" {
		t.Fatalf("the chart's text alternative: %q", alt)
	}
	if s := btText(t, ctx, "main"); !strings.Contains(s, "80% prediction interval") || !strings.Contains(s, "History of measurements") {
		t.Errorf("indicator page lacks the forecast in words or the history")
	}
	btAxe(t, ctx, "indicator page")
	btShot(t, ctx, "measure_indicator")
	// The breakdown comparison works without JavaScript: a GET form.
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("compare"), "all")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[method=get] button[type=submit]`, http.StatusOK)
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('figure svg[role=img]').length`)); err != nil || n != 2 {
		t.Errorf("%d charts after comparing every breakdown (%v), want 2", n, err)
	}
	btAxe(t, ctx, "indicator page with a comparison")

	// A refused value comes back with the message next to the form.
	btClickLoad(t, ctx, `main a[href$="/report"]`, http.StatusOK)
	btAxe(t, ctx, "report form")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("date"), "2024-01-15"), chromedp.SetValue(chromedp.ID("value"), "twelve")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `main form button[type=submit]`, http.StatusUnprocessableEntity)
	if s := btText(t, ctx, "main"); !strings.Contains(s, "is not a number") {
		t.Errorf("refused value: %q", s)
	}
	btAxe(t, ctx, "report form refused")

	if err := chromedp.Do(ctx, chromedp.Navigate(c+"/indicators/new")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `main form button[type=submit]`, http.StatusUnprocessableEntity)
	btAxe(t, ctx, "indicator form with errors")
	btShot(t, ctx, "measure_indicator_form")

	// An import with bad lines writes nothing and lists every one.
	file := filepath.Join(t.TempDir(), "values.csv")
	csv := "indicator,date,value,Area\nChildren eating at the breakfast club,2020-01-01,12,North\nNo such indicator,2020-01-01,1,\nChildren eating at the breakfast club,2020-02-01,many,North\n"
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(c+"/import"), chromedp.SetUploadFiles(chromedp.ID("file"), []string{file})); err != nil {
		t.Fatal(err)
	}
	btAxe(t, ctx, "import form")
	btClickLoad(t, ctx, `main form button[type=submit]`, http.StatusUnprocessableEntity)
	s := btText(t, ctx, "main")
	for _, want := range []string{"Nothing was imported", "Lines with problems (2)", "No such indicator", "many"} {
		if !strings.Contains(s, want) {
			t.Errorf("import result lacks %q: %q", want, s)
		}
	}
	btAxe(t, ctx, "import with errors")
	btShot(t, ctx, "measure_import_errors")
}
