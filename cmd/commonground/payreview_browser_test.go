package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"commonground/internal/web/browsertest"
)

// TestPayReviewHTMLAccessible opens the printable report in Chromium and
// runs axe-core on it: the report goes to workers' representatives, and
// must read well with a screen reader as well as on paper.
func TestPayReviewHTMLAccessible(t *testing.T) {
	browsertest.RequireAxe(t)
	code, out, stderr := runCLI(t, "", append(glassdoorFull, "--format", "html")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(out))
	}))
	defer srv.Close()
	ctx := browsertest.New(t).NewContext(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	if err != nil || title != "Pay equity review of "+glassdoor {
		t.Fatalf("title %q (%v)", title, err)
	}
	vs, err := browsertest.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range browsertest.Serious(vs) {
		t.Error(v)
	}
}
