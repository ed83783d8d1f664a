package app_test

import (
	"fmt"
	"strings"
	"testing"

	"commonground/internal/collective"
)

func apiOrgScenarios(f *apiFixture) []apiScenario {
	orgsPath := apiC + scA + "/organisations"
	o := func(name string) string { return fmt.Sprintf("%s/%d", orgsPath, f.org[name]) }
	return []apiScenario{
		{name: "ListOrganisations", who: "observer", method: "GET", path: orgsPath, wantStatus: 200,
			want: map[string]any{"items.#": 3, "items.0.name": "Eastbank Housing", "items.0.members": 1,
				"items.1.name": "Old Partner", "items.2.name": "Riverside Food Bank", "items.2.members": 1, "next": apiAbsent}},
		{name: "ListOrganisationsPaged", who: "member", method: "GET", path: orgsPath + "?limit=2", wantStatus: 200,
			want: map[string]any{"items.#": 2},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				want := []int64{f.org["Eastbank Housing"], f.org["Old Partner"], f.org["Riverside Food Bank"]}
				apiOnce(t, apiWalk(t, f, "member", orgsPath+"?limit=1"), want)
				apiOnce(t, apiWalk(t, f, "member", orgsPath+"?limit=2"), want)
			}},
		{name: "ListOrganisationsErrCursorOfMembers", who: "member", method: "GET",
			path: orgsPath + "?cursor=" + f.app.Web.SignCursor(map[string]any{"k": "members", "n": "a", "i": 1}), wantStatus: 422,
			want: map[string]any{"field": "cursor"}},
		{name: "ListOrganisationsErrRemovedMember", who: "removed", method: "GET", path: orgsPath, wantStatus: 404},

		{name: "CreateOrganisation", who: "steward", method: "POST", path: orgsPath,
			body: `{"name":"  New Partner ","website":"https://np.example.org"}`, wantStatus: 201,
			want: map[string]any{"name": "New Partner", "website": "https://np.example.org", "description": "", "members": 0},
			check: func(t *testing.T, f *apiFixture, ans apiAnswer) {
				if loc := ans.res.Header.Get("Location"); !strings.HasPrefix(loc, orgsPath+"/") {
					t.Errorf("Location %q", loc)
				}
				if n := f.orgsNamed(t, scA, "New Partner"); n != 1 {
					t.Errorf("%d organisations called New Partner", n)
				}
			}},
		{name: "CreateOrganisationErrDuplicate", who: "steward", method: "POST", path: orgsPath, body: `{"name":"riverside FOOD bank"}`,
			wantStatus: 422, want: map[string]any{"field": "name"}},
		{name: "CreateOrganisationErrWebsite", who: "steward", method: "POST", path: orgsPath, body: `{"name":"Webless","website":"ftp://x"}`,
			wantStatus: 422, want: map[string]any{"field": "website"}},
		{name: "CreateOrganisationErrNameMissing", who: "steward", method: "POST", path: orgsPath, body: `{"website":"https://x.org"}`,
			wantStatus: 422, want: map[string]any{"field": "name"}},
		{name: "CreateOrganisationErrDescriptionTooLong", who: "steward", method: "POST", path: orgsPath,
			body: `{"name":"Wordy","description":"` + strings.Repeat("d", collective.MaxDescription+1) + `"}`, wantStatus: 422,
			want: map[string]any{"field": "description"}},
		{name: "CreateOrganisationErrMember", who: "member", method: "POST", path: orgsPath, body: `{"name":"Member Org"}`, wantStatus: 403},
		{name: "CreateOrganisationErrEmptyBody", who: "steward", method: "POST", path: orgsPath, wantStatus: 422,
			want: map[string]any{"code": "invalid"}},

		{name: "GetOrganisation", who: "member", method: "GET", path: o("Riverside Food Bank"), wantStatus: 200,
			want: map[string]any{"name": "Riverside Food Bank", "members": 1}},
		{name: "GetOrganisationErrOfAnotherCollective", who: "steward", method: "GET", path: o("Hill Farm Co-op"), wantStatus: 404},
		{name: "GetOrganisationErrOutsider", who: "outsider", method: "GET", path: o("Riverside Food Bank"), wantStatus: 404},

		{name: "PatchOrganisation", who: "steward", method: "PATCH", path: o("Eastbank Housing"), body: `{"description":"Homes for all."}`,
			wantStatus: 200, want: map[string]any{"name": "Eastbank Housing", "description": "Homes for all.", "website": ""}},
		{name: "PatchOrganisationErrObserver", who: "observer", method: "PATCH", path: o("Eastbank Housing"), body: `{"name":"Mine"}`,
			wantStatus: 403},
		{name: "PatchOrganisationErrEmptyName", who: "steward", method: "PATCH", path: o("Eastbank Housing"), body: `{"name":" "}`,
			wantStatus: 422, want: map[string]any{"field": "name"}},
		{name: "PatchOrganisationErrTakenName", who: "steward", method: "PATCH", path: o("Eastbank Housing"), body: `{"name":"Old Partner"}`,
			wantStatus: 422, want: map[string]any{"field": "name"}},
		{name: "PatchOrganisationErrUnknownField", who: "steward", method: "PATCH", path: o("Eastbank Housing"), body: `{"members":5}`,
			wantStatus: 422, want: map[string]any{"field": "members"}},
		{name: "PatchOrganisationErrNoSuch", who: "steward", method: "PATCH", path: orgsPath + "/999999", body: `{"name":"X"}`, wantStatus: 404},

		{name: "DeleteOrganisationErrMember", who: "member", method: "DELETE", path: o("Old Partner"), wantStatus: 403},
		{name: "DeleteOrganisation", who: "steward", method: "DELETE", path: o("Old Partner"), wantStatus: 204,
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				if ans := f.callers["steward"].do(t, "GET", o("Old Partner"), ""); ans.status != 404 {
					t.Errorf("deleted organisation: %d", ans.status)
				}
			}},
		{name: "DeleteOrganisationErrGone", who: "steward", method: "DELETE", path: o("Old Partner"), wantStatus: 404},
	}
}

func apiInvitationScenarios(f *apiFixture) []apiScenario {
	is := apiC + scA + "/invitations"
	revoke := func(id int64) string { return fmt.Sprintf("%s/%d/revoke", is, id) }
	return []apiScenario{
		// A's invitations: five used when people joined, then open,
		// decline, archived, revoke (mailed) and expired, newest first.
		{name: "ListInvitations", who: "steward", method: "GET", path: is, wantStatus: 200,
			want: map[string]any{"items.#": 10, "items.0.status": "expired", "items.1.email": "later@example.org",
				"items.1.status": "open", "items.1.roles": "[member]", "items.1.invited_by": "Sam Steward",
				"items.1.link": apiAbsent, "items.9.status": "accepted"}},
		{name: "ListInvitationsPaged", who: "steward", method: "GET", path: is + "?limit=3", wantStatus: 200,
			want: map[string]any{"items.#": 3},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				var want []int64
				for _, inv := range f.invitations(t, scA) {
					want = append(want, inv.ID)
				}
				apiOnce(t, apiWalk(t, f, "steward", is+"?limit=3"), want)
			}},
		{name: "ListInvitationsErrMember", who: "member", method: "GET", path: is, wantStatus: 403},
		{name: "ListInvitationsErrOutsider", who: "outsider", method: "GET", path: is, wantStatus: 404},

		{name: "CreateInvitationLink", who: "steward", method: "POST", path: is, body: `{"roles":["member"]}`, wantStatus: 201,
			want: map[string]any{"status": "open", "email": "", "roles": "[member]", "mailed": false, "invited_by": "Sam Steward"},
			check: func(t *testing.T, f *apiFixture, ans apiAnswer) {
				if !strings.Contains(string(ans.body), `"link":"http://cg.test/invite/`) {
					t.Errorf("no link in %s", ans.body)
				}
			}},
		{name: "CreateInvitationMailed", who: "steward", method: "POST", path: is,
			body: `{"email":"New.Person@Example.org","roles":["observer","member"]}`, wantStatus: 201,
			want: map[string]any{"email": "new.person@example.org", "roles": "[member observer]", "mailed": true},
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				if got := f.mail.to("new.person@example.org"); len(got) != 1 || !strings.Contains(got[0], "http://cg.test/invite/") {
					t.Errorf("mail: %q", got)
				}
			}},
		{name: "CreateInvitationErrEmail", who: "steward", method: "POST", path: is, body: `{"email":"not an address","roles":["member"]}`,
			wantStatus: 422, want: map[string]any{"field": "email"}},
		{name: "CreateInvitationErrNoRoles", who: "steward", method: "POST", path: is, body: `{"email":"a@example.org"}`,
			wantStatus: 422, want: map[string]any{"field": "roles"}},
		{name: "CreateInvitationErrWrongType", who: "steward", method: "POST", path: is, body: `{"roles":[1]}`,
			wantStatus: 422, want: map[string]any{"field": "roles"}},
		{name: "CreateInvitationErrMember", who: "member", method: "POST", path: is, body: `{"roles":["member"]}`, wantStatus: 403},

		{name: "CreateInvitationErrReadToken", who: "steward-read", method: "POST", path: is, body: `{"roles":["member"]}`, wantStatus: 403},
		{name: "ListInvitationsReadToken", who: "steward-read", method: "GET", path: is + "?limit=1", wantStatus: 200,
			want: map[string]any{"items.#": 1}},
		{name: "RevokeInvitationErrMember", who: "member", method: "POST", path: revoke(f.inv["revoke"]), wantStatus: 403},
		{name: "RevokeInvitation", who: "steward", method: "POST", path: revoke(f.inv["revoke"]), wantStatus: 204,
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				for _, inv := range f.invitations(t, scA) {
					if inv.ID == f.inv["revoke"] && inv.Status != "revoked" {
						t.Errorf("status %q", inv.Status)
					}
				}
			}},
		{name: "RevokeInvitationErrAgain", who: "steward", method: "POST", path: revoke(f.inv["revoke"]), wantStatus: 404},
		{name: "RevokeInvitationErrOfAnotherCollective", who: "steward", method: "POST", path: revoke(f.inv["hillside"]), wantStatus: 404},
		{name: "RevokeInvitationErrNotANumber", who: "steward", method: "POST", path: is + "/x/revoke", wantStatus: 404},
	}
}
