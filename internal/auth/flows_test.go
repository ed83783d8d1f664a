package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// wantPage checks a response's status and that its body has each string.
func wantPage(t *testing.T, rec *httptest.ResponseRecorder, status int, want ...string) {
	t.Helper()
	body := rec.Body.String()
	if got := rec.Code; got != status {
		t.Fatalf("status %d, want %d\n%s", got, status, body)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Fatalf("body lacks %q\n%s", w, body)
		}
	}
}

func TestSessionFlows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		s.signUp(t, "ada@example.org", "Ada")
		s.signUp(t, "bo@example.org", "Bo")

		t.Run("SignupSignsIn", func(t *testing.T) {
			b := s.browser()
			rec := b.do(t, "POST", "/signup", url.Values{"email": {"cy@example.org"}, "name": {"Cy"},
				"password": {"secret pass 123"}, "next": {"/c/riverside"}})
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/c/riverside" {
				t.Fatalf("sign up: %d %q", rec.Code, rec.Header().Get("Location"))
			}
			rec = b.do(t, "GET", "/account", nil)
			wantPage(t, rec, 200, "cy@example.org")
		})
		t.Run("TokenRenewedOnSignIn", func(t *testing.T) {
			b := s.browser()
			b.do(t, "POST", "/reset", url.Values{"email": {"nobody@example.org"}}) // leaves a flash, so a session
			before := b.cookie
			if before == nil {
				t.Fatal("no anonymous session")
			}
			b.do(t, "POST", "/signin", url.Values{"email": {"bo@example.org"}, "password": {goodPassword}})
			if b.cookie == nil || b.cookie.Value == before.Value {
				t.Fatal("the session token was not renewed on sign-in")
			}
			planted := &browser{s: s, cookie: before}
			if rec := planted.do(t, "GET", "/account", nil); rec.Code != http.StatusSeeOther {
				t.Fatalf("the pre-sign-in token still works: %d", rec.Code)
			}
		})
		t.Run("PasswordChangeEndsOtherSessions", func(t *testing.T) {
			here := s.signIn(t, "bo@example.org", goodPassword)
			there := s.signIn(t, "bo@example.org", goodPassword)
			rec := here.do(t, "POST", "/account/password", url.Values{"current_password": {goodPassword}, "new_password": {"a brand new password"}})
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("change password: %d\n%s", rec.Code, rec.Body)
			}
			rec = here.do(t, "GET", "/account", nil)
			wantPage(t, rec, 200, "signed out everywhere else")
			rec = there.do(t, "GET", "/account", nil)
			if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/signin") {
				t.Fatalf("the other session still works: %d", rec.Code)
			}
		})
		t.Run("SignOut", func(t *testing.T) {
			b := s.signIn(t, "bo@example.org", "a brand new password")
			old := b.cookie
			rec := b.do(t, "POST", "/signout", url.Values{})
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
				t.Fatalf("sign out: %d", rec.Code)
			}
			rec = b.do(t, "GET", "/signin", nil)
			wantPage(t, rec, 200, "You have signed out.")
			replay := &browser{s: s, cookie: old}
			if rec := replay.do(t, "GET", "/account", nil); rec.Code != http.StatusSeeOther {
				t.Fatalf("a copied cookie works after sign-out: %d", rec.Code)
			}
		})
		t.Run("ResetByMail", func(t *testing.T) {
			b := s.browser()
			b.do(t, "POST", "/reset", url.Values{"email": {"ada@example.org"}})
			path := "/reset/" + s.mail.lastToken(t)
			rec := b.do(t, "GET", path, nil)
			wantPage(t, rec, 200, `action="`+path+`"`, `autocomplete="new-password"`)
			rec = b.do(t, "POST", path, url.Values{"password": {"short"}})
			wantPage(t, rec, 422, "at least 10 characters")
			rec = b.do(t, "POST", path, url.Values{"password": {"ada's new password"}})
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/signin" {
				t.Fatalf("reset: %d", rec.Code)
			}
			rec = b.do(t, "POST", path, url.Values{"password": {"ada's newer password"}})
			wantPage(t, rec, 410, "used already")
			s.signIn(t, "ada@example.org", "ada's new password")
		})
		t.Run("RateLimited", func(t *testing.T) {
			b := s.browser()
			for range auth.MaxAccountFailures {
				b.do(t, "POST", "/signin", url.Values{"email": {"cy@example.org"}, "password": {"guess guess"}})
			}
			rec := b.do(t, "POST", "/signin", url.Values{"email": {"cy@example.org"}, "password": {"secret pass 123"}})
			wantPage(t, rec, 429, "Too many attempts to sign in. Please try again in 15 minutes.")
		})
		t.Run("DeleteAccount", func(t *testing.T) {
			b := s.signIn(t, "bo@example.org", "a brand new password")
			rec := b.do(t, "POST", "/account/delete", url.Values{"password": {"wrong one"}})
			wantPage(t, rec, 422, "not your current password", `id="password-error"`)
			rec = b.do(t, "POST", "/account/delete", url.Values{"password": {"a brand new password"}})
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
				t.Fatalf("delete: %d\n%s", rec.Code, rec.Body)
			}
			rec = b.do(t, "GET", "/signin", nil)
			wantPage(t, rec, 200, "Your account is deleted.")
			rec = s.browser().do(t, "POST", "/signin", url.Values{"email": {"bo@example.org"}, "password": {"a brand new password"}})
			wantPage(t, rec, 401, "The e-mail or password is not right.")
		})
	})
}

func TestSignupByInvitation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db, func(h *auth.Handlers) {
			h.InvitationValid = func(_ context.Context, next string) bool { return next == "/invite/good" }
		})
		ada := s.signUp(t, "ada@example.org", "Ada")
		if err := s.svc.SetSignupMode(s.as(t, ada), auth.SignupInvite); err != nil {
			t.Fatal(err)
		}
		b := s.browser()
		rec := b.do(t, "GET", "/signup?next=/invite/good", nil)
		wantPage(t, rec, 200, `action="/signup"`, `value="/invite/good"`)
		rec = b.do(t, "GET", "/signup?next=/invite/bad", nil)
		wantPage(t, rec, 200, "by invitation only")
		form := url.Values{"email": {"cy@example.org"}, "name": {"Cy"}, "password": {"secret pass 123"}, "next": {"/invite/bad"}}
		wantPage(t, b.do(t, "POST", "/signup", form), 403, "by invitation only")
		form.Set("next", "/invite/good")
		rec = b.do(t, "POST", "/signup", form)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/invite/good" {
			t.Fatalf("invited sign-up: %d %q\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
		}
	})
}
