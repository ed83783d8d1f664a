package app_test

import (
	"net/http"
	"testing"
	"time"
)

// apiCallers makes the scenarios' callers. Until API tokens exist they
// call through signed-in browsers' sessions; the token-only callers
// (steward-read, member-read, revoked) are missing.
func apiCallers(t *testing.T, f *apiFixture) map[string]*apiClient {
	t.Helper()
	out := map[string]*apiClient{"none": {base: f.srv.URL, c: &http.Client{Timeout: 30 * time.Second}}}
	for _, who := range []string{"steward", "member", "observer", "outsider", "removed", "leaver"} {
		out[who] = &apiClient{base: f.srv.URL, c: f.jar[who].c}
	}
	out["bsteward"] = &apiClient{base: f.srv.URL, c: f.signIn(t, "bsteward").c}
	return out
}
