package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"commonground/internal/auth"
)

func init() { scMoreScenarios = append(scMoreScenarios, scTokenScenarios) }

// scTokens checks who's tokens by name: each wanted name must be there
// with its scope (and "revoked" when revoked), and no others.
func scTokens(who string, want map[string]string) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		list, err := f.app.Auth.Tokens(context.Background(), f.user[who].ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, tk := range list {
			got[tk.Name] = tk.Scope
			if tk.RevokedAt != nil {
				got[tk.Name] += " revoked"
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s's tokens %v, want %v", who, got, want)
		}
	}
}

// scTokenWorks checks whether a token still authenticates.
func scTokenWorks(plain string, ok bool) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		_, _, err := f.app.Auth.TokenUser(context.Background(), plain)
		if (err == nil) != ok {
			t.Errorf("token works: %v (%v), want %v", err == nil, err, ok)
		}
	}
}

// scTokenScenarios: the API tokens section of the account page. The
// "invitee" account holds the tokens, which no other scenario touches.
func scTokenScenarios(f *scFixture) []scScenario {
	ctx := context.Background()
	mk := func(who, name, scope string) (string, *auth.Token) {
		plain, tk, err := f.app.Auth.CreateToken(ctx, f.user[who].ID, name, scope)
		if err != nil {
			panic(err)
		}
		return plain, tk
	}
	kept, keptTok := mk("invitee", "kept", "read")
	gone, goneTok := mk("invitee", "to revoke", "write")
	revoke := func(tk *auth.Token) string { return fmt.Sprintf("/account/tokens/%d/revoke", tk.ID) }
	form := func(name, scope string) scForm { return scForm{"token_name": {name}, "token_scope": {scope}} }
	before := map[string]string{"kept": "read", "to revoke": "write"}
	return []scScenario{
		{name: "TokensSection/Listed", who: "invitee", method: "GET", path: "/account", wantStatus: 200,
			wantContains: []string{`<h2 id="tokens-heading">API tokens</h2>`, "<td data-label=\"Name\">kept</td>", "<td data-label=\"Scope\">read</td>",
				`<td data-label="Last used">never</td>`, `action="` + revoke(keptTok) + `"`, "Revoke<span class=\"visually-hidden\"> the token “kept”</span>",
				`value="read" id="token_scope" checked`},
			wantNotContains: []string{kept, gone, "Copy your new token"}},
		{name: "TokensSection/EmptyForOthers", who: "observer", method: "GET", path: "/account", wantStatus: 200,
			wantContains: []string{"You have no tokens."}, wantNotContains: []string{"<td data-label=\"Name\">"}},

		{name: "CreateToken/Anonymous", who: "anonymous", method: "POST", path: "/account/tokens", form: form("x", "write"), wantStatus: 401,
			check: scTokens("invitee", before)},
		{name: "CreateToken/ErrCrossSite", who: "invitee", method: "POST", path: "/account/tokens", form: form("cross", "write"),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, wantStatus: 403, check: scTokens("invitee", before)},
		{name: "CreateToken/ErrNameRequired", who: "invitee", method: "POST", path: "/account/tokens", form: form("  ", "write"), wantStatus: 422,
			wantContains: []string{`<p class="field-error" id="token_name-error">Give the token a name`, `value="write" id="token_scope-write" checked`},
			check:        scTokens("invitee", before)},
		{name: "CreateToken/ErrName81Runes", who: "invitee", method: "POST", path: "/account/tokens", form: form(strings.Repeat("é", 81), "read"), wantStatus: 422,
			wantContains: []string{"A token&#39;s name can be at most 80 characters long.", `value="` + strings.Repeat("é", 81) + `"`},
			check:        scTokens("invitee", before)},
		{name: "CreateToken/ErrBadScope", who: "invitee", method: "POST", path: "/account/tokens", form: form("admin bot", "admin"), wantStatus: 422,
			wantContains: []string{`<p class="field-error" id="token_scope-error">Choose the scope read`, `value="admin bot"`},
			check:        scTokens("invitee", before)},
		{name: "CreateToken/OK", who: "invitee", method: "POST", path: "/account/tokens", form: form(" nightly export ", "write"), wantStatus: 201,
			wantContains: []string{"Copy your new token “nightly export” now: it will not be shown again.", `id="new-token-value" readonly value="cg_`,
				"It may read and change what you can.", "<td data-label=\"Name\">nightly export</td>"},
			check: scAll(scTokens("invitee", map[string]string{"kept": "read", "to revoke": "write", "nightly export": "write"}),
				// Shown once: the next visit lists it without the secret.
				scThenAs("", "/account", 200, []string{"nightly export"}, []string{"cg_", "Copy your new token"}))},

		{name: "RevokeToken/Anonymous", who: "anonymous", method: "POST", path: revoke(goneTok), wantStatus: 401, check: scTokenWorks(gone, true)},
		{name: "RevokeToken/ErrSomeoneElses", who: "outsider", method: "POST", path: revoke(goneTok), wantStatus: 404,
			wantContains: []string{"You have no such API token."}, check: scTokenWorks(gone, true)},
		{name: "RevokeToken/ErrNotANumber", who: "invitee", method: "POST", path: "/account/tokens/abc/revoke", wantStatus: 404},
		{name: "RevokeToken/ErrCrossSite", who: "invitee", method: "POST", path: revoke(goneTok),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, wantStatus: 403, check: scTokenWorks(gone, true)},
		{name: "RevokeToken/OK", who: "invitee", method: "POST", path: revoke(goneTok), wantStatus: 303, wantLocation: "/account#tokens-heading",
			check: scAll(scTokenWorks(gone, false), scTokenWorks(kept, true),
				scThen("/account", 200, "The token “to revoke” is revoked: anything still using it now gets an error (401).", "<td data-label=\"Status\">revoked ")),
		},
	}
}
