package app_test

import (
	"net/http"
	"testing"
	"time"
)

// apiCallers makes the scenarios' callers: each person with a write token,
// steward-read and member-read with read tokens, revoked with a member's
// token that was revoked, steward-session through a signed-in browser's
// cookie, and none with no credentials at all.
func apiCallers(t *testing.T, f *apiFixture) map[string]*apiClient {
	t.Helper()
	plain := &http.Client{Timeout: 30 * time.Second}
	out := map[string]*apiClient{
		"none":            {base: f.srv.URL, c: plain},
		"steward-session": {base: f.srv.URL, c: f.jar["steward"].c},
	}
	token := func(who, scope string) string {
		t.Helper()
		tok, _, err := f.app.Auth.CreateToken(f.as(who), f.user[who].ID, "scenarios "+scope, scope)
		if err != nil {
			t.Fatalf("token for %s: %v", who, err)
		}
		return tok
	}
	for _, who := range []string{"steward", "member", "observer", "outsider", "removed", "leaver", "bsteward"} {
		out[who] = &apiClient{base: f.srv.URL, c: plain, token: token(who, "write")}
	}
	out["steward-read"] = &apiClient{base: f.srv.URL, c: plain, token: token("steward", "read")}
	out["member-read"] = &apiClient{base: f.srv.URL, c: plain, token: token("member", "read")}
	revoked, rec, err := f.app.Auth.CreateToken(f.as("member"), f.user["member"].ID, "to revoke", "write")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.Auth.RevokeToken(f.as("member"), f.user["member"].ID, rec.ID); err != nil {
		t.Fatal(err)
	}
	out["revoked"] = &apiClient{base: f.srv.URL, c: plain, token: revoked}
	return out
}
