package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const apiC = "/api/v1/collectives/"

// apiWalk follows a list's next cursors from path to the end as who,
// checking each page against the document, and returns every item's id.
func apiWalk(t *testing.T, f *apiFixture, who, path string) []int64 {
	t.Helper()
	var ids []int64
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	next := ""
	for pages := 0; ; pages++ {
		p := path
		if next != "" {
			p += sep + "cursor=" + url.QueryEscape(next)
		}
		ans := f.callers[who].do(t, http.MethodGet, p, "")
		if ans.status != http.StatusOK {
			t.Fatalf("GET %s: %d\n%s", p, ans.status, ans.body)
		}
		apiCheck(t, f.spec, ans.req, ans.res, ans.body)
		var page struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
			Next string `json:"next"`
		}
		if err := json.Unmarshal(ans.body, &page); err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			ids = append(ids, it.ID)
		}
		if page.Next == "" {
			return ids
		}
		if pages > 1000 {
			t.Fatal("the cursors never end")
		}
		next = page.Next
	}
}

// apiOnce fails unless got holds exactly the ids of want, each once.
func apiOnce(t *testing.T, got, want []int64) {
	t.Helper()
	seen := map[int64]int{}
	for _, id := range got {
		seen[id]++
	}
	for _, id := range want {
		if seen[id] != 1 {
			t.Errorf("id %d seen %d times, want once (got %v)", id, seen[id], got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d items, want %d: %v", len(got), len(want), got)
	}
}

func apiCollectiveScenarios(f *apiFixture) []apiScenario {
	big := `{"slug":"big-one","name":"` + strings.Repeat("x", 1<<20) + `"}`
	otherCursor := f.app.Web.SignCursor(map[string]any{"k": "members", "n": "a", "i": 1})
	return []apiScenario{
		{name: "ListMine", who: "steward", method: "GET", path: "/api/v1/collectives", wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.slug": scA, "items.0.roles": "[member steward]", "items.1.slug": scB,
				"items.1.roles": "[member]", "items.0.member_count": 5, "items.0.archived_at": nil, "next": apiAbsent}},
		{name: "ListMinePaged", who: "steward", method: "GET", path: "/api/v1/collectives?limit=1", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.slug": scA},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				apiOnce(t, apiWalk(t, f, "steward", "/api/v1/collectives?limit=1"),
					[]int64{f.access(t, "steward", scA).Collective.ID, f.access(t, "steward", scB).Collective.ID})
			}},
		{name: "ListMineNone", who: "none", method: "GET", path: "/api/v1/collectives", wantStatus: 401,
			want: map[string]any{"code": "unauthorized", "status": 401, "title": "Unauthorized"}},
		{name: "ListMineErrLimitZero", who: "steward", method: "GET", path: "/api/v1/collectives?limit=0", wantStatus: 422,
			want: map[string]any{"code": "invalid", "field": "limit"}},
		{name: "ListMineErrLimitTooBig", who: "steward", method: "GET", path: "/api/v1/collectives?limit=201", wantStatus: 422,
			want: map[string]any{"field": "limit"}},
		{name: "ListMineErrCursorTampered", who: "steward", method: "GET", path: "/api/v1/collectives?cursor=" + apiTamper(f), wantStatus: 422,
			want: map[string]any{"code": "invalid", "field": "cursor"}},
		{name: "ListMineErrCursorOfAnotherList", who: "steward", method: "GET", path: "/api/v1/collectives?cursor=" + otherCursor,
			wantStatus: 422, want: map[string]any{"field": "cursor"}},

		{name: "ListMineSession", who: "steward-session", method: "GET", path: "/api/v1/collectives", wantStatus: 200,
			want: map[string]any{"items.#": 2}},
		{name: "ListMineReadToken", who: "steward-read", method: "GET", path: "/api/v1/collectives", wantStatus: 200,
			want: map[string]any{"items.#": 2}},
		{name: "ListMineErrRevokedToken", who: "revoked", method: "GET", path: "/api/v1/collectives", wantStatus: 401,
			want: map[string]any{"code": "unauthorized"},
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if h := ans.res.Header.Get("WWW-Authenticate"); !strings.HasPrefix(h, "Bearer") {
					t.Errorf("WWW-Authenticate %q", h)
				}
			}},
		{name: "PatchCollectiveErrReadToken", who: "steward-read", method: "PATCH", path: apiC + scA, body: `{"name":"Read only"}`,
			wantStatus: 403, want: map[string]any{"code": "forbidden"}},
		{name: "PatchCollectiveErrRevokedToken", who: "revoked", method: "PATCH", path: apiC + scA, body: `{"name":"Revoked"}`,
			wantStatus: 401, want: map[string]any{"code": "unauthorized"}},
		{name: "CreateCollectiveErrReadToken", who: "member-read", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"read-only","name":"Read only"}`, wantStatus: 403, want: map[string]any{"code": "forbidden"}},
		{name: "PatchCollectiveSession", who: "steward-session", method: "PATCH", path: apiC + scA, body: `{"name":"Riverside Coalition"}`,
			wantStatus: 200, want: map[string]any{"name": "Riverside Coalition"}},

		{name: "CreateCollective", who: "steward", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"api-made","name":"Made by API","purpose":"Testing."}`, wantStatus: 201,
			want: map[string]any{"slug": "api-made", "name": "Made by API", "visibility": "private", "min_group_size": 5,
				"roles": "[member steward]", "member_count": 1},
			check: func(t *testing.T, f *apiFixture, ans apiAnswer) {
				if loc := ans.res.Header.Get("Location"); loc != "/api/v1/collectives/api-made" {
					t.Errorf("Location %q", loc)
				}
			}},
		{name: "CreateCollectiveErrSlugTaken", who: "member", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"riverside","name":"Another"}`, wantStatus: 422, want: map[string]any{"field": "slug"}},
		{name: "CreateCollectiveErrSlugMissing", who: "member", method: "POST", path: "/api/v1/collectives",
			body: `{"name":"Another"}`, wantStatus: 422, want: map[string]any{"field": "slug"}},
		{name: "CreateCollectiveErrMalformed", who: "member", method: "POST", path: "/api/v1/collectives",
			body: `{"slug": "x-y-z", "name": `, wantStatus: 422, want: map[string]any{"code": "invalid", "detail": "The body is not valid JSON.", "field": apiAbsent}},
		{name: "CreateCollectiveErrUnknownField", who: "member", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"x-y-z","name":"N","colour":"red"}`, wantStatus: 422, want: map[string]any{"field": "colour"}},
		{name: "CreateCollectiveErrWrongType", who: "member", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"x-y-z","name":5}`, wantStatus: 422, want: map[string]any{"field": "name"}},
		{name: "CreateCollectiveErrTwoObjects", who: "member", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"x-y-z","name":"N"} {}`, wantStatus: 422, want: map[string]any{"code": "invalid"}},
		{name: "CreateCollectiveErrTooLarge", who: "member", method: "POST", path: "/api/v1/collectives",
			body: big, wantStatus: 413, want: map[string]any{"code": "too_large"}},
		{name: "CreateCollectiveErrGroupZero", who: "member", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"x-y-z","name":"N","min_group_size":0}`, wantStatus: 422, want: map[string]any{"field": "min_group_size"}},
		{name: "CreateCollectiveErrVisibility", who: "member", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"x-y-z","name":"N","visibility":""}`, wantStatus: 422, want: map[string]any{"field": "visibility"}},
		{name: "CreateCollectiveErrSignedOut", who: "none", method: "POST", path: "/api/v1/collectives",
			body: `{"slug":"x-y-z","name":"N"}`, wantStatus: 401, want: map[string]any{"code": "unauthorized"}},

		{name: "GetCollective", who: "steward", method: "GET", path: apiC + scA, wantStatus: 200,
			want: map[string]any{"name": "Riverside Coalition", "visibility": "private", "member_count": 5, "roles": "[member steward]"}},
		{name: "GetCollectiveObserver", who: "observer", method: "GET", path: apiC + scA, wantStatus: 200,
			want: map[string]any{"roles": "[observer]"}},
		{name: "GetCollectiveErrOutsider", who: "outsider", method: "GET", path: apiC + scA, wantStatus: 404,
			want: map[string]any{"code": "not_found"}},
		{name: "GetCollectiveErrRemovedMember", who: "removed", method: "GET", path: apiC + scA, wantStatus: 404,
			want: map[string]any{"code": "not_found"}},
		{name: "GetCollectivePublicOutsider", who: "outsider", method: "GET", path: apiC + scP, wantStatus: 200,
			want: map[string]any{"name": "Open Commons", "roles": "[]"}},
		{name: "GetCollectiveErrSignedOut", who: "none", method: "GET", path: apiC + scP, wantStatus: 401},
		{name: "GetCollectiveErrNoSuch", who: "steward", method: "GET", path: apiC + "no-such-place", wantStatus: 404},

		{name: "PatchCollectiveErrMember", who: "member", method: "PATCH", path: apiC + scA, body: `{"name":"Mine now"}`,
			wantStatus: 403, want: map[string]any{"code": "forbidden"}},
		{name: "PatchCollectiveErrObserver", who: "observer", method: "PATCH", path: apiC + scA, body: `{"name":"Mine now"}`, wantStatus: 403},
		{name: "PatchCollectiveErrOutsider", who: "outsider", method: "PATCH", path: apiC + scA, body: `{"name":"Mine now"}`, wantStatus: 404},
		{name: "PatchCollective", who: "steward", method: "PATCH", path: apiC + scA, body: `{"purpose":"Clean water for all."}`,
			wantStatus: 200, want: map[string]any{"purpose": "Clean water for all.", "name": "Riverside Coalition", "min_group_size": 5}},
		{name: "PatchCollectiveErrSlug", who: "steward", method: "PATCH", path: apiC + scA, body: `{"slug":"elsewhere"}`,
			wantStatus: 422, want: map[string]any{"field": "slug"}},
		{name: "PatchCollectiveErrVisibility", who: "steward", method: "PATCH", path: apiC + scA, body: `{"visibility":"secret"}`,
			wantStatus: 422, want: map[string]any{"field": "visibility"}},
		{name: "PatchCollectiveErrWrongType", who: "steward", method: "PATCH", path: apiC + scA, body: `{"min_group_size":"7"}`,
			wantStatus: 422, want: map[string]any{"field": "min_group_size"}},
		{name: "PatchCollectiveErrGroupTooSmall", who: "steward", method: "PATCH", path: apiC + scA, body: `{"min_group_size":2}`,
			wantStatus: 422, want: map[string]any{"field": "min_group_size"}},
		{name: "PatchCollectiveErrNameTooLong", who: "steward", method: "PATCH", path: apiC + scA,
			body: `{"name":"` + strings.Repeat("n", 101) + `"}`, wantStatus: 422, want: map[string]any{"field": "name"}},
		{name: "PatchCollectiveErrNotJSON", who: "steward", method: "PATCH", path: apiC + scA, body: `name=x`,
			wantStatus: 422, want: map[string]any{"code": "invalid"}},

		{name: "ArchiveErrMember", who: "member", method: "POST", path: apiC + scA + "/archive", wantStatus: 403},
		{name: "Archive", who: "steward", method: "POST", path: apiC + "api-made/archive", wantStatus: 200,
			check: func(t *testing.T, f *apiFixture, ans apiAnswer) {
				var c struct {
					ArchivedAt *string `json:"archived_at"`
				}
				if err := json.Unmarshal(ans.body, &c); err != nil || c.ArchivedAt == nil || !strings.HasSuffix(*c.ArchivedAt, "Z") {
					t.Errorf("archived_at %v, want a UTC time (%v)", c.ArchivedAt, err)
				}
			}},
		{name: "PatchCollectiveErrArchived", who: "steward", method: "PATCH", path: apiC + "api-made", body: `{"name":"Again"}`,
			wantStatus: 403, want: map[string]any{"code": "forbidden"}},
		{name: "Unarchive", who: "steward", method: "POST", path: apiC + "api-made/unarchive", wantStatus: 200,
			want: map[string]any{"archived_at": nil}},
		{name: "UnarchiveErrObserver", who: "observer", method: "POST", path: apiC + scA + "/unarchive", wantStatus: 403},
	}
}

// apiTamper returns a real cursor with one character changed.
func apiTamper(f *apiFixture) string {
	c := []byte(f.app.Web.SignCursor(map[string]any{"k": "collectives", "i": 1}))
	if c[len(c)-2] == 'A' {
		c[len(c)-2] = 'B'
	} else {
		c[len(c)-2] = 'A'
	}
	return string(c)
}
