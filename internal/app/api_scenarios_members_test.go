package app_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func apiMemberScenarios(f *apiFixture) []apiScenario {
	ms := apiC + scA + "/members"
	m := func(slug, who string) string { return fmt.Sprintf("%s%s/members/%d", apiC, slug, f.mid[slug+"/"+who]) }
	org := func(name string) int64 { return f.org[name] }
	return []apiScenario{
		{name: "ListMembers", who: "steward", method: "GET", path: ms, wantStatus: 200,
			want: map[string]any{"items.#": 5, "items.0.name": "Eli Extra", "items.0.email": "extra@example.org",
				"items.2.name": "Mo Member", "items.2.organisations.0.name": "Riverside Food Bank", "items.4.name": "Sam Steward",
				"items.4.roles": "[member steward]", "next": apiAbsent}},
		{name: "ListMembersNoEmailsForMembers", who: "member", method: "GET", path: ms, wantStatus: 200,
			want: map[string]any{"items.#": 5, "items.0.email": apiAbsent, "items.2.email": apiAbsent}},
		{name: "ListMembersPagedOnceEach", who: "steward", method: "GET", path: ms + "?limit=2", wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.name": "Eli Extra", "items.1.name": "Lee Leaver"},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				var want []int64
				for _, who := range []string{"steward", "member", "observer", "leaver", "extra"} {
					want = append(want, f.mid[scA+"/"+who])
				}
				for _, limit := range []string{"1", "2", "4", "5", "200"} {
					apiOnce(t, apiWalk(t, f, "member", ms+"?limit="+limit), want)
				}
			}},
		{name: "ListMembersSearch", who: "member", method: "GET", path: ms + "?q=LEE", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.name": "Lee Leaver"}},
		{name: "ListMembersSearchEmailStewardOnly", who: "member", method: "GET", path: ms + "?q=extra@", wantStatus: 200,
			want: map[string]any{"items.#": 0}},
		{name: "ListMembersSearchEmail", who: "steward", method: "GET", path: ms + "?q=extra@", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.name": "Eli Extra"}},
		{name: "ListMembersByRole", who: "member", method: "GET", path: ms + "?role=observer", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.name": "Ola Observer", "items.0.roles": "[observer]"}},
		{name: "ListMembersErrRole", who: "member", method: "GET", path: ms + "?role=wizard", wantStatus: 422,
			want: map[string]any{"field": "role"}},
		{name: "ListMembersErrSearchTooLong", who: "member", method: "GET", path: ms + "?q=" + strings.Repeat("a", 201), wantStatus: 422,
			want: map[string]any{"field": "q"}},
		{name: "ListMembersErrCursorTampered", who: "member", method: "GET", path: ms + "?cursor=" + apiTamper(f), wantStatus: 422,
			want: map[string]any{"field": "cursor"}},
		{name: "ListMembersErrRemovedMember", who: "removed", method: "GET", path: ms, wantStatus: 404},
		{name: "ListMembersErrOutsider", who: "outsider", method: "GET", path: ms, wantStatus: 404},
		{name: "ListMembersPublic", who: "outsider", method: "GET", path: apiC + scP + "/members", wantStatus: 200,
			want: map[string]any{"items.#": 3}},

		{name: "GetMember", who: "observer", method: "GET", path: m(scA, "member"), wantStatus: 200,
			want: map[string]any{"name": "Mo Member", "roles": "[member]", "organisations.0.name": "Riverside Food Bank", "email": apiAbsent}},
		{name: "GetMemberOwnEmail", who: "member", method: "GET", path: m(scA, "member"), wantStatus: 200,
			want: map[string]any{"email": "member@example.org"}},
		{name: "GetMemberErrNotANumber", who: "steward", method: "GET", path: ms + "/abc", wantStatus: 404},
		{name: "GetMemberErrOfAnotherCollective", who: "steward", method: "GET",
			path: fmt.Sprintf("%s/%d", ms, f.mid[scB+"/bmember"]), wantStatus: 404},
		{name: "GetMemberErrRemovedMember", who: "removed", method: "GET", path: m(scA, "member"), wantStatus: 404},

		{name: "SetRoles", who: "steward", method: "PUT", path: m(scA, "extra") + "/roles", body: `{"roles":["member","facilitator"]}`,
			wantStatus: 200, want: map[string]any{"name": "Eli Extra", "roles": "[facilitator member]"}},
		{name: "SetRolesErrUnknownRole", who: "steward", method: "PUT", path: m(scA, "extra") + "/roles", body: `{"roles":["wizard"]}`,
			wantStatus: 422, want: map[string]any{"field": "roles"}},
		{name: "SetRolesErrEmpty", who: "steward", method: "PUT", path: m(scA, "extra") + "/roles", body: `{"roles":[]}`,
			wantStatus: 422, want: map[string]any{"field": "roles"}},
		{name: "SetRolesErrWrongType", who: "steward", method: "PUT", path: m(scA, "extra") + "/roles", body: `{"roles":"member"}`,
			wantStatus: 422, want: map[string]any{"field": "roles"}},
		{name: "SetRolesErrLastSteward", who: "steward", method: "PUT", path: m(scA, "steward") + "/roles", body: `{"roles":["member"]}`,
			wantStatus: 422, want: map[string]any{"field": "roles"},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				if got := f.member(t, scA, "steward").Roles; !slices.Equal(got, []string{"member", "steward"}) {
					t.Errorf("steward's roles %v", got)
				}
			}},
		{name: "SetRolesErrMember", who: "member", method: "PUT", path: m(scA, "member") + "/roles", body: `{"roles":["steward"]}`,
			wantStatus: 403},
		{name: "SetRolesErrOtherCollective", who: "bsteward", method: "PUT", path: m(scA, "member") + "/roles", body: `{"roles":["member"]}`,
			wantStatus: 404},

		{name: "SetAffiliationsErrReadToken", who: "member-read", method: "PUT", path: m(scA, "member") + "/affiliations",
			body: `{"organisations":[]}`, wantStatus: 403, want: map[string]any{"code": "forbidden"}},
		{name: "ListMembersReadToken", who: "member-read", method: "GET", path: ms + "?limit=1", wantStatus: 200,
			want: map[string]any{"items.#": 1}},
		{name: "SetAffiliationsOwn", who: "member", method: "PUT", path: m(scA, "member") + "/affiliations",
			body: fmt.Sprintf(`{"organisations":[%d,%d]}`, org("Eastbank Housing"), org("Riverside Food Bank")), wantStatus: 200,
			want: map[string]any{"organisations.#": 2, "organisations.0.name": "Eastbank Housing"}},
		{name: "SetAffiliationsErrOthers", who: "member", method: "PUT", path: m(scA, "extra") + "/affiliations",
			body: `{"organisations":[]}`, wantStatus: 403},
		{name: "SetAffiliationsErrObserverOwn", who: "observer", method: "PUT", path: m(scA, "observer") + "/affiliations",
			body: fmt.Sprintf(`{"organisations":[%d]}`, org("Eastbank Housing")), wantStatus: 403},
		{name: "SetAffiliationsErrForeignOrg", who: "steward", method: "PUT", path: m(scA, "extra") + "/affiliations",
			body: fmt.Sprintf(`{"organisations":[%d]}`, org("Hill Farm Co-op")), wantStatus: 422, want: map[string]any{"field": "organisations"}},
		{name: "SetAffiliationsErrMissing", who: "steward", method: "PUT", path: m(scA, "extra") + "/affiliations",
			body: `{}`, wantStatus: 422, want: map[string]any{"field": "organisations"}},
		{name: "SetAffiliationsErrWrongType", who: "steward", method: "PUT", path: m(scA, "extra") + "/affiliations",
			body: `{"organisations":["one"]}`, wantStatus: 422, want: map[string]any{"field": "organisations"}},
		{name: "SetAffiliationsSteward", who: "steward", method: "PUT", path: m(scA, "extra") + "/affiliations",
			body: fmt.Sprintf(`{"organisations":[%d]}`, org("Old Partner")), wantStatus: 200,
			want: map[string]any{"organisations.#": 1, "organisations.0.name": "Old Partner"}},

		{name: "RemoveMemberErrReadToken", who: "steward-read", method: "DELETE", path: m(scA, "extra"), wantStatus: 403},
		{name: "RemoveMemberErrMember", who: "member", method: "DELETE", path: m(scA, "extra"), wantStatus: 403},
		{name: "RemoveMemberErrLastSteward", who: "steward", method: "DELETE", path: m(scA, "steward"), wantStatus: 422,
			want: map[string]any{"field": "roles"}},
		{name: "RemoveMember", who: "steward", method: "DELETE", path: m(scA, "extra"), wantStatus: 204,
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				if f.member(t, scA, "extra") != nil {
					t.Error("extra is still a member")
				}
			}},
		{name: "RemoveMemberErrGone", who: "steward", method: "DELETE", path: m(scA, "extra"), wantStatus: 404},

		{name: "Leave", who: "leaver", method: "POST", path: apiC + scA + "/leave", wantStatus: 204,
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				if ans := f.callers["leaver"].do(t, "GET", apiC+scA, ""); ans.status != 404 {
					t.Errorf("the leaver still sees %s: %d", scA, ans.status)
				}
			}},
		{name: "LeaveErrLastSteward", who: "steward", method: "POST", path: apiC + scA + "/leave", wantStatus: 422,
			want: map[string]any{"field": "roles"}},
		{name: "LeaveErrNotAMember", who: "outsider", method: "POST", path: apiC + scP + "/leave", wantStatus: 403},
		{name: "LeaveErrSignedOut", who: "none", method: "POST", path: apiC + scP + "/leave", wantStatus: 401},
		{name: "ListMembersAfterChanges", who: "steward", method: "GET", path: ms, wantStatus: 200,
			// The list was cached before the changes: what it shows now
			// proves the changes moved the cache on.
			want: map[string]any{"items.#": 3, "items.0.name": "Mo Member", "items.0.organisations.#": 2,
				"items.0.organisations.1.name": "Riverside Food Bank", "items.1.name": "Ola Observer", "items.2.name": "Sam Steward"},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				if got := f.access(t, "steward", scA).Collective.MemberCount; got != 3 {
					t.Errorf("member_count %d, want 3", got)
				}
			}},
	}
}
