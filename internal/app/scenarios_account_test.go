package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/errs"
)

// scSignsIn checks whether email signs in with password, in a new browser.
func scSignsIn(email, password string, ok bool) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		res, _ := scNewBrowser(t, f.srv.URL).do(t, "POST", "/signin", scForm{"email": {email}, "password": {password}}, nil, nil)
		if got := res.StatusCode == http.StatusSeeOther; got != ok {
			t.Errorf("sign in %s: status %d, want success %v", email, res.StatusCode, ok)
		}
	}
}

// scNoAccount checks that no account has the address email.
func scNoAccount(email string) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		if u, err := f.app.Auth.UserByEmail(context.Background(), email); !errs.Is(err, errs.NotFound) {
			t.Errorf("account %s: %+v, %v", email, u, err)
		}
	}
}

// scNamed checks the stored name of who's account.
func scNamed(who, name string) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		u, err := f.app.Auth.UserByID(context.Background(), f.user[who].ID)
		if err != nil || u.Name != name {
			t.Errorf("%s: %+v, %v; want the name %q", who, u, err, name)
		}
	}
}

// scSignupMode checks the instance's signup mode.
func scSignupMode(want string) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		if mode, err := f.app.Auth.SignupMode(context.Background()); err != nil || mode != want {
			t.Errorf("signup mode %q (%v), want %q", mode, err, want)
		}
	}
}

// scMailsAre checks how many mails went to addr and that each holds want.
func scMailsAre(addr string, n int, want string) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		mails := f.mail.to(addr)
		if len(mails) != n {
			t.Fatalf("%d mails to %s, want %d", len(mails), addr, n)
		}
		for _, m := range mails {
			if !strings.Contains(m, want) {
				t.Errorf("mail to %s lacks %q:\n%s", addr, want, m)
			}
		}
	}
}

// scAccountScenarios: signing up and in, passwords, the account page,
// deletion and the instance page; and sessions that must stop working.
func scAccountScenarios(f *scFixture) []scScenario {
	signup := func(email, name, password string) scForm {
		return scForm{"email": {email}, "name": {name}, "password": {password}}
	}
	signin := func(email, password, next string) scForm {
		return scForm{"email": {email}, "password": {password}, "next": {next}}
	}
	profile := func(name string) scForm {
		return scForm{"name": {name}, "time_zone": {"Europe/London"}, "language": {"en"}}
	}
	reset, invited := "/reset/"+f.tok["reset"], "/invite/"+f.tok["archived"]
	signedOut := func(who, path string) scCheck { return scThenAs(who, path, 303, []string{scSignIn(path)}, nil) }
	return []scScenario{
		{name: "SignupPage/Anonymous", who: "anonymous", method: "GET", path: "/signup", wantStatus: 200,
			wantContains: []string{"Create an account", `autocomplete="new-password"`}},
		{name: "SignupPage/SignedInGoesOn", who: "member", method: "GET", path: "/signup", wantStatus: 303, wantLocation: "/"},
		{name: "Signup/OK", who: "anonymous", method: "POST", path: "/signup", form: signup("nia@example.org", "Nia Newbie", scPassword),
			wantStatus: 303, wantLocation: "/", check: scThen("/", 200, "Welcome, Nia Newbie. Your account is ready.", "My collectives")},
		{name: "Signup/ErrEmailTaken", who: "anonymous", method: "POST", path: "/signup", form: signup("MEMBER@example.org", "Impostor", "impostor password"),
			wantStatus: 409, wantContains: []string{"An account with this e-mail address exists already."},
			wantNotContains: []string{"impostor password"}, check: scAll(scNamed("member", "Mo Member"), scSignsIn("member@example.org", "impostor password", false))},
		{name: "Signup/ErrNameRequired", who: "anonymous", method: "POST", path: "/signup", form: signup("blank@example.org", " ", scPassword),
			wantStatus: 422, wantContains: []string{"Enter your name as others should see it."}, check: scNoAccount("blank@example.org")},
		{name: "Signup/ErrName101Runes", who: "anonymous", method: "POST", path: "/signup", form: signup("long@example.org", strings.Repeat("é", 101), scPassword),
			wantStatus: 422, wantContains: []string{"A name can be at most 100 characters long."}, check: scNoAccount("long@example.org")},
		{name: "Signup/ErrShortPassword", who: "anonymous", method: "POST", path: "/signup", form: signup("short@example.org", "Short", "tiny"),
			wantStatus: 422, wantContains: []string{"A password needs at least 10 characters; this one has 4."}, check: scNoAccount("short@example.org")},
		{name: "Signup/ErrCrossSite", who: "anonymous", method: "POST", path: "/signup", form: signup("cross@example.org", "Cross", scPassword),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, wantStatus: 403, check: scNoAccount("cross@example.org")},
		{name: "Signup/ErrTooLarge", who: "anonymous", method: "POST", path: "/signup",
			body: scBig("email=big%40example.org&name=Big&password=correct+horse+battery", false), wantStatus: 413, check: scNoAccount("big@example.org")},

		{name: "SigninPage/KeepsNext", who: "anonymous", method: "GET", path: "/signin?next=/c/riverside", wantStatus: 200,
			wantContains: []string{`name="next" value="/c/riverside"`, `autocomplete="current-password"`}},
		{name: "SigninPage/SignedInGoesOn", who: "outsider", method: "GET", path: "/signin?next=/c/open-commons", wantStatus: 303, wantLocation: "/c/open-commons"},
		{name: "Signin/ErrWrongPassword", who: "anonymous", method: "POST", path: "/signin", form: signin("member@example.org", "not the password", ""),
			wantStatus: 401, wantContains: []string{"The e-mail or password is not right.", `value="member@example.org"`},
			wantNotContains: []string{"not the password"}, check: signedOut("", "/account")},
		{name: "Signin/ErrCrossSite", who: "anonymous", method: "POST", path: "/signin", form: signin("member@example.org", scPassword, ""),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, wantStatus: 403, check: signedOut("", "/account")},
		{name: "Signin/OKGoesToNext", who: "anonymous", method: "POST", path: "/signin", form: signin("steward@example.org", scPassword, "/c/riverside/members"),
			wantStatus: 303, wantLocation: "/c/riverside/members", check: scThen("/c/riverside/members", 200, "member@example.org")},
		{name: "Signin/OKStaysOnThisSite", who: "anonymous", method: "POST", path: "/signin", form: signin("member@example.org", scPassword, "//evil.example/"),
			wantStatus: 303, wantLocation: "/"},

		{name: "Signout/OK", who: "member-fresh", method: "POST", path: "/signout", wantStatus: 303, wantLocation: "/",
			check: scAll(scThen("/", 200, "You have signed out.", "Create an account"), signedOut("", "/account"), scThen("/c/riverside", 303))},
		{name: "Signout/Anonymous", who: "anonymous", method: "POST", path: "/signout", wantStatus: 303, wantLocation: "/"},

		{name: "ResetPage/OK", who: "anonymous", method: "GET", path: "/reset", wantStatus: 200, wantContains: []string{"Send the link"}},
		{name: "Reset/OK", who: "anonymous", method: "POST", path: "/reset", form: scForm{"email": {"Observer@Example.org"}},
			wantStatus: 303, wantLocation: "/signin", check: scAll(scMailsAre("observer@example.org", 1, "http://cg.test/reset/"),
				scThen("/signin", 200, "If an account exists for that address"))},
		{name: "Reset/UnknownAddressLooksTheSame", who: "anonymous", method: "POST", path: "/reset", form: scForm{"email": {"nobody@example.org"}},
			wantStatus: 303, wantLocation: "/signin", check: scMailsAre("nobody@example.org", 0, "")},
		{name: "Reset/ErrEmail", who: "anonymous", method: "POST", path: "/reset", form: scForm{"email": {"nobody"}}, wantStatus: 422,
			wantContains: []string{`id="email-error"`, "Enter an e-mail address like name@example.org."}},
		{name: "ResetLink/OK", who: "anonymous", method: "GET", path: reset, wantStatus: 200, wantContains: []string{"Set the password"}},
		{name: "ResetLink/ErrUnknown", who: "anonymous", method: "GET", path: "/reset/made-up", wantStatus: 410,
			wantContains: []string{"This reset link is not valid."}, wantNotContains: []string{"Set the password"}},
		{name: "ResetPassword/ErrShort", who: "anonymous", method: "POST", path: reset, form: scForm{"password": {"tiny"}}, wantStatus: 422,
			wantContains: []string{"A password needs at least 10 characters"}, check: scThenAs("resetter", "/account", 200, nil, nil)},
		{name: "ResetPassword/OKEndsSessions", who: "anonymous", method: "POST", path: reset, form: scForm{"password": {scNewSecret}},
			wantStatus: 303, wantLocation: "/signin", check: scAll(signedOut("resetter", "/account"),
				scSignsIn("resetter@example.org", scPassword, false), scSignsIn("resetter@example.org", scNewSecret, true))},
		{name: "ResetPassword/ErrReused", who: "anonymous", method: "POST", path: reset, form: scForm{"password": {"yet another passphrase"}},
			wantStatus: 410, wantContains: []string{"This reset link has been used already."}, check: scSignsIn("resetter@example.org", scNewSecret, true)},

		{name: "AccountPage/Anonymous", who: "anonymous", method: "GET", path: "/account", wantStatus: 303, wantLocation: scSignIn("/account")},
		{name: "AccountPage/Member", who: "member", method: "GET", path: "/account", wantStatus: 200,
			wantContains: []string{"Signed in as <strong>member@example.org</strong>", `value="Mo Member"`}},
		{name: "AccountPage/RemovedMemberKeepsAccount", who: "removed", method: "GET", path: "/account", wantStatus: 200,
			wantContains: []string{"removed@example.org"}},
		{name: "Profile/Anonymous", who: "anonymous", method: "POST", path: "/account", form: profile("Nobody"), wantStatus: 401},
		{name: "Profile/ErrNameRequired", who: "member", method: "POST", path: "/account", form: profile(""), wantStatus: 422,
			wantContains: []string{"Enter your name as others should see it."}, check: scNamed("member", "Mo Member")},
		{name: "Profile/ErrName101Runes", who: "member", method: "POST", path: "/account", form: profile(strings.Repeat("é", 101)), wantStatus: 422,
			wantContains: []string{"A name can be at most 100 characters long."}, check: scNamed("member", "Mo Member")},
		{name: "Profile/OK", who: "member", method: "POST", path: "/account", form: profile("Mo Member"), wantStatus: 303, wantLocation: "/account",
			check: scThen("/account", 200, "Your profile is saved.", "<option selected>Europe/London</option>")},

		{name: "Password/Anonymous", who: "anonymous", method: "POST", path: "/account/password",
			form: scForm{"current_password": {scPassword}, "new_password": {scNewSecret}}, wantStatus: 401},
		{name: "Password/ErrWrongCurrent", who: "changer", method: "POST", path: "/account/password",
			form: scForm{"current_password": {"not my password"}, "new_password": {scNewSecret}}, wantStatus: 422,
			wantContains: []string{"That is not your current password."}, wantNotContains: []string{"not my password", scNewSecret},
			check: scThenAs("changer-other", "/account", 200, nil, nil)},
		{name: "Password/ErrShort", who: "changer", method: "POST", path: "/account/password",
			form: scForm{"current_password": {scPassword}, "new_password": {"tiny"}}, wantStatus: 422,
			wantContains: []string{"A password needs at least 10 characters"}, check: scThenAs("changer-other", "/account", 200, nil, nil)},
		{name: "Password/OKSignsOutOtherSessions", who: "changer", method: "POST", path: "/account/password",
			form: scForm{"current_password": {scPassword}, "new_password": {scNewSecret}}, wantStatus: 303, wantLocation: "/account",
			check: scAll(scThen("/account", 200, "Your password is changed. You have been signed out everywhere else."),
				signedOut("changer-other", "/account"), scSignsIn("changer@example.org", scPassword, false), scSignsIn("changer@example.org", scNewSecret, true))},

		{name: "Delete/Anonymous", who: "anonymous", method: "POST", path: "/account/delete", form: scForm{"password": {scPassword}}, wantStatus: 401},
		{name: "Delete/ErrLastSteward", who: "steward", method: "POST", path: "/account/delete", form: scForm{"password": {scPassword}}, wantStatus: 409,
			wantContains: []string{"You are the only steward of Riverside Coalition."}, check: scAll(scNamed("steward", "Sam Steward"), scThen("/c/riverside", 200))},
		{name: "Delete/ErrOnlyAdministrator", who: "admin", method: "POST", path: "/account/delete", form: scForm{"password": {scPassword}}, wantStatus: 409,
			wantContains: []string{"You are the only administrator of this instance."}, check: scNamed("admin", "Ada Admin")},
		{name: "Delete/ErrWrongPassword", who: "leaver", method: "POST", path: "/account/delete", form: scForm{"password": {"not my password"}}, wantStatus: 422,
			wantContains: []string{"That is not your current password."}, check: scAll(scNamed("leaver", "Lee Leaver"), scMembership(scA, "leaver", "member"))},
		{name: "Delete/OtherSessionWorksBefore", who: "leaver-other", method: "GET", path: "/c/riverside", wantStatus: 200, wantContains: []string{"Your membership"}},
		{name: "Delete/OK", who: "leaver", method: "POST", path: "/account/delete", form: scForm{"password": {scPassword}}, wantStatus: 303, wantLocation: "/",
			check: scAll(scThen("/", 200, "Your account is deleted."), signedOut("", "/account"), scNamed("leaver", auth.FormerMember),
				func(t *testing.T, f *scFixture, _ *scBrowser) {
					if m := f.member(t, scA, "leaver"); m != nil {
						t.Errorf("the deleted account is still a member: %+v", m)
					}
				}, scSignsIn("leaver@example.org", scPassword, false))},
		{name: "Delete/OtherSessionEnded", who: "leaver-other", method: "GET", path: "/c/riverside", wantStatus: 303, wantLocation: scSignIn("/c/riverside")},
		{name: "Delete/OtherSessionCannotPost", who: "leaver-other", method: "POST", path: "/c/riverside/organisations",
			form: scForm{"name": {"Ghost Org"}}, wantStatus: 401, check: scOrgsAre(scA, "Ghost Org", 0)},

		{name: "Export/Anonymous", who: "anonymous", method: "GET", path: "/account/export", wantStatus: 303, wantLocation: scSignIn("/account/export")},
		{name: "Export/Member", who: "member", method: "GET", path: "/account/export", wantStatus: 200,
			wantContains:    []string{`"email": "member@example.org"`, `"slug": "riverside"`, `"name": "Eastbank Housing Association"`},
			wantNotContains: []string{"argon2", "password", `"slug": "open-commons"`}},

		{name: "AdminPage/Anonymous", who: "anonymous", method: "GET", path: "/admin", wantStatus: 303, wantLocation: scSignIn("/admin")},
		{name: "AdminPage/MemberForbidden", who: "member", method: "GET", path: "/admin", wantStatus: 403,
			wantContains: []string{"Only an administrator of this instance can open this page."}},
		{name: "AdminPage/Admin", who: "admin", method: "GET", path: "/admin", wantStatus: 200, wantContains: []string{"Who may sign up"}},
		{name: "Admin/Anonymous", who: "anonymous", method: "POST", path: "/admin", form: scForm{"signup_mode": {"closed"}}, wantStatus: 401,
			check: scSignupMode("open")},
		{name: "Admin/MemberForbidden", who: "member", method: "POST", path: "/admin", form: scForm{"signup_mode": {"closed"}}, wantStatus: 403,
			check: scSignupMode("open")},
		{name: "Admin/ErrMode", who: "admin", method: "POST", path: "/admin", form: scForm{"signup_mode": {"sometimes"}}, wantStatus: 422,
			wantContains: []string{"Choose open, invite or closed."}, check: scSignupMode("open")},
		{name: "Admin/OKInvite", who: "admin", method: "POST", path: "/admin", form: scForm{"signup_mode": {"invite"}}, wantStatus: 303, wantLocation: "/admin",
			check: scAll(scSignupMode("invite"), scThen("/admin", 200, "The settings are saved."))},
		{name: "Signup/ErrInviteOnly", who: "anonymous", method: "POST", path: "/signup", form: signup("walkin@example.org", "Walk In", scPassword),
			wantStatus: 403, wantContains: []string{"Sign-ups on this instance are by invitation only."}, check: scNoAccount("walkin@example.org")},
		{name: "Signup/OKWithInvitation", who: "anonymous", method: "POST", path: "/signup",
			form:       scForm{"email": {"guest@example.org"}, "name": {"Gus Guest"}, "password": {scPassword}, "next": {invited}},
			wantStatus: 303, wantLocation: invited, check: scThen(invited, 200, "Accept and join")},
		{name: "Admin/OKOpen", who: "admin", method: "POST", path: "/admin", form: scForm{"signup_mode": {"open"}}, wantStatus: 303, wantLocation: "/admin",
			check: scSignupMode("open")},
	}
}
