package app_test

import (
	"fmt"
	"strings"
	"testing"
)

// maCurveScenarios: the "turn the curve" notes of Meals served (which the
// Riverside Food Bank, Mo Member's organisation, contributes to) read by
// anyone in the collective, saved by its member and the steward, and a
// stale save refused with both texts.
func maCurveScenarios(f *apiFixture, ids maIDs) []apiScenario {
	path := maPath(ids.indicator, "/curve-notes")
	bank := f.org["Riverside Food Bank"]
	body := func(base int, story, extra string) string {
		return fmt.Sprintf(`{"base": %d, "story": %q, "partners": "", "what_works": "", "proposal": ""%s}`, base, story, extra)
	}
	return []apiScenario{
		{name: "MeasureCurve/NoneYet", who: "observer", method: "GET", path: path, wantStatus: 200,
			want: map[string]any{"version": 0, "story": "", "partner_organisations.#": 0, "saved_at": nil, "author_name": nil}},
		{name: "MeasureCurve/ErrAnonymous", who: "none", method: "GET", path: path, wantStatus: 401},
		{name: "MeasureCurve/ErrOutsider", who: "outsider", method: "GET", path: path, wantStatus: 404},
		{name: "MeasureCurve/ErrMissingIndicator", who: "steward", method: "GET", path: maPath(999999, "/curve-notes"), wantStatus: 404},
		{name: "MeasureCurvePut/ErrObserver", who: "observer", method: "PUT", path: path, body: body(0, "x", ""), wantStatus: 403,
			check: maCurveVersions(0)},
		{name: "MeasureCurvePut/ErrReadToken", who: "member-read", method: "PUT", path: path, body: body(0, "x", ""), wantStatus: 403,
			check: maCurveVersions(0)},
		{name: "MeasureCurvePut/ErrNoBase", who: "member", method: "PUT", path: path, body: `{"story": "x"}`, wantStatus: 422,
			want: map[string]any{"field": "base"}, check: maCurveVersions(0)},
		{name: "MeasureCurvePut/ErrTooLong", who: "member", method: "PUT", path: path, body: body(0, strings.Repeat("a", 4001), ""),
			wantStatus: 422, want: map[string]any{"field": "story"}, check: maCurveVersions(0)},
		{name: "MeasureCurvePut/ErrUnknownOrganisation", who: "member", method: "PUT", path: path,
			body: body(0, "x", `, "partner_organisations": [999999]`), wantStatus: 422, want: map[string]any{"field": "partner_organisations"},
			check: maCurveVersions(0)},
		{name: "MeasureCurvePut/Member", who: "member", method: "PUT", path: path,
			body: body(0, "Demand rose when the plant closed.", fmt.Sprintf(`, "partner_organisations": [%d]`, bank)), wantStatus: 200,
			want: map[string]any{"version": 1, "story": "Demand rose when the plant closed.", "partner_organisations.0": bank,
				"author_name": "Mo Member", "author_id": f.user["member"].ID}, check: maCurveVersions(1)},
		{name: "MeasureCurvePut/Steward", who: "steward", method: "PUT", path: path,
			body: body(1, "Demand rose when the plant closed.", `, "proposal": "Open on Saturdays."`), wantStatus: 200,
			want:  map[string]any{"version": 2, "proposal": "Open on Saturdays.", "partner_organisations.#": 0, "author_name": "Sam Steward"},
			check: maCurveVersions(2)},
		{name: "MeasureCurvePut/ErrStale", who: "member", method: "PUT", path: path, body: body(1, "My own story.", ""), wantStatus: 409,
			want: map[string]any{"code": "conflict", "base": 1, "current.version": 2, "current.proposal": "Open on Saturdays.",
				"yours.story": "My own story.", "yours.version": 0}, check: maCurveVersions(2)},
		{name: "MeasureCurvePut/SameTextNoVersion", who: "member", method: "PUT", path: path,
			body: body(1, "Demand rose when the plant closed.", `, "proposal": "Open on Saturdays."`), wantStatus: 200,
			want: map[string]any{"version": 2}, check: maCurveVersions(2)},
		{name: "MeasureCurve/AfterSaves", who: "observer", method: "GET", path: path, wantStatus: 200,
			want: map[string]any{"version": 2, "story": "Demand rose when the plant closed.", "author_name": "Sam Steward"}},
	}
}

// maCurveVersions fails unless collective A's notes have n versions in all,
// with one activity entry for each.
func maCurveVersions(n int) func(*testing.T, *apiFixture, apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var versions, entries int
		if err := f.app.DB.Get(t.Context(), &versions, `SELECT count(*) FROM measure_curve_note_versions v
			JOIN measure_indicators i ON i.id = v.indicator_id JOIN collectives c ON c.id = i.collective_id WHERE c.slug = ?`, scA); err != nil {
			t.Fatal(err)
		}
		if err := f.app.DB.Get(t.Context(), &entries, `SELECT count(*) FROM activity a JOIN collectives c ON c.id = a.collective_id
			WHERE c.slug = ? AND a.verb = 'indicator.curve_notes_edited'`, scA); err != nil {
			t.Fatal(err)
		}
		if versions != n || entries != n {
			t.Fatalf("%d versions and %d activity entries, want %d of each", versions, entries, n)
		}
	}
}
