package app_test

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
	"commonground/internal/web"
)

// scScenario is one request by one person, and what must come back. The
// table runs in order: a scenario may rely on what earlier ones changed.
type scScenario struct {
	name         string
	who          string // a key of scFixture.jar; "anonymous" or "member-fresh" get a new browser
	method, path string
	form         url.Values
	body         io.Reader         // sent instead of form when set
	header       map[string]string // extra request headers
	wantStatus   int
	wantLocation string // required for a 303
	wantContains []string
	// wantNotContains must appear nowhere in the body.
	wantNotContains []string
	// check runs afterwards with the same browser: a follow-up GET or a
	// look through the services at what was (not) written.
	check func(t *testing.T, f *scFixture, b *scBrowser)
}

// scMoreScenarios lets each feature add its page and form scenarios from an
// init function in its own file; they run after the core's, in the order
// the files register them.
var scMoreScenarios []func(f *scFixture) []scScenario

// scForm is a shorthand for the scenarios' forms.
type scForm = url.Values

// TestScenarios runs every page and form route of the collective and auth
// packages as anonymous visitors, stewards, members, observers, removed
// members, outsiders and the instance administrator, on each database.
func TestScenarios(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := scNewFixture(t, db)
		table := slices.Concat(scAccessScenarios(f), scWriteScenarios(f), scInputScenarios(f), scAccountScenarios(f))
		for _, more := range scMoreScenarios {
			table = append(table, more(f)...)
		}
		t.Run("EveryPageAndFormRouteHasAScenario", func(t *testing.T) {
			scCheckCoverage(t, f.app.Web.Routes(), table)
		})
		for _, sc := range table {
			t.Run(sc.name, func(t *testing.T) { scRun(t, f, sc) })
		}
	})
}

func scRun(t *testing.T, f *scFixture, sc scScenario) {
	t.Helper()
	var b *scBrowser
	switch sc.who {
	case "anonymous":
		b = scNewBrowser(t, f.srv.URL)
	case "member-fresh":
		b = f.signIn(t, "member")
	default:
		b = f.jar[sc.who]
	}
	if b == nil {
		t.Fatalf("no browser for %q", sc.who)
	}
	res, body := b.do(t, sc.method, sc.path, sc.form, sc.body, sc.header)
	if res.StatusCode != sc.wantStatus {
		t.Fatalf("%s %s as %s: status %d, want %d\n%s", sc.method, sc.path, sc.who, res.StatusCode, sc.wantStatus, body)
	}
	if loc := res.Header.Get("Location"); loc != sc.wantLocation {
		t.Fatalf("Location %q, want %q", loc, sc.wantLocation)
	}
	scCheckBody(t, "body", body, sc.wantContains, sc.wantNotContains)
	if sc.check != nil {
		sc.check(t, f, b)
	}
}

// scCheckCoverage fails for each registered page or form route that no
// scenario requests, so a new route cannot escape the table; and for
// scenarios that share a name or lack a redirect's target.
func scCheckCoverage(t *testing.T, routes []web.Route, table []scScenario) {
	mux := http.NewServeMux()
	var want []string
	for _, r := range routes {
		if r.Kind == "page" || r.Kind == "form" {
			mux.HandleFunc(r.Pattern, func(http.ResponseWriter, *http.Request) {})
			want = append(want, r.Pattern)
		}
	}
	if len(want) < 40 {
		t.Errorf("only %d page and form routes registered: %q", len(want), want)
	}
	covered := map[string]int{}
	names := map[string]bool{}
	for _, sc := range table {
		_, pattern := mux.Handler(httptest.NewRequest(sc.method, sc.path, nil))
		covered[pattern]++
		if pattern == "" {
			t.Errorf("%s: %s %s matches no page or form route", sc.name, sc.method, sc.path)
		}
		if names[sc.name] {
			t.Errorf("two scenarios are called %s", sc.name)
		}
		names[sc.name] = true
		if sc.wantStatus == http.StatusSeeOther && sc.wantLocation == "" {
			t.Errorf("%s: a 303 scenario must say where it leads", sc.name)
		}
	}
	for _, p := range want {
		if covered[p] == 0 {
			t.Errorf("route %q has no scenario", p)
		}
	}
	t.Logf("%d scenarios over %d page and form routes", len(table), len(want))
}

// scHas reports whether body holds s, as typed or as html/template escapes it.
func scHas(body, s string) bool {
	return strings.Contains(body, s) || strings.Contains(body, html.EscapeString(s))
}

func scCheckBody(t *testing.T, what, body string, want, notWant []string) {
	t.Helper()
	for _, s := range want {
		if !scHas(body, s) {
			t.Errorf("%s lacks %q\n%s", what, s, body)
		}
	}
	for _, s := range notWant {
		if scHas(body, s) {
			t.Errorf("%s has %q", what, s)
		}
	}
}

// scThen is a follow-up GET in the same browser.
func scThen(path string, status int, want ...string) func(*testing.T, *scFixture, *scBrowser) {
	return scThenAs("", path, status, want, nil)
}

// scThenAs is a follow-up GET in who's browser ("" for the scenario's own);
// want and notWant are looked for in the Location and the body.
func scThenAs(who, path string, status int, want, notWant []string) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, b *scBrowser) {
		t.Helper()
		if who != "" {
			b = f.jar[who]
		}
		res, body := b.do(t, "GET", path, nil, nil, nil)
		if res.StatusCode != status {
			t.Fatalf("then GET %s: status %d, want %d\n%s", path, res.StatusCode, status, body)
		}
		scCheckBody(t, "then GET "+path, res.Header.Get("Location")+"\n"+body, want, notWant)
	}
}

// scAll runs several checks in turn.
func scAll(checks ...func(*testing.T, *scFixture, *scBrowser)) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, b *scBrowser) {
		t.Helper()
		for _, c := range checks {
			c(t, f, b)
		}
	}
}
