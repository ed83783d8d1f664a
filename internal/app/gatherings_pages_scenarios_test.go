package app_test

import (
	"fmt"
	"testing"
	"time"

	"commonground/internal/gathering"
)

func init() { scMoreScenarios = append(scMoreScenarios, gpScenarios) }

// gpCount fails unless collective A lists n upcoming gatherings' dates: a
// refused form must write nothing.
func gpCount(n int) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		sctx, a := f.stewardAccess(t, scA)
		l, err := f.app.Gatherings.List(sctx, a, gathering.ListQuery{})
		if err != nil || len(l.Items) != n {
			t.Fatalf("collective A lists %v (%v), want %d dates", l, err, n)
		}
	}
}

// gpShift moves the fixture's clock: the host's outcomes wait for the
// start, the closing report for the end. The last scenario puts it back,
// since the features after this one read the real time.
func gpShift(d time.Duration) func(*testing.T, *scFixture, *scBrowser) {
	return func(_ *testing.T, f *scFixture, _ *scBrowser) { f.clock.set(d) }
}

// gpScenarios walk the gathering pages of collective A: Mo Member plans a
// hybrid gathering in Berlin time starting in half an hour with one place,
// for Mo and Sam Steward (gathering 1, date 1), refusals on the way writing
// nothing; Sam takes the place, Mo waits and gets it when Sam declines; Mo
// hosts: checks Sam in and out and in, writes outcomes and minutes once it
// has begun, and closes the report after it ends. Then a weekly series of
// three (gathering 2, dates 2 to 4) has one date moved, one cancelled, and
// is called off; the balance and calendar feed pages follow, and a
// gathering whose date a time poll chooses (gathering 3) ends the walk.
// Only two people are invited each time: every notice is an e-mail job,
// and the jobs scenarios after these look for theirs among the newest 50.
func gpScenarios(f *scFixture) []scScenario {
	b := "/c/" + scA + "/gatherings"
	g1, d1 := b+"/1", b+"/1/on/1"
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start := f.app.DB.Now().Add(30 * time.Minute).In(berlin).Truncate(time.Minute)
	end := start.Add(90 * time.Minute)
	local := func(t time.Time) string { return t.In(berlin).Format("2006-01-02T15:04") }
	when := start.Format("Mon 2 Jan 2006, 15:04") + "–" + end.Format("15:04 MST")
	if start.Format(time.DateOnly) != end.Format(time.DateOnly) {
		when = start.Format("Mon 2 Jan 2006, 15:04 MST") + " to " + end.Format("Mon 2 Jan 2006, 15:04 MST")
	}
	mo, sam := fmt.Sprint(f.mid[scA+"/member"]), fmt.Sprint(f.mid[scA+"/steward"])
	plan := func(extra scForm) scForm {
		form := scForm{"title": {"Winter plan"}, "intention": {"We leave with one winter plan that every partner signed up to."},
			"format": {"hybrid"}, "place": {"Town hall, room 2"}, "link": {"https://meet.example.org/winter"},
			"time_zone": {"Europe/Berlin"}, "start": {local(start)}, "end": {local(end)}, "capacity": {"1"}, "registration": {"1"},
			"invite": {"chosen"}, "invite_members": {mo, sam}, "host_member_id": {mo},
			"agenda_title_0": {"Where we stand"}, "agenda_owner_member_id_0": {mo}, "agenda_minutes_0": {"20"},
			"agenda_title_1": {"Choose the plan"}, "agenda_minutes_1": {"45"},
			"prereads_title_0": {"Draft plan"}, "prereads_url_0": {"https://example.org/draft"}}
		for k, v := range extra {
			form[k] = v
		}
		return form
	}
	firstItem := start.Format("15:04") + "–" + start.Add(20*time.Minute).Format("15:04")
	series := start.Add(48 * time.Hour)
	const observers = "Observers can read but not change anything."
	const notFound = "We could not find that page, or it is not visible to you."
	return []scScenario{
		{name: "GatheringsList/Empty", who: "member", method: "GET", path: b, wantStatus: 200,
			wantContains: []string{"<h1>Gatherings</h1>", "No upcoming gatherings.", `href="` + b + `/new"`,
				`href="` + b + `/balance"`, `href="` + b + `/calendars"`}},
		{name: "GatheringsList/AnonymousSignsIn", who: "anonymous", method: "GET", path: b, wantStatus: 303, wantLocation: scSignIn(b)},
		{name: "GatheringsList/OutsiderNotFound", who: "outsider", method: "GET", path: b, wantStatus: 404, wantContains: []string{notFound}},
		{name: "GatheringsNew/Member", who: "member", method: "GET", path: b + "/new", wantStatus: 200,
			wantContains: []string{"<h1>Plan a gathering</h1>", "What should be different afterwards? (required)",
				"<legend>Format</legend>", `name="start" type="datetime-local"`, `list="zones"`, "<legend>Who is invited</legend>",
				`id="agenda_title_2"`, `id="prereads_url_1"`, "<legend>The date is open</legend>"}},
		{name: "GatheringsNew/ObserverForbidden", who: "observer", method: "GET", path: b + "/new", wantStatus: 403,
			wantContains: []string{observers}},

		// Refusals keep what was typed, name the field, and write nothing.
		{name: "GatheringsCreate/ErrNoIntention", who: "member", method: "POST", path: b + "/new",
			form: plan(scForm{"intention": {" "}}), wantStatus: 422,
			wantContains: []string{"Say what should be different after the gathering.", `id="intention-error"`, `href="#intention"`,
				`value="Winter plan"`, `value="Where we stand"`}, check: gpCount(0)},
		{name: "GatheringsCreate/ErrZone", who: "member", method: "POST", path: b + "/new",
			form: plan(scForm{"time_zone": {"Mars/Olympus"}}), wantStatus: 422,
			wantContains: []string{`The time zone "Mars/Olympus" is not known; use a name such as Europe/Berlin.`, `id="time_zone-error"`},
			check:        gpCount(0)},
		{name: "GatheringsCreate/ErrEndBeforeStart", who: "member", method: "POST", path: b + "/new",
			form: plan(scForm{"end": {local(start.Add(-time.Hour))}}), wantStatus: 422,
			wantContains: []string{"The end must be after the start.", `id="end-error"`}, check: gpCount(0)},
		{name: "GatheringsCreate/ErrAgendaTitle", who: "member", method: "POST", path: b + "/new",
			form: plan(scForm{"agenda_title_1": {""}}), wantStatus: 422,
			wantContains: []string{"Agenda item 2 needs a title.", `id="agenda_title_1-error"`, `href="#agenda_title_1"`}, check: gpCount(0)},
		{name: "GatheringsCreate/ObserverForbidden", who: "observer", method: "POST", path: b + "/new", form: plan(nil),
			wantStatus: 403, check: gpCount(0)},
		{name: "GatheringsCreate/OK", who: "member", method: "POST", path: b + "/new", form: plan(nil),
			wantStatus: 303, wantLocation: g1, check: scAll(gpCount(1), scThen(g1, 200,
				"Your gathering is planned and the people invited are told.", "<h1>Winter plan</h1>",
				"What should be different afterwards", "We leave with one winter plan", when, "(Europe/Berlin)",
				"Town hall, room 2", `href="https://meet.example.org/winter"`, firstItem, "Where we stand", "Mo Member",
				`href="https://example.org/draft"`, "<li>Mo Member</li>", "<li>Sam Steward</li>", `href="`+g1+`/ics"`,
				"0 going (places: 1)", "Going, online", `href="`+d1+`/live"`))},
		{name: "GatheringsList/Listed", who: "member", method: "GET", path: b, wantStatus: 200,
			wantContains: []string{`href="` + d1 + `">Winter plan</a>`, when, "Hybrid (in person and online)"}},
		{name: "GatheringsList/PastNone", who: "member", method: "GET", path: b + "?when=past&mine=1", wantStatus: 200,
			wantContains: []string{"No past gatherings of yours."}},
		{name: "GatheringsView/ObserverReads", who: "observer", method: "GET", path: d1, wantStatus: 200,
			wantContains: []string{"<h1>Winter plan</h1>"}, wantNotContains: []string{"Are you coming?", "/live"}},
		{name: "GatheringsView/NotFound", who: "member", method: "GET", path: b + "/999999", wantStatus: 404},
		{name: "GatheringsICS/OK", who: "member", method: "GET", path: g1 + "/ics", wantStatus: 200,
			wantContains: []string{"BEGIN:VCALENDAR", "SUMMARY:Winter plan"}},

		// Answers and the waiting list.
		{name: "GatheringsRSVP/ObserverForbidden", who: "observer", method: "POST", path: d1 + "/rsvp",
			form: scForm{"status": {"going"}}, wantStatus: 403},
		{name: "GatheringsRSVP/StewardGoes", who: "steward", method: "POST", path: d1 + "/rsvp", form: scForm{"status": {"going"}},
			wantStatus: 303, wantLocation: d1, check: scThen(d1, 200, "You are going. See you there.", "1 going (places: 1)",
				"You: <strong>Going</strong>")},
		{name: "GatheringsRSVP/MemberWaits", who: "member", method: "POST", path: d1 + "/rsvp", form: scForm{"status": {"online"}},
			wantStatus: 303, wantLocation: d1, check: scThen(d1, 200, "you are on the waiting list", "1 waiting",
				"(number 1 on the waiting list)")},
		{name: "GatheringsRSVP/StewardDeclines", who: "steward", method: "POST", path: d1 + "/rsvp", form: scForm{"status": {"declined"}},
			wantStatus: 303, wantLocation: d1, check: scThenAs("member", d1, 200, []string{"You: <strong>Going</strong>, online."}, nil)},

		// Changing the plan.
		{name: "GatheringsEdit/Host", who: "member", method: "GET", path: g1 + "/edit", wantStatus: 200,
			wantContains: []string{"Change “Winter plan”", `name="version" value="1"`, `value="Where we stand"`, `value="` + local(start) + `"`}},
		{name: "GatheringsEdit/ObserverForbidden", who: "observer", method: "GET", path: g1 + "/edit", wantStatus: 403},
		{name: "GatheringsUpdate/ErrStale", who: "member", method: "POST", path: g1 + "/edit", form: plan(scForm{"version": {"99"}}),
			wantStatus: 409, wantContains: []string{"Someone changed this gathering while you were editing; reload to see their changes."}},
		{name: "GatheringsUpdate/OK", who: "member", method: "POST", path: g1 + "/edit",
			form: plan(scForm{"version": {"1"}, "capacity": {"5"}, "title": {"Winter plan, agreed"}}), wantStatus: 303, wantLocation: g1,
			check: scThen(g1, 200, "Saved.", "<h1>Winter plan, agreed</h1>", "(places: 5)")},

		// Hosting.
		{name: "GatheringsLive/Host", who: "member", method: "GET", path: d1 + "/live", wantStatus: 200,
			wantContains: []string{"<h1>Hosting: Winter plan, agreed</h1>", "<td><time>" + start.Format("15:04") + "</time></td>", `aria-label="Check in Sam Steward"`,
				"<label for=\"kind\">Kind</label>", "<label for=\"minutes\">Minutes</label>"}},
		{name: "GatheringsLive/ObserverForbidden", who: "observer", method: "GET", path: d1 + "/live", wantStatus: 403},
		{name: "GatheringsCheckIn/ErrNotMember", who: "member", method: "POST", path: d1 + "/checkin",
			form: scForm{"member_id": {fmt.Sprint(f.mid[scB+"/bsteward"])}}, wantStatus: 422,
			wantContains: []string{"Choose a member of Riverside Coalition to check in."}},
		{name: "GatheringsCheckIn/ObserverForbidden", who: "observer", method: "POST", path: d1 + "/checkin",
			form: scForm{"member_id": {sam}}, wantStatus: 403},
		{name: "GatheringsCheckIn/OK", who: "member", method: "POST", path: d1 + "/checkin", form: scForm{"member_id": {sam}},
			wantStatus: 303, wantLocation: d1 + "/live#attendance",
			check: scThen(d1+"/live", 200, "Sam Steward is checked in.", "1 checked in.", `aria-label="Undo the check-in of Sam Steward"`)},
		{name: "GatheringsUndoCheckIn/OK", who: "member", method: "POST", path: d1 + "/checkin/" + sam + "/undo",
			wantStatus: 303, wantLocation: d1 + "/live#attendance", check: scThen(d1+"/live", 200, "The check-in is taken back.", "0 checked in.")},
		{name: "GatheringsCheckIn/Again", who: "member", method: "POST", path: d1 + "/checkin", form: scForm{"member_id": {sam}},
			wantStatus: 303, wantLocation: d1 + "/live#attendance", check: gpShift(time.Hour)},
		{name: "GatheringsOutcome/ErrNoText", who: "member", method: "POST", path: d1 + "/outcomes",
			form: scForm{"kind": {"opportunity"}, "text": {""}}, wantStatus: 422,
			wantContains: []string{"Say what emerged, in 1 to 4000 characters.", `id="text-error"`}},
		{name: "GatheringsOutcome/OK", who: "member", method: "POST", path: d1 + "/outcomes",
			form: scForm{"kind": {"opportunity"}, "text": {"The library offers its hall for free."}}, wantStatus: 303,
			wantLocation: d1 + "/live#outcomes", check: scThen(d1+"/live", 200, "Written down: Opportunity.",
				"<strong>Opportunity:</strong> The library offers its hall for free.")},
		{name: "GatheringsOutcome/Second", who: "member", method: "POST", path: d1 + "/outcomes",
			form: scForm{"kind": {"question"}, "text": {"Who pays the heating?"}}, wantStatus: 303, wantLocation: d1 + "/live#outcomes"},
		{name: "GatheringsOutcomeDelete/OK", who: "member", method: "POST", path: d1 + "/outcomes/2/delete", wantStatus: 303,
			wantLocation: d1 + "/live#outcomes", check: scThenAs("", d1+"/live", 200, []string{"The outcome is taken back."},
				[]string{"Who pays the heating?"})},
		{name: "GatheringsMinutes/OK", who: "member", method: "POST", path: d1 + "/minutes",
			form: scForm{"minutes": {"We chose plan B.\n\nThe library hosts in January."}}, wantStatus: 303,
			wantLocation: d1 + "/live#minutes", check: gpShift(3 * time.Hour)},
		{name: "GatheringsReport/Member", who: "member", method: "GET", path: d1 + "/report", wantStatus: 200,
			wantContains: []string{"<h1>Report: Winter plan, agreed</h1>", "<strong>1</strong> came", "<strong>1.5</strong> person-hours",
				"<strong>0.67</strong> outcomes per person-hour", "<td>Opportunity</td><td>1</td>", "<td>Open question</td><td>0</td>",
				"<p>The library hosts in January.</p>", "Close the report"}},
		{name: "GatheringsReport/ObserverReads", who: "observer", method: "GET", path: d1 + "/report", wantStatus: 200,
			wantNotContains: []string{"Close the report"}},
		{name: "GatheringsReportClose/ObserverForbidden", who: "observer", method: "POST", path: d1 + "/report/close", wantStatus: 403},
		{name: "GatheringsReportClose/OK", who: "member", method: "POST", path: d1 + "/report/close", wantStatus: 303,
			wantLocation: d1 + "/report", check: scAll(scThen(d1+"/report", 200, "The report is closed.", ">closed</span>"), gpShift(0))},

		// A weekly series: one date moved, one cancelled, then all.
		{name: "GatheringsCreate/Weekly", who: "steward", method: "POST", path: b + "/new",
			form: plan(scForm{"title": {"Weekly stand-up"}, "format": {"online"}, "place": {""}, "capacity": {""},
				"start": {local(series)}, "end": {local(series.Add(30 * time.Minute))}, "repeat_every": {"week"},
				"repeat_count": {"3"}, "host_member_id": {sam}}),
			wantStatus: 303, wantLocation: b + "/2", check: scThen(b+"/2", 200, "<h2>The dates</h2>", `href="`+b+`/2/on/3"`)},
		{name: "GatheringsMove/ErrEnd", who: "steward", method: "POST", path: b + "/2/on/3/move",
			form:       scForm{"start": {local(series.Add(7*24*time.Hour + time.Hour))}, "end": {local(series.Add(7 * 24 * time.Hour))}},
			wantStatus: 422, wantContains: []string{"The end must be after the start.", `id="end-error"`}},
		{name: "GatheringsMove/OK", who: "steward", method: "POST", path: b + "/2/on/3/move",
			form:       scForm{"start": {local(series.Add(7*24*time.Hour + time.Hour))}, "end": {local(series.Add(7*24*time.Hour + 90*time.Minute))}},
			wantStatus: 303, wantLocation: b + "/2/on/3", check: scThen(b+"/2/on/3", 200, "This date is moved", ">moved</span>")},
		{name: "GatheringsOutcomeDelete/ErrOtherDate", who: "steward", method: "POST", path: b + "/2/on/3/outcomes/1/delete",
			wantStatus: 404, check: scThen(d1+"/live", 200, "The library offers its hall for free.")},
		{name: "GatheringsCancelDate/ObserverForbidden", who: "observer", method: "POST", path: b + "/2/on/4/cancel", wantStatus: 403},
		{name: "GatheringsCancelDate/OK", who: "steward", method: "POST", path: b + "/2/on/4/cancel", wantStatus: 303,
			wantLocation: b + "/2/on/4", check: scThen(b+"/2/on/4", 200, "This date is cancelled", "this date is cancelled")},
		{name: "GatheringsCancel/ObserverForbidden", who: "observer", method: "POST", path: b + "/2/cancel", wantStatus: 403},
		{name: "GatheringsCancel/OK", who: "steward", method: "POST", path: b + "/2/cancel", wantStatus: 303, wantLocation: b + "/2",
			check: scThen(b+"/2", 200, "This gathering is cancelled.")},

		// Balance and feeds.
		{name: "GatheringsBalance/Member", who: "member", method: "GET", path: b + "/balance", wantStatus: 200,
			wantContains: []string{"<h1>Time in gatherings</h1>", "<h2>My weeks</h2>", "<svg",
				"which leaves <strong>8 hours</strong> for gatherings", "Hours I keep for my own work (my focus budget)",
				"Weeks run Monday to Sunday in UTC.", "<h2>The collective</h2>"}},
		{name: "GatheringsBalance/ObserverNoWeeks", who: "observer", method: "GET", path: b + "/balance", wantStatus: 200,
			wantNotContains: []string{"My weeks"}},
		{name: "GatheringsFocus/ErrNotNumber", who: "member", method: "POST", path: b + "/balance", form: scForm{"focus_hours": {"lots"}},
			wantStatus: 422, wantContains: []string{"Enter the hours you keep for your own work, such as 30 or 32.5.", `id="focus_hours-error"`}},
		{name: "GatheringsFocus/ErrTooMany", who: "member", method: "POST", path: b + "/balance",
			form:       scForm{"week_hours": {"200"}, "focus_hours": {"30"}},
			wantStatus: 422, wantContains: []string{"Enter more than 0 and at most 168 hours for your working week."}},
		{name: "GatheringsFocus/ErrFocusOverWeek", who: "member", method: "POST", path: b + "/balance",
			form: scForm{"week_hours": {"40"}, "focus_hours": {"45"}}, wantStatus: 422,
			wantContains: []string{"Enter more than 0 hours for your own work, and no more than your working week.", `id="focus_hours-error"`}},
		{name: "GatheringsFocus/OK", who: "member", method: "POST", path: b + "/balance",
			form:       scForm{"week_hours": {"40"}, "focus_hours": {"33.5"}},
			wantStatus: 303, wantLocation: b + "/balance", check: scThen(b+"/balance", 200, "which leaves <strong>6.5 hours</strong>")},
		{name: "GatheringsCalendars/None", who: "member", method: "GET", path: b + "/calendars", wantStatus: 200,
			wantContains: []string{"<h1>Calendar feeds</h1>", "You have no feeds yet.", "<legend>What the feed holds</legend>"}},
		{name: "GatheringsFeed/ErrScope", who: "member", method: "POST", path: b + "/calendars", form: scForm{"scope": {"galaxy"}},
			wantStatus: 422, wantContains: []string{`id="scope-error"`}},
		{name: "GatheringsFeed/OK", who: "member", method: "POST", path: b + "/calendars", form: scForm{"scope": {"person"}},
			wantStatus: 200, wantContains: []string{"Copy its address now", "http://cg.test/calendar/"}},
		{name: "GatheringsFeedRevoke/OtherForbidden", who: "steward", method: "POST", path: b + "/calendars/1/revoke", wantStatus: 404},
		// A date left to a time poll (gathering 3).
		{name: "GatheringsCreate/ErrOneCandidate", who: "member", method: "POST", path: b + "/new",
			form: plan(scForm{"title": {"Spring fair"}, "date_open": {"1"}, "candidate_starts": {local(series)},
				"duration_minutes": {"60"}, "poll_closes": {local(start)}}), wantStatus: 422,
			wantContains: []string{"A time poll needs 2 to 20 candidate starts; this has 1.", `id="candidate_starts-error"`}},
		{name: "GatheringsCreate/DateOpen", who: "member", method: "POST", path: b + "/new",
			form: plan(scForm{"title": {"Spring fair"}, "date_open": {"1"},
				"candidate_starts": {local(series) + "\n" + local(series.Add(24*time.Hour))},
				"duration_minutes": {"60"}, "poll_closes": {local(start)}}), wantStatus: 303, wantLocation: b + "/3",
			check: scAll(scThen(b+"/3", 200, "A time poll is open", "The date is open: a time poll decides it.",
				"Say which times suit you"), scThen(b, 200, `href="`+b+`/3">Spring fair</a>`, "Date open, from "))},
		{name: "GatheringsFeedRevoke/OK", who: "member", method: "POST", path: b + "/calendars/1/revoke", wantStatus: 303,
			wantLocation: b + "/calendars", check: scThen(b+"/calendars", 200, "The feed is revoked", "Revoked")},
	}
}
