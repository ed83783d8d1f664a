package browsertest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// badPage breaks two rules on purpose: an image without alt text, and an
// input without a label.
const badPage = `<!doctype html>
<html>
<head><title>Bad page</title></head>
<body>
<main>
<h1>Bad page</h1>
<img src="/pixel.png">
<form action="/x" method="post"><input type="text" name="q"><button>Go</button></form>
</main>
</body>
</html>`

// goodPage has a language, a title, a main landmark and a labelled input.
const goodPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Good page</title>
</head>
<body>
<main>
<h1>Good page</h1>
<img src="/pixel.png" alt="A pixel">
<form action="/x" method="post">
<label for="q">Search</label>
<input type="text" id="q" name="q">
<button type="submit">Go</button>
</form>
</main>
</body>
</html>`

// pixel is a 1×1 transparent PNG.
var pixel = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82")

func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	page := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			// A strict policy, like the app's: axe must still run.
			w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, body)
		}
	}
	mux.HandleFunc("GET /bad", page(badPage))
	mux.HandleFunc("GET /good", page(goodPage))
	mux.HandleFunc("GET /pixel.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(pixel)
	})
	mux.HandleFunc("GET /set", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "who", Value: "alice", Path: "/"})
		page(goodPage)(w, r)
	})
	mux.HandleFunc("GET /cookie", func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie("who")
		v := "none"
		if err == nil {
			v = c.Value
		}
		page(strings.Replace(goodPage, "<h1>Good page</h1>", "<h1 id=who>"+v+"</h1>", 1))(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func ruleIDs(vs []Violation) []string {
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	return ids
}

func TestBrowser(t *testing.T) {
	srv := testServer(t)
	start := time.Now()
	b := New(t)
	t.Logf("browser started in %v", time.Since(start))

	t.Run("axe finds violations", func(t *testing.T) {
		t.Parallel()
		RequireAxe(t)
		ctx := b.NewContext(t)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/bad")); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		vs, err := Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("axe ran in %v", time.Since(start))
		serious := Serious(vs)
		ids := ruleIDs(serious)
		for _, want := range []string{"image-alt", "label", "html-has-lang"} {
			if !slices.Contains(ids, want) {
				t.Errorf("serious violations %v lack %q; all violations:\n%v", ids, want, vs)
			}
		}
		for _, v := range serious {
			if len(v.Nodes) == 0 || len(v.Nodes[0].Target) == 0 || v.Nodes[0].HTML == "" {
				t.Errorf("violation without a node: %#v", v)
			}
		}
		// A second run on the same page reuses the injected script.
		again, err := Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ruleIDs(again), ruleIDs(vs)) {
			t.Errorf("second run found %v, first %v", ruleIDs(again), ruleIDs(vs))
		}
		for _, v := range serious {
			if v.ID == "image-alt" {
				s := v.String()
				if !strings.Contains(s, "image-alt [critical]") || !strings.Contains(s, `<img src="/pixel.png">`) {
					t.Errorf("String() = %q", s)
				}
			}
		}
	})

	t.Run("axe passes an accessible page", func(t *testing.T) {
		t.Parallel()
		RequireAxe(t)
		ctx := b.NewContext(t)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/good")); err != nil {
			t.Fatal(err)
		}
		vs, err := Axe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range Serious(vs) {
			t.Errorf("serious violation on an accessible page:\n%v", v)
		}
		for _, v := range vs {
			t.Logf("other violation: %v", v)
		}
	})

	t.Run("contexts are isolated", func(t *testing.T) {
		t.Parallel()
		alice := b.NewContext(t)
		bob := b.NewContext(t)
		if err := chromedp.Do(alice, chromedp.Navigate(srv.URL+"/set")); err != nil {
			t.Fatal(err)
		}
		check := func(name string, ctx context.Context, want string) {
			t.Helper()
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/cookie")); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("who")))
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s sees cookie %q, want %q", name, got, want)
			}
		}
		check("alice", alice, "alice")
		check("bob", bob, "none")
	})
}

func TestSerious(t *testing.T) {
	vs := []Violation{
		{ID: "a", Impact: "minor"},
		{ID: "b", Impact: "serious"},
		{ID: "c", Impact: "moderate"},
		{ID: "d", Impact: "critical"},
		{ID: "e", Impact: ""},
	}
	if got := ruleIDs(Serious(vs)); !slices.Equal(got, []string{"b", "d"}) {
		t.Errorf("Serious = %v, want [b d]", got)
	}
	if got := Serious(nil); len(got) != 0 {
		t.Errorf("Serious(nil) = %v", got)
	}
}

func TestViolationString(t *testing.T) {
	v := Violation{
		ID: "label", Impact: "critical", Help: "Form elements must have labels",
		HelpURL: "https://example.org/label",
		Nodes: []ViolationNode{{
			Target:         []string{"input[name=q]"},
			HTML:           `<input type="text" name="q">`,
			FailureSummary: "Fix any of the following:\n  Form element does not have an implicit (wrapped) <label>",
		}},
	}
	want := "label [critical]: Form elements must have labels (https://example.org/label)\n" +
		`    at input[name=q]: <input type="text" name="q">` + "\n" +
		"      Fix any of the following:\n" +
		"        Form element does not have an implicit (wrapped) <label>"
	if got := v.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

func TestAxeAvailable(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "axe.min.js")
	t.Setenv("COMMONGROUND_AXE", p)
	if got, ok := AxeAvailable(); got != p || ok {
		t.Errorf("AxeAvailable() = %q, %v before the file exists", got, ok)
	}
	if err := os.WriteFile(p, []byte("// axe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, ok := AxeAvailable(); got != p || !ok {
		t.Errorf("AxeAvailable() = %q, %v, want %q, true", got, ok, p)
	}

	// Without the variable, the search walks up to the go.mod directory.
	t.Setenv("COMMONGROUND_AXE", "")
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644)
	sub := filepath.Join(root, "a", "b")
	os.MkdirAll(sub, 0o755)
	t.Chdir(sub)
	want := filepath.Join(root, axeRelPath)
	if got, ok := AxeAvailable(); got != want || ok {
		t.Errorf("AxeAvailable() = %q, %v, want %q, false", got, ok, want)
	}
	os.MkdirAll(filepath.Dir(want), 0o755)
	os.WriteFile(want, []byte("// axe"), 0o644)
	if got, ok := AxeAvailable(); got != want || !ok {
		t.Errorf("AxeAvailable() = %q, %v, want %q, true", got, ok, want)
	}
}
