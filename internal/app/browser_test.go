package app_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/store/storetest"
	"commonground/internal/web/browsertest"
)

// btEnv is the app on a fresh SQLite database behind a test server, for
// the tests that drive a browser.
type btEnv struct {
	App  *app.App
	Srv  *httptest.Server
	Mail *btMailer
}

// URL is the base URL of the server, without a trailing slash.
func (e *btEnv) URL() string { return e.Srv.URL }

// btStart wires the app with its base URL set to the test server's address
// (known before the server starts) and mail caught by a btMailer. Warnings
// and errors of the app go to the test output.
func btStart(t *testing.T) *btEnv {
	t.Helper()
	if auth.Params.Memory != 64 || auth.Params.Time != 1 { // fast hashes; stored hashes carry their own settings
		auth.Params.Memory, auth.Params.Time = 64, 1
	}
	db := storetest.SQLite(t)
	srv := httptest.NewUnstartedServer(nil)
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := app.Wire(context.Background(), app.Config{BaseURL: "http://" + srv.Listener.Addr().String(), Logger: log}, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Jobs.Close)
	mail := &btMailer{}
	a.Auth.Mailer, a.Collectives.Mailer = mail, mail
	srv.Config.Handler = a.Web.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	if srv.URL != a.Config.BaseURL {
		t.Fatalf("server at %s, app configured for %s", srv.URL, a.Config.BaseURL)
	}
	return &btEnv{App: a, Srv: srv, Mail: mail}
}

// btMailer keeps the mail the app sends.
type btMailer struct {
	mu     sync.Mutex
	bodies []string
}

func (m *btMailer) Send(ctx context.Context, to, subject, body string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.bodies = append(m.bodies, body)
	return nil
}

var btURL = regexp.MustCompile(`https?://\S+`)

// link returns what follows prefix in the last link of the mail that holds
// one, such as the token of a reset link for "/reset/".
func (m *btMailer) link(t *testing.T, prefix string) string {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.bodies) - 1; i >= 0; i-- {
		for _, u := range btURL.FindAllString(m.bodies[i], -1) {
			if _, after, ok := strings.Cut(u, prefix); ok && after != "" {
				return after
			}
		}
	}
	t.Fatalf("no mail with a link to %s among %d", prefix, len(m.bodies))
	return ""
}

// btSignIn signs in through the sign-in form.
func btSignIn(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/signin"),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), password)); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action="/signin"] button[type=submit]`, http.StatusOK)
	in, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('form[action="/signout"]')`))
	if err != nil || !in {
		t.Fatalf("not signed in as %s after the sign-in form (%v); page heading %q", email, err, btHeading(t, ctx))
	}
}

// btClickLoad clicks the element and waits for the page it loads, which
// must answer with status; it returns the path of that page.
func btClickLoad(t *testing.T, ctx context.Context, sel string, status int64) string {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	if resp.Status != status {
		t.Fatalf("click %s: status %d, want %d (heading %q)", sel, resp.Status, status, btHeading(t, ctx))
	}
	u, _ := url.Parse(resp.URL)
	return u.Path
}

// btHeading returns the text of the page's first h1, or "".
func btHeading(t *testing.T, ctx context.Context) string {
	t.Helper()
	h, err := chromedp.Run(ctx, chromedp.Evaluate[string](`((document.querySelector("h1") || {}).textContent || "").trim()`))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// btText returns the text of the first element that sel matches.
func btText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// btCookies returns the browser's cookies for base.
func btCookies(t *testing.T, ctx context.Context, base string) []*network.Cookie {
	t.Helper()
	res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (network.GetCookiesResult, error) {
		return cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{base}})
	})
	if err != nil || len(res.Cookies) == 0 {
		t.Fatalf("no cookies after signing in: %v", err)
	}
	return res.Cookies
}

// btSetCookies puts cookies into the browser context of ctx.
func btSetCookies(t *testing.T, ctx context.Context, base string, cookies []*network.Cookie) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, c := range cookies {
			httpOnly := c.HTTPOnly
			if _, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{
				Name: c.Name, Value: c.Value, URL: base, Path: c.Path, HTTPOnly: &httpOnly, SameSite: c.SameSite}); err != nil {
				return err
			}
		}
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// btClient is a plain HTTP client carrying cookies.
func btClient(t *testing.T, base string, cookies []*network.Cookie) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(base)
	var hc []*http.Cookie
	for _, c := range cookies {
		hc = append(hc, &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path})
	}
	jar.SetCookies(u, hc)
	return &http.Client{Jar: jar, Timeout: 20 * time.Second}
}

// btAxe runs axe on the page and fails the test on serious and critical
// violations, listing them; lesser ones are logged.
func btAxe(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	vs, err := browsertest.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range browsertest.Serious(vs) {
		t.Errorf("%s: %v", what, v)
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Logf("%s: minor issue %s [%s]: %s", what, v.ID, v.Impact, v.Help)
		}
	}
}

// TestSignUpCreateInviteAccept is the first hour of an instance: the first
// person signs up, makes a collective and an invitation link; a second
// person, in another browser, follows the link, signs up and joins.
func TestSignUpCreateInviteAccept(t *testing.T) {
	browsertest.RequireAxe(t)
	start := time.Now()
	env := btStart(t)
	b := browsertest.New(t)
	base := env.URL()

	// A: the first account administers the instance.
	alice := b.NewContext(t)
	if err := chromedp.Do(alice, chromedp.Navigate(base+"/signup"),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/signup"]`)),
		chromedp.SendKeys(chromedp.ID("name"), "Alice Organiser"),
		chromedp.SendKeys(chromedp.ID("email"), "alice@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), "correct horse battery")); err != nil {
		t.Fatal(err)
	}
	if p := btClickLoad(t, alice, `form[action="/signup"] button[type=submit]`, http.StatusOK); p != "/" {
		t.Fatalf("after sign-up at %s, want /", p)
	}
	if admin, err := chromedp.Run(alice, chromedp.Evaluate[bool](`!!document.querySelector('a[href="/admin"]')`)); err != nil || !admin {
		t.Errorf("the first account has no link to the instance settings (%v)", err)
	}

	btClickLoad(t, alice, `main a[href="/collectives/new"]`, http.StatusOK)
	if err := chromedp.Do(alice,
		chromedp.SendKeys(chromedp.ID("slug"), "tenants-union"),
		chromedp.SendKeys(chromedp.ID("name"), "Tenants Union"),
		chromedp.SendKeys(chromedp.ID("purpose"), "Every flat on the estate repaired within 28 days of a report, by 2027.")); err != nil {
		t.Fatal(err)
	}
	if p := btClickLoad(t, alice, `form[action="/collectives/new"] button[type=submit]`, http.StatusOK); p != "/c/tenants-union" {
		t.Fatalf("after creating the collective at %s", p)
	}
	if h := btHeading(t, alice); h != "Tenants Union" {
		t.Fatalf("overview heading %q", h)
	}

	btClickLoad(t, alice, `.collective-bar a[href="/c/tenants-union/invitations"]`, http.StatusOK)
	if checked, err := chromedp.Run(alice, chromedp.Evaluate[bool](`document.querySelector('input[name=roles][value="member"]').checked`)); err != nil || !checked {
		t.Fatalf("the member role is not chosen by default (%v)", err)
	}
	btClickLoad(t, alice, `form[action="/c/tenants-union/invitations"] button[type=submit]`, http.StatusCreated)
	if err := chromedp.Do(alice, chromedp.WaitVisible(chromedp.ID("invite-link"))); err != nil {
		t.Fatal(err)
	}
	link := strings.TrimSpace(btText(t, alice, "#invite-link"))
	if !strings.HasPrefix(link, base+"/invite/") {
		t.Fatalf("invitation link %q is not under %s/invite/", link, base)
	}
	btAxe(t, alice, "invitations page showing a new link")
	btShot(t, alice, "flow_invitation_made")
	invitePath := strings.TrimPrefix(link, base)

	// B: someone else, in another browser, with no account yet.
	bob := b.NewContext(t)
	if err := chromedp.Do(bob, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	if s := btText(t, bob, "main"); !strings.Contains(s, "Tenants Union") || !strings.Contains(s, "Alice Organiser") {
		t.Fatalf("invitation page does not name the collective and the inviter: %q", s)
	}
	btAxe(t, bob, "invitation page, signed out")
	if p := btClickLoad(t, bob, `main a[href^="/signup?next="]`, http.StatusOK); p != "/signup" {
		t.Fatalf("'Sign up to accept' went to %s", p)
	}
	next, err := chromedp.Run(bob, chromedp.Value(chromedp.CSS(`form[action="/signup"] input[name=next]`)))
	if err != nil || next != invitePath {
		t.Fatalf("sign-up form carries next=%q (%v), want %q", next, err, invitePath)
	}
	if err := chromedp.Do(bob,
		chromedp.SendKeys(chromedp.ID("name"), "Bob Neighbour"),
		chromedp.SendKeys(chromedp.ID("email"), "bob@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), "a long enough passphrase")); err != nil {
		t.Fatal(err)
	}
	if p := btClickLoad(t, bob, `form[action="/signup"] button[type=submit]`, http.StatusOK); p != invitePath {
		t.Fatalf("after sign-up Bob is at %s, want back at the invitation %s", p, invitePath)
	}
	if p := btClickLoad(t, bob, `form[action$="/accept"] button[type=submit]`, http.StatusOK); p != "/c/tenants-union" {
		t.Fatalf("after accepting Bob is at %s", p)
	}
	if h := btHeading(t, bob); h != "Tenants Union" {
		t.Errorf("Bob sees the heading %q", h)
	}
	if s := btText(t, bob, "main"); !strings.Contains(s, "You are now a member") || !strings.Contains(s, "Your roles: member") {
		t.Errorf("Bob's overview does not welcome him as a member: %q", s)
	}
	btAxe(t, bob, "overview after accepting")
	btShot(t, bob, "flow_accepted")

	// A again: the members page lists both.
	btClickLoad(t, alice, `.collective-bar a[href="/c/tenants-union/members"]`, http.StatusOK)
	rows := btText(t, alice, "main table tbody")
	for _, name := range []string{"Alice Organiser", "Bob Neighbour"} {
		if !strings.Contains(rows, name) {
			t.Errorf("members page lacks %s: %q", name, rows)
		}
	}
	if c := btText(t, alice, "#members-count"); !strings.HasPrefix(c, "2 members") {
		t.Errorf("members count %q", c)
	}
	t.Logf("flow took %v", time.Since(start))
}

// btPhoneWidth is the viewport of a small phone, in CSS pixels.
const btPhoneWidth = 375

// TestPhoneWidthPagesDoNotScrollSideways opens the busiest pages of the demo
// at phone width: the document must not be wider than the screen (tables
// stack, long words and links wrap).
func TestPhoneWidthPagesDoNotScrollSideways(t *testing.T) {
	start := time.Now()
	b := browsertest.New(t)
	env := btStart(t)
	fx := btMakeFixtures(t, env)
	ctx := b.NewContext(t)
	btSignIn(t, ctx, env.URL(), app.DemoEmail, app.DemoPassword)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(btPhoneWidth, 812, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	for _, pattern := range []string{
		"/c/{collective}/members", "/c/{collective}/members/{member}", "/c/{collective}",
		"/c/{collective}/invitations", "/c/{collective}/organisations", "/c/{collective}/organisations/{org}",
		"/c/{collective}/settings", "/account", "/admin", "/", "/collectives/new",
	} {
		path, _ := btPath(pattern, fx.in)
		if err := chromedp.Do(ctx, chromedp.Navigate(env.URL()+path)); err != nil {
			t.Fatal(err)
		}
		w, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if w > btPhoneWidth+2 {
			wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("main *")]
				.filter(e => e.getBoundingClientRect().right > `+"375"+` + 2)
				.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " " + Math.round(e.getBoundingClientRect().right))`))
			t.Errorf("%s is %v px wide at a %d px viewport; too wide: %v", path, w, btPhoneWidth, wide)
		}
	}
	t.Logf("phone checks took %v", time.Since(start))
}
