package app_test

import (
	"fmt"
	"net/url"
)

// memberPath is the page of who's membership of slug.
func (f *scFixture) memberPath(slug, who string) string {
	return fmt.Sprintf("/c/%s/members/%d", slug, f.mid[slug+"/"+who])
}

// orgPath is an organisation's page under slug, which need not be its own.
func (f *scFixture) orgPath(slug, org string) string {
	return fmt.Sprintf("/c/%s/organisations/%d", slug, f.org[org])
}

// scSignIn is where a page that needs a signed-in person sends others.
func scSignIn(path string) string { return "/signin?next=" + url.QueryEscape(path) }

// scAccessScenarios: who may look at which page of a collective.
func scAccessScenarios(f *scFixture) []scScenario {
	a, p := "/c/"+scA, "/c/"+scP
	const notFound = "We could not find that page, or it is not visible to you."
	const noEmail = "@example.org" // no viewer here may see any address
	return []scScenario{
		{name: "RemovedMember/SeesCollectiveUntilRemovedThroughService", who: "removed", method: "GET", path: a, wantStatus: 200,
			wantContains: []string{"Riverside Coalition", "Your membership"}, check: scRemoveThroughService(scA, "removed")},

		{name: "Home/Anonymous", who: "anonymous", method: "GET", path: "/", wantStatus: 200,
			wantContains: []string{"Create an account", `href="/signin"`}, wantNotContains: []string{"Riverside", "Open Commons"}},
		{name: "Home/Steward", who: "steward", method: "GET", path: "/", wantStatus: 200,
			wantContains: []string{`href="/c/riverside"`, "Riverside Coalition", "Hillside Network", "Public collectives", "Open Commons"}},
		{name: "Home/OutsiderSeesOnlyPublic", who: "outsider", method: "GET", path: "/", wantStatus: 200,
			wantContains: []string{"You are not in any collective yet.", "Open Commons"}, wantNotContains: []string{"Riverside", "Hillside"}},
		{name: "Home/RemovedNoLongerListed", who: "removed", method: "GET", path: "/", wantStatus: 200,
			wantContains: []string{"You are not in any collective yet."}, wantNotContains: []string{"Riverside"}},

		{name: "NewCollectivePage/Anonymous", who: "anonymous", method: "GET", path: "/collectives/new",
			wantStatus: 303, wantLocation: scSignIn("/collectives/new")},
		{name: "NewCollectivePage/OK", who: "outsider", method: "GET", path: "/collectives/new", wantStatus: 200,
			wantContains: []string{"Create a collective", `name="slug"`}},

		{name: "Overview/AnonymousPrivateSignsIn", who: "anonymous", method: "GET", path: a, wantStatus: 303, wantLocation: scSignIn(a)},
		{name: "Overview/AnonymousUnknownSignsInToo", who: "anonymous", method: "GET", path: "/c/no-such-place",
			wantStatus: 303, wantLocation: scSignIn("/c/no-such-place")},
		{name: "Overview/OutsiderPrivateNotFound", who: "outsider", method: "GET", path: a, wantStatus: 404,
			wantContains: []string{notFound}, wantNotContains: []string{"Riverside Coalition"}},
		{name: "Overview/OutsiderOtherPrivateNotFound", who: "outsider", method: "GET", path: "/c/" + scB, wantStatus: 404,
			wantNotContains: []string{"Hillside Network"}},
		{name: "Overview/RemovedNotFound", who: "removed", method: "GET", path: a, wantStatus: 404,
			wantContains: []string{notFound}, wantNotContains: []string{"Riverside Coalition"}},
		{name: "Overview/InstanceAdminIsNoMember", who: "admin", method: "GET", path: a, wantStatus: 404},
		{name: "Overview/Member", who: "member", method: "GET", path: a, wantStatus: 200,
			wantContains:    []string{"Riverside Coalition", "The purpose of Riverside Coalition.", "Your membership", "Leave Riverside Coalition"},
			wantNotContains: []string{"open invitations", `href="/c/riverside/settings"`}},
		{name: "Overview/Observer", who: "observer", method: "GET", path: a, wantStatus: 200,
			wantContains: []string{`<span class="badge role">observer</span>`}},
		{name: "Overview/Steward", who: "steward", method: "GET", path: a, wantStatus: 200,
			wantContains: []string{"open invitations", `href="/c/riverside/settings"`, `href="/c/riverside/invitations"`}},
		{name: "Overview/OutsiderReadsPublic", who: "outsider", method: "GET", path: p, wantStatus: 200,
			wantContains: []string{"Open Commons", "You are not a member."}, wantNotContains: []string{noEmail, "Your membership"}},
		{name: "Overview/AnonymousReadsPublic", who: "anonymous", method: "GET", path: p, wantStatus: 200,
			wantContains: []string{"Open Commons"}, wantNotContains: []string{noEmail}},

		{name: "Members/Anonymous", who: "anonymous", method: "GET", path: a + "/members", wantStatus: 303, wantLocation: scSignIn(a + "/members")},
		{name: "Members/Outsider", who: "outsider", method: "GET", path: a + "/members", wantStatus: 404, wantNotContains: []string{"Mo Member"}},
		{name: "Members/Removed", who: "removed", method: "GET", path: a + "/members", wantStatus: 404},
		{name: "Members/MemberSeesNoAddresses", who: "member", method: "GET", path: a + "/members", wantStatus: 200,
			wantContains: []string{"Sam Steward", "Mo Member", "Ola Observer", "Riverside Food Bank"}, wantNotContains: []string{noEmail, "Rae Removed"}},
		{name: "Members/StewardSeesAddresses", who: "steward", method: "GET", path: a + "/members", wantStatus: 200,
			wantContains: []string{"member@example.org", "observer@example.org", "Invite people"}},
		{name: "Members/StewardSearchesByAddress", who: "steward", method: "GET", path: a + "/members?q=observer%40", wantStatus: 200,
			wantContains: []string{"1 member matching", "Ola Observer"}, wantNotContains: []string{"Mo Member"}},
		{name: "Members/MemberCannotSearchByAddress", who: "member", method: "GET", path: a + "/members?q=observer%40", wantStatus: 200,
			wantContains: []string{"0 members matching"}, wantNotContains: []string{"Ola Observer"}},
		{name: "Members/ErrUnknownRole", who: "member", method: "GET", path: a + "/members?role=wizard", wantStatus: 200,
			wantContains: []string{`"wizard" is not a role here.`}},
		{name: "Members/OutsiderReadsPublicWithoutAddresses", who: "outsider", method: "GET", path: p + "/members", wantStatus: 200,
			wantContains: []string{"Mo Member", "Bea Hill", "Open Library"}, wantNotContains: []string{noEmail}},
		{name: "Members/AnonymousReadsPublicWithoutAddresses", who: "anonymous", method: "GET", path: p + "/members", wantStatus: 200,
			wantContains: []string{"Mo Member"}, wantNotContains: []string{noEmail}},

		{name: "Member/Anonymous", who: "anonymous", method: "GET", path: f.memberPath(scA, "member"),
			wantStatus: 303, wantLocation: scSignIn(f.memberPath(scA, "member"))},
		{name: "Member/Outsider", who: "outsider", method: "GET", path: f.memberPath(scA, "member"), wantStatus: 404},
		{name: "Member/RemovedSeesNotEvenThemselves", who: "removed", method: "GET", path: f.memberPath(scA, "removed"), wantStatus: 404},
		{name: "Member/MemberSeesOthersWithoutAddress", who: "member", method: "GET", path: f.memberPath(scA, "observer"), wantStatus: 200,
			wantContains: []string{"Ola Observer", "observer"}, wantNotContains: []string{noEmail, "Save roles", "Save organisations"}},
		{name: "Member/MemberSeesOwnAddress", who: "member", method: "GET", path: f.memberPath(scA, "member"), wantStatus: 200,
			wantContains:    []string{"member@example.org", "Which organisations are you part of?", "Riverside Food Bank"},
			wantNotContains: []string{"Save roles"}},
		{name: "Member/ObserverCannotAffiliate", who: "observer", method: "GET", path: f.memberPath(scA, "observer"), wantStatus: 200,
			wantContains: []string{"observer@example.org"}, wantNotContains: []string{"Save organisations"}},
		{name: "Member/Steward", who: "steward", method: "GET", path: f.memberPath(scA, "member"), wantStatus: 200,
			wantContains: []string{"member@example.org", "Save roles", "Remove Mo Member", "Organisations Mo Member is part of"}},
		{name: "Member/ErrOtherCollectivesMember", who: "steward", method: "GET", path: fmt.Sprintf("/c/%s/members/%d", scB, f.mid[scA+"/member"]),
			wantStatus: 404, wantContains: []string{"That person is not a member of Hillside Network."}, wantNotContains: []string{"Mo Member"}},
		{name: "Member/ErrNotANumber", who: "member", method: "GET", path: a + "/members/abc", wantStatus: 404},
		{name: "Member/OutsiderReadsPublicWithoutAddress", who: "outsider", method: "GET", path: f.memberPath(scP, "member"), wantStatus: 200,
			wantContains: []string{"Mo Member", "Open Library"}, wantNotContains: []string{noEmail}},
		// Public pages need no sign-in; the service must not assume a viewer.
		{name: "Member/AnonymousReadsPublicWithoutAddress", who: "anonymous", method: "GET", path: f.memberPath(scP, "member"), wantStatus: 200,
			wantContains: []string{"Mo Member"}, wantNotContains: []string{noEmail}},

		{name: "Organisations/Anonymous", who: "anonymous", method: "GET", path: a + "/organisations",
			wantStatus: 303, wantLocation: scSignIn(a + "/organisations")},
		{name: "Organisations/Outsider", who: "outsider", method: "GET", path: a + "/organisations", wantStatus: 404,
			wantNotContains: []string{"Riverside Food Bank"}},
		{name: "Organisations/Member", who: "member", method: "GET", path: a + "/organisations", wantStatus: 200,
			wantContains: []string{"Riverside Food Bank", "Eastbank Housing"}, wantNotContains: []string{"Add an organisation", "Hill Farm"}},
		{name: "Organisations/Steward", who: "steward", method: "GET", path: a + "/organisations", wantStatus: 200,
			wantContains: []string{"Add an organisation"}},
		{name: "Organisations/OutsiderReadsPublic", who: "outsider", method: "GET", path: p + "/organisations", wantStatus: 200,
			wantContains: []string{"Open Library"}, wantNotContains: []string{noEmail, "Add an organisation"}},

		{name: "Organisation/Anonymous", who: "anonymous", method: "GET", path: f.orgPath(scA, "Riverside Food Bank"),
			wantStatus: 303, wantLocation: scSignIn(f.orgPath(scA, "Riverside Food Bank"))},
		{name: "Organisation/Outsider", who: "outsider", method: "GET", path: f.orgPath(scB, "Hill Farm Co-op"), wantStatus: 404},
		{name: "Organisation/Member", who: "member", method: "GET", path: f.orgPath(scA, "Riverside Food Bank"), wantStatus: 200,
			wantContains: []string{"Riverside Food Bank", "Mo Member"}, wantNotContains: []string{noEmail, "Delete Riverside Food Bank"}},
		{name: "Organisation/Steward", who: "steward", method: "GET", path: f.orgPath(scA, "Riverside Food Bank"), wantStatus: 200,
			wantContains: []string{"Delete Riverside Food Bank", `value="Riverside Food Bank"`}},
		{name: "Organisation/ErrOtherCollectivesOrganisation", who: "steward", method: "GET", path: f.orgPath(scA, "Hill Farm Co-op"),
			wantStatus: 404, wantContains: []string{"Riverside Coalition has no such organisation."}, wantNotContains: []string{"Hill Farm"}},
		{name: "Organisation/ErrZero", who: "steward", method: "GET", path: a + "/organisations/0", wantStatus: 404},
		{name: "Organisation/AnonymousReadsPublic", who: "anonymous", method: "GET", path: f.orgPath(scP, "Open Library"), wantStatus: 200,
			wantContains: []string{"Open Library", "Mo Member"}, wantNotContains: []string{noEmail}},

		{name: "Settings/Anonymous", who: "anonymous", method: "GET", path: a + "/settings", wantStatus: 303, wantLocation: scSignIn(a + "/settings")},
		{name: "Settings/Outsider", who: "outsider", method: "GET", path: a + "/settings", wantStatus: 404},
		{name: "Settings/Removed", who: "removed", method: "GET", path: a + "/settings", wantStatus: 404},
		{name: "Settings/MemberForbidden", who: "member", method: "GET", path: a + "/settings", wantStatus: 403,
			wantContains: []string{"Only stewards can change the settings."}, wantNotContains: []string{"Save settings"}},
		{name: "Settings/ObserverForbidden", who: "observer", method: "GET", path: a + "/settings", wantStatus: 403},
		{name: "Settings/Steward", who: "steward", method: "GET", path: a + "/settings", wantStatus: 200,
			wantContains: []string{`value="Riverside Coalition"`, "Save settings", "Archive Riverside Coalition"}},

		{name: "Invitations/Anonymous", who: "anonymous", method: "GET", path: a + "/invitations",
			wantStatus: 303, wantLocation: scSignIn(a + "/invitations")},
		{name: "Invitations/Outsider", who: "outsider", method: "GET", path: a + "/invitations", wantStatus: 404},
		{name: "Invitations/MemberForbidden", who: "member", method: "GET", path: a + "/invitations", wantStatus: 403,
			wantContains: []string{"Only stewards of Riverside Coalition can see its invitations."}, wantNotContains: []string{"later@example.org"}},
		{name: "Invitations/ObserverForbidden", who: "observer", method: "GET", path: a + "/invitations", wantStatus: 403},
		{name: "Invitations/Steward", who: "steward", method: "GET", path: a + "/invitations", wantStatus: 200,
			wantContains: []string{"later@example.org", "Make the invitation", "expired", "Withdraw"}},

		{name: "InvitationPage/AnonymousOpen", who: "anonymous", method: "GET", path: "/invite/" + f.tok["open"], wantStatus: 200,
			wantContains: []string{"invites you to join <strong>Riverside Coalition</strong>", `href="/signin?next=%2finvite%2f` + f.tok["open"]}},
		{name: "InvitationPage/SignedInCanAccept", who: "invitee", method: "GET", path: "/invite/" + f.tok["open"], wantStatus: 200,
			wantContains: []string{"Accept and join", `action="/invite/` + f.tok["open"] + `/accept"`}},
		{name: "InvitationPage/ErrExpired", who: "anonymous", method: "GET", path: "/invite/" + f.tok["expired"], wantStatus: 410,
			wantContains: []string{"This invitation expired on"}, wantNotContains: []string{"Accept and join", "Sign in to accept"}},
		{name: "InvitationPage/ErrUsed", who: "anonymous", method: "GET", path: "/invite/" + f.tok["used"], wantStatus: 410,
			wantContains: []string{"This invitation has been used already. Ask a steward for a new one."}},
		{name: "InvitationPage/ErrUnknown", who: "anonymous", method: "GET", path: "/invite/made-up", wantStatus: 404,
			wantContains: []string{"This invitation link is not valid."}},
	}
}
