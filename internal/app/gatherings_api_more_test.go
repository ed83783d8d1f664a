package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// gaMoreScenarios: what the live view and the report page offer, through
// the API: taking a check-in and an outcome back, the minutes, closing the
// report. They run after gaScenarios and build on what those left:
// gathering 2 ("Live now", occurrence 2, made by the steward) has Mo
// checked in and Mo's outcome 1; gathering 1 is cancelled; occurrence 4 of
// the series is cancelled. They add the steward's outcome 2, and make
// gathering 4 ("Earlier today", ended two hours ago, occurrence 6) for the
// report.
func gaMoreScenarios(f *apiFixture) []apiScenario {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	now := f.app.DB.Now().In(berlin)
	local := func(t time.Time) string { return t.Format("2006-01-02T15:04") }
	c := "/api/v1/collectives/" + scA + "/gatherings"
	o := func(gid, oid int64) string { return fmt.Sprintf("%s/%d/occurrences/%d", c, gid, oid) }
	mo, steward := f.mid[scA+"/member"], f.mid[scA+"/steward"]
	undo := func(gid, oid, member int64) string { return fmt.Sprintf("%s/checkin/%d", o(gid, oid), member) }
	outcome := func(gid, oid, id int64) string { return fmt.Sprintf("%s/outcomes/%d", o(gid, oid), id) }
	attended := func(n int) func(t *testing.T, f *apiFixture, _ apiAnswer) {
		return caAll(dcCount(n, "SELECT count(*) FROM gathering_attendance WHERE occurrence_id = 2"),
			dcCount(n, "SELECT attended FROM gathering_occurrences WHERE id = 2"))
	}
	outcomes := func(n int) func(t *testing.T, f *apiFixture, _ apiAnswer) {
		return dcCount(n, "SELECT count(*) FROM gathering_outcomes")
	}
	minutes := func(want string) func(t *testing.T, f *apiFixture, _ apiAnswer) {
		return dcCount(1, "SELECT count(*) FROM gathering_occurrences WHERE id = 2 AND minutes = ?", want)
	}
	closed := func(n int) func(t *testing.T, f *apiFixture, _ apiAnswer) {
		return dcCount(n, "SELECT count(*) FROM gathering_occurrences WHERE closed_at IS NOT NULL")
	}
	saved := "We agreed: Ana leads the spring campaign.\n\nThe library’s hall is free on Saturdays."
	put := func(s string) string { return fmt.Sprintf(`{"minutes": %q}`, s) }
	liveEnd := now.Add(60 * time.Minute)
	earlier := now.Add(-3 * time.Hour)
	plan := fmt.Sprintf(`{"title": "Earlier today", "intention": "Sort the donations.", "format": "online",
		"link": "https://meet.example.org/sort", "time_zone": "Europe/Berlin", "start": %q, "end": %q, "invite_members": [%d]}`,
		local(earlier), local(earlier.Add(time.Hour)), mo)
	ended := earlier.Truncate(time.Minute)
	return []apiScenario{
		{name: "Gatherings/ErrUndoCheckInObserver", who: "observer", method: "DELETE", path: undo(2, 2, mo), wantStatus: 403,
			check: attended(1)},
		{name: "Gatherings/ErrUndoCheckInByMember", who: "member", method: "DELETE", path: undo(2, 2, mo), wantStatus: 403,
			check: attended(1)},
		{name: "Gatherings/ErrUndoCheckInReadToken", who: "steward-read", method: "DELETE", path: undo(2, 2, mo), wantStatus: 403},
		{name: "Gatherings/ErrUndoCheckInOutsider", who: "outsider", method: "DELETE", path: undo(2, 2, mo), wantStatus: 404},
		{name: "Gatherings/ErrUndoCheckInAnonymous", who: "none", method: "DELETE", path: undo(2, 2, mo), wantStatus: 401},
		{name: "Gatherings/ErrUndoCheckInOtherGathering", who: "steward", method: "DELETE", path: undo(1, 2, mo), wantStatus: 404,
			want: map[string]any{"detail": "There is no such date of this gathering."}, check: attended(1)},
		{name: "Gatherings/ErrUndoCheckInAbsent", who: "steward", method: "DELETE", path: undo(2, 2, steward), wantStatus: 404,
			want: map[string]any{"detail": "That person is not checked in at “Live now”."}, check: attended(1)},
		{name: "Gatherings/ErrUndoCheckInNotOpen", who: "steward", method: "DELETE", path: undo(3, 3, mo), wantStatus: 409,
			want: map[string]any{"detail": "Check-in for “Weekly round” opens an hour before it starts, on " +
				now.Add(71*time.Hour).Format("Monday 2 January 2006 at 15:04") + "."}},
		{name: "Gatherings/UndoCheckIn", who: "steward", method: "DELETE", path: undo(2, 2, mo), wantStatus: 204,
			check: attended(0)},
		{name: "Gatherings/ErrUndoCheckInTwice", who: "steward", method: "DELETE", path: undo(2, 2, mo), wantStatus: 404,
			want: map[string]any{"detail": "That person is not checked in at “Live now”."}},

		// Someone else's outcome is the author's or a manager's to take back.
		// Made before outcome 1 goes: SQLite would give a deleted highest id again.
		{name: "Gatherings/OutcomeBySteward", who: "steward", method: "POST", path: c + "/2/outcomes",
			body: `{"kind": "request", "text": "Could someone bring a projector?"}`, wantStatus: 201,
			want: map[string]any{"id": 2, "occurrence_id": 2, "author_name": "Sam Steward"}, check: outcomes(2)},
		{name: "Gatherings/ErrDeleteOutcomeOthers", who: "member", method: "DELETE", path: outcome(2, 2, 2), wantStatus: 403,
			want:  map[string]any{"detail": "Only whoever recorded it, the host, whoever planned “Live now” or a steward can take it back."},
			check: outcomes(2)},
		{name: "Gatherings/DeleteOutcomeByManager", who: "steward", method: "DELETE", path: outcome(2, 2, 2), wantStatus: 204,
			check: outcomes(1)},

		{name: "Gatherings/ErrDeleteOutcomeObserver", who: "observer", method: "DELETE", path: outcome(2, 2, 1), wantStatus: 403,
			check: outcomes(1)},
		{name: "Gatherings/ErrDeleteOutcomeReadToken", who: "member-read", method: "DELETE", path: outcome(2, 2, 1), wantStatus: 403},
		{name: "Gatherings/ErrDeleteOutcomeOutsider", who: "outsider", method: "DELETE", path: outcome(2, 2, 1), wantStatus: 404},
		{name: "Gatherings/ErrDeleteOutcomeOtherDate", who: "member", method: "DELETE", path: outcome(3, 3, 1), wantStatus: 404,
			want: map[string]any{"detail": "There is no such outcome of this date."}, check: outcomes(1)},
		{name: "Gatherings/ErrDeleteOutcomeMissing", who: "member", method: "DELETE", path: outcome(2, 2, 99999), wantStatus: 404,
			want: map[string]any{"detail": "There is no such outcome of this date."}},
		// Mo recorded it and may take it back without managing the gathering.
		{name: "Gatherings/DeleteOutcome", who: "member", method: "DELETE", path: outcome(2, 2, 1), wantStatus: 204,
			check: outcomes(0)},
		{name: "Gatherings/ErrDeleteOutcomeTwice", who: "member", method: "DELETE", path: outcome(2, 2, 1), wantStatus: 404},

		{name: "Gatherings/Minutes", who: "steward", method: "PUT", path: o(2, 2) + "/minutes", body: put(saved), wantStatus: 200,
			want:  map[string]any{"view.occurrence.id": 2, "view.occurrence.minutes": saved, "outcomes.#": 0, "attendance.#": 0},
			check: minutes(saved)},
		{name: "Gatherings/ErrMinutesTooLong", who: "steward", method: "PUT", path: o(2, 2) + "/minutes",
			body: put(strings.Repeat("é", 50001)), wantStatus: 422,
			want: map[string]any{"field": "minutes", "detail": "Keep the minutes to 50000 characters."}, check: minutes(saved)},
		{name: "Gatherings/ErrMinutesMissing", who: "steward", method: "PUT", path: o(2, 2) + "/minutes", body: `{}`, wantStatus: 422,
			want: map[string]any{"field": "minutes", "detail": "Send the minutes as text; an empty text clears them."}},
		{name: "Gatherings/ErrMinutesNotText", who: "steward", method: "PUT", path: o(2, 2) + "/minutes", body: `{"minutes": 7}`,
			wantStatus: 422, want: map[string]any{"field": "minutes"}},
		{name: "Gatherings/ErrMinutesObserver", who: "observer", method: "PUT", path: o(2, 2) + "/minutes", body: put("x"),
			wantStatus: 403, check: minutes(saved)},
		{name: "Gatherings/ErrMinutesByMember", who: "member", method: "PUT", path: o(2, 2) + "/minutes", body: put("x"),
			wantStatus: 403, check: minutes(saved)},
		{name: "Gatherings/ErrMinutesOutsider", who: "outsider", method: "PUT", path: o(2, 2) + "/minutes", body: put("x"),
			wantStatus: 404},
		{name: "Gatherings/ErrMinutesCancelledDate", who: "steward", method: "PUT", path: o(3, 4) + "/minutes", body: put("x"),
			wantStatus: 409},
		{name: "Gatherings/MinutesCleared", who: "steward", method: "PUT", path: o(2, 2) + "/minutes", body: put(""), wantStatus: 200,
			want: map[string]any{"view.occurrence.minutes": apiAbsent}, check: minutes("")},

		{name: "Gatherings/ErrCloseReportNotEnded", who: "steward", method: "POST", path: o(2, 2) + "/report/close", wantStatus: 409,
			want: map[string]any{"detail": "The report of “Live now” can be closed once it ends, on " +
				liveEnd.Format("Monday 2 January 2006 at 15:04") + "."}, check: closed(0)},
		{name: "Gatherings/CreateEnded", who: "steward", method: "POST", path: c, body: plan, wantStatus: 201,
			want: map[string]any{"gathering.id": 4, "occurrences.0.id": 6}},
		{name: "Gatherings/ErrCloseReportObserver", who: "observer", method: "POST", path: o(4, 6) + "/report/close", wantStatus: 403,
			check: closed(0)},
		{name: "Gatherings/ErrCloseReportByMember", who: "member", method: "POST", path: o(4, 6) + "/report/close", wantStatus: 403,
			check: closed(0)},
		{name: "Gatherings/ErrCloseReportOutsider", who: "outsider", method: "POST", path: o(4, 6) + "/report/close", wantStatus: 404},
		{name: "Gatherings/ErrCloseReportAnonymous", who: "none", method: "POST", path: o(4, 6) + "/report/close", wantStatus: 401},
		{name: "Gatherings/ErrCloseReportOtherGathering", who: "steward", method: "POST", path: o(2, 6) + "/report/close",
			wantStatus: 404, check: closed(0)},
		{name: "Gatherings/CloseReport", who: "steward", method: "POST", path: o(4, 6) + "/report/close", wantStatus: 200,
			want: map[string]any{"view.occurrence.id": 6, "view.gathering.title": "Earlier today", "attendees.#": 0, "outcomes.#": 0},
			check: caAll(closed(1), func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if !strings.Contains(string(ans.body), `"closed_at":"`) {
					t.Errorf("the report does not say when it closed:\n%s", ans.body)
				}
			})},
		{name: "Gatherings/ErrCloseReportTwice", who: "steward", method: "POST", path: o(4, 6) + "/report/close", wantStatus: 409,
			want: map[string]any{"detail": "The report of “Earlier today” on " + ended.Format("Monday 2 January 2006") +
				" is closed already."}, check: closed(1)},
	}
}
