package app_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/web"
	"commonground/internal/web/browsertest"
)

// btFixtures holds the values that replace the path parameters of the page
// routes: in for the signed-in steward, out for a visitor who is signed out
// (who sees a public collective, as the demo collective is private).
//
// A key is the segment before the parameter and the parameter, such as
// "reset/{token}", or only the parameter, such as "{collective}". The
// specific key wins, so one name can mean different things on two routes.
type btFixtures struct {
	in, out map[string]string
	// withdrawn is the token of an invitation that was withdrawn: its
	// page explains that the link no longer works.
	withdrawn string
}

// btOpenSlug is a public collective made for the signed-out visits.
const btOpenSlug = "bt-open-commons"

// btMakeFixtures seeds the demo and makes what the pages with parameters
// need: an open invitation, a password-reset link (caught by the mailer)
// and a public collective with an organisation.
func btMakeFixtures(t *testing.T, env *btEnv) btFixtures {
	t.Helper()
	ctx := context.Background()
	a := env.App
	d, err := a.SeedDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sctx := auth.WithUser(ctx, d.Steward)
	acc, err := a.Collectives.Access(sctx, app.DemoSlug)
	if err != nil {
		t.Fatal(err)
	}
	members, err := a.Collectives.Members(sctx, acc, collective.MemberQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var other int64 // a member who is not the steward, so the page shows the steward's tools
	for _, m := range members.Members {
		if m.ID != acc.MemberID {
			other = m.ID
			break
		}
	}
	inv, err := a.Collectives.CreateInvitation(sctx, acc, collective.InviteInput{Roles: []string{auth.Member}})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := a.Collectives.CreateInvitation(sctx, acc, collective.InviteInput{Roles: []string{auth.Member}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Collectives.RevokeInvitation(sctx, acc, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.Auth.RequestReset(ctx, app.DemoEmail); err != nil {
		t.Fatal(err)
	}
	reset := env.Mail.link(t, "/reset/")

	if _, err := a.Collectives.Create(sctx, collective.Input{Slug: btOpenSlug, Name: "Open Commons", Visibility: "public",
		Purpose: "Keep the riverside library of things open six days a week by next spring."}); err != nil {
		t.Fatal(err)
	}
	oacc, err := a.Collectives.Access(sctx, btOpenSlug)
	if err != nil {
		t.Fatal(err)
	}
	org, err := a.Collectives.CreateOrganisation(sctx, oacc, collective.OrgInput{Name: "Library of Things",
		Website: "https://things.example.org", Description: "Lends tools, games and sewing machines."})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Collectives.SetAffiliations(sctx, oacc, oacc.MemberID, []int64{org.ID}); err != nil {
		t.Fatal(err)
	}
	token := inv.Link[strings.LastIndex(inv.Link, "/")+1:]
	withdrawn := gone.Link[strings.LastIndex(gone.Link, "/")+1:]
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	fx := btFixtures{
		in: map[string]string{
			"{collective}": app.DemoSlug, "{member}": id(other), "{org}": id(d.Orgs[0].ID),
			"invite/{token}": token, "reset/{token}": reset,
		},
		out: map[string]string{
			"{collective}": btOpenSlug, "{member}": id(oacc.MemberID), "{org}": id(org.ID),
			"invite/{token}": token, "reset/{token}": reset,
		},
		withdrawn: withdrawn,
	}
	for _, more := range btMoreFixtures {
		more(t, env, &fx)
	}
	return fx
}

// btMoreFixtures lets each feature's page test add the path parameters its
// pages need (fx.in for the signed-in steward, fx.out signed out), from an
// init function in its own file.
var btMoreFixtures []func(t *testing.T, env *btEnv, fx *btFixtures)

var btParam = regexp.MustCompile(`\{([^}]*)\}`)

// btPath turns a route pattern into a path, with each parameter replaced
// from table. It returns the parameters that table lacks.
func btPath(pattern string, table map[string]string) (path string, missing []string) {
	_, p, ok := strings.Cut(pattern, " ")
	if !ok {
		p = pattern
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		m := btParam.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		name := strings.TrimSuffix(m[1], "...")
		if name == "$" { // "{$}" only anchors the end of the path
			segs[i] = strings.Replace(s, m[0], "", 1)
			continue
		}
		key := "{" + name + "}"
		v, ok := table[segs[max(i-1, 0)]+"/"+key]
		if !ok {
			v, ok = table[key]
		}
		if !ok {
			missing = append(missing, key)
			continue
		}
		segs[i] = strings.Replace(s, m[0], url.PathEscape(v), 1)
	}
	return strings.Join(segs, "/"), missing
}

// btErrorHeadings are the headings of the error page.
var btErrorHeadings = map[string]bool{}

func init() {
	for code := 400; code < 600; code++ {
		if s := http.StatusText(code); s != "" {
			btErrorHeadings[s] = true
		}
	}
}

func TestBtPathNamesMissingParameters(t *testing.T) {
	table := map[string]string{"{collective}": "c1", "invite/{token}": "tok"}
	for _, c := range []struct{ pattern, path, missing string }{
		{"GET /{$}", "/", ""},
		{"GET /c/{collective}/members", "/c/c1/members", ""},
		{"GET /invite/{token}", "/invite/tok", ""},
		{"GET /reset/{token}", "/reset/{token}", "[{token}]"},
		{"GET /c/{collective}/things/{thing}", "/c/c1/things/{thing}", "[{thing}]"},
	} {
		path, missing := btPath(c.pattern, table)
		if got := fmt.Sprint(missing); path != c.path || (c.missing == "" && missing != nil) || (c.missing != "" && got != c.missing) {
			t.Errorf("btPath(%q) = %q, %v; want %q, %s", c.pattern, path, missing, c.path, c.missing)
		}
	}
}

func TestEveryPageIsAccessible(t *testing.T) {
	browsertest.RequireAxe(t)
	start := time.Now()
	env := btStart(t)
	fx := btMakeFixtures(t, env)
	var pages []web.Route
	for _, r := range env.App.Web.Routes() {
		if r.Kind != "page" {
			continue
		}
		pages = append(pages, r)
		// A new page with a parameter must get a value here, or it
		// would escape this test.
		if _, missing := btPath(r.Pattern, fx.in); missing != nil {
			t.Errorf("page %q: no fixture for %v in the signed-in table of btMakeFixtures", r.Pattern, missing)
		}
		if _, missing := btPath(r.Pattern, fx.out); r.Public && missing != nil {
			t.Errorf("public page %q: no fixture for %v in the signed-out table of btMakeFixtures", r.Pattern, missing)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	b := browsertest.New(t)
	t.Logf("app, fixtures and browser ready in %v; %d page routes", time.Since(start), len(pages))

	// Sign in once through the form; every page then gets a fresh tab with
	// that session cookie, so no tab outlives browsertest.ContextTimeout.
	signin := b.NewContext(t)
	btSignIn(t, signin, env.URL(), app.DemoEmail, app.DemoPassword)
	cookies := btCookies(t, signin, env.URL())

	// Each page in its own tab, several at once (see go test -parallel).
	t.Run("pages", func(t *testing.T) {
		for _, r := range pages {
			path, _ := btPath(r.Pattern, fx.in)
			name := strings.TrimPrefix(r.Pattern, "GET ")
			t.Run("signed in "+name, func(t *testing.T) {
				t.Parallel()
				ctx := b.NewContext(t)
				btSetCookies(t, ctx, env.URL(), cookies)
				btVisit(t, ctx, btClient(t, env.URL(), cookies), env.URL()+path, btShotName(r.Pattern))
			})
			if !r.Public {
				continue
			}
			out, _ := btPath(r.Pattern, fx.out)
			t.Run("signed out "+name, func(t *testing.T) {
				t.Parallel()
				btVisit(t, b.NewContext(t), btClient(t, env.URL(), nil), env.URL()+out, "out_"+btShotName(r.Pattern))
			})
		}
	})

	t.Run("error states", func(t *testing.T) {
		in := b.NewContext(t)
		btSetCookies(t, in, env.URL(), cookies)
		// A form re-rendered with errors next to its fields.
		btFailForm(t, in, env.URL()+"/collectives/new", `form[action="/collectives/new"] button[type=submit]`, "new-collective-invalid")
		// A fieldset in error: an invitation with no role.
		inv := env.URL() + "/c/" + app.DemoSlug + "/invitations"
		if err := chromedp.Do(in, chromedp.Navigate(inv), chromedp.Click(chromedp.CSS(`input[name=roles][value="`+auth.Member+`"]`))); err != nil {
			t.Fatal(err)
		}
		btFailForm(t, in, "", `form[action$="/invitations"] button[type=submit]`, "invitation-invalid")
		// Things that are not there.
		btErrorPage(t, in, env.URL()+"/c/no-such-collective", http.StatusNotFound, "not-found-collective")
		btErrorPage(t, in, env.URL()+"/c/"+app.DemoSlug+"/members/999999", http.StatusNotFound, "not-found-member")
		out := b.NewContext(t)
		btErrorPage(t, out, env.URL()+"/invite/not-a-real-token", http.StatusNotFound, "invitation-unknown")
		btErrorPage(t, out, env.URL()+"/invite/"+fx.withdrawn, http.StatusGone, "invitation-withdrawn")
		if err := chromedp.Do(out, chromedp.Navigate(env.URL()+"/signin"),
			chromedp.SendKeys(chromedp.ID("email"), app.DemoEmail),
			chromedp.SendKeys(chromedp.ID("password"), "not the password")); err != nil {
			t.Fatal(err)
		}
		btFailForm(t, out, "", `form[action="/signin"] button[type=submit]`, "signin-failed")
	})
	t.Run("no route", func(t *testing.T) {
		ctx := b.NewContext(t)
		res, err := http.Get(env.URL() + "/no/such/page")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || res.StatusCode != http.StatusNotFound {
			t.Fatalf("a path without a route gets %s %d, not the error page", res.Header.Get("Content-Type"), res.StatusCode)
		}
		btErrorPage(t, ctx, env.URL()+"/no/such/page", http.StatusNotFound, "not-found-route")
	})
	t.Logf("whole test took %v", time.Since(start))
}

// btVisit checks one page: a plain HTTP client (with the same cookies as the
// tab) must get 200; an HTML page is then opened in the tab, which must not
// show an error page or the sign-in form instead, and axe must find no
// serious violation.
func btVisit(t *testing.T, ctx context.Context, client *http.Client, u, shot string) {
	t.Helper()
	res, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d (after redirects, at %s)", u, res.StatusCode, res.Request.URL.Path)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Logf("GET %s answers %s: not a page to look at, no accessibility check", u, ct)
		return
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		t.Fatal(err)
	}
	final, _ := url.Parse(resp.URL)
	want, _ := url.Parse(u)
	if resp.Status != http.StatusOK {
		t.Errorf("browser got status %d for %s", resp.Status, u)
	}
	if final.Path == "/signin" && want.Path != "/signin" {
		t.Errorf("%s sent the browser to sign in", u)
	}
	h1 := btHeading(t, ctx)
	if h1 == "" || btErrorHeadings[h1] {
		t.Errorf("%s shows the heading %q", u, h1)
	}
	btAxe(t, ctx, u)
	btShot(t, ctx, shot)
}

// btShotName names the screenshots of a route: "GET /c/{collective}/members"
// gives "c_collective_members".
func btShotName(pattern string) string {
	_, p, _ := strings.Cut(pattern, " ")
	name := strings.Trim(strings.NewReplacer("/", "_", "{", "", "}", "", "$", "", ".", "").Replace(p), "_")
	if name == "" {
		return "home"
	}
	return name
}

// btFailForm submits a form that must come back with errors (opening
// page first unless it is ""), then checks the error summary and runs axe.
func btFailForm(t *testing.T, ctx context.Context, page, submit, shot string) {
	t.Helper()
	if page != "" {
		if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(submit)))
	if err != nil {
		t.Fatalf("%s: %v", shot, err)
	}
	if resp.Status < 400 || resp.Status >= 500 {
		t.Errorf("%s: status %d, want a 4xx", shot, resp.Status)
	}
	summary, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(".error-summary") || {}).textContent || ""`))
	if err != nil || strings.TrimSpace(summary) == "" {
		t.Errorf("%s: no error summary (%v)", shot, err)
	}
	btAxe(t, ctx, shot)
	btShot(t, ctx, "error_"+shot)
}

// btErrorPage opens a URL that must answer with status, and runs axe on it.
func btErrorPage(t *testing.T, ctx context.Context, u string, status int64, shot string) {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	if resp.Status != status {
		t.Errorf("%s: status %d, want %d", u, resp.Status, status)
	}
	btAxe(t, ctx, u)
	btShot(t, ctx, "error_"+shot)
}

// btShot saves full-page screenshots of what ctx shows, at desktop and at
// phone width, into /tmp/shots when COMMONGROUND_SHOTS=1.
func btShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv("COMMONGROUND_SHOTS") != "1" {
		return
	}
	dir := "/tmp/shots"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		suffix string
		width  int64
	}{{"desktop", 1280}, {"phone", 375}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.width, 800)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+v.suffix+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.ResetViewport()); err != nil {
		t.Fatal(err)
	}
}
