package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// tkAnswer is one raw API answer.
type tkAnswer struct {
	status int
	header http.Header
	body   []byte
	req    *http.Request
	res    *http.Response
}

// tkDo sends a request with the given Authorization header values (none
// when empty) through client c (nil: a new one without cookies).
func tkDo(t *testing.T, f *scFixture, c *http.Client, method, path, body string, authz ...string) tkAnswer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, v := range authz {
		req.Header.Add("Authorization", v)
	}
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	check, _ := http.NewRequest(method, f.srv.URL+path, nil)
	return tkAnswer{status: res.StatusCode, header: res.Header, body: b, req: check, res: res}
}

// tkProblem checks a 401 problem document: its detail and the challenge.
func tkProblem(t *testing.T, a tkAnswer, status int, detail, challenge string) {
	t.Helper()
	var p struct {
		Status int    `json:"status"`
		Code   string `json:"code"`
		Detail string `json:"detail"`
	}
	if a.status != status || a.header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("status %d (%s), want %d problem\n%s", a.status, a.header.Get("Content-Type"), status, a.body)
	}
	if err := json.Unmarshal(a.body, &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != status || !strings.Contains(p.Detail, detail) {
		t.Fatalf("problem %+v, want detail with %q", p, detail)
	}
	if got := a.header.Get("WWW-Authenticate"); got != challenge {
		t.Fatalf("WWW-Authenticate %q, want %q", got, challenge)
	}
}

// TestTokenAPI drives the API with bearer tokens: who GET /api/v1/me says,
// and every way a token is refused, on each database.
func TestTokenAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := scNewFixture(t, db)
		spec := apiLoadSpec(t, f.app.Web.Handler())
		ctx := context.Background()
		token := func(who, name, scope string) (string, *auth.Token) {
			t.Helper()
			plain, tk, err := f.app.Auth.CreateToken(ctx, f.user[who].ID, name, scope)
			if err != nil {
				t.Fatal(err)
			}
			return plain, tk
		}
		write, writeTok := token("member", "sync script", "write")
		read, _ := token("member", "dashboard", "read")
		revoked, revokedTok := token("member", "old laptop", "write")
		if err := f.app.Auth.RevokeToken(ctx, f.user["member"].ID, revokedTok.ID); err != nil {
			t.Fatal(err)
		}
		removed, _ := token("removed", "removed's script", "write")
		scRemoveThroughService(scA, "removed")(t, f, nil)
		bearer := func(s string) string { return "Bearer " + s }
		const (
			plainChallenge   = `Bearer realm="commonground"`
			invalidToken     = `Bearer realm="commonground", error="invalid_token"`
			invalidRequest   = `Bearer realm="commonground", error="invalid_request"`
			collectivesCount = "SELECT count(*) FROM collectives"
		)
		count := func(t *testing.T, q string, args ...any) int {
			t.Helper()
			var n int
			if err := f.app.DB.Get(ctx, &n, q, args...); err != nil {
				t.Fatal(err)
			}
			return n
		}

		t.Run("MeOK", func(t *testing.T) {
			a := tkDo(t, f, nil, "GET", "/api/v1/me", "", bearer(write))
			apiCheck(t, spec, a.req, a.res, a.body)
			var me map[string]any
			if err := json.Unmarshal(a.body, &me); err != nil || a.status != 200 {
				t.Fatalf("%d %s", a.status, a.body)
			}
			tk := me["token"].(map[string]any)
			if me["id"] != float64(f.user["member"].ID) || me["name"] != "Mo Member" || me["email"] != "member@example.org" ||
				me["scope"] != "write" || me["is_admin"] != false || tk["name"] != "sync script" || tk["id"] != float64(writeTok.ID) {
				t.Fatalf("me = %s", a.body)
			}
			if _, ok := me["password_hash"]; ok {
				t.Fatal("me shows the password hash")
			}
		})
		t.Run("MeReadScope", func(t *testing.T) {
			a := tkDo(t, f, nil, "GET", "/api/v1/me", "", "bearer "+read) // the scheme is case-insensitive
			apiCheck(t, spec, a.req, a.res, a.body)
			if a.status != 200 || !strings.Contains(string(a.body), `"scope":"read"`) || !strings.Contains(string(a.body), `"name":"dashboard"`) {
				t.Fatalf("%d %s", a.status, a.body)
			}
		})
		t.Run("MeSession", func(t *testing.T) {
			a := tkDo(t, f, f.jar["observer"].c, "GET", "/api/v1/me", "")
			apiCheck(t, spec, a.req, a.res, a.body)
			if a.status != 200 || !strings.Contains(string(a.body), `"email":"observer@example.org"`) ||
				!strings.Contains(string(a.body), `"scope":"write"`) || strings.Contains(string(a.body), `"token"`) {
				t.Fatalf("%d %s", a.status, a.body)
			}
		})
		t.Run("ErrNoToken", func(t *testing.T) {
			a := tkDo(t, f, nil, "GET", "/api/v1/me", "")
			apiCheck(t, spec, a.req, a.res, a.body)
			tkProblem(t, a, 401, "sign in", plainChallenge)
		})
		t.Run("ErrRevoked", func(t *testing.T) {
			a := tkDo(t, f, nil, "GET", "/api/v1/me", "", bearer(revoked))
			apiCheck(t, spec, a.req, a.res, a.body)
			tkProblem(t, a, 401, "This API token has been revoked.", invalidToken)
			// Revoked means revoked for writes too, with nothing written.
			before := count(t, collectivesCount)
			a = tkDo(t, f, nil, "POST", "/api/v1/collectives", `{"slug":"by-revoked","name":"By Revoked"}`, bearer(revoked))
			tkProblem(t, a, 401, "revoked", invalidToken)
			if n := count(t, collectivesCount); n != before {
				t.Fatalf("%d collectives, want %d", n, before)
			}
		})
		t.Run("ErrUnknown", func(t *testing.T) {
			a := tkDo(t, f, nil, "GET", "/api/v1/me", "", bearer("cg_"+strings.Repeat("q", 52)))
			tkProblem(t, a, 401, "This API token is not valid.", invalidToken)
		})
		t.Run("ErrMalformed", func(t *testing.T) {
			for _, c := range []struct {
				authz     []string
				detail    string
				challenge string
			}{
				{[]string{"Bearer"}, "Authorization: Bearer TOKEN", invalidRequest},
				{[]string{"Bearer "}, "Authorization: Bearer TOKEN", invalidRequest},
				{[]string{"Basic bWVtYmVyOnB3"}, "Authorization: Bearer TOKEN", invalidRequest},
				{[]string{bearer(write), bearer(read)}, "Authorization: Bearer TOKEN", invalidRequest},
				{[]string{write}, "Authorization: Bearer TOKEN", invalidRequest},
				{[]string{bearer("not-a-token")}, "tokens start with cg_", invalidToken},
				{[]string{bearer(write[:40])}, "tokens start with cg_", invalidToken},
				{[]string{bearer(write + "x")}, "tokens start with cg_", invalidToken},
			} {
				a := tkDo(t, f, nil, "GET", "/api/v1/me", "", c.authz...)
				apiCheck(t, spec, a.req, a.res, a.body)
				tkProblem(t, a, 401, c.detail, c.challenge)
			}
		})
		t.Run("ErrBadTokenBeatsSession", func(t *testing.T) {
			// A signed-in browser sending a bad token is refused, not
			// quietly served as the session's person.
			a := tkDo(t, f, f.jar["member"].c, "GET", "/api/v1/me", "", bearer(revoked))
			tkProblem(t, a, 401, "revoked", invalidToken)
		})
		t.Run("ErrReadTokenWrites", func(t *testing.T) {
			before := count(t, collectivesCount)
			orgs := count(t, "SELECT count(*) FROM organisations")
			a := tkDo(t, f, nil, "POST", "/api/v1/collectives", `{"slug":"by-reader","name":"By Reader","visibility":"public"}`, bearer(read))
			apiCheck(t, spec, a.req, a.res, a.body)
			tkProblem(t, a, 403, "This token may only read", "")
			a = tkDo(t, f, nil, "POST", "/api/v1/collectives/"+scA+"/organisations", `{"name":"Reader's Org"}`, bearer(read))
			tkProblem(t, a, 403, "This token may only read", "")
			if n := count(t, collectivesCount); n != before {
				t.Fatalf("%d collectives after a read token's POST, want %d", n, before)
			}
			if n := count(t, "SELECT count(*) FROM organisations"); n != orgs {
				t.Fatalf("%d organisations after a read token's POST, want %d", n, orgs)
			}
			// The same token still reads.
			a = tkDo(t, f, nil, "GET", "/api/v1/collectives/"+scA+"/members", "", bearer(read))
			if a.status != 200 {
				t.Fatalf("read token GET members: %d %s", a.status, a.body)
			}
		})
		t.Run("WriteTokenWrites", func(t *testing.T) {
			a := tkDo(t, f, nil, "POST", "/api/v1/collectives", `{"slug":"by-writer","name":"By Writer","visibility":"public"}`, bearer(write))
			apiCheck(t, spec, a.req, a.res, a.body)
			if a.status != 201 {
				t.Fatalf("%d %s", a.status, a.body)
			}
			var by int64
			if err := f.app.DB.Get(ctx, &by, "SELECT created_by FROM collectives WHERE slug = 'by-writer'"); err != nil || by != f.user["member"].ID {
				t.Fatalf("created by %d (%v), want the token's owner %d", by, err, f.user["member"].ID)
			}
		})
		t.Run("RemovedMemberTokenRefusedByCollective", func(t *testing.T) {
			// The token still says who it is…
			a := tkDo(t, f, nil, "GET", "/api/v1/me", "", bearer(removed))
			if a.status != 200 || !strings.Contains(string(a.body), `"email":"removed@example.org"`) {
				t.Fatalf("me: %d %s", a.status, a.body)
			}
			// …but the collective it was removed from is closed to it.
			a = tkDo(t, f, nil, "GET", "/api/v1/collectives/"+scA+"/members", "", bearer(removed))
			apiCheck(t, spec, a.req, a.res, a.body)
			if a.status != 404 || strings.Contains(string(a.body), "Mo Member") {
				t.Fatalf("removed member's token on members: %d %s", a.status, a.body)
			}
		})
		t.Run("PagesIgnoreTokens", func(t *testing.T) {
			// Tokens are for the API; a page wants the session cookie.
			a := tkDo(t, f, nil, "GET", "/account", "", bearer(write))
			if a.status != 303 || !strings.HasPrefix(a.header.Get("Location"), "/signin") {
				t.Fatalf("GET /account with a token: %d %s", a.status, a.header.Get("Location"))
			}
		})
		t.Run("ErrDeletedAccount", func(t *testing.T) {
			gone, _ := token("extra", "extra's script", "write")
			if a := tkDo(t, f, nil, "GET", "/api/v1/me", "", bearer(gone)); a.status != 200 {
				t.Fatalf("before deletion: %d", a.status)
			}
			if err := f.app.Auth.DeleteAccount(f.as("extra"), scPassword); err != nil {
				t.Fatal(err)
			}
			a := tkDo(t, f, nil, "GET", "/api/v1/me", "", bearer(gone))
			apiCheck(t, spec, a.req, a.res, a.body)
			tkProblem(t, a, 401, "", invalidToken)
			if n := count(t, "SELECT count(*) FROM api_tokens WHERE user_id = ?", f.user["extra"].ID); n != 0 {
				t.Fatalf("%d tokens of the deleted account kept", n)
			}
		})
	})
}
