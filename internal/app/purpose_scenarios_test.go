package app_test

import (
	"fmt"
	"testing"
)

func init() { scMoreScenarios = append(scMoreScenarios, pcScenarios) }

// pcThen adapts a check through the services to a page scenario's check.
func pcThen(checks ...func(*testing.T, *scFixture)) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		for _, c := range checks {
			c(t, f)
		}
	}
}

// pcScenarios: the purpose pages and forms as stewards, members,
// observers, outsiders and visitors, on the charter pcSeed wrote.
func pcScenarios(f *scFixture) []scScenario {
	pcSeed(f)
	p := "/c/" + scA + "/purpose"
	mine := fmt.Sprintf("%s/members/%d", p, f.mid[scA+"/member"])
	stewards := fmt.Sprintf("%s/members/%d", p, f.mid[scA+"/steward"])
	observers := fmt.Sprintf("%s/members/%d", p, f.mid[scA+"/observer"])
	bank := fmt.Sprintf("%s/organisations/%d", p, f.org["Riverside Food Bank"])
	hillFarm := fmt.Sprintf("%s/organisations/%d", p, f.org["Hill Farm Co-op"])
	charterForm := func(base, purposeText string) scForm {
		return scForm{"base": {base}, "purpose": {purposeText}, "ambition": {pcAmbition}, "ambition_by": {pcBy},
			"value_proposition": {pcValue}, "note": {"A scenario"}}
	}
	return []scScenario{
		// The purpose page.
		{name: "Purpose/AnonymousPrivate", who: "anonymous", method: "GET", path: p, wantStatus: 303, wantLocation: scSignIn(p)},
		{name: "Purpose/Outsider", who: "outsider", method: "GET", path: p, wantStatus: 404, wantNotContains: []string{pcPurpose2}},
		{name: "Purpose/Member", who: "member", method: "GET", path: p, wantStatus: 200,
			wantContains: []string{"<h1>Purpose</h1>", pcPurpose2, pcAmbition, `datetime="2035-12-31"`, pcValue, "Version 2, saved by Sam Steward",
				`action="/c/riverside/purpose/endorse"`, `name="version" value="2"`, "Endorse version 2", "Sam Steward, version 1",
				"Ola Observer (observer)", "What changed in version 2", "Write your own value proposition",
				"Write Riverside Food Bank’s value proposition", pcGain, pcBring, "Friends across the river.",
				`<a href="/c/riverside/purpose" aria-current="page">Purpose</a>`},
			wantNotContains: []string{"Edit the charter", "Withdraw my endorsement"}},
		{name: "Purpose/ObserverReadsOnly", who: "observer", method: "GET", path: p, wantStatus: 200,
			wantContains: []string{pcPurpose2, "Ola Observer (observer)"}, wantNotContains: []string{"Endorse version 2</button>", "Write your own"}},
		{name: "Purpose/StewardMayEdit", who: "steward", method: "GET", path: p, wantStatus: 200,
			wantContains: []string{`href="/c/riverside/purpose/charter/edit"`, "Edit the charter"}},
		{name: "Purpose/PublicWithoutCharter", who: "anonymous", method: "GET", path: "/c/" + scP + "/purpose", wantStatus: 200,
			wantContains:    []string{"Open Commons has not written its charter yet", "No member has written one yet."},
			wantNotContains: []string{"Write the charter", "Endorse"}},

		// The edit form, and saving it.
		{name: "CharterEdit/Steward", who: "steward", method: "GET", path: p + "/charter/edit", wantStatus: 200,
			wantContains: []string{"<h1>Edit the charter</h1>", `name="base" value="2"`, pcPurpose2, `value="2035-12-31"`, `type="date"`}},
		{name: "CharterEdit/MemberForbidden", who: "member", method: "GET", path: p + "/charter/edit", wantStatus: 403,
			wantContains: []string{"Only stewards of Riverside Coalition can do this."}},
		{name: "CharterEdit/Anonymous", who: "anonymous", method: "GET", path: p + "/charter/edit", wantStatus: 303,
			wantLocation: scSignIn(p + "/charter/edit")},
		{name: "CharterSave/MemberForbidden", who: "member", method: "POST", path: p + "/charter", form: charterForm("2", "A member's purpose"),
			wantStatus: 403, wantContains: []string{"Only stewards of Riverside Coalition can do this."}, check: pcThen(pcCharterVersion(2))},
		{name: "CharterSave/ObserverForbidden", who: "observer", method: "POST", path: p + "/charter", form: charterForm("2", "An observer's purpose"),
			wantStatus: 403, check: pcThen(pcCharterVersion(2))},
		{name: "CharterSave/OutsiderNotFound", who: "outsider", method: "POST", path: p + "/charter", form: charterForm("2", "x"),
			wantStatus: 404, check: pcThen(pcCharterVersion(2))},
		{name: "CharterSave/ErrNoPurpose", who: "steward", method: "POST", path: p + "/charter", form: charterForm("2", "  "),
			wantStatus: 422, wantContains: []string{"Write the purpose statement: what the collective exists to change.", `id="purpose-error"`,
				`aria-invalid="true"`, pcAmbition}, check: pcThen(pcCharterVersion(2))},
		{name: "CharterSave/ErrPastDate", who: "steward", method: "POST", path: p + "/charter",
			form: scForm{"base": {"2"}, "purpose": {pcPurpose2}, "ambition": {pcAmbition}, "ambition_by": {"2001-01-01"}}, wantStatus: 422,
			wantContains: []string{"The ambition&#39;s date 2001-01-01 has passed"}, check: pcThen(pcCharterVersion(2))},
		{name: "CharterSave/ErrBase", who: "steward", method: "POST", path: p + "/charter", form: charterForm("two", pcPurpose2+" x"),
			wantStatus: 422, wantContains: []string{"The form&#39;s version is not a number"}, check: pcThen(pcCharterVersion(2))},
		// Someone saved version 2 after this steward opened version 1: the
		// text typed is kept in the form, beside version 2 and the diff.
		{name: "CharterSave/ConflictKeepsYourText", who: "steward", method: "POST", path: p + "/charter",
			form: charterForm("1", "Feed every child in Riverside, and their parents."), wantStatus: 409,
			wantContains: []string{"Someone saved first", "Sam Steward saved version 2 of the charter after you started from version 1.",
				">Feed every child in Riverside, and their parents.</textarea>", `name="base" value="2"`, "Version 2 says:",
				"<blockquote>" + pcPurpose2 + "</blockquote>", "<del>", "<ins>", "[removed: ", "[added: "},
			wantNotContains: []string{"<h3>Ambition</h3>"}, check: pcThen(pcCharterVersion(2))},
		{name: "CharterSave/Steward", who: "steward", method: "POST", path: p + "/charter", form: charterForm("2", pcPurpose2+" Together."),
			wantStatus: 303, wantLocation: p,
			check: scAll(pcThen(pcCharterVersion(3)), scThen(p, 200, "Version 3 of the charter is saved.", "Together.", "Endorse version 3"))},
		{name: "CharterSave/SameTextTwice", who: "steward", method: "POST", path: p + "/charter", form: charterForm("2", pcPurpose2+" Together."),
			wantStatus: 303, wantLocation: p, check: pcThen(pcCharterVersion(3))},

		// History, versions and diffs.
		{name: "CharterVersions/Member", who: "member", method: "GET", path: p + "/charter/versions", wantStatus: 200,
			wantContains: []string{"<h1>Charter history</h1>", `href="/c/riverside/purpose/charter/versions/3"`, "First draft", "Every day",
				"Changes from version 2", "The first version", `action="/c/riverside/purpose/charter/diff"`}},
		{name: "CharterVersions/Outsider", who: "outsider", method: "GET", path: p + "/charter/versions", wantStatus: 404},
		{name: "CharterVersion/Old", who: "member", method: "GET", path: p + "/charter/versions/1", wantStatus: 200,
			wantContains: []string{"Charter, version 1", pcPurpose1, "This is not the current version of the charter",
				"/c/riverside/purpose/charter/diff?from=1&amp;to=3"}, wantNotContains: []string{pcPurpose2}},
		{name: "CharterVersion/Missing", who: "member", method: "GET", path: p + "/charter/versions/99", wantStatus: 404,
			wantContains: []string{"The charter of Riverside Coalition has no version 99."}},
		{name: "CharterVersion/NotANumber", who: "member", method: "GET", path: p + "/charter/versions/first", wantStatus: 404},
		{name: "CharterDiff/LastChange", who: "member", method: "GET", path: p + "/charter/diff", wantStatus: 200,
			wantContains: []string{"Changes to the charter", "version 2</a>", "version 3</a>", `<ins><span class="visually-hidden">[added: </span> Together.`,
				"Unchanged: " + pcAmbition}},
		{name: "CharterDiff/FirstVersionWhole", who: "member", method: "GET", path: p + "/charter/diff?from=0&to=1", wantStatus: 200,
			wantContains:    []string{"nothing (the first version in full)", "<ins><span class=\"visually-hidden\">[added: </span>Feed every child in Riverside."},
			wantNotContains: []string{"<del>"}},
		{name: "CharterDiff/EitherOrder", who: "member", method: "GET", path: p + "/charter/diff?from=2&to=1", wantStatus: 200,
			wantContains: []string{`Riverside<ins><span class="visually-hidden">[added: </span>, every day of the year<span class="visually-hidden">]</span></ins>.`}},
		{name: "CharterDiff/ErrNotANumber", who: "member", method: "GET", path: p + "/charter/diff?from=one", wantStatus: 422,
			wantContains: []string{"Choose a version number to compare."}},
		{name: "CharterDiff/ErrMissing", who: "member", method: "GET", path: p + "/charter/diff?from=1&to=42", wantStatus: 404},

		// Endorsing and withdrawing.
		{name: "Endorse/ErrStale", who: "member", method: "POST", path: p + "/endorse", form: scForm{"version": {"2"}}, wantStatus: 409,
			wantContains: []string{"The charter is at version 3 now, not 2; read version 3 before you endorse it."}, check: pcThen(pcRoll("member", 0))},
		{name: "Endorse/ErrNoVersion", who: "member", method: "POST", path: p + "/endorse", wantStatus: 422,
			wantContains: []string{"Say which version of the charter you endorse."}, check: pcThen(pcRoll("member", 0))},
		{name: "Endorse/ObserverForbidden", who: "observer", method: "POST", path: p + "/endorse", form: scForm{"version": {"3"}}, wantStatus: 403,
			wantContains: []string{"Observers can read but not change anything."}, check: pcThen(pcRoll("observer", 0))},
		{name: "Endorse/Outsider", who: "outsider", method: "POST", path: p + "/endorse", form: scForm{"version": {"3"}}, wantStatus: 404},
		{name: "Endorse/Member", who: "member", method: "POST", path: p + "/endorse", form: scForm{"version": {"3"}}, wantStatus: 303,
			wantLocation: p + "#endorsements",
			check: scAll(pcThen(pcRoll("member", 3)), scThen(p, 200, "You endorse version 3 of the charter.", "Withdraw my endorsement",
				"Endorse version 3 (1)", "Mo Member"))},
		{name: "Withdraw/OutsiderNotFound", who: "outsider", method: "POST", path: p + "/endorse/withdraw", wantStatus: 404,
			check: pcThen(pcRoll("member", 3))},
		{name: "Withdraw/Member", who: "member", method: "POST", path: p + "/endorse/withdraw", wantStatus: 303, wantLocation: p + "#endorsements",
			check: scAll(pcThen(pcRoll("member", 0)), scThen(p, 200, "Your endorsement is withdrawn.", "Endorse version 3 (0)"))},

		// A member's own value proposition.
		{name: "ValueMember/Own", who: "member", method: "GET", path: mine, wantStatus: 200,
			wantContains: []string{"Value proposition of Mo Member", "Friends across the river.", `name="base" value="1"`,
				`action="` + mine + `"`, "The first version"}},
		{name: "ValueMember/StewardReadsNoForm", who: "steward", method: "GET", path: mine, wantStatus: 200,
			wantContains: []string{"Saturday mornings."}, wantNotContains: []string{`name="gain"`}},
		{name: "ValueMember/NoneYet", who: "steward", method: "GET", path: stewards, wantStatus: 200,
			wantContains: []string{"You have not written a value proposition yet.", "Write it", `name="base" value="0"`}},
		{name: "ValueMember/Outsider", who: "outsider", method: "GET", path: mine, wantStatus: 404},
		{name: "ValueMember/NotAMember", who: "member", method: "GET", path: p + "/members/999999", wantStatus: 404,
			wantContains: []string{"That person is not a member of Riverside Coalition."}},
		{name: "ValueMember/StewardMayNotWriteForThem", who: "steward", method: "POST", path: mine,
			form: scForm{"base": {"1"}, "gain": {"Words put in Mo's mouth"}}, wantStatus: 403,
			wantContains: []string{"Only Mo Member can change their own value proposition."}, check: pcThen(pcValueVersion(pcMemberOwner("member"), 1))},
		{name: "ValueMember/ObserverForbidden", who: "observer", method: "POST", path: observers,
			form: scForm{"base": {"0"}, "gain": {"Reading"}}, wantStatus: 403,
			wantContains: []string{"Observers can read but not change anything."}, check: pcThen(pcValueVersion(pcMemberOwner("observer"), 0))},
		{name: "ValueMember/ErrEmpty", who: "member", method: "POST", path: mine, form: scForm{"base": {"1"}}, wantStatus: 422,
			wantContains: []string{"Say what you gain from the collective, what you bring to it, or both."},
			check:        pcThen(pcValueVersion(pcMemberOwner("member"), 1))},
		{name: "ValueMember/Save", who: "member", method: "POST", path: mine,
			form:       scForm{"base": {"1"}, "gain": {"Friends on both banks of the river."}, "bring": {"Saturday mornings."}, "note": {"Both banks"}},
			wantStatus: 303, wantLocation: mine,
			check: scAll(pcThen(pcValueVersion(pcMemberOwner("member"), 2)), scThen(mine, 200, "Version 2 of the value proposition is saved.", "Both banks"))},
		{name: "ValueMember/ConflictKeepsYourText", who: "member", method: "POST", path: mine,
			form: scForm{"base": {"1"}, "gain": {"Friends, written in another tab."}, "bring": {"Saturday mornings."}}, wantStatus: 409,
			wantContains: []string{"Someone saved first", ">Friends, written in another tab.</textarea>", `name="base" value="2"`,
				"<blockquote>Friends on both banks of the river.</blockquote>"},
			check: pcThen(pcValueVersion(pcMemberOwner("member"), 2))},
		{name: "ValueMember/Version", who: "steward", method: "GET", path: mine + "/versions/1", wantStatus: 200,
			wantContains: []string{"Value proposition of Mo Member, version 1", "Friends across the river.", "This is not the current version"}},
		{name: "ValueMember/VersionMissing", who: "steward", method: "GET", path: mine + "/versions/5", wantStatus: 404,
			wantContains: []string{"The value proposition of Mo Member has no version 5."}},
		{name: "ValueMember/Diff", who: "observer", method: "GET", path: mine + "/diff", wantStatus: 200,
			wantContains: []string{"Changes to the value proposition of Mo Member", "[removed: ", "[added: ", "both banks of"}},
		{name: "ValueMember/DiffNoneYet", who: "steward", method: "GET", path: stewards + "/diff", wantStatus: 200,
			wantContains: []string{"There is no version of the value proposition of Sam Steward to compare yet."}},

		// An organisation's value proposition.
		{name: "ValueOrg/AffiliatedMemberHasForm", who: "member", method: "GET", path: bank, wantStatus: 200,
			wantContains: []string{"Value proposition of Riverside Food Bank", pcGain, pcBring, `name="gain"`}},
		{name: "ValueOrg/OtherMemberReadsOnly", who: "invitee", method: "GET", path: bank, wantStatus: 200,
			wantContains: []string{pcGain}, wantNotContains: []string{`name="gain"`}},
		{name: "ValueOrg/OtherMemberForbidden", who: "invitee", method: "POST", path: bank, form: scForm{"base": {"1"}, "gain": {"Nothing"}},
			wantStatus: 403, wantContains: []string{"Only people with Riverside Food Bank, or a steward, can change its value proposition."},
			check: pcThen(pcValueVersion(pcOrgOwner("Riverside Food Bank"), 1))},
		{name: "ValueOrg/StewardSaves", who: "steward", method: "POST", path: bank,
			form: scForm{"base": {"1"}, "gain": {pcGain + " And the council's grant."}, "bring": {pcBring}}, wantStatus: 303, wantLocation: bank,
			check: pcThen(pcValueVersion(pcOrgOwner("Riverside Food Bank"), 2))},
		{name: "ValueOrg/OtherCollectivesOrganisation", who: "steward", method: "GET", path: hillFarm, wantStatus: 404,
			wantContains: []string{"Riverside Coalition has no such organisation."}},
		{name: "ValueOrg/Version", who: "member", method: "GET", path: bank + "/versions/2", wantStatus: 200,
			wantContains: []string{"This is the current version.", "council&#39;s grant"}},
		{name: "ValueOrg/Diff", who: "member", method: "GET", path: bank + "/diff?from=1&to=2", wantStatus: 200,
			wantContains: []string{"[added: ", "grant."}},
		{name: "ValueOrg/AnonymousPrivate", who: "anonymous", method: "GET", path: bank, wantStatus: 303, wantLocation: scSignIn(bank)},
	}
}
