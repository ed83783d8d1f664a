package app_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"commonground/internal/errs"
)

type scCheck = func(*testing.T, *scFixture, *scBrowser)

// scRolesAre checks who's roles in slug through the service.
func scRolesAre(slug, who, want string) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		m := f.member(t, slug, who)
		if m == nil || strings.Join(m.Roles, ", ") != want {
			t.Errorf("%s in %s: member %+v, want roles %q", who, slug, m, want)
		}
	}
}

// scOrgsAre checks how many organisations of slug are called name.
func scOrgsAre(slug, name string, want int) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		if n := f.orgsNamed(t, slug, name); n != want {
			t.Errorf("%s has %d organisations called %q, want %d", slug, n, name, want)
		}
	}
}

// scInvitedAre checks how many invitations of slug go to email, and how
// many mails it got.
func scInvitedAre(slug, email string, want int) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		n := 0
		for _, inv := range f.invitations(t, slug) {
			if inv.Email == email {
				n++
			}
		}
		if n != want || len(f.mail.to(email)) != want {
			t.Errorf("%s: %d invitations and %d mails to %s, want %d", slug, n, len(f.mail.to(email)), email, want)
		}
	}
}

// scInvitationIs checks the status of the invitation f.inv[key] of slug.
func scInvitationIs(slug, key, status string) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		for _, inv := range f.invitations(t, slug) {
			if inv.ID == f.inv[key] {
				if inv.Status != status {
					t.Errorf("invitation %s of %s is %s, want %s", key, slug, inv.Status, status)
				}
				return
			}
		}
		t.Errorf("%s has no invitation %s", slug, key)
	}
}

// scMembership checks whether who belongs to slug, with role if so.
func scMembership(slug, who, role string) scCheck {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		a, err := f.app.Collectives.Access(f.as(who), slug)
		switch {
		case role == "" && !errs.Is(err, errs.NotFound) && (err != nil || a.IsMember()):
			t.Errorf("%s should not be in %s: %v", who, slug, err)
		case role != "" && (err != nil || !a.Has(role)):
			t.Errorf("%s should be in %s as %s: %v %+v", who, slug, role, err, a)
		}
	}
}

// scWriteScenarios: who may change what in a collective.
func scWriteScenarios(f *scFixture) []scScenario {
	a, p := "/c/"+scA, "/c/"+scP
	extra, self := f.memberPath(scA, "extra"), f.memberPath(scA, "member")
	food, east, old := fmt.Sprint(f.org["Riverside Food Bank"]), fmt.Sprint(f.org["Eastbank Housing"]), f.orgPath(scA, "Old Partner")
	onlyStewards := "Only stewards of Riverside Coalition can do this."
	lastSteward := "A collective needs at least one steward; make someone else a steward first."
	open, decline := "/invite/"+f.tok["open"], "/invite/"+f.tok["decline"]
	settings := scForm{"name": {"Riverside Coalition"}, "purpose": {"Halve child food insecurity in Riverside by 2028."},
		"visibility": {"public"}, "min_group_size": {"7"}}
	org := scForm{"name": {"Northside Youth Project"}, "website": {"https://youth.example.org"}}
	invite := func(email string) scForm { return scForm{"email": {email}, "roles": {"member"}} }
	revoke := fmt.Sprintf("%s/invitations/%d/revoke", a, f.inv["revoke"])
	return []scScenario{
		{name: "Roles/Anonymous", who: "anonymous", method: "POST", path: extra + "/roles", form: scForm{"roles": {"steward"}},
			wantStatus: 401, wantContains: []string{"Please sign in"}, check: scRolesAre(scA, "extra", "member")},
		{name: "Roles/Outsider", who: "outsider", method: "POST", path: extra + "/roles", form: scForm{"roles": {"steward"}}, wantStatus: 404},
		{name: "Roles/Removed", who: "removed", method: "POST", path: extra + "/roles", form: scForm{"roles": {"steward"}}, wantStatus: 404},
		{name: "Roles/ObserverForbidden", who: "observer", method: "POST", path: extra + "/roles", form: scForm{"roles": {"steward"}},
			wantStatus: 403, wantContains: []string{onlyStewards}, check: scRolesAre(scA, "extra", "member")},
		{name: "Roles/MemberForbidden", who: "member", method: "POST", path: extra + "/roles", form: scForm{"roles": {"steward"}},
			wantStatus: 403, wantContains: []string{onlyStewards}, check: scRolesAre(scA, "extra", "member")},
		{name: "Roles/MemberCannotPromoteSelf", who: "member", method: "POST", path: self + "/roles", form: scForm{"roles": {"member", "steward"}},
			wantStatus: 403, check: scRolesAre(scA, "member", "member")},
		{name: "Roles/OK", who: "steward", method: "POST", path: extra + "/roles", form: scForm{"roles": {"member", "facilitator"}},
			wantStatus: 303, wantLocation: extra,
			check: scAll(scRolesAre(scA, "extra", "facilitator, member"), scThen(extra, 200, "Roles saved.", "facilitator, member"))},

		{name: "Affiliations/Anonymous", who: "anonymous", method: "POST", path: self + "/affiliations", form: scForm{"organisations": {east}}, wantStatus: 401},
		{name: "Affiliations/Outsider", who: "outsider", method: "POST", path: self + "/affiliations", form: scForm{"organisations": {east}}, wantStatus: 404},
		{name: "Affiliations/ObserverForbidden", who: "observer", method: "POST", path: f.memberPath(scA, "observer") + "/affiliations",
			form: scForm{"organisations": {food}}, wantStatus: 403, wantContains: []string{onlyStewards},
			check: scThenAs("steward", f.memberPath(scA, "observer"), 200, []string{"<dd>none</dd>"}, nil)},
		{name: "Affiliations/MemberForOthersForbidden", who: "member", method: "POST", path: extra + "/affiliations",
			form: scForm{"organisations": {food}}, wantStatus: 403, check: scThenAs("steward", extra, 200, []string{"<dd>none</dd>"}, nil)},
		{name: "Affiliations/MemberOwn", who: "member", method: "POST", path: self + "/affiliations", form: scForm{"organisations": {food, east}},
			wantStatus: 303, wantLocation: self, check: scThen(self, 200, "Organisations saved.", "Eastbank Housing")},
		{name: "Affiliations/StewardForOthers", who: "steward", method: "POST", path: extra + "/affiliations", form: scForm{"organisations": {east}},
			wantStatus: 303, wantLocation: extra, check: scThen(extra, 200, "<dd>Eastbank Housing</dd>")},

		{name: "Remove/Anonymous", who: "anonymous", method: "POST", path: extra + "/remove", wantStatus: 401},
		{name: "Remove/Outsider", who: "outsider", method: "POST", path: extra + "/remove", wantStatus: 404},
		{name: "Remove/MemberForbidden", who: "member", method: "POST", path: extra + "/remove", wantStatus: 403,
			wantContains: []string{onlyStewards}, check: scMembership(scA, "extra", "member")},
		{name: "Remove/ObserverForbidden", who: "observer", method: "POST", path: extra + "/remove", wantStatus: 403,
			check: scMembership(scA, "extra", "member")},
		{name: "Remove/ErrLastStewardSelf", who: "steward", method: "POST", path: f.memberPath(scA, "steward") + "/remove", wantStatus: 422,
			wantContains: []string{lastSteward}, check: scMembership(scA, "steward", "steward")},
		{name: "Remove/ErrOtherCollectivesMember", who: "steward", method: "POST", path: fmt.Sprintf("%s/members/%d/remove", a, f.mid[scB+"/bmember"]),
			wantStatus: 404, wantContains: []string{"That person is not a member of Riverside Coalition."}, check: scMembership(scB, "bmember", "member")},
		{name: "Remove/OK", who: "steward", method: "POST", path: extra + "/remove", wantStatus: 303, wantLocation: a + "/members",
			check: scAll(scMembership(scA, "extra", ""), scThenAs("", a+"/members", 200, []string{"The member was removed."}, []string{"Eli Extra"}),
				scThen(extra, 404))},

		{name: "Leave/Anonymous", who: "anonymous", method: "POST", path: a + "/leave", wantStatus: 401},
		{name: "Leave/Outsider", who: "outsider", method: "POST", path: a + "/leave", wantStatus: 404},
		{name: "Leave/RemovedIsGone", who: "removed", method: "POST", path: a + "/leave", wantStatus: 404},
		{name: "Leave/ErrNotAMemberOfPublic", who: "outsider", method: "POST", path: p + "/leave", wantStatus: 403,
			wantContains: []string{"You are not a member of Open Commons."}},
		{name: "Leave/ErrLastSteward", who: "steward", method: "POST", path: a + "/leave", wantStatus: 422,
			wantContains: []string{lastSteward}, check: scMembership(scA, "steward", "steward")},
		{name: "Leave/OK", who: "member", method: "POST", path: p + "/leave", wantStatus: 303, wantLocation: "/",
			check: scAll(scMembership(scP, "member", ""), scThen(p, 200, "You have left Open Commons.", "You are not a member."))},

		{name: "SaveSettings/Anonymous", who: "anonymous", method: "POST", path: a + "/settings", form: settings, wantStatus: 401},
		{name: "SaveSettings/Outsider", who: "outsider", method: "POST", path: a + "/settings", form: settings, wantStatus: 404},
		{name: "SaveSettings/Removed", who: "removed", method: "POST", path: a + "/settings", form: settings, wantStatus: 404},
		{name: "SaveSettings/MemberForbidden", who: "member", method: "POST", path: a + "/settings", form: settings, wantStatus: 403,
			wantContains: []string{onlyStewards}, check: scThenAs("outsider", a, 404, nil, nil)},
		{name: "SaveSettings/ObserverForbidden", who: "observer", method: "POST", path: a + "/settings", form: settings, wantStatus: 403,
			check: scThenAs("steward", a+"/settings", 200, []string{"The purpose of Riverside Coalition."}, nil)},
		{name: "SaveSettings/OK", who: "steward", method: "POST", path: a + "/settings",
			form:       scForm{"name": {"Riverside Coalition"}, "purpose": {"Halve child food insecurity by 2028."}, "visibility": {"private"}, "min_group_size": {"7"}},
			wantStatus: 303, wantLocation: a + "/settings",
			check: scThen(a+"/settings", 200, "Settings saved.", "Halve child food insecurity by 2028.", `value="7"`)},

		{name: "AddOrganisation/Anonymous", who: "anonymous", method: "POST", path: a + "/organisations", form: org, wantStatus: 401},
		{name: "AddOrganisation/Outsider", who: "outsider", method: "POST", path: a + "/organisations", form: org, wantStatus: 404},
		{name: "AddOrganisation/Removed", who: "removed", method: "POST", path: a + "/organisations", form: org, wantStatus: 404},
		{name: "AddOrganisation/ObserverForbidden", who: "observer", method: "POST", path: a + "/organisations", form: org, wantStatus: 403,
			wantContains: []string{onlyStewards}, check: scOrgsAre(scA, "Northside Youth Project", 0)},
		{name: "AddOrganisation/MemberForbidden", who: "member", method: "POST", path: a + "/organisations", form: org, wantStatus: 403,
			wantContains: []string{onlyStewards}, check: scOrgsAre(scA, "Northside Youth Project", 0)},
		{name: "AddOrganisation/OK", who: "steward", method: "POST", path: a + "/organisations", form: org, wantStatus: 303, wantLocation: a + "/organisations",
			check: scThen(a+"/organisations", 200, "Northside Youth Project was added.", `href="https://youth.example.org"`)},

		{name: "EditOrganisation/Anonymous", who: "anonymous", method: "POST", path: f.orgPath(scA, "Eastbank Housing"), form: org, wantStatus: 401},
		{name: "EditOrganisation/Outsider", who: "outsider", method: "POST", path: f.orgPath(scA, "Eastbank Housing"), form: org, wantStatus: 404},
		{name: "EditOrganisation/ObserverForbidden", who: "observer", method: "POST", path: f.orgPath(scA, "Eastbank Housing"),
			form: scForm{"name": {"Renamed"}}, wantStatus: 403, check: scOrgsAre(scA, "Renamed", 0)},
		{name: "EditOrganisation/MemberForbidden", who: "member", method: "POST", path: f.orgPath(scA, "Eastbank Housing"),
			form: scForm{"name": {"Renamed"}}, wantStatus: 403, wantContains: []string{onlyStewards}, check: scOrgsAre(scA, "Eastbank Housing", 1)},
		{name: "EditOrganisation/ErrOtherCollectivesOrganisation", who: "steward", method: "POST", path: f.orgPath(scA, "Hill Farm Co-op"),
			form: scForm{"name": {"Taken Over"}}, wantStatus: 404, wantContains: []string{"Riverside Coalition has no such organisation."},
			check: scAll(scOrgsAre(scB, "Hill Farm Co-op", 1), scOrgsAre(scB, "Taken Over", 0))},
		{name: "EditOrganisation/OK", who: "steward", method: "POST", path: f.orgPath(scA, "Eastbank Housing"),
			form:       scForm{"name": {"Eastbank Housing Association"}, "website": {"https://housing.example.org"}, "description": {"Owns 1,400 homes."}},
			wantStatus: 303, wantLocation: f.orgPath(scA, "Eastbank Housing"),
			check: scThen(f.orgPath(scA, "Eastbank Housing"), 200, "Organisation saved.", "<h1>Eastbank Housing Association</h1>", "Owns 1,400 homes.")},

		{name: "DeleteOrganisation/Anonymous", who: "anonymous", method: "POST", path: old + "/delete", wantStatus: 401},
		{name: "DeleteOrganisation/Outsider", who: "outsider", method: "POST", path: old + "/delete", wantStatus: 404},
		{name: "DeleteOrganisation/MemberForbidden", who: "member", method: "POST", path: old + "/delete", wantStatus: 403,
			check: scOrgsAre(scA, "Old Partner", 1)},
		{name: "DeleteOrganisation/ErrOtherCollectivesOrganisation", who: "steward", method: "POST", path: f.orgPath(scA, "Hill Farm Co-op") + "/delete",
			wantStatus: 404, check: scOrgsAre(scB, "Hill Farm Co-op", 1)},
		{name: "DeleteOrganisation/OK", who: "steward", method: "POST", path: old + "/delete", wantStatus: 303, wantLocation: a + "/organisations",
			check: scAll(scOrgsAre(scA, "Old Partner", 0), scThen(old, 404))},

		{name: "Invite/Anonymous", who: "anonymous", method: "POST", path: a + "/invitations", form: invite("x@example.net"), wantStatus: 401},
		{name: "Invite/Outsider", who: "outsider", method: "POST", path: a + "/invitations", form: invite("x@example.net"), wantStatus: 404},
		{name: "Invite/Removed", who: "removed", method: "POST", path: a + "/invitations", form: invite("x@example.net"), wantStatus: 404,
			check: scInvitedAre(scA, "x@example.net", 0)},
		{name: "Invite/ObserverForbidden", who: "observer", method: "POST", path: a + "/invitations", form: invite("x@example.net"),
			wantStatus: 403, wantContains: []string{onlyStewards}, check: scInvitedAre(scA, "x@example.net", 0)},
		{name: "Invite/MemberForbidden", who: "member", method: "POST", path: a + "/invitations", form: invite("x@example.net"),
			wantStatus: 403, wantContains: []string{onlyStewards}, check: scInvitedAre(scA, "x@example.net", 0)},
		{name: "Invite/OK", who: "steward", method: "POST", path: a + "/invitations",
			form: scForm{"email": {" New.Partner@Example.org "}, "roles": {"member", "host"}}, wantStatus: 201,
			wantContains: []string{"Invitation made and sent to new.partner@example.org", "http://cg.test/invite/"},
			check:        scInvitedAre(scA, "new.partner@example.org", 1)},

		{name: "Revoke/Anonymous", who: "anonymous", method: "POST", path: revoke, wantStatus: 401},
		{name: "Revoke/Outsider", who: "outsider", method: "POST", path: revoke, wantStatus: 404},
		{name: "Revoke/MemberForbidden", who: "member", method: "POST", path: revoke, wantStatus: 403, wantContains: []string{onlyStewards},
			check: scInvitationIs(scA, "revoke", "open")},
		{name: "Revoke/ErrOtherCollectivesInvitation", who: "steward", method: "POST", path: fmt.Sprintf("%s/invitations/%d/revoke", a, f.inv["hillside"]),
			wantStatus: 404, wantContains: []string{"There is no open invitation with that number."},
			check: scInvitationIs(scB, "hillside", "open")},
		{name: "Revoke/OK", who: "steward", method: "POST", path: revoke, wantStatus: 303, wantLocation: a + "/invitations",
			check: scThen(a+"/invitations", 200, "The invitation was withdrawn; its link no longer works.", "revoked")},
		{name: "Revoke/ErrAgain", who: "steward", method: "POST", path: revoke, wantStatus: 404,
			wantContains: []string{"There is no open invitation with that number."}},

		{name: "Accept/AnonymousSignsInFirst", who: "anonymous", method: "POST", path: open + "/accept",
			wantStatus: 303, wantLocation: "/signin?next=" + url.QueryEscape(open), check: scThen(open, 200, "invites you to join")},
		{name: "Accept/ErrExpired", who: "outsider", method: "POST", path: "/invite/" + f.tok["expired"] + "/accept", wantStatus: 410,
			wantContains: []string{"This invitation expired on"}, check: scMembership(scA, "outsider", "")},
		{name: "Accept/ErrUnknown", who: "outsider", method: "POST", path: "/invite/made-up/accept", wantStatus: 404,
			wantContains: []string{"This invitation link is not valid."}},
		{name: "Accept/OK", who: "invitee", method: "POST", path: open + "/accept", wantStatus: 303, wantLocation: a,
			check: scAll(scMembership(scA, "invitee", "member"), scThen(a, 200, "Welcome! You are now a member.", "Your membership"))},
		{name: "Accept/ErrReused", who: "invitee", method: "POST", path: open + "/accept", wantStatus: 410,
			wantContains: []string{"This invitation has been used already. Ask a steward for a new one."}},
		{name: "Accept/ErrReusedByAnother", who: "outsider", method: "POST", path: open + "/accept", wantStatus: 410,
			wantContains: []string{"has been used already"}, check: scAll(scMembership(scA, "outsider", ""), scThen(a, 404))},

		{name: "Decline/OK", who: "anonymous", method: "POST", path: decline + "/decline", wantStatus: 303, wantLocation: "/",
			check: scThen(decline, 410, "This invitation was declined.")},
		{name: "Decline/ErrAgain", who: "outsider", method: "POST", path: decline + "/decline", wantStatus: 410,
			wantContains: []string{"This invitation was declined."}},
		{name: "Decline/ErrUnknown", who: "anonymous", method: "POST", path: "/invite/made-up/decline", wantStatus: 404},
	}
}
