package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/jobs"
)

// The platform's own API routes join the table: the activity feeds, jobs,
// /me and the OpenAPI document. They run after the collective scenarios, on
// the state those leave.
func init() {
	apiMoreScenarios = append(apiMoreScenarios, apiActivityScenarios, apiJobScenarios, apiMeScenarios)
}

// apiTampered is a cursor that was never signed: {"b":999} in base64.
const apiTampered = "eyJiIjo5OTl9"

// apiFeed decodes a feed page.
func apiFeed(t *testing.T, ans apiAnswer) []activity.Item {
	t.Helper()
	var page struct {
		Items []activity.Item `json:"items"`
	}
	if err := json.Unmarshal(ans.body, &page); err != nil {
		t.Fatalf("%v\n%s", err, ans.body)
	}
	return page.Items
}

// apiFeedHas fails unless the page holds an entry with each verb in want
// and none addressed to an audience in never.
func apiFeedHas(want []string, never ...string) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, _ *apiFixture, ans apiAnswer) {
		items := apiFeed(t, ans)
		var verbs []string
		for _, it := range items {
			verbs = append(verbs, it.Verb)
			if slices.Contains(never, it.Audience) {
				t.Errorf("entry %d (%s) is addressed to %s", it.ID, it.Verb, it.Audience)
			}
		}
		for _, v := range want {
			if !slices.Contains(verbs, v) {
				t.Errorf("no %s entry among %q", v, verbs)
			}
		}
	}
}

func apiActivityScenarios(f *apiFixture) []apiScenario {
	feed := apiC + scA + "/activity"
	var created int64
	if err := f.app.DB.Get(context.Background(), &created, `SELECT a.id FROM activity a JOIN collectives c ON c.id = a.collective_id
		WHERE c.slug = ? AND a.verb = 'collective.created'`, scA); err != nil {
		panic(err)
	}
	// The page that starts at the collective's first entry.
	fromCreated := f.app.Web.SignCursor(map[string]any{"b": created + 1})
	steward := strconv.FormatInt(f.mid[scA+"/steward"], 10)
	return []apiScenario{
		{name: "Activity/CollectiveSteward", who: "steward", method: "GET", path: feed + "?limit=200", wantStatus: 200,
			check: apiFeedHas([]string{"collective.created", "member.joined", "invitation.created", "member.removed"})},
		{name: "Activity/CollectiveMember", who: "member", method: "GET", path: feed + "?limit=200", wantStatus: 200,
			check: apiFeedHas([]string{"collective.created", "member.joined", "organisation.created"}, "stewards")},
		{name: "Activity/CollectiveObserverReadToken", who: "member-read", method: "GET", path: feed + "?limit=200", wantStatus: 200,
			check: apiFeedHas([]string{"collective.created"}, "stewards")},
		{name: "Activity/CollectiveSession", who: "steward-session", method: "GET", path: feed + "?limit=1", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.collective": scA}},
		{name: "Activity/CollectiveCursor", who: "member", method: "GET", path: feed + "?limit=1&cursor=" + fromCreated, wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.id": created, "items.0.verb": "collective.created", "items.0.collective": scA,
				"items.0.collective_name": "Riverside Coalition", "items.0.actor": "Sam Steward", "items.0.audience": "collective",
				"next": apiAbsent}},
		{name: "Activity/CollectiveMemberFilter", who: "steward", method: "GET", path: feed + "?limit=200&member=" + steward, wantStatus: 200,
			check: func(t *testing.T, f *apiFixture, ans apiAnswer) {
				items := apiFeed(t, ans)
				if len(items) == 0 {
					t.Fatal("no entries by the steward")
				}
				for _, it := range items {
					if it.ActorID == nil || *it.ActorID != f.user["steward"].ID {
						t.Errorf("entry %d (%s) is by %v, not the steward", it.ID, it.Verb, it.ActorID)
					}
				}
			}},
		{name: "Activity/ErrCollectiveOutsider", who: "outsider", method: "GET", path: feed, wantStatus: 404,
			want: map[string]any{"code": "not_found", "status": 404}},
		{name: "Activity/ErrCollectiveRemovedMember", who: "removed", method: "GET", path: feed, wantStatus: 404},
		{name: "Activity/ErrCollectiveUnknown", who: "steward", method: "GET", path: apiC + "no-such-collective/activity", wantStatus: 404},
		{name: "Activity/ErrCollectiveAnonymous", who: "none", method: "GET", path: feed, wantStatus: 401},
		{name: "Activity/ErrCollectiveRevokedToken", who: "revoked", method: "GET", path: feed, wantStatus: 401},
		{name: "Activity/ErrCollectiveCursorTampered", who: "steward", method: "GET", path: feed + "?cursor=" + apiTampered, wantStatus: 422,
			want: map[string]any{"code": "invalid", "field": "cursor"}},
		{name: "Activity/ErrCollectiveLimitZero", who: "steward", method: "GET", path: feed + "?limit=0", wantStatus: 422,
			want: map[string]any{"field": "limit"}},
		{name: "Activity/ErrCollectiveLimitTooBig", who: "steward", method: "GET", path: feed + "?limit=" + strconv.Itoa(activity.MaxLimit+1),
			wantStatus: 422, want: map[string]any{"field": "limit", "detail": "The limit must be a whole number from 1 to 200."}},
		{name: "Activity/ErrCollectiveMemberUnknown", who: "steward", method: "GET", path: feed + "?member=999999", wantStatus: 422,
			want: map[string]any{"field": "member"}},
		{name: "Activity/ErrCollectiveMemberNotANumber", who: "steward", method: "GET", path: feed + "?member=sam", wantStatus: 422,
			want: map[string]any{"field": "member"}},

		{name: "Activity/Person", who: "member", method: "GET", path: "/api/v1/activity?limit=200", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				var slugs []string
				for _, it := range apiFeed(t, ans) {
					if it.Audience == "stewards" {
						t.Errorf("entry %d (%s) is addressed to stewards", it.ID, it.Verb)
					}
					if !slices.Contains(slugs, it.Collective) {
						slugs = append(slugs, it.Collective)
					}
				}
				slices.Sort(slugs)
				if !slices.Equal(slugs, []string{scP, scA}) {
					t.Errorf("entries from %q, want %q", slugs, []string{scP, scA})
				}
			}},
		{name: "Activity/PersonPaged", who: "steward-read", method: "GET", path: "/api/v1/activity?limit=1", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				var page struct {
					Items []activity.Item `json:"items"`
					Next  string          `json:"next"`
				}
				if err := json.Unmarshal(ans.body, &page); err != nil || len(page.Items) != 1 || page.Next == "" {
					t.Fatalf("want one entry and a next cursor: %s", ans.body)
				}
			}},
		{name: "Activity/PersonOutsider", who: "outsider", method: "GET", path: "/api/v1/activity", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				for _, it := range apiFeed(t, ans) {
					if it.Collective != "" {
						t.Errorf("the outsider sees entry %d of %s", it.ID, it.Collective)
					}
				}
			}},
		{name: "Activity/ErrPersonAnonymous", who: "none", method: "GET", path: "/api/v1/activity", wantStatus: 401},
		{name: "Activity/ErrPersonCursorTampered", who: "member", method: "GET", path: "/api/v1/activity?cursor=" + apiTampered, wantStatus: 422,
			want: map[string]any{"field": "cursor"}},
		{name: "Activity/ErrPersonLimit", who: "member", method: "GET", path: "/api/v1/activity?limit=many", wantStatus: 422,
			want: map[string]any{"field": "limit"}},
		{name: "Activity/ErrPersonMemberFilter", who: "member", method: "GET", path: "/api/v1/activity?member=" + steward, wantStatus: 422,
			want: map[string]any{"field": "member", "detail": "The member filter works on one collective's activity only."}},
	}
}

// apiJobScenarios: the member's two waiting jobs in Riverside (the fixture
// never starts the queue), seen by their owner, the collective's steward,
// and no one else.
func apiJobScenarios(f *apiFixture) []apiScenario {
	ctx := context.Background()
	jobs.Add(f.app.Jobs, scJobWorker{})
	var cid int64
	if err := f.app.DB.Get(ctx, &cid, "SELECT id FROM collectives WHERE slug = ?", scA); err != nil {
		panic(err)
	}
	var ids []int64 // older, newer
	for _, title := range []string{"Import the member list", "Export the members"} {
		id, err := f.app.Jobs.EnqueueNow(ctx, scJobArgs{}, jobs.Owner{UserID: f.user["member"].ID, CollectiveID: cid, Title: title})
		if err != nil {
			panic(err)
		}
		ids = append(ids, id)
	}
	const list = "/api/v1/jobs"
	job := fmt.Sprintf("%s/%d", list, ids[0])
	afterNewer := f.app.Web.SignCursor(map[string]any{"b": ids[1]})
	member := f.user["member"].ID
	return []apiScenario{
		{name: "Jobs/ListOwn", who: "member", method: "GET", path: list, wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.id": ids[1], "items.0.title": "Export the members", "items.1.id": ids[0],
				"items.0.kind": "test.scenario", "items.0.state": "available", "items.0.user_id": member, "items.0.collective_id": cid,
				"items.0.done": 0, "items.0.total": 0, "items.0.started_at": nil, "next": apiAbsent}},
		{name: "Jobs/ListFirstPage", who: "member-read", method: "GET", path: list + "?limit=1", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.id": ids[1], "next": afterNewer}},
		{name: "Jobs/ListSecondPage", who: "member", method: "GET", path: list + "?limit=1&cursor=" + afterNewer, wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.id": ids[0], "items.0.title": "Import the member list", "next": apiAbsent}},
		{name: "Jobs/ListStewardSeesOnlyOwn", who: "steward", method: "GET", path: list, wantStatus: 200,
			want: map[string]any{"items.#": 0, "next": apiAbsent}},
		{name: "Jobs/ListOutsiderNone", who: "outsider", method: "GET", path: list, wantStatus: 200, want: map[string]any{"items.#": 0}},
		{name: "Jobs/ErrListAnonymous", who: "none", method: "GET", path: list, wantStatus: 401},
		{name: "Jobs/ErrListCursorTampered", who: "member", method: "GET", path: list + "?cursor=" + apiTampered, wantStatus: 422,
			want: map[string]any{"code": "invalid", "field": "cursor"}},
		{name: "Jobs/ErrListLimit", who: "member", method: "GET", path: list + "?limit=201", wantStatus: 422,
			want: map[string]any{"field": "limit", "detail": "The limit must be a whole number from 1 to 200."}},

		{name: "Job/Own", who: "member", method: "GET", path: job, wantStatus: 200,
			want: map[string]any{"id": ids[0], "title": "Import the member list", "state": "available", "attempt": 0,
				"user_id": member, "collective_id": cid, "message": "", "errors": "[]", "finished_at": nil}},
		{name: "Job/OwnReadToken", who: "member-read", method: "GET", path: job, wantStatus: 200, want: map[string]any{"id": ids[0]}},
		{name: "Job/StewardOfItsCollective", who: "steward-session", method: "GET", path: job, wantStatus: 200,
			want: map[string]any{"title": "Import the member list"}},
		{name: "Job/ErrObserverIsNotSteward", who: "observer", method: "GET", path: job, wantStatus: 404,
			want: map[string]any{"code": "not_found", "detail": "No such job."}},
		{name: "Job/ErrSomeoneElses", who: "outsider", method: "GET", path: job, wantStatus: 404, want: map[string]any{"detail": "No such job."}},
		{name: "Job/ErrOtherCollectivesSteward", who: "bsteward", method: "GET", path: job, wantStatus: 404},
		{name: "Job/ErrUnknown", who: "member", method: "GET", path: list + "/999999999", wantStatus: 404},
		{name: "Job/ErrNotANumber", who: "member", method: "GET", path: list + "/first", wantStatus: 404},
		{name: "Job/ErrAnonymous", who: "none", method: "GET", path: job, wantStatus: 401},
		{name: "Job/ErrRevokedToken", who: "revoked", method: "GET", path: job, wantStatus: 401},
	}
}

// apiMeScenarios: who a token or a session says it is, and the document,
// which anyone may read.
func apiMeScenarios(f *apiFixture) []apiScenario {
	const me = "/api/v1/me"
	return []apiScenario{
		{name: "Me/WriteToken", who: "steward", method: "GET", path: me, wantStatus: 200,
			want: map[string]any{"id": f.user["steward"].ID, "name": "Sam Steward", "email": "steward@example.org", "scope": "write",
				"is_admin": false, "token.name": "scenarios write", "password_hash": apiAbsent}},
		{name: "Me/ReadToken", who: "member-read", method: "GET", path: me, wantStatus: 200,
			want: map[string]any{"email": "member@example.org", "scope": "read", "token.name": "scenarios read"}},
		{name: "Me/Session", who: "steward-session", method: "GET", path: me, wantStatus: 200,
			want: map[string]any{"email": "steward@example.org", "scope": "write", "token": apiAbsent}},
		{name: "Me/RemovedMemberStillThemselves", who: "removed", method: "GET", path: me, wantStatus: 200,
			want: map[string]any{"email": "removed@example.org"}},
		{name: "Me/ErrAnonymous", who: "none", method: "GET", path: me, wantStatus: 401,
			want: map[string]any{"code": "unauthorized", "status": 401}},
		{name: "Me/ErrRevokedToken", who: "revoked", method: "GET", path: me, wantStatus: 401,
			want: map[string]any{"detail": "This API token has been revoked. Create a new one on your account page."}},

		{name: "OpenAPI/Anonymous", who: "none", method: "GET", path: "/api/v1/openapi.json", wantStatus: 200,
			want: map[string]any{"openapi": "3.1.0", "servers.#": 1, "servers.0.url": "/api/v1"},
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				var doc struct {
					Paths map[string]any `json:"paths"`
				}
				if err := json.Unmarshal(ans.body, &doc); err != nil {
					t.Fatal(err)
				}
				for _, p := range []string{"/me", "/jobs/{job}", "/activity", "/notifications", "/collectives/{collective}/members"} {
					if doc.Paths[p] == nil {
						t.Errorf("the document has no %s", p)
					}
				}
			}},
		{name: "OpenAPI/WithReadToken", who: "member-read", method: "GET", path: "/api/v1/openapi.json", wantStatus: 200,
			want: map[string]any{"openapi": "3.1.0"}},
	}
}
