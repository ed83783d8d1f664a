package app_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
)

func init() {
	apiMoreScenarios = append(apiMoreScenarios, gaScenarios, gaMoreScenarios)
	// Calendar files are text: validate them as such against the document.
	openapi3filter.RegisterBodyDecoder("text/calendar", openapi3filter.PlainBodyDecoder)
}

// gaFeed keeps the URL of the feed a scenario made, for the later ones
// that read and revoke it.
type gaFeed struct{ url string }

// gaScenarios: planning, reading, changing and cancelling gatherings,
// answers, check-ins, outcomes, reports, one date moved and one cancelled,
// the balance and calendar feeds, as each kind of caller in collective A.
// Only these scenarios (and gaMoreScenarios after them) make gatherings,
// so ids follow their order: gatherings 1 (Spring round, in two days,
// everyone), 2 (Live now, begun half an hour ago, Mo alone) and 3 (a
// weekly series of three from in three days); occurrences 1, 2, then 3 to 5.
func gaScenarios(f *apiFixture) []apiScenario {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	now := f.app.DB.Now().In(berlin)
	local := func(t time.Time) string { return t.Format("2006-01-02T15:04") }
	c := "/api/v1/collectives/" + scA + "/gatherings"
	g := func(id int64) string { return fmt.Sprintf("%s/%d", c, id) }
	o := func(gid, oid int64) string { return fmt.Sprintf("%s/%d/occurrences/%d", c, gid, oid) }
	mo, ola := f.mid[scA+"/member"], f.mid[scA+"/observer"]
	plan := func(title string, start, end time.Time, extra string) string {
		return fmt.Sprintf(`{"title": %q, "intention": "Agree who leads the spring campaign.", "format": "in_person",
			"place": "Library, room 2", "time_zone": "Europe/Berlin", "start": %q, "end": %q%s}`, title, local(start), local(end), extra)
	}
	spring := now.Add(48 * time.Hour)
	good := plan("Spring round", spring, spring.Add(90*time.Minute), `, "invite_everyone": true`)
	live := now.Add(-30 * time.Minute)
	series := now.Add(72 * time.Hour)
	third := series.AddDate(0, 0, 14)
	count := func(n int) func(t *testing.T, f *apiFixture, _ apiAnswer) {
		return dcCount(n, "SELECT count(*) FROM gatherings")
	}
	feed := &gaFeed{}
	return []apiScenario{
		{name: "Gatherings/ListEmpty", who: "member", method: "GET", path: c, wantStatus: 200,
			want: map[string]any{"items.#": 0, "page": 1, "more": false}},
		{name: "Gatherings/Create", who: "member", method: "POST", path: c, body: good, wantStatus: 201,
			want: map[string]any{"gathering.id": 1, "gathering.title": "Spring round", "gathering.status": "planned",
				"gathering.time_zone": "Europe/Berlin", "gathering.sequence": 0, "gathering.version": 1,
				"gathering.host_name": "Mo Member", "occurrences.#": 1, "occurrences.0.status": "planned"},
			check: caAll(count(1), func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if loc := ans.res.Header.Get("Location"); loc != g(1) {
					t.Errorf("Location %q, want %q", loc, g(1))
				}
			})},
		{name: "Gatherings/ErrEndBeforeStart", who: "member", method: "POST", path: c,
			body: plan("Backwards", spring, spring.Add(-time.Hour), ""), wantStatus: 422,
			want: map[string]any{"field": "end", "detail": "The end must be after the start."}, check: count(1)},
		{name: "Gatherings/ErrUnknownZone", who: "member", method: "POST", path: c,
			body: strings.Replace(good, "Europe/Berlin", "Mars/Olympus", 1), wantStatus: 422,
			want: map[string]any{"field": "time_zone",
				"detail": `The time zone "Mars/Olympus" is not known; use a name such as Europe/Berlin.`}, check: count(1)},
		{name: "Gatherings/ErrUnknownField", who: "member", method: "POST", path: c,
			body: strings.Replace(good, `"title"`, `"colour": "red", "title"`, 1), wantStatus: 422,
			want: map[string]any{"field": "colour"}, check: count(1)},
		{name: "Gatherings/ErrObserver", who: "observer", method: "POST", path: c, body: good, wantStatus: 403, check: count(1)},
		{name: "Gatherings/ErrReadToken", who: "member-read", method: "POST", path: c, body: good, wantStatus: 403},
		{name: "Gatherings/ErrOutsider", who: "outsider", method: "POST", path: c, body: good, wantStatus: 404},
		{name: "Gatherings/ErrAnonymous", who: "none", method: "POST", path: c, body: good, wantStatus: 401},
		{name: "Gatherings/CreateLive", who: "steward", method: "POST", path: c,
			body:       plan("Live now", live, live.Add(90*time.Minute), fmt.Sprintf(`, "invite_members": [%d]`, mo)),
			wantStatus: 201, want: map[string]any{"gathering.id": 2, "gathering.invite_everyone": false, "occurrences.0.id": 2}},
		{name: "Gatherings/CreateSeries", who: "steward", method: "POST", path: c,
			body:       plan("Weekly round", series, series.Add(time.Hour), `, "invite_everyone": true, "repeat": {"every": "week", "count": 3}`),
			wantStatus: 201, want: map[string]any{"gathering.id": 3, "occurrences.#": 3, "occurrences.0.id": 3, "occurrences.2.id": 5},
			check: count(3)},

		{name: "Gatherings/List", who: "observer", method: "GET", path: c, wantStatus: 200,
			want: map[string]any{"items.0.title": "Spring round", "items.0.gathering_id": 1, "page": 1}},
		{name: "Gatherings/ListPast", who: "member-read", method: "GET", path: c + "?past=1", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.title": "Live now"}},
		{name: "Gatherings/ErrListFlag", who: "member", method: "GET", path: c + "?past=yes", wantStatus: 422,
			want: map[string]any{"field": "past"}},
		{name: "Gatherings/ErrListOutsider", who: "outsider", method: "GET", path: c, wantStatus: 404},
		{name: "Gatherings/ErrListAnonymous", who: "none", method: "GET", path: c, wantStatus: 401},
		{name: "Gatherings/Get", who: "observer", method: "GET", path: g(1), wantStatus: 200,
			want: map[string]any{"gathering.intention": "Agree who leads the spring campaign.", "gathering.place": "Library, room 2",
				"occurrences.#": 1}},
		{name: "Gatherings/ErrGetMissing", who: "member", method: "GET", path: g(99999), wantStatus: 404},

		{name: "Gatherings/Update", who: "member", method: "PUT", path: g(1),
			body:       strings.Replace(good, "Library, room 2", "Library, room 3", 1)[:len(good)-1] + `, "version": 1}`,
			wantStatus: 200, want: map[string]any{"gathering.version": 2, "gathering.sequence": 1, "gathering.place": "Library, room 3"}},
		{name: "Gatherings/ErrUpdateStale", who: "member", method: "PUT", path: g(1), body: good[:len(good)-1] + `, "version": 1}`,
			wantStatus: 409},
		{name: "Gatherings/ErrUpdateObserver", who: "observer", method: "PUT", path: g(1), body: good[:len(good)-1] + `, "version": 2}`,
			wantStatus: 403},
		{name: "Gatherings/ICS", who: "observer", method: "GET", path: g(1) + "/ics", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				if ct := ans.res.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				b := string(ans.body)
				for _, want := range []string{"BEGIN:VCALENDAR\r\n", "SUMMARY:Spring round\r\n", "SEQUENCE:1\r\n",
					"DTSTART;TZID=Europe/Berlin:" + spring.Format("20060102T1504") + "00\r\n"} {
					if !strings.Contains(b, want) {
						t.Errorf("the file lacks %q:\n%s", want, b)
					}
				}
			}},
		{name: "Gatherings/ErrICSOutsider", who: "outsider", method: "GET", path: g(1) + "/ics", wantStatus: 404},

		{name: "Gatherings/RSVP", who: "member", method: "POST", path: g(1) + "/rsvp", body: `{"status": "going"}`,
			wantStatus: 200, want: map[string]any{"status": "going", "member_id": mo, "occurrence_id": 1}},
		{name: "Gatherings/ErrRSVPStatus", who: "member", method: "POST", path: g(1) + "/rsvp", body: `{"status": "maybe"}`,
			wantStatus: 422, want: map[string]any{"field": "status"}},
		{name: "Gatherings/ErrRSVPOtherGathering", who: "member", method: "POST", path: g(1) + "/rsvp",
			body: `{"status": "going", "occurrence_id": 3}`, wantStatus: 404},
		{name: "Gatherings/ErrRSVPNotInvited", who: "observer", method: "POST", path: g(2) + "/rsvp",
			body: `{"status": "going"}`, wantStatus: 403},
		{name: "Gatherings/CheckIn", who: "steward", method: "POST", path: g(2) + "/checkin", body: fmt.Sprintf(`{"member_id": %d}`, mo),
			wantStatus: 201, want: map[string]any{"member_id": mo, "name": "Mo Member", "occurrence_id": 2}},
		{name: "Gatherings/ErrCheckInNotInvited", who: "steward", method: "POST", path: g(2) + "/checkin",
			body: fmt.Sprintf(`{"member_id": %d}`, ola), wantStatus: 422,
			want: map[string]any{"field": "member_id", "detail": "Ola Observer is not invited to this gathering."}},
		{name: "Gatherings/ErrCheckInByMember", who: "member", method: "POST", path: g(2) + "/checkin",
			body: fmt.Sprintf(`{"member_id": %d}`, mo), wantStatus: 403},
		{name: "Gatherings/Outcome", who: "member", method: "POST", path: g(2) + "/outcomes",
			body: `{"kind": "opportunity", "text": "The library offers its hall."}`, wantStatus: 201,
			want: map[string]any{"kind": "opportunity", "text": "The library offers its hall.", "author_name": "Mo Member", "occurrence_id": 2}},
		{name: "Gatherings/ErrOutcomeKind", who: "member", method: "POST", path: g(2) + "/outcomes",
			body: `{"kind": "rumour", "text": "x"}`, wantStatus: 422, want: map[string]any{"field": "kind"}},
		{name: "Gatherings/Occurrence", who: "observer", method: "GET", path: o(2, 2), wantStatus: 200,
			want: map[string]any{"view.occurrence.id": 2, "view.gathering.title": "Live now", "attendance.#": 1,
				"attendance.0.name": "Mo Member", "outcomes.#": 1, "registrations.#": 0}},
		{name: "Gatherings/ErrOccurrenceOfOther", who: "member", method: "GET", path: o(1, 2), wantStatus: 404},
		{name: "Gatherings/Report", who: "member", method: "GET", path: o(2, 2) + "/report", wantStatus: 200,
			want: map[string]any{"attendees.#": 1, "outcomes.#": 1, "outcomes_by_kind.#": 6, "outcomes_by_kind.2.kind": "opportunity",
				"outcomes_by_kind.2.count": 1, "person_hours": 1.5}},

		{name: "Gatherings/Move", who: "steward", method: "POST", path: o(3, 5) + "/move",
			body:       fmt.Sprintf(`{"start": %q, "end": %q}`, local(third.Add(2*time.Hour)), local(third.Add(3*time.Hour))),
			wantStatus: 200, want: map[string]any{"view.occurrence.moved": true}},
		{name: "Gatherings/ErrMoveByMember", who: "member", method: "POST", path: o(3, 5) + "/move",
			body: fmt.Sprintf(`{"start": %q, "end": %q}`, local(third), local(third.Add(time.Hour))), wantStatus: 403},
		{name: "Gatherings/CancelDate", who: "steward", method: "POST", path: o(3, 4) + "/cancel", wantStatus: 200,
			want: map[string]any{"view.occurrence.status": "cancelled"}},
		{name: "Gatherings/SeriesICS", who: "member", method: "GET", path: g(3) + "/ics", wantStatus: 200,
			check: func(t *testing.T, _ *apiFixture, ans apiAnswer) {
				b := strings.ReplaceAll(string(ans.body), "\r\n ", "")
				for _, want := range []string{"RRULE:FREQ=WEEKLY;BYDAY=", ";COUNT=3\r\n",
					"EXDATE;TZID=Europe/Berlin:" + series.AddDate(0, 0, 7).Format("20060102T1504") + "00\r\n",
					"RECURRENCE-ID;TZID=Europe/Berlin:" + third.Format("20060102T1504") + "00\r\n"} {
					if !strings.Contains(b, want) {
						t.Errorf("the file lacks %q:\n%s", want, b)
					}
				}
			}},
		{name: "Gatherings/Cancel", who: "steward", method: "POST", path: g(1) + "/cancel", wantStatus: 200,
			want: map[string]any{"gathering.status": "cancelled", "gathering.sequence": 2}},
		{name: "Gatherings/ErrCancelObserver", who: "observer", method: "POST", path: g(3) + "/cancel", wantStatus: 403},

		{name: "Gatherings/Balance", who: "member", method: "GET", path: c + "/balance", wantStatus: 200,
			want: map[string]any{"mine.budget_set": false, "mine.week_minutes": 2400, "mine.focus_minutes": 1920,
				"mine.gathering_minutes": 480}},
		{name: "Gatherings/SetFocus", who: "member", method: "POST", path: c + "/balance", body: `{"focus_minutes": 2040}`,
			wantStatus: 200, want: map[string]any{"mine.budget_set": true, "mine.week_minutes": 2400, "mine.focus_minutes": 2040,
				"mine.gathering_minutes": 360}},
		{name: "Gatherings/SetFocusWeek", who: "member", method: "POST", path: c + "/balance",
			body: `{"week_minutes": 1800, "focus_minutes": 1500}`, wantStatus: 200,
			want: map[string]any{"mine.week_minutes": 1800, "mine.focus_minutes": 1500, "mine.gathering_minutes": 300}},
		{name: "Gatherings/ErrFocus", who: "member", method: "POST", path: c + "/balance", body: `{"focus_minutes": 0}`,
			wantStatus: 422, want: map[string]any{"field": "focus_minutes",
				"detail": "Give the time you keep for your own work, from 1 minute to your whole week (2400 minutes)."}},
		{name: "Gatherings/ErrFocusOverWeek", who: "member", method: "POST", path: c + "/balance",
			body: `{"week_minutes": 600, "focus_minutes": 601}`, wantStatus: 422, want: map[string]any{"field": "focus_minutes",
				"detail": "Give the time you keep for your own work, from 1 minute to your whole week (600 minutes)."}},
		{name: "Gatherings/ErrWeek", who: "member", method: "POST", path: c + "/balance",
			body: `{"week_minutes": 10081, "focus_minutes": 60}`, wantStatus: 422, want: map[string]any{"field": "week_minutes",
				"detail": "Give your working week, from 1 minute to 10080 (a whole week)."}},
		{name: "Gatherings/ErrFocusObserver", who: "observer", method: "POST", path: c + "/balance", body: `{"focus_minutes": 2040}`,
			wantStatus: 403},

		{name: "Feeds/ListEmpty", who: "member", method: "GET", path: c + "/calendar-feeds", wantStatus: 200,
			want: map[string]any{"items.#": 0}},
		{name: "Feeds/Create", who: "member", method: "POST", path: c + "/calendar-feeds", body: `{"scope": "person"}`,
			wantStatus: 201, want: map[string]any{"id": 1, "scope": "person"},
			check: func(t *testing.T, f *apiFixture, ans apiAnswer) {
				var got struct {
					URL string `json:"url"`
				}
				if err := json.Unmarshal(ans.body, &got); err != nil || !strings.HasPrefix(got.URL, "http://cg.test/calendar/") {
					t.Fatalf("url %q (%v)", got.URL, err)
				}
				feed.url = got.URL
				res, body := gaGetFeed(t, f, feed.url, "")
				if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" ||
					res.Header.Get("Cache-Control") != "private, max-age=300" {
					t.Fatalf("feed: %d %v", res.StatusCode, res.Header)
				}
				for _, want := range []string{"BEGIN:VCALENDAR\r\n", "X-WR-CALNAME:Riverside Coalition — my gatherings\r\n",
					"SUMMARY:Spring round\r\n", "SUMMARY:Live now\r\n", "SUMMARY:Weekly round\r\n"} {
					if !strings.Contains(body, want) {
						t.Errorf("the feed lacks %q:\n%s", want, body)
					}
				}
				// A calendar program polling again with the ETag downloads nothing.
				if res, _ := gaGetFeed(t, f, feed.url, res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
					t.Errorf("with the ETag: %d, want 304", res.StatusCode)
				}
				if res, _ := gaGetFeed(t, f, feed.url+".ics", ""); res.StatusCode != 200 {
					t.Errorf("with .ics: %d, want 200", res.StatusCode)
				}
			}},
		{name: "Feeds/ErrScope", who: "member", method: "POST", path: c + "/calendar-feeds", body: `{"scope": "world"}`,
			wantStatus: 422, want: map[string]any{"field": "scope"}},
		{name: "Feeds/ErrOutsider", who: "outsider", method: "POST", path: c + "/calendar-feeds", body: `{"scope": "person"}`,
			wantStatus: 404},
		{name: "Feeds/List", who: "member", method: "GET", path: c + "/calendar-feeds", wantStatus: 200,
			want: map[string]any{"items.#": 1, "items.0.scope": "person", "items.0.url": apiAbsent, "items.0.revoked_at": apiAbsent}},
		{name: "Feeds/ErrRevokeOthers", who: "steward", method: "POST", path: c + "/calendar-feeds/1/revoke", wantStatus: 404},
		{name: "Feeds/Revoke", who: "member", method: "POST", path: c + "/calendar-feeds/1/revoke", wantStatus: 204,
			check: func(t *testing.T, f *apiFixture, _ apiAnswer) {
				if res, _ := gaGetFeed(t, f, feed.url, ""); res.StatusCode != http.StatusNotFound {
					t.Errorf("a revoked feed answers %d, want 404", res.StatusCode)
				}
			}},
	}
}

// gaGetFeed fetches a feed URL (made with the configured base URL) from
// the test server, as a calendar program would, with an ETag when given.
func gaGetFeed(t *testing.T, f *apiFixture, feedURL, etag string) (*http.Response, string) {
	t.Helper()
	u, err := url.Parse(feedURL)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest("GET", f.srv.URL+u.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}
