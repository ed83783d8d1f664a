package app_test

import (
	"fmt"
	"strings"
)

// mpCurveScenarios: the "turn the curve" section of Breakfasts served (only
// the Riverside Food Bank, Mo Member's organisation, contributes), its form
// as a member, a steward and an observer, a stale save that keeps the
// member's text beside the current one, and the history.
func mpCurveScenarios(f *scFixture, ids mpIDs) []scScenario {
	c := "/c/" + scA
	ind := fmt.Sprintf("%s/indicators/%d", c, ids.ind)
	form := ind + "/curve-notes"
	history := form + "/history"
	bank := fmt.Sprint(f.org["Riverside Food Bank"])
	const observersRead = "Observers can read but not change anything."
	notes := func(base, story, proposal string, orgs ...string) scForm {
		return scForm{"base": {base}, "story": {story}, "partners": {"The schools and the council."}, "what_works": {""},
			"proposal": {proposal}, "partner_organisations": orgs}
	}
	return []scScenario{
		{name: "Curve/IndicatorPageNoneYet", who: "member", method: "GET", path: ind, wantStatus: 200,
			wantContains:    []string{`<h2 id="curve-notes-heading">Turn the curve</h2>`, "No notes have been written yet", `href="` + form + `">Write the notes</a>`},
			wantNotContains: []string{"History of the notes"}},
		{name: "Curve/IndicatorPageObserverReads", who: "observer", method: "GET", path: ind, wantStatus: 200,
			wantContains: []string{"Turn the curve"}, wantNotContains: []string{"Write the notes"}},
		{name: "CurveForm/AnonymousPrivate", who: "anonymous", method: "GET", path: form, wantStatus: 303, wantLocation: scSignIn(form)},
		{name: "CurveForm/ObserverForbidden", who: "observer", method: "GET", path: form, wantStatus: 403, wantContains: []string{observersRead}},
		{name: "CurveForm/Outsider", who: "outsider", method: "GET", path: form, wantStatus: 404},
		{name: "CurveForm/Member", who: "member", method: "GET", path: form, wantStatus: 200,
			wantContains: []string{"<h1>Turn the curve: Breakfasts served</h1>", `name="base" value="0"`, `<label for="story">The story behind the curve</label>`,
				`maxlength="4000"`, `id="partner-` + bank + `"`, "Partner organisations of the collective"}},
		{name: "CurveSave/ObserverForbidden", who: "observer", method: "POST", path: form, form: notes("0", "x", ""), wantStatus: 403},
		{name: "CurveSave/ErrTooLong", who: "member", method: "POST", path: form, form: notes("0", strings.Repeat("a", 4001), "Keep this proposal."),
			wantStatus: 422, wantContains: []string{"Keep it to 4000 characters or fewer.", "Keep this proposal.</textarea>", `aria-invalid="true"`}},
		{name: "CurveSave/Member", who: "member", method: "POST", path: form,
			form: notes("0", "Demand rose when the plant closed.\n\nSchools noticed first.", "", bank), wantStatus: 303,
			wantLocation: ind + "#curve-notes-heading",
			check: scThen(ind, 200, "Version 1 of the notes is saved.", "<p class=\"note-text\">Demand rose when the plant closed.</p>",
				"<p class=\"note-text\">Schools noticed first.</p>", "<li>Riverside Food Bank</li>", "Version 1, saved by Mo Member", "Edit the notes", "History of the notes")},
		{name: "CurveSave/Steward", who: "steward", method: "POST", path: form,
			form: notes("1", "Demand rose when the plant closed.", "Open the clubs on Saturdays."), wantStatus: 303, wantLocation: ind + "#curve-notes-heading",
			check: scThen(ind, 200, "Version 2 of the notes is saved.", "Open the clubs on Saturdays.")},
		{name: "CurveSave/ErrStaleKeepsText", who: "member", method: "POST", path: form, form: notes("1", "My own story, typed meanwhile.", ""),
			wantStatus: 409,
			wantContains: []string{"Someone saved first", "Sam Steward saved version 2 of the notes after you started from version 1.",
				"My own story, typed meanwhile.</textarea>", `name="base" value="2"`, "Open the clubs on Saturdays."}},
		{name: "CurveSave/SameTextNoVersion", who: "steward", method: "POST", path: form,
			form: notes("2", "Demand rose when the plant closed.", "Open the clubs on Saturdays."), wantStatus: 303, wantLocation: ind + "#curve-notes-heading",
			check: scThen(ind, 200, "Nothing changed, so no new version was made.")},
		{name: "CurveHistory/Observer", who: "observer", method: "GET", path: history, wantStatus: 200,
			wantContains: []string{"<h1>History of the notes on Breakfasts served</h1>", `<h2 id="version-2">Version 2</h2>`, `<h2 id="version-1">Version 1</h2>`,
				"Version 1, saved by Mo Member", "Version 2, saved by Sam Steward", "Schools noticed first."}},
		{name: "CurveHistory/AnonymousPrivate", who: "anonymous", method: "GET", path: history, wantStatus: 303, wantLocation: scSignIn(history)},
		{name: "CurveHistory/Missing", who: "member", method: "GET", path: c + "/indicators/999999/curve-notes/history", wantStatus: 404},
	}
}
