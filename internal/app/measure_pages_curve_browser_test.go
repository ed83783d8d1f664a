package app_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/measure"
	"commonground/internal/web/browsertest"
)

// TestCurveNotesInBrowser: the demo's breakfast club indicator shows its
// "turn the curve" notes; the form opens from the page, and when someone
// saves while it is open, saving comes back with the typed text kept and
// the current notes shown; then the history. Each state passes axe.
func TestCurveNotesInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	b := browsertest.New(t)
	if _, err := env.App.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	steward, err := env.App.Auth.UserByEmail(context.Background(), app.DemoEmail)
	if err != nil {
		t.Fatal(err)
	}
	sctx := auth.WithUser(context.Background(), steward)
	acc, err := env.App.Collectives.Access(sctx, app.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	inds, err := env.App.Measure.Indicators(sctx, acc)
	if err != nil || len(inds) == 0 {
		t.Fatalf("no demo indicators: %v", err)
	}
	page := env.URL() + "/c/" + app.DemoSlug + "/indicators/" + strconv.FormatInt(inds[0].ID, 10)
	ctx := b.NewContext(t)
	btSignIn(t, ctx, env.URL(), app.DemoEmail, app.DemoPassword)

	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	main := btText(t, ctx, "main")
	for _, want := range []string{"Turn the curve", "The story behind the curve", "What we propose to do", "St Anne's Primary School", "Version 2, saved by"} {
		if !strings.Contains(main, want) {
			t.Errorf("indicator page lacks %q", want)
		}
	}
	btAxe(t, ctx, "indicator page with notes")

	btClickLoad(t, ctx, `main a[href$="/curve-notes"]`, http.StatusOK)
	btAxe(t, ctx, "curve notes form")
	// Someone else saves while the form is open.
	cur, err := env.App.Measure.CurveNotes(sctx, acc, inds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Measure.EditCurveNotes(sctx, acc, inds[0].ID, measure.CurveNotesInput{Base: cur.Version,
		Story: cur.Story, Partners: cur.Partners, WhatWorks: cur.WhatWorks, Proposal: "Saved by someone else meanwhile."}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("story"), "A story typed in the browser.")); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `main form[method=post] button[type=submit]`, http.StatusConflict)
	main = btText(t, ctx, "main")
	for _, want := range []string{"Someone saved first", "Saved by someone else meanwhile."} {
		if !strings.Contains(main, want) {
			t.Errorf("conflict lacks %q", want)
		}
	}
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('story').value`))
	if err != nil || kept != "A story typed in the browser." {
		t.Errorf("the typed story was not kept: %q (%v)", kept, err)
	}
	btAxe(t, ctx, "curve notes conflict")
	btShot(t, ctx, "measure_curve_conflict")

	if err := chromedp.Do(ctx, chromedp.Navigate(page+"/curve-notes/history")); err != nil {
		t.Fatal(err)
	}
	if h := btHeading(t, ctx); !strings.HasPrefix(h, "History of the notes on") {
		t.Errorf("history heading %q", h)
	}
	btAxe(t, ctx, "curve notes history")
}
