package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"commonground/internal/app"
	"commonground/internal/web/browsertest"
)

// Tokens of the signed-in steward, so the browser tests check the account
// page with its token table (one in use, one revoked), not only its empty
// state.
func init() {
	btMoreFixtures = append(btMoreFixtures, func(t *testing.T, env *btEnv, _ *btFixtures) {
		ctx := context.Background()
		u, err := env.App.Auth.UserByEmail(ctx, app.DemoEmail)
		if err != nil {
			t.Fatal(err)
		}
		plain, _, err := env.App.Auth.CreateToken(ctx, u.ID, "nightly export", "read")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := env.App.Auth.TokenUser(ctx, plain); err != nil { // so it shows a last-used time
			t.Fatal(err)
		}
		_, old, err := env.App.Auth.CreateToken(ctx, u.ID, "old laptop", "write")
		if err != nil {
			t.Fatal(err)
		}
		if err := env.App.Auth.RevokeToken(ctx, u.ID, old.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// TestTokenSectionInBrowser creates a token on the account page, uses it
// on the API, shows a refused form and revokes the token, with axe on
// every state of the page.
func TestTokenSectionInBrowser(t *testing.T) {
	browsertest.RequireAxe(t)
	env := btStart(t)
	if _, err := env.App.Auth.CreateUser(context.Background(), "ana@example.org", "Ana", "a long enough password", false); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t)
	ctx := b.NewContext(t)
	btSignIn(t, ctx, env.URL(), "ana@example.org", "a long enough password")
	if err := chromedp.Do(ctx, chromedp.Navigate(env.URL()+"/account"),
		chromedp.SendKeys(chromedp.ID("token_name"), "nightly export"),
		chromedp.Click(chromedp.ID("token_scope-write"))); err != nil {
		t.Fatal(err)
	}
	btClickLoad(t, ctx, `form[action="/account/tokens"] button[type=submit]`, http.StatusCreated)
	plain, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("new-token-value").value`))
	if err != nil || !strings.HasPrefix(plain, "cg_") {
		t.Fatalf("new token %q (%v)", plain, err)
	}
	btAxe(t, ctx, "account page with a new token")
	btShot(t, ctx, "account_new_token")

	req, _ := http.NewRequest(http.MethodGet, env.URL()+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+plain)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/me with the token from the page: %d", res.StatusCode)
	}

	// The browser would not send an empty required field; the server must
	// still refuse it accessibly.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.URL()+"/account")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("token_name").removeAttribute("required"), true`)); err != nil {
		t.Fatal(err)
	}
	btFailForm(t, ctx, "", `form[action="/account/tokens"] button[type=submit]`, "token-invalid")

	btClickLoad(t, ctx, `form[action$="/revoke"] button[type=submit]`, http.StatusOK)
	if flash := btText(t, ctx, ".flash"); !strings.Contains(flash, "The token “nightly export” is revoked") {
		t.Fatalf("flash after revoking: %q", flash)
	}
	btAxe(t, ctx, "account page after revoking")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("revoked token: %d, want 401", res.StatusCode)
	}
}
