package app_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
)

// scCollectivesAre checks how many collectives have the address slug.
func scCollectivesAre(slug string, want int) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		var n int
		if err := f.app.DB.Get(context.Background(), &n, "SELECT count(*) FROM collectives WHERE slug = ?", slug); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%d collectives at %q, want %d", n, slug, want)
		}
	}
}

// scBig is a form over the 1 MiB limit; chunked hides its length, so the
// limit is met while the handler reads it rather than before.
func scBig(form string, chunked bool) io.Reader {
	r := strings.NewReader(form + "&description=" + strings.Repeat("x", 1<<20+1))
	if chunked {
		return io.MultiReader(r)
	}
	return r
}

// scInputScenarios: bad input is refused with a message naming the field,
// and leaves nothing written.
func scInputScenarios(f *scFixture) []scScenario {
	a := "/c/" + scA
	const crossSite = "cross-origin request detected"
	runes100, runes101 := strings.Repeat("é", 100), strings.Repeat("é", 101)
	tooLong := "Keep the name to 100 characters or fewer."
	collective := func(slug, name string, kv ...string) scForm {
		form := scForm{"slug": {slug}, "name": {name}, "visibility": {"private"}, "min_group_size": {"5"}}
		for i := 0; i+1 < len(kv); i += 2 {
			form.Set(kv[i], kv[i+1])
		}
		return form
	}
	settings := func(k, v string) scForm {
		form := scForm{"name": {"Riverside Coalition"}, "visibility": {"private"}, "min_group_size": {"7"}}
		form.Set(k, v)
		return form
	}
	orgs := a + "/organisations"
	org := func(name string) scForm { return scForm{"name": {name}} }
	observer, self := f.memberPath(scA, "observer"), f.memberPath(scA, "member")
	hill, food := fmt.Sprint(f.org["Hill Farm Co-op"]), fmt.Sprint(f.org["Riverside Food Bank"])
	stillSettings := scThenAs("steward", a+"/settings", 200, []string{`value="Riverside Coalition"`, `value="7"`, `value="private" checked`}, nil)
	return []scScenario{
		{name: "NewCollective/Anonymous", who: "anonymous", method: "POST", path: "/collectives/new", form: collective("anon-club", "Anon"),
			wantStatus: 401, wantContains: []string{"Please sign in first."}, check: scCollectivesAre("anon-club", 0)},
		{name: "NewCollective/OK", who: "outsider", method: "POST", path: "/collectives/new", form: collective("outsiders-club", "Outsiders Club"),
			wantStatus: 303, wantLocation: "/c/outsiders-club",
			check: scThen("/c/outsiders-club", 200, "Outsiders Club is ready. Invite people to join it.", `<span class="badge role">steward</span>`)},
		{name: "NewCollective/ErrSlugTaken", who: "member", method: "POST", path: "/collectives/new", form: collective("riverside", "Riverside Two"),
			wantStatus: 422, wantContains: []string{`The address "riverside" is taken; choose another.`, `value="Riverside Two"`, `aria-invalid="true"`},
			check: scAll(scCollectivesAre(scA, 1), scRolesAre(scA, "member", "member"))},
		{name: "NewCollective/ErrSlugTakenOtherCase", who: "member", method: "POST", path: "/collectives/new", form: collective(" RiverSide ", "Riverside Two"),
			wantStatus: 422, wantContains: []string{`The address "riverside" is taken`}, check: scRolesAre(scA, "member", "member")},
		{name: "NewCollective/ErrSlugReserved", who: "member", method: "POST", path: "/collectives/new", form: collective("admin", "Admins"),
			wantStatus: 422, wantContains: []string{`"admin" is reserved; choose another address.`}, check: scCollectivesAre("admin", 0)},
		{name: "NewCollective/ErrSlugShape", who: "member", method: "POST", path: "/collectives/new", form: collective("a b", "Spaced"),
			wantStatus: 422, wantContains: []string{"Use 3 to 50 lower-case letters, digits and hyphens"}, check: scCollectivesAre("a b", 0)},
		{name: "NewCollective/ErrNameRequired", who: "member", method: "POST", path: "/collectives/new", form: collective("nameless", "   "),
			wantStatus: 422, wantContains: []string{"Enter a name.", "Please correct the marked field."}, check: scCollectivesAre("nameless", 0)},
		{name: "NewCollective/ErrName101Runes", who: "member", method: "POST", path: "/collectives/new", form: collective("long-name", runes101),
			wantStatus: 422, wantContains: []string{tooLong}, check: scCollectivesAre("long-name", 0)},
		{name: "NewCollective/Name100RunesOK", who: "member", method: "POST", path: "/collectives/new", form: collective("long-name", runes100),
			wantStatus: 303, wantLocation: "/c/long-name", check: scCollectivesAre("long-name", 1)},
		{name: "NewCollective/ErrPurpose281Runes", who: "member", method: "POST", path: "/collectives/new",
			form: collective("wordy", "Wordy", "purpose", strings.Repeat("é", 281)), wantStatus: 422,
			wantContains: []string{"Keep the purpose line to 280 characters or fewer."}, check: scCollectivesAre("wordy", 0)},
		{name: "NewCollective/ErrVisibility", who: "member", method: "POST", path: "/collectives/new", form: collective("secretive", "Secretive", "visibility", "secret"),
			wantStatus: 422, wantContains: []string{"Choose public or private."}, check: scCollectivesAre("secretive", 0)},
		{name: "NewCollective/ErrMinGroupSize", who: "member", method: "POST", path: "/collectives/new", form: collective("tiny", "Tiny", "min_group_size", "2"),
			wantStatus: 422, wantContains: []string{"The minimum group size must be between 3 and 1000."}, check: scCollectivesAre("tiny", 0)},
		{name: "NewCollective/ErrMinGroupSizeNotANumber", who: "member", method: "POST", path: "/collectives/new",
			form: collective("wordy", "Wordy", "min_group_size", "five"), wantStatus: 422,
			wantContains: []string{"The minimum group size must be between 3 and 1000."}, check: scCollectivesAre("wordy", 0)},
		{name: "NewCollective/ErrCrossSite", who: "member", method: "POST", path: "/collectives/new", form: collective("cross-club", "Cross"),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, wantStatus: 403, wantContains: []string{crossSite},
			check: scCollectivesAre("cross-club", 0)},
		{name: "NewCollective/ErrTooLarge", who: "member", method: "POST", path: "/collectives/new",
			body: scBig("slug=big-club&name=Big", false), wantStatus: 413, wantContains: []string{"larger than 1048576 bytes"},
			check: scCollectivesAre("big-club", 0)},
		{name: "NewCollective/ErrTooLargeWithoutLength", who: "member", method: "POST", path: "/collectives/new",
			body: scBig("slug=big-club&name=Big", true), wantStatus: 413, wantContains: []string{"The form is larger than 1048576 bytes."},
			check: scCollectivesAre("big-club", 0)},

		{name: "SaveSettings/ErrNameRequired", who: "steward", method: "POST", path: a + "/settings", form: settings("name", ""),
			wantStatus: 422, wantContains: []string{"Enter a name.", `id="name-error"`}, check: stillSettings},
		{name: "SaveSettings/ErrName101Runes", who: "steward", method: "POST", path: a + "/settings", form: settings("name", runes101),
			wantStatus: 422, wantContains: []string{tooLong}, check: stillSettings},
		{name: "SaveSettings/ErrVisibility", who: "steward", method: "POST", path: a + "/settings", form: settings("visibility", "everyone"),
			wantStatus: 422, wantContains: []string{"Choose public or private."}, check: stillSettings},
		{name: "SaveSettings/ErrMinGroupSize", who: "steward", method: "POST", path: a + "/settings", form: settings("min_group_size", "1001"),
			wantStatus: 422, wantContains: []string{"between 3 and 1000"}, check: stillSettings},

		{name: "AddOrganisation/ErrNameRequired", who: "steward", method: "POST", path: orgs, form: org("  "), wantStatus: 422,
			wantContains: []string{"Enter a name."}},
		{name: "AddOrganisation/ErrName101Runes", who: "steward", method: "POST", path: orgs, form: org(runes101), wantStatus: 422,
			wantContains: []string{tooLong}, check: scOrgsAre(scA, runes101, 0)},
		{name: "AddOrganisation/Name100RunesOK", who: "steward", method: "POST", path: orgs, form: org(runes100), wantStatus: 303,
			wantLocation: orgs, check: scOrgsAre(scA, runes100, 1)},
		{name: "AddOrganisation/ErrDuplicateName", who: "steward", method: "POST", path: orgs, form: org("Riverside Food Bank"), wantStatus: 422,
			wantContains: []string{`Riverside Coalition already has an organisation called "Riverside Food Bank".`}, check: scOrgsAre(scA, "Riverside Food Bank", 1)},
		{name: "AddOrganisation/ErrDuplicateNameOtherCase", who: "steward", method: "POST", path: orgs, form: org("RIVERSIDE food bank"), wantStatus: 422,
			wantContains: []string{`already has an organisation called "RIVERSIDE food bank"`}, check: scOrgsAre(scA, "Riverside Food Bank", 1)},
		{name: "AddOrganisation/NameOfOtherCollectivesOrganisationOK", who: "steward", method: "POST", path: orgs, form: org("Hill Farm Co-op"),
			wantStatus: 303, wantLocation: orgs, check: scAll(scOrgsAre(scA, "Hill Farm Co-op", 1), scOrgsAre(scB, "Hill Farm Co-op", 1))},
		{name: "AddOrganisation/ErrWebsite", who: "steward", method: "POST", path: orgs,
			form: scForm{"name": {"Scripted"}, "website": {"javascript:alert(1)"}}, wantStatus: 422,
			wantContains: []string{"Enter a full web address starting with https://, or leave it empty."}, check: scOrgsAre(scA, "Scripted", 0)},
		{name: "AddOrganisation/ErrDescription2001Runes", who: "steward", method: "POST", path: orgs,
			form: scForm{"name": {"Verbose"}, "description": {strings.Repeat("é", 2001)}}, wantStatus: 422,
			wantContains: []string{"Keep the description to 2000 characters or fewer."}, check: scOrgsAre(scA, "Verbose", 0)},
		{name: "AddOrganisation/ErrCrossSite", who: "steward", method: "POST", path: orgs, form: org("Cross Site Org"),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, wantStatus: 403, wantContains: []string{crossSite},
			check: scOrgsAre(scA, "Cross Site Org", 0)},
		{name: "AddOrganisation/ErrOtherOrigin", who: "steward", method: "POST", path: orgs, form: org("Other Origin Org"),
			header: map[string]string{"Origin": "https://evil.example"}, wantStatus: 403, wantContains: []string{crossSite},
			check: scOrgsAre(scA, "Other Origin Org", 0)},
		{name: "AddOrganisation/SameOriginOK", who: "steward", method: "POST", path: orgs, form: org("Same Origin Org"),
			header: map[string]string{"Sec-Fetch-Site": "same-origin"}, wantStatus: 303, wantLocation: orgs, check: scOrgsAre(scA, "Same Origin Org", 1)},
		{name: "AddOrganisation/ErrTooLarge", who: "steward", method: "POST", path: orgs, body: scBig("name=Big+Org", false),
			wantStatus: 413, wantContains: []string{"larger than 1048576 bytes"}, check: scOrgsAre(scA, "Big Org", 0)},
		{name: "AddOrganisation/ErrTooLargeWithoutLength", who: "steward", method: "POST", path: orgs, body: scBig("name=Big+Org", true),
			wantStatus: 413, wantContains: []string{"The form is larger than 1048576 bytes."}, check: scOrgsAre(scA, "Big Org", 0)},
		{name: "Overview/CrossSiteGetOK", who: "member", method: "GET", path: a, header: map[string]string{"Sec-Fetch-Site": "cross-site"},
			wantStatus: 200, wantContains: []string{"Riverside Coalition"}},
		{name: "EditOrganisation/ErrDuplicateName", who: "steward", method: "POST", path: f.orgPath(scA, "Eastbank Housing"),
			form: org("Riverside Food Bank"), wantStatus: 422, wantContains: []string{"already has an organisation called"},
			check: scOrgsAre(scA, "Eastbank Housing Association", 1)},
		{name: "EditOrganisation/ErrNameRequired", who: "steward", method: "POST", path: f.orgPath(scA, "Eastbank Housing"),
			form: org(""), wantStatus: 422, wantContains: []string{"Enter a name."}, check: scOrgsAre(scA, "Eastbank Housing Association", 1)},

		{name: "Roles/ErrUnknownRole", who: "steward", method: "POST", path: observer + "/roles", form: scForm{"roles": {"observer", "wizard"}},
			wantStatus: 422, wantContains: []string{`"wizard" is not a role here.`}, check: scRolesAre(scA, "observer", "observer")},
		{name: "Roles/ErrNoRole", who: "steward", method: "POST", path: observer + "/roles", form: scForm{"roles": {" "}},
			wantStatus: 422, wantContains: []string{"Choose at least one role."}, check: scRolesAre(scA, "observer", "observer")},
		{name: "Roles/ErrLastStewardDemotesSelf", who: "steward", method: "POST", path: f.memberPath(scA, "steward") + "/roles",
			form: scForm{"roles": {"member"}}, wantStatus: 422,
			wantContains: []string{"A collective needs at least one steward"}, check: scRolesAre(scA, "steward", "member, steward")},
		{name: "Roles/ErrOtherCollectivesMember", who: "steward", method: "POST", path: fmt.Sprintf("%s/members/%d/roles", a, f.mid[scB+"/bmember"]),
			form: scForm{"roles": {"observer"}}, wantStatus: 404, check: scRolesAre(scB, "bmember", "member")},

		{name: "Affiliations/ErrOtherCollectivesOrganisation", who: "steward", method: "POST", path: observer + "/affiliations",
			form: scForm{"organisations": {hill}}, wantStatus: 422, wantContains: []string{"Choose organisations of Riverside Coalition only."},
			check: scThenAs("steward", observer, 200, []string{"<dd>none</dd>"}, nil)},
		{name: "Affiliations/ErrOwnWithOtherCollectivesOrganisation", who: "member", method: "POST", path: self + "/affiliations",
			form: scForm{"organisations": {food, hill}}, wantStatus: 422, wantContains: []string{"Choose organisations of Riverside Coalition only."},
			check: scThen(self, 200, "Eastbank Housing Association, Riverside Food Bank")},
		{name: "Affiliations/ErrNotANumber", who: "member", method: "POST", path: self + "/affiliations",
			form: scForm{"organisations": {"x"}}, wantStatus: 422, wantContains: []string{"Choose organisations from the list."},
			check: scThen(self, 200, "Eastbank Housing Association, Riverside Food Bank")},

		{name: "Invite/ErrUnknownRole", who: "steward", method: "POST", path: a + "/invitations",
			form: scForm{"email": {"wizard@example.net"}, "roles": {"wizard"}}, wantStatus: 422,
			wantContains: []string{`"wizard" is not a role here.`}, check: scInvitedAre(scA, "wizard@example.net", 0)},
		{name: "Invite/ErrNoRole", who: "steward", method: "POST", path: a + "/invitations", form: scForm{"email": {"norole@example.net"}},
			wantStatus: 422, wantContains: []string{"Choose at least one role."}, check: scInvitedAre(scA, "norole@example.net", 0)},
		{name: "Invite/ErrEmail", who: "steward", method: "POST", path: a + "/invitations",
			form: scForm{"email": {"Someone <someone@example.net>"}, "roles": {"member"}}, wantStatus: 422,
			wantContains: []string{"Enter an e-mail address such as name@example.org"}, check: scInvitedAre(scA, "someone@example.net", 0)},

		{name: "Archive/Anonymous", who: "anonymous", method: "POST", path: a + "/archive", form: scForm{"archived": {"true"}}, wantStatus: 401},
		{name: "Archive/Outsider", who: "outsider", method: "POST", path: a + "/archive", form: scForm{"archived": {"true"}}, wantStatus: 404},
		{name: "Archive/MemberForbidden", who: "member", method: "POST", path: a + "/archive", form: scForm{"archived": {"true"}}, wantStatus: 403,
			wantContains: []string{"Only stewards of Riverside Coalition can do this."}, check: scThen(a, 200, "Your membership")},
		{name: "Archive/ObserverForbidden", who: "observer", method: "POST", path: a + "/archive", form: scForm{"archived": {"true"}}, wantStatus: 403,
			check: scThenAs("", a, 200, nil, []string{"This collective is archived"})},
		{name: "Archive/OK", who: "steward", method: "POST", path: a + "/archive", form: scForm{"archived": {"true"}}, wantStatus: 303, wantLocation: a,
			check: scThen(a, 200, "Riverside Coalition is archived: everyone can still read it, nobody can change it.", "This collective is archived")},
		{name: "Archive/StewardCannotChange", who: "steward", method: "POST", path: orgs, form: org("Too Late"), wantStatus: 403,
			wantContains: []string{"Riverside Coalition is archived; restore it in its settings first."}, check: scOrgsAre(scA, "Too Late", 0)},
		{name: "Archive/MemberCannotChangeOwn", who: "member", method: "POST", path: self + "/affiliations", form: scForm{"organisations": {food}},
			wantStatus: 403, check: scThen(self, 200, "Eastbank Housing Association, Riverside Food Bank")},
		{name: "Archive/ErrNoNewMembers", who: "outsider", method: "POST", path: "/invite/" + f.tok["archived"] + "/accept", wantStatus: 410,
			wantContains: []string{"This collective has been archived and takes no new members."}, check: scMembership(scA, "outsider", "")},
		{name: "Archive/Restore", who: "steward", method: "POST", path: a + "/archive", form: scForm{"archived": {"false"}}, wantStatus: 303, wantLocation: a,
			check: scThenAs("", a, 200, []string{"Riverside Coalition is restored."}, []string{"This collective is archived"})},
	}
}
