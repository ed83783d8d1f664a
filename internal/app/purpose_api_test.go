package app_test

import (
	"fmt"
	"testing"
)

func init() { apiMoreScenarios = append(apiMoreScenarios, pcAPIScenarios) }

// pcAPIThen adapts checks through the services to an API scenario's check:
// a refused write must leave the purpose tables as they were, which the
// core's digest of the collective tables does not see.
func pcAPIThen(checks ...func(*testing.T, *scFixture)) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		for _, c := range checks {
			c(t, f.scFixture)
		}
	}
}

// pcAPIScenarios: the charter, endorsement and value proposition API as
// each kind of caller, on the charter pcSeed wrote.
func pcAPIScenarios(f *apiFixture) []apiScenario {
	pcSeed(f.scFixture)
	c := "/api/v1/collectives/" + scA
	vp := c + "/value-propositions"
	mine := fmt.Sprintf("%s/members/%d", vp, f.mid[scA+"/member"])
	stewards := fmt.Sprintf("%s/members/%d", vp, f.mid[scA+"/steward"])
	bank := fmt.Sprintf("%s/organisations/%d", vp, f.org["Riverside Food Bank"])
	hillFarm := fmt.Sprintf("%s/organisations/%d", vp, f.org["Hill Farm Co-op"])
	charter := func(base, purposeText string) string {
		return fmt.Sprintf(`{"base": %s, "purpose": %q, "ambition": %q, "ambition_by": %q, "value_proposition": %q, "note": "By the API"}`,
			base, purposeText, pcAmbition, pcBy, pcValue)
	}
	return []apiScenario{
		{name: "Charter/Get", who: "member-read", method: "GET", path: c + "/charter", wantStatus: 200,
			want: map[string]any{"charter.version": 2, "charter.purpose": pcPurpose2, "charter.ambition_by": pcBy, "charter.author_name": "Sam Steward",
				"charter.note": "Every day", "endorsements.version": 2, "endorsements.current.#": 0, "endorsements.earlier.0.name": "Sam Steward",
				"endorsements.earlier.0.version": 1, "endorsements.mine": apiAbsent}},
		{name: "Charter/ErrAnonymous", who: "none", method: "GET", path: c + "/charter", wantStatus: 401},
		{name: "Charter/ErrOutsider", who: "outsider", method: "GET", path: c + "/charter", wantStatus: 404},
		{name: "Charter/ErrRemoved", who: "removed", method: "GET", path: c + "/charter", wantStatus: 404},
		{name: "Charter/PublicWithoutOne", who: "outsider", method: "GET", path: "/api/v1/collectives/" + scP + "/charter", wantStatus: 200,
			want: map[string]any{"charter.version": 0, "charter.purpose": "", "endorsements.version": 0}},

		{name: "CharterPut/ErrMember", who: "member", method: "PUT", path: c + "/charter", body: charter("2", "A member's purpose"),
			wantStatus: 403, want: map[string]any{"code": "forbidden"}, check: pcAPIThen(pcCharterVersion(2))},
		{name: "CharterPut/ErrReadToken", who: "steward-read", method: "PUT", path: c + "/charter", body: charter("2", "Read only"),
			wantStatus: 403, check: pcAPIThen(pcCharterVersion(2))},
		{name: "CharterPut/ErrNoBase", who: "steward", method: "PUT", path: c + "/charter", body: `{"purpose": "No base"}`,
			wantStatus: 422, want: map[string]any{"field": "base"}, check: pcAPIThen(pcCharterVersion(2))},
		{name: "CharterPut/ErrUnknownField", who: "steward", method: "PUT", path: c + "/charter", body: `{"base": 2, "purpose": "x", "colour": "red"}`,
			wantStatus: 422, want: map[string]any{"field": "colour"}, check: pcAPIThen(pcCharterVersion(2))},
		{name: "CharterPut/ErrAmbitionWithoutDate", who: "steward", method: "PUT", path: c + "/charter",
			body: `{"base": 2, "purpose": "x", "ambition": "More of everything"}`, wantStatus: 422, want: map[string]any{"field": "ambition_by"},
			check: pcAPIThen(pcCharterVersion(2))},
		{name: "CharterPut/ErrBaseAhead", who: "steward", method: "PUT", path: c + "/charter", body: charter("9", "From the future"),
			wantStatus: 422, want: map[string]any{"field": "base"}, check: pcAPIThen(pcCharterVersion(2))},
		{name: "CharterPut/Conflict", who: "steward", method: "PUT", path: c + "/charter", body: charter("1", "Feed every child, and their parents."),
			wantStatus: 409, want: map[string]any{"code": "conflict", "status": 409, "base": 1, "current": 2, "by": "Sam Steward",
				"detail":   "Sam Steward saved version 2 of the charter after you started from version 1. Your text is kept: compare it with version 2 and save again.",
				"fields.#": 4, "fields.0.field": "purpose", "fields.0.differs": true, "fields.0.current": pcPurpose2,
				"fields.0.yours": "Feed every child, and their parents.", "fields.1.field": "ambition", "fields.1.differs": false},
			check: pcAPIThen(pcCharterVersion(2))},
		{name: "CharterPut/Steward", who: "steward", method: "PUT", path: c + "/charter", body: charter("2", pcPurpose2+" Together."),
			wantStatus: 200, want: map[string]any{"version": 3, "note": "By the API", "purpose": pcPurpose2 + " Together."},
			check: pcAPIThen(pcCharterVersion(3))},
		{name: "CharterPut/SameTextTwice", who: "steward", method: "PUT", path: c + "/charter", body: charter("2", pcPurpose2+" Together."),
			wantStatus: 200, want: map[string]any{"version": 3}, check: pcAPIThen(pcCharterVersion(3))},

		{name: "CharterVersions/List", who: "observer", method: "GET", path: c + "/charter/versions", wantStatus: 200,
			want: map[string]any{"items.#": 3, "items.0.version": 3, "items.0.author_name": "Sam Steward", "items.2.note": "First draft"}},
		{name: "CharterVersions/ErrOutsider", who: "outsider", method: "GET", path: c + "/charter/versions", wantStatus: 404},
		{name: "CharterVersion/One", who: "member", method: "GET", path: c + "/charter/versions/1", wantStatus: 200,
			want: map[string]any{"version": 1, "purpose": pcPurpose1}},
		{name: "CharterVersion/ErrMissing", who: "member", method: "GET", path: c + "/charter/versions/7", wantStatus: 404},
		{name: "CharterVersion/ErrNotANumber", who: "member", method: "GET", path: c + "/charter/versions/latest", wantStatus: 404},
		{name: "CharterDiff/Latest", who: "member", method: "GET", path: c + "/charter/diff", wantStatus: 200,
			want: map[string]any{"from": 2, "to": 3, "fields.0.field": "purpose", "fields.0.changed": true, "fields.0.ops.1.kind": "insert",
				"fields.0.ops.1.text": " Together.", "fields.1.changed": false}},
		{name: "CharterDiff/FromNothing", who: "member", method: "GET", path: c + "/charter/diff?from=0&to=1", wantStatus: 200,
			want: map[string]any{"from": 0, "to": 1, "fields.0.ops.#": 1, "fields.0.ops.0.kind": "insert", "fields.0.ops.0.text": pcPurpose1}},
		{name: "CharterDiff/ErrFrom", who: "member", method: "GET", path: c + "/charter/diff?from=x", wantStatus: 422,
			want: map[string]any{"field": "from"}},
		{name: "CharterDiff/ErrMissing", who: "member", method: "GET", path: c + "/charter/diff?to=42", wantStatus: 404},

		{name: "Endorse/ErrStale", who: "member", method: "POST", path: c + "/charter/endorsements", body: `{"version": 2}`, wantStatus: 409,
			want:  map[string]any{"code": "conflict", "detail": "The charter is at version 3 now, not 2; read version 3 before you endorse it."},
			check: pcAPIThen(pcRoll("member", 0))},
		{name: "Endorse/ErrObserver", who: "observer", method: "POST", path: c + "/charter/endorsements", body: `{"version": 3}`, wantStatus: 403,
			check: pcAPIThen(pcRoll("observer", 0))},
		{name: "Endorse/ErrNoVersion", who: "member", method: "POST", path: c + "/charter/endorsements", body: `{}`, wantStatus: 422,
			want: map[string]any{"field": "version"}},
		{name: "Endorse/ErrReadToken", who: "member-read", method: "POST", path: c + "/charter/endorsements", body: `{"version": 3}`,
			wantStatus: 403, check: pcAPIThen(pcRoll("member", 0))},
		{name: "Endorse/Member", who: "member", method: "POST", path: c + "/charter/endorsements", body: `{"version": 3}`, wantStatus: 200,
			want:  map[string]any{"version": 3, "mine": 3, "current.#": 1, "current.0.name": "Mo Member", "current.0.version": 3},
			check: pcAPIThen(pcRoll("member", 3))},
		{name: "Withdraw/ErrOutsider", who: "outsider", method: "DELETE", path: c + "/charter/endorsements", wantStatus: 404},
		{name: "Withdraw/Member", who: "member", method: "DELETE", path: c + "/charter/endorsements", wantStatus: 200,
			want: map[string]any{"mine": apiAbsent, "current.#": 0}, check: pcAPIThen(pcRoll("member", 0))},

		{name: "ValuePropositions/List", who: "observer", method: "GET", path: vp, wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.kind": "member", "items.0.owner_name": "Mo Member", "items.1.kind": "organisation",
				"items.1.owner_name": "Riverside Food Bank", "items.1.gain": pcGain}},
		{name: "ValuePropositions/ErrOutsider", who: "outsider", method: "GET", path: vp, wantStatus: 404},
		{name: "ValueMember/Get", who: "steward", method: "GET", path: mine, wantStatus: 200,
			want: map[string]any{"version": 1, "kind": "member", "owner_name": "Mo Member", "bring": "Saturday mornings.", "author_name": "Mo Member"}},
		{name: "ValueMember/GetNoneYet", who: "member", method: "GET", path: stewards, wantStatus: 200,
			want: map[string]any{"version": 0, "owner_name": "Sam Steward", "gain": ""}},
		{name: "ValueMember/ErrNotAMember", who: "member", method: "GET", path: vp + "/members/999999", wantStatus: 404},
		{name: "ValueMember/ErrStewardForThem", who: "steward", method: "PUT", path: mine, body: `{"base": 1, "gain": "Words put in Mo's mouth"}`,
			wantStatus: 403, want: map[string]any{"detail": "Only Mo Member can change their own value proposition."},
			check: pcAPIThen(pcValueVersion(pcMemberOwner("member"), 1))},
		{name: "ValueMember/ErrNoBase", who: "member", method: "PUT", path: mine, body: `{"gain": "No base"}`, wantStatus: 422,
			want: map[string]any{"field": "base"}, check: pcAPIThen(pcValueVersion(pcMemberOwner("member"), 1))},
		{name: "ValueMember/ErrEmpty", who: "member", method: "PUT", path: mine, body: `{"base": 1}`, wantStatus: 422,
			want: map[string]any{"field": "gain"}, check: pcAPIThen(pcValueVersion(pcMemberOwner("member"), 1))},
		{name: "ValueMember/Put", who: "member", method: "PUT", path: mine, body: `{"base": 1, "gain": "Friends on both banks.", "bring": "Saturday mornings."}`,
			wantStatus: 200, want: map[string]any{"version": 2, "gain": "Friends on both banks."},
			check: pcAPIThen(pcValueVersion(pcMemberOwner("member"), 2))},
		{name: "ValueMember/Conflict", who: "member", method: "PUT", path: mine, body: `{"base": 1, "gain": "From another tab.", "bring": ""}`,
			wantStatus: 409, want: map[string]any{"code": "conflict", "base": 1, "current": 2, "by": "Mo Member", "fields.0.field": "gain",
				"fields.0.current": "Friends on both banks.", "fields.0.yours": "From another tab.", "fields.1.differs": true},
			check: pcAPIThen(pcValueVersion(pcMemberOwner("member"), 2))},
		{name: "ValueMember/Versions", who: "member-read", method: "GET", path: mine + "/versions", wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.version": 2}},
		{name: "ValueMember/Version", who: "member-read", method: "GET", path: mine + "/versions/1", wantStatus: 200,
			want: map[string]any{"version": 1, "gain": "Friends across the river."}},
		{name: "ValueMember/ErrVersionMissing", who: "member-read", method: "GET", path: mine + "/versions/3", wantStatus: 404},
		{name: "ValueMember/Diff", who: "observer", method: "GET", path: mine + "/diff", wantStatus: 200,
			want: map[string]any{"from": 1, "to": 2, "fields.0.field": "gain", "fields.0.changed": true, "fields.1.changed": false}},
		{name: "ValueMember/ErrDiffNoneYet", who: "member", method: "GET", path: stewards + "/diff", wantStatus: 422,
			want: map[string]any{"field": "version"}},

		{name: "ValueOrg/Get", who: "member", method: "GET", path: bank, wantStatus: 200,
			want: map[string]any{"kind": "organisation", "owner_name": "Riverside Food Bank", "version": 1, "gain": pcGain}},
		{name: "ValueOrg/ErrOtherCollective", who: "steward", method: "GET", path: hillFarm, wantStatus: 404},
		{name: "ValueOrg/ErrObserver", who: "observer", method: "PUT", path: bank, body: `{"base": 1, "gain": "x"}`, wantStatus: 403,
			check: pcAPIThen(pcValueVersion(pcOrgOwner("Riverside Food Bank"), 1))},
		{name: "ValueOrg/StewardPuts", who: "steward", method: "PUT", path: bank, body: `{"base": 1, "gain": "Referrals and a grant.", "bring": "A warehouse."}`,
			wantStatus: 200, want: map[string]any{"version": 2, "author_name": "Sam Steward"},
			check: pcAPIThen(pcValueVersion(pcOrgOwner("Riverside Food Bank"), 2))},
		{name: "ValueOrg/Versions", who: "member", method: "GET", path: bank + "/versions", wantStatus: 200, want: map[string]any{"items.#": 2}},
		{name: "ValueOrg/Version", who: "member", method: "GET", path: bank + "/versions/2", wantStatus: 200, want: map[string]any{"bring": "A warehouse."}},
		{name: "ValueOrg/Diff", who: "member", method: "GET", path: bank + "/diff?from=2&to=1", wantStatus: 200,
			want: map[string]any{"from": 1, "to": 2, "fields.1.changed": true}},
	}
}
