package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// The scenarios' collectives: A is private, B is a second private one, P is
// public.
const (
	scA         = "riverside"
	scB         = "hillside"
	scP         = "open-commons"
	scPassword  = "correct horse battery"
	scNewSecret = "a brand new passphrase"
)

// scPeople are the scenarios' accounts, by who. "leaver-other",
// "changer-other" and "resetter" are second browsers or accounts whose
// sessions the scenarios end.
var scPeople = []struct {
	who, email, name string
	admin            bool
}{
	{"admin", "admin@example.org", "Ada Admin", true},
	{"steward", "steward@example.org", "Sam Steward", false},
	{"member", "member@example.org", "Mo Member", false},
	{"observer", "observer@example.org", "Ola Observer", false},
	{"removed", "removed@example.org", "Rae Removed", false},
	{"outsider", "outsider@example.org", "Otto Outsider", false},
	{"invitee", "invitee@example.org", "Ivy Invitee", false},
	{"leaver", "leaver@example.org", "Lee Leaver", false},
	{"changer", "changer@example.org", "Cam Changer", false},
	{"resetter", "resetter@example.org", "Rene Reset", false},
	{"extra", "extra@example.org", "Eli Extra", false},
	{"bsteward", "bsteward@example.org", "Bea Hill", false},
	{"bmember", "bmember@example.org", "Bo Hill", false},
}

// scStewardOf names who runs each collective, for checks through the service.
var scStewardOf = map[string]string{scA: "steward", scB: "bsteward", scP: "bsteward"}

// scMailer keeps mail instead of logging it.
type scMailer struct {
	mu   sync.Mutex
	sent []struct{ to, body string }
}

func (m *scMailer) Send(_ context.Context, to, _, body string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, struct{ to, body string }{to, body})
	return nil
}

// to returns the bodies of the mail sent to addr.
func (m *scMailer) to(addr string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, s := range m.sent {
		if s.to == addr {
			out = append(out, s.body)
		}
	}
	return out
}

// scClock is the real time, shifted while the fixture makes an expired
// invitation (sessions compare scs's real-time expiry with db.Now).
type scClock struct {
	mu    sync.Mutex
	shift time.Duration
}

func (c *scClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().UTC().Add(c.shift)
}

func (c *scClock) set(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.shift = d
}

// scBrowser is one person's browser: a cookie jar, and redirects returned
// rather than followed so scenarios can assert 303s.
type scBrowser struct {
	base string
	c    *http.Client
}

func scNewBrowser(t *testing.T, base string) *scBrowser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &scBrowser{base: base, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request: form is sent urlencoded (an empty one for a POST
// without), body, when given, is sent as it is.
func (b *scBrowser) do(t *testing.T, method, path string, form url.Values, body io.Reader, header map[string]string) (*http.Response, string) {
	t.Helper()
	if body == nil && (form != nil || method == http.MethodPost) {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := b.c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return res, string(data)
}

// scFixture is a wired app behind a test server, with people, collectives,
// organisations and invitations made through the services.
type scFixture struct {
	app   *app.App
	srv   *httptest.Server
	mail  *scMailer
	clock *scClock
	user  map[string]*auth.User
	jar   map[string]*scBrowser
	mid   map[string]int64  // member ids, by "slug/who"
	org   map[string]int64  // organisation ids, by name
	tok   map[string]string // invitation and reset tokens: open, decline, archived, expired, used, reset
	inv   map[string]int64  // invitation ids: revoke (in A), hillside (in B)
}

func scNewFixture(t *testing.T, db *store.DB) *scFixture {
	t.Helper()
	auth.Params.Memory, auth.Params.Time = 64, 1
	f := &scFixture{mail: &scMailer{}, clock: &scClock{}, user: map[string]*auth.User{}, jar: map[string]*scBrowser{},
		mid: map[string]int64{}, org: map[string]int64{}, tok: map[string]string{}, inv: map[string]int64{}}
	db.Now = f.clock.Now
	var err error
	f.app, err = app.Wire(context.Background(), app.Config{BaseURL: "http://cg.test", Logger: slog.New(slog.DiscardHandler)}, db)
	if err != nil {
		t.Fatal(err)
	}
	// The queue's own PostgreSQL pool would otherwise outlive the test.
	t.Cleanup(f.app.Jobs.Close)
	f.app.Auth.Mailer, f.app.Collectives.Mailer = f.mail, f.mail
	f.srv = httptest.NewServer(f.app.Web.Handler())
	t.Cleanup(f.srv.Close)
	ctx := context.Background()
	for _, p := range scPeople {
		u, err := f.app.Auth.CreateUser(ctx, p.email, p.name, scPassword, p.admin)
		if err != nil {
			t.Fatalf("create %s: %v", p.who, err)
		}
		f.user[p.who] = u
	}
	for _, c := range []struct{ who, slug, name, vis string }{
		{"steward", scA, "Riverside Coalition", "private"},
		{"bsteward", scB, "Hillside Network", "private"},
		{"bsteward", scP, "Open Commons", "public"},
	} {
		_, err := f.app.Collectives.Create(f.as(c.who), collective.Input{Slug: c.slug, Name: c.name, Visibility: c.vis,
			Purpose: "The purpose of " + c.name + "."})
		if err != nil {
			t.Fatalf("create %s: %v", c.slug, err)
		}
		f.mid[c.slug+"/"+c.who] = f.access(t, c.who, c.slug).MemberID
	}
	for _, j := range []struct {
		slug, who string
		roles     []string
	}{
		{scA, "member", []string{auth.Member}}, {scA, "observer", []string{auth.Observer}},
		{scA, "removed", []string{auth.Member}}, {scA, "leaver", []string{auth.Member}}, {scA, "extra", []string{auth.Member}},
		{scB, "steward", []string{auth.Member}}, {scB, "bmember", []string{auth.Member}},
		{scP, "member", []string{auth.Member}}, {scP, "bmember", []string{auth.Member}},
	} {
		f.tok["used"] = f.join(t, j.slug, j.who, j.roles...) // any accepted link will do
	}
	for _, o := range []struct{ slug, name string }{
		{scA, "Riverside Food Bank"}, {scA, "Eastbank Housing"}, {scA, "Old Partner"},
		{scB, "Hill Farm Co-op"}, {scP, "Open Library"},
	} {
		sctx, a := f.stewardAccess(t, o.slug)
		created, err := f.app.Collectives.CreateOrganisation(sctx, a, collective.OrgInput{Name: o.name})
		if err != nil {
			t.Fatalf("organisation %s: %v", o.name, err)
		}
		f.org[o.name] = created.ID
	}
	for _, af := range []struct{ slug, who, org string }{
		{scA, "member", "Riverside Food Bank"}, {scB, "bmember", "Hill Farm Co-op"}, {scP, "member", "Open Library"},
	} {
		sctx, a := f.stewardAccess(t, af.slug)
		if err := f.app.Collectives.SetAffiliations(sctx, a, f.mid[af.slug+"/"+af.who], []int64{f.org[af.org]}); err != nil {
			t.Fatalf("affiliate %s: %v", af.who, err)
		}
	}
	f.tok["open"] = f.invite(t, scA, "", auth.Member).token
	f.tok["decline"] = f.invite(t, scA, "", auth.Member).token
	f.tok["archived"] = f.invite(t, scA, "", auth.Member).token
	f.inv["revoke"] = f.invite(t, scA, "later@example.org", auth.Member).id
	f.inv["hillside"] = f.invite(t, scB, "", auth.Member).id
	f.clock.set(-collective.InvitationTTL - 24*time.Hour)
	f.tok["expired"] = f.invite(t, scA, "", auth.Member).token
	f.clock.set(0)
	if err := f.app.Auth.RequestReset(ctx, "resetter@example.org"); err != nil {
		t.Fatal(err)
	}
	mails := f.mail.to("resetter@example.org")
	if len(mails) != 1 {
		t.Fatalf("reset mails: %q", mails)
	}
	_, link, _ := strings.Cut(mails[0], "/reset/")
	f.tok["reset"] = strings.Fields(link)[0]
	for _, who := range []string{"steward", "member", "observer", "removed", "outsider", "admin", "invitee",
		"leaver", "leaver-other", "changer", "changer-other", "resetter"} {
		f.jar[who] = f.signIn(t, strings.TrimSuffix(who, "-other"))
	}
	return f
}

// as is a context in which who acts.
func (f *scFixture) as(who string) context.Context {
	return auth.WithUser(context.Background(), f.user[who])
}

func (f *scFixture) access(t *testing.T, who, slug string) *collective.Access {
	t.Helper()
	a, err := f.app.Collectives.Access(f.as(who), slug)
	if err != nil {
		t.Fatalf("access %s as %s: %v", slug, who, err)
	}
	return a
}

func (f *scFixture) stewardAccess(t *testing.T, slug string) (context.Context, *collective.Access) {
	t.Helper()
	return f.as(scStewardOf[slug]), f.access(t, scStewardOf[slug], slug)
}

type scInvitation struct {
	id    int64
	token string
}

func (f *scFixture) invite(t *testing.T, slug, email string, roles ...string) scInvitation {
	t.Helper()
	sctx, a := f.stewardAccess(t, slug)
	inv, err := f.app.Collectives.CreateInvitation(sctx, a, collective.InviteInput{Email: email, Roles: roles})
	if err != nil {
		t.Fatalf("invite to %s: %v", slug, err)
	}
	return scInvitation{id: inv.ID, token: inv.Link[strings.LastIndex(inv.Link, "/")+1:]}
}

// join makes who a member of slug through an accepted invitation and
// returns the used token.
func (f *scFixture) join(t *testing.T, slug, who string, roles ...string) string {
	t.Helper()
	inv := f.invite(t, slug, "", roles...)
	if _, err := f.app.Collectives.AcceptInvitation(f.as(who), inv.token); err != nil {
		t.Fatalf("%s joins %s: %v", who, slug, err)
	}
	f.mid[slug+"/"+who] = f.access(t, who, slug).MemberID
	return inv.token
}

// signIn posts the sign-in form in a new browser.
func (f *scFixture) signIn(t *testing.T, who string) *scBrowser {
	t.Helper()
	b := scNewBrowser(t, f.srv.URL)
	res, body := b.do(t, "POST", "/signin", url.Values{"email": {f.user[who].Email}, "password": {scPassword}}, nil, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d\n%s", who, res.StatusCode, body)
	}
	return b
}

// scRemoveThroughService takes who out of slug as its steward would,
// without touching who's browser.
func scRemoveThroughService(slug, who string) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		sctx, a := f.stewardAccess(t, slug)
		if err := f.app.Collectives.Remove(sctx, a, f.mid[slug+"/"+who]); err != nil {
			t.Fatalf("remove %s: %v", who, err)
		}
	}
}

// member returns a member as the collective's steward sees them, or nil.
func (f *scFixture) member(t *testing.T, slug, who string) *collective.Member {
	t.Helper()
	sctx, a := f.stewardAccess(t, slug)
	m, err := f.app.Collectives.Member(sctx, a, f.mid[slug+"/"+who])
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// orgsNamed counts the organisations of slug whose name is name, ignoring case.
func (f *scFixture) orgsNamed(t *testing.T, slug, name string) int {
	t.Helper()
	sctx, a := f.stewardAccess(t, slug)
	orgs, err := f.app.Collectives.Organisations(sctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return len(slices.DeleteFunc(orgs, func(o collective.Organisation) bool { return !strings.EqualFold(o.Name, name) }))
}

// invitations returns slug's invitations, as its steward sees them.
func (f *scFixture) invitations(t *testing.T, slug string) []collective.Invitation {
	t.Helper()
	sctx, a := f.stewardAccess(t, slug)
	list, _, err := f.app.Collectives.Invitations(sctx, a, 1)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
