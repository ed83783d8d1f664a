package auth_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
	"commonground/internal/web"
)

// site is a server with the auth handlers and browsers signed in as people.
type site struct {
	*fixture
	h http.Handler
}

func newSite(t *testing.T, db *store.DB, options ...func(*auth.Handlers)) *site {
	t.Helper()
	f := newFixture(t, db)
	srv := newServer(t, db)
	h := &auth.Handlers{S: f.svc, Web: srv}
	for _, o := range options {
		o(h)
	}
	h.Register()
	srv.Load = f.svc.Middleware(srv.Sessions)
	return &site{fixture: f, h: srv.Handler()}
}

// newServer turns a panic of web.New (its templates failing to parse) into
// a failure that says where to look.
func newServer(t *testing.T, db *store.DB) (srv *web.Server) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("web.New panics: %v (is internal/web embedding its _*.html partials? //go:embed skips names starting with _ unless all: or a glob names them)", p)
		}
	}()
	return web.New(web.Config{Logger: slog.New(slog.DiscardHandler)}, db)
}

// browser keeps one session cookie, like one person's browser.
type browser struct {
	s      *site
	cookie *http.Cookie
}

func (s *site) browser() *browser { return &browser{s: s} }

func (b *browser) do(t *testing.T, method, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	if b.cookie != nil {
		req.AddCookie(b.cookie)
	}
	rec := httptest.NewRecorder()
	b.s.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "cg_session" {
			if c.MaxAge < 0 {
				b.cookie = nil
			} else {
				b.cookie = c
			}
		}
	}
	return rec
}

// signIn returns a browser signed in as email.
func (s *site) signIn(t *testing.T, email, password string) *browser {
	t.Helper()
	b := s.browser()
	rec := b.do(t, "POST", "/signin", url.Values{"email": {email}, "password": {password}})
	if rec.Code != http.StatusSeeOther || b.cookie == nil {
		t.Fatalf("sign in %s: %d %s", email, rec.Code, rec.Body)
	}
	return b
}

func TestHandlers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		s.signUp(t, "ada@example.org", "Ada") // the administrator
		s.signUp(t, "bo@example.org", "Bo")
		who := map[string]*browser{
			"":    s.browser(),
			"ada": s.signIn(t, "ada@example.org", goodPassword),
			"bo":  s.signIn(t, "bo@example.org", goodPassword),
		}
		type form = url.Values
		for _, c := range []struct {
			name, method, path, who string
			form                    url.Values
			status                  int
			want, notWant           []string
			header                  map[string]string
		}{
			{name: "SigninPage", method: "GET", path: "/signin", status: 200,
				want: []string{`<label for="email">`, `autocomplete="email"`, `autocomplete="current-password"`}},
			{name: "SigninKeepsNext", method: "GET", path: "/signin?next=/c/riverside", status: 200,
				want: []string{`name="next" value="/c/riverside"`, `href="/signup?next=%2fc%2friverside"`}},
			{name: "SigninWhenSignedIn", method: "GET", path: "/signin", who: "bo", status: 303, header: map[string]string{"Location": "/"}},
			{name: "SignupPage", method: "GET", path: "/signup", status: 200,
				want: []string{"Create an account", `autocomplete="new-password"`, `autocomplete="name"`}},
			{name: "SignupBadEmail", method: "POST", path: "/signup", status: 422,
				form: form{"email": {"cy@"}, "name": {"Cy"}, "password": {"secret pass 123"}},
				want: []string{"like name@example.org", `value="Cy"`, `aria-invalid="true"`, `href="#email"`}, notWant: []string{"secret pass 123"}},
			{name: "SignupShortPassword", method: "POST", path: "/signup", status: 422,
				form: form{"email": {"cy@example.org"}, "name": {"Cy"}, "password": {"short"}},
				want: []string{"at least 10 characters", `id="password-error"`}},
			{name: "SignupDuplicate", method: "POST", path: "/signup", status: 409,
				form: form{"email": {"BO@example.org"}, "name": {"Bo 2"}, "password": {"secret pass 123"}},
				want: []string{"exists already", `value="BO@example.org"`}},
			{name: "SigninWrongPassword", method: "POST", path: "/signin", status: 401,
				form: form{"email": {"bo@example.org"}, "password": {"wrong password 99"}},
				want: []string{"The e-mail or password is not right.", `value="bo@example.org"`}, notWant: []string{"wrong password 99"}},
			{name: "SigninUnknown", method: "POST", path: "/signin", status: 401,
				form: form{"email": {"zed@example.org"}, "password": {goodPassword}},
				want: []string{"The e-mail or password is not right."}},
			{name: "SigninNext", method: "POST", path: "/signin", who: "new", status: 303,
				form:   form{"email": {"bo@example.org"}, "password": {goodPassword}, "next": {"/c/riverside?tab=1"}},
				header: map[string]string{"Location": "/c/riverside?tab=1"}},
			{name: "SigninNextOtherHost", method: "POST", path: "/signin", who: "new", status: 303,
				form:   form{"email": {"bo@example.org"}, "password": {goodPassword}, "next": {"//evil.example/x"}},
				header: map[string]string{"Location": "/"}},
			{name: "SigninNextAbsolute", method: "POST", path: "/signin", who: "new", status: 303,
				form:   form{"email": {"bo@example.org"}, "password": {goodPassword}, "next": {"https://evil.example/"}},
				header: map[string]string{"Location": "/"}},
			{name: "SigninNextBackslash", method: "POST", path: "/signin", who: "new", status: 303,
				form:   form{"email": {"bo@example.org"}, "password": {goodPassword}, "next": {"/\\evil.example"}},
				header: map[string]string{"Location": "/"}},
			{name: "AccountAnonymous", method: "GET", path: "/account", status: 303,
				header: map[string]string{"Location": "/signin?next=%2Faccount"}},
			{name: "AccountPage", method: "GET", path: "/account", who: "bo", status: 200,
				want: []string{"bo@example.org", `<label for="time_zone">`, `<option selected>UTC</option>`,
					`<option value="en" selected>English</option>`, `href="/account/export"`, "cannot be undone", "Delete my account"}},
			{name: "ProfileBadZone", method: "POST", path: "/account", who: "bo", status: 422,
				form: form{"name": {"Bo B"}, "time_zone": {"Mars/Olympus"}, "language": {"fr"}},
				want: []string{"not a time zone we know", `value="Bo B"`, `<option selected>Mars/Olympus</option>`, `<option value="fr" selected>`}},
			{name: "ProfileBadLanguage", method: "POST", path: "/account", who: "bo", status: 422,
				form: form{"name": {"Bo"}, "time_zone": {"UTC"}, "language": {"xx"}},
				want: []string{"Choose one of the languages", `id="language-error"`}},
			{name: "ProfileSaved", method: "POST", path: "/account", who: "bo", status: 303,
				form:   form{"name": {"Bo B"}, "time_zone": {"Europe/Paris"}, "language": {"fr"}},
				header: map[string]string{"Location": "/account"}},
			{name: "ProfileShown", method: "GET", path: "/account", who: "bo", status: 200,
				want: []string{"Your profile is saved.", `value="Bo B"`, `<option selected>Europe/Paris</option>`}},
			{name: "PasswordAnonymous", method: "POST", path: "/account/password", status: 401,
				form: form{"current_password": {goodPassword}, "new_password": {"whatever it is"}}},
			{name: "PasswordWrongCurrent", method: "POST", path: "/account/password", who: "bo", status: 422,
				form: form{"current_password": {"not the one"}, "new_password": {"whatever it is"}},
				want: []string{"not your current password"}, notWant: []string{"not the one", "whatever it is"}},
			{name: "Export", method: "GET", path: "/account/export", who: "bo", status: 200,
				want: []string{`"email": "bo@example.org"`}, notWant: []string{"argon2", "password"},
				header: map[string]string{"Content-Disposition": `attachment; filename="commonground-export.json"`}},
			{name: "AdminForMember", method: "GET", path: "/admin", who: "bo", status: 403},
			{name: "AdminPostForMember", method: "POST", path: "/admin", who: "bo", status: 403, form: form{"signup_mode": {"closed"}}},
			{name: "AdminPage", method: "GET", path: "/admin", who: "ada", status: 200,
				want: []string{"<legend>Who may sign up</legend>", `value="open" id="signup_mode"`, "checked"}},
			{name: "AdminBadMode", method: "POST", path: "/admin", who: "ada", status: 422,
				form: form{"signup_mode": {"sometimes"}}, want: []string{"Choose open, invite or closed."}},
			{name: "AdminInvite", method: "POST", path: "/admin", who: "ada", status: 303,
				form: form{"signup_mode": {"invite"}}, header: map[string]string{"Location": "/admin"}},
			{name: "SignupByInvitation", method: "GET", path: "/signup", status: 200,
				want: []string{"by invitation only"}, notWant: []string{`action="/signup"`}},
			{name: "SignupRefused", method: "POST", path: "/signup", status: 403,
				form: form{"email": {"cy@example.org"}, "name": {"Cy"}, "password": {"secret pass 123"}},
				want: []string{"by invitation only"}},
			{name: "ResetPage", method: "GET", path: "/reset", status: 200, want: []string{`autocomplete="email"`}},
			{name: "ResetUnknown", method: "POST", path: "/reset", status: 303,
				form: form{"email": {"zed@example.org"}}, header: map[string]string{"Location": "/signin"}},
			{name: "ResetFlash", method: "GET", path: "/signin", status: 200, want: []string{"If an account exists for that address"}},
			{name: "ResetBadEmail", method: "POST", path: "/reset", status: 422, form: form{"email": {"zed"}}, want: []string{`id="email-error"`}},
			{name: "ResetBadToken", method: "GET", path: "/reset/made-up", status: 410,
				want: []string{"not valid", `href="/reset"`}, notWant: []string{`autocomplete="new-password"`}},
		} {
			t.Run(c.name, func(t *testing.T) {
				b := who[c.who]
				if c.who == "new" {
					b = s.browser() // signing in must not change the anonymous browser
				}
				rec := b.do(t, c.method, c.path, c.form)
				body := rec.Body.String()
				if rec.Code != c.status {
					t.Fatalf("status %d, want %d\n%s", rec.Code, c.status, body)
				}
				for _, w := range c.want {
					if !strings.Contains(body, w) {
						t.Errorf("body lacks %q\n%s", w, body)
					}
				}
				for _, w := range c.notWant {
					if strings.Contains(body, w) {
						t.Errorf("body has %q", w)
					}
				}
				for k, v := range c.header {
					if got := rec.Header().Get(k); got != v {
						t.Errorf("header %s = %q, want %q", k, got, v)
					}
				}
			})
		}
	})
}
