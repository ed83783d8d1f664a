package app_test

import (
	"fmt"
	"strings"
	"testing"
)

func init() { apiMoreScenarios = append(apiMoreScenarios, paPeopleScenarios, paValueScenarios) }

// paPeopleScenarios: the directory, profiles, photos, ranked values and
// matches as each kind of caller, on what paSeed wrote. A field kept to
// its person ("me") must be absent from everyone else's answers.
func paPeopleScenarios(f *apiFixture) []apiScenario {
	paSeed(f)
	c := "/api/v1/collectives/" + scA
	mo, ola, sam := f.mid[scA+"/member"], f.mid[scA+"/observer"], f.mid[scA+"/steward"]
	person := func(id int64) string { return fmt.Sprintf("%s/people/%d", c, id) }
	moCard := func(t *testing.T, _ *apiFixture, ans apiAnswer) {
		card := paItem(paJSON(t, ans), "member_id", mo)
		if card == nil || card["organisation"] != paFood || fmt.Sprint(card["top_values"]) != "[Fairness Learning]" ||
			fmt.Sprint(card["skills"]) != "[grant writing]" || card["name"] != "Mo" {
			t.Errorf("Mo's card %v", card)
		}
		olaCard := paItem(paJSON(t, ans), "member_id", ola)
		if olaCard == nil || olaCard["organisation"] != nil || olaCard["top_values"] != nil || olaCard["name"] != "Ola Observer" {
			t.Errorf("Ola's card %v: her organisation and values are hers alone", olaCard)
		}
	}
	tooMany := `{"skills": [`
	for i := range 31 {
		tooMany += fmt.Sprintf(`"skill %d", `, i)
	}
	tooMany = strings.TrimSuffix(tooMany, ", ") + `]}`
	eleven := `{"values": [`
	for _, v := range []string{"Fairness", "Learning", "Care", "Courage", "Curiosity", "Honesty", "Justice", "Kindness", "Respect", "Trust", "Simplicity"} {
		eleven += fmt.Sprintf(`{"name": %q}, `, v)
	}
	eleven = strings.TrimSuffix(eleven, ", ") + `]}`
	return []apiScenario{
		{name: "People/List", who: "member", method: "GET", path: c + "/people", wantStatus: 200, want: map[string]any{"next": apiAbsent},
			check: paAll(moCard, paNoLeak(paSecretDept, paOlaOrg, paOlaAbout, paStewardsBio))},
		{name: "People/ListAsStewardKeepsOlaHidden", who: "steward-read", method: "GET", path: c + "/people", wantStatus: 200,
			check: paAll(moCard, paNoLeak(paSecretDept, paOlaOrg, paOlaAbout))},
		{name: "People/SearchVisibleField", who: "steward", method: "GET", path: c + "/people?q=" + strings.ToLower(paStewardsBio), wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.member_id": mo, "total": 1}},
		{name: "People/SearchHiddenFromMember", who: "observer", method: "GET", path: c + "/people?q=" + paStewardsBio, wantStatus: 200,
			want: map[string]any{"items.#": 0, "total": 0}},
		{name: "People/SearchOnlyMeField", who: "steward", method: "GET", path: c + "/people?q=" + paOlaAbout, wantStatus: 200,
			want: map[string]any{"items.#": 0}},
		{name: "People/SearchOwnField", who: "observer", method: "GET", path: c + "/people?q=" + paOlaAbout, wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.member_id": ola}},
		{name: "People/FilterHiddenOrganisation", who: "steward", method: "GET", path: c + "/people?organisation=eastbank+housing", wantStatus: 200,
			want: map[string]any{"items.#": 0}},
		{name: "People/FilterOrganisation", who: "observer", method: "GET", path: c + "/people?organisation=riverside+food+bank", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.member_id": mo}},
		{name: "People/FilterSkill", who: "member", method: "GET", path: c + "/people?skill=Data+Analysis", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.member_id": ola}},
		{name: "People/FilterValueSkipsHidden", who: "member", method: "GET", path: c + "/people?value=fairness", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.member_id": mo}},
		{name: "People/ErrUnknownValue", who: "member", method: "GET", path: c + "/people?value=Nonsense", wantStatus: 422,
			want: map[string]any{"field": "value"}},
		{name: "People/Paged", who: "member", method: "GET", path: c + "/people?limit=1", wantStatus: 200, want: map[string]any{"items.#": 1},
			check: func(t *testing.T, f *apiFixture, ans apiAnswer) {
				doc := paJSON(t, ans)
				next, _ := doc["next"].(string)
				if next == "" {
					t.Fatalf("no next cursor on page 1 of %v", doc["total"])
				}
				seen := []any{doc["items"].([]any)[0].(map[string]any)["member_id"]}
				for next != "" {
					page := f.callers["member"].do(t, "GET", c+"/people?cursor="+next, "")
					if err := f.validate(page); err != nil || page.status != 200 {
						t.Fatalf("next page: %d %v\n%s", page.status, err, page.body)
					}
					p := paJSON(t, page)
					seen = append(seen, p["items"].([]any)[0].(map[string]any)["member_id"])
					next, _ = p["next"].(string)
				}
				if fmt.Sprint(len(seen)) != fmt.Sprint(doc["total"]) {
					t.Errorf("%d pages of one for a total of %v: %v", len(seen), doc["total"], seen)
				}
				if bad := f.callers["member"].do(t, "GET", c+"/people?limit=2&cursor="+paJSON(t, ans)["next"].(string), ""); bad.status != 422 {
					t.Errorf("a cursor with another limit: %d", bad.status)
				}
			}},
		{name: "People/ErrLimit", who: "member", method: "GET", path: c + "/people?limit=201", wantStatus: 422, want: map[string]any{"field": "limit"}},
		{name: "People/ErrLimitZero", who: "member", method: "GET", path: c + "/people?limit=0", wantStatus: 422, want: map[string]any{"field": "limit"}},
		{name: "People/ErrCursor", who: "member", method: "GET", path: c + "/people?cursor=forged", wantStatus: 422, want: map[string]any{"field": "cursor"}},
		{name: "People/ErrAnonymous", who: "none", method: "GET", path: c + "/people", wantStatus: 401},
		{name: "People/ErrRevoked", who: "revoked", method: "GET", path: c + "/people", wantStatus: 401},
		{name: "People/ErrOutsider", who: "outsider", method: "GET", path: c + "/people", wantStatus: 404},
		{name: "People/ErrRemoved", who: "removed", method: "GET", path: c + "/people", wantStatus: 404},

		{name: "Person/Me", who: "member", method: "GET", path: c + "/people/me", wantStatus: 200,
			want: map[string]any{"member_id": mo, "self": true, "department": paSecretDept, "about": paStewardsBio, "has_photo": true,
				"visibility.department": "me", "visibility.about": "stewards", "visibility.values": "collectives", "values.0.name": "Fairness",
				"values.0.why": "Everyone gets a fair go.", "values.1.rank": 2}},
		{name: "Person/Steward", who: "steward", method: "GET", path: person(mo), wantStatus: 200,
			want: map[string]any{"self": false, "name": "Mo", "about": paStewardsBio, "has_photo": true, "department": apiAbsent,
				"visibility": apiAbsent, "values.#": 2, "organisation": paFood}},
		{name: "Person/Observer", who: "observer", method: "GET", path: person(mo), wantStatus: 200,
			want:  map[string]any{"pronouns": "he/him", "about": apiAbsent, "department": apiAbsent, "has_photo": false, "values.#": 2},
			check: paNoLeak(paSecretDept, paStewardsBio)},
		{name: "Person/OnlyMeFieldsAbsent", who: "steward", method: "GET", path: person(ola), wantStatus: 200,
			want: map[string]any{"name": "Ola Observer", "organisation": apiAbsent, "about": apiAbsent, "values": apiAbsent,
				"offers.0": "data analysis"}, check: paNoLeak(paOlaOrg, paOlaAbout, "Care")},
		{name: "Person/ErrOtherCollective", who: "bsteward", method: "GET", path: fmt.Sprintf("/api/v1/collectives/%s/people/%d", scB, mo),
			wantStatus: 404},
		{name: "Person/ErrNotANumber", who: "member", method: "GET", path: c + "/people/mo", wantStatus: 404},
		{name: "Person/ErrMissing", who: "member", method: "GET", path: c + "/people/999999", wantStatus: 404},
		{name: "Person/ErrOutsider", who: "outsider", method: "GET", path: person(mo), wantStatus: 404},
		{name: "Person/ErrMeNotMember", who: "outsider", method: "GET", path: "/api/v1/collectives/" + scP + "/people/me", wantStatus: 404},

		{name: "Profile/ErrSomeoneElse", who: "member", method: "PUT", path: person(ola), body: `{"about": "Hacked"}`, wantStatus: 403,
			check: paUnchanged},
		{name: "Profile/ErrReadToken", who: "member-read", method: "PUT", path: c + "/people/me", body: `{"about": "Read only"}`, wantStatus: 403,
			check: paUnchanged},
		{name: "Profile/ErrVisibilityWord", who: "member", method: "PUT", path: c + "/people/me", body: `{"visibility": {"about": "friends"}}`,
			wantStatus: 422, want: map[string]any{"field": "visibility.about"}, check: paUnchanged},
		{name: "Profile/ErrVisibilityField", who: "member", method: "PUT", path: c + "/people/me", body: `{"visibility": {"shoe_size": "me"}}`,
			wantStatus: 422, want: map[string]any{"field": "visibility"}, check: paUnchanged},
		{name: "Profile/ErrTooManySkills", who: "member", method: "PUT", path: c + "/people/me", body: tooMany, wantStatus: 422,
			want: map[string]any{"field": "skills"}, check: paUnchanged},
		{name: "Profile/ErrUnknownField", who: "member", method: "PUT", path: c + "/people/me", body: `{"shoe_size": 44}`, wantStatus: 422,
			want: map[string]any{"field": "shoe_size"}, check: paUnchanged},
		{name: "Profile/ErrAnonymous", who: "none", method: "PUT", path: c + "/people/me", body: `{}`, wantStatus: 401, check: paUnchanged},
		{name: "Profile/Steward", who: "steward", method: "PUT", path: c + "/people/me",
			body: `{"display_name": "Sam", "organisation": "Riverside Food Bank", "offers": ["Data  analysis"], "needs": ["grant writing"],
				"visibility": {"organisation": "everyone"}}`, wantStatus: 200,
			want: map[string]any{"member_id": sam, "self": true, "name": "Sam", "offers.0": "Data analysis", "visibility.organisation": "everyone",
				"visibility.about": "collectives", "has_photo": false}, check: paWrote},

		{name: "Photo/Steward", who: "steward", method: "GET", path: person(mo) + "/photo", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if ct := ans.res.Header.Get("Content-Type"); ct != "image/jpeg" || len(ans.body) < 100 || ans.body[0] != 0xFF {
					t.Errorf("Content-Type %q, %d bytes", ct, len(ans.body))
				}
			}},
		{name: "Photo/ErrHiddenFromMembers", who: "observer", method: "GET", path: person(mo) + "/photo", wantStatus: 404},
		{name: "Photo/ErrNone", who: "member", method: "GET", path: person(ola) + "/photo", wantStatus: 404},
		{name: "PhotoPut/ErrNotAnImage", who: "member", method: "PUT", path: c + "/people/me/photo", body: "hello, world", wantStatus: 422,
			want: map[string]any{"field": "photo"}, check: paUnchanged},
		{name: "PhotoPut/ErrTooLarge", who: "member", method: "PUT", path: c + "/people/me/photo",
			body: "\xff\xd8\xff" + strings.Repeat("x", 5<<20), wantStatus: 413, want: map[string]any{"code": "too_large"}, check: paUnchanged},
		{name: "PhotoPut/ErrSomeoneElse", who: "member", method: "PUT", path: person(ola) + "/photo", body: string(paPNG()), wantStatus: 403,
			check: paUnchanged},
		{name: "PhotoPut/Observer", who: "observer", method: "PUT", path: c + "/people/me/photo", body: string(paPNG()), wantStatus: 200,
			want: map[string]any{"has_photo": true, "member_id": ola}, check: paWrote},
		{name: "PhotoDelete/ErrSomeoneElse", who: "steward", method: "DELETE", path: person(ola) + "/photo", wantStatus: 403, check: paUnchanged},
		{name: "PhotoDelete/Observer", who: "observer", method: "DELETE", path: c + "/people/me/photo", wantStatus: 204, check: paWrote},
		{name: "PhotoDelete/NoneIsFine", who: "observer", method: "DELETE", path: c + "/people/me/photo", wantStatus: 204, check: paUnchanged},

		{name: "Values/ErrUnknown", who: "member", method: "PUT", path: c + "/people/me/values", body: `{"values": [{"name": "Nonsense"}]}`,
			wantStatus: 422, want: map[string]any{"field": "values"}, check: paUnchanged},
		{name: "Values/ErrEleven", who: "member", method: "PUT", path: c + "/people/me/values", body: eleven, wantStatus: 422,
			want: map[string]any{"field": "values", "detail": "You can rank at most 10 values; this list has 11."}, check: paUnchanged},
		{name: "Values/ErrTwice", who: "member", method: "PUT", path: c + "/people/me/values",
			body: `{"values": [{"name": "Care"}, {"name": "care"}]}`, wantStatus: 422, want: map[string]any{"field": "values"}, check: paUnchanged},
		{name: "Values/ErrNoList", who: "member", method: "PUT", path: c + "/people/me/values", body: `{}`, wantStatus: 422,
			want: map[string]any{"field": "values"}, check: paUnchanged},
		{name: "Values/ErrSomeoneElse", who: "steward", method: "PUT", path: person(mo) + "/values", body: `{"values": []}`, wantStatus: 403,
			check: paUnchanged},
		{name: "Values/Steward", who: "steward", method: "PUT", path: c + "/people/me/values",
			body: `{"values": [{"name": "fairness", "why": "It holds us together."}, {"name": "Learning"}]}`, wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.name": "Fairness", "items.0.rank": 1, "items.0.why": "It holds us together.",
				"items.1.name": "Learning"}, check: paWrote},

		{name: "Matches/Member", who: "member", method: "GET", path: c + "/people/me/matches", wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.member_id": sam, "items.0.organisation": paFood,
				"items.0.shared_values.#": 2, "items.0.they_offer.0": "data analysis", "items.0.you_offer.0": "grant writing",
				"items.1.member_id": ola, "items.1.shared_values.#": 0, "items.1.organisation": apiAbsent, "items.1.they_offer.0": "data analysis"},
			check: paNoLeak(paOlaOrg, "Care")},
		{name: "Matches/ValueFilterSkipsHidden", who: "member", method: "GET", path: c + "/people/me/matches?value=Fairness", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.member_id": sam}},
		{name: "Matches/OrganisationFilterSkipsHidden", who: "member", method: "GET", path: c + "/people/me/matches?organisation=Eastbank+Housing",
			wantStatus: 200, want: map[string]any{"items.#": 0}},
		{name: "Matches/K", who: "member", method: "GET", path: c + "/people/me/matches?k=1", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.member_id": sam}},
		{name: "Matches/StewardForAnother", who: "steward", method: "GET", path: person(mo) + "/matches", wantStatus: 200,
			want: map[string]any{"items.0.member_id": sam}},
		{name: "Matches/ErrSomeoneElse", who: "member", method: "GET", path: person(ola) + "/matches", wantStatus: 403},
		{name: "Matches/ErrK", who: "member", method: "GET", path: c + "/people/me/matches?k=51", wantStatus: 422, want: map[string]any{"field": "k"}},
		{name: "Matches/ErrKZero", who: "member", method: "GET", path: c + "/people/me/matches?k=0", wantStatus: 422, want: map[string]any{"field": "k"}},
		{name: "Matches/ErrKWord", who: "member", method: "GET", path: c + "/people/me/matches?k=ten", wantStatus: 422, want: map[string]any{"field": "k"}},
		{name: "Matches/ErrOutsider", who: "outsider", method: "GET", path: person(mo) + "/matches", wantStatus: 404},
	}
}
