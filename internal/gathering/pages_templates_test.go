package gathering

import (
	"html/template"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"commonground/internal/web"
)

// TestPagesTemplates parses every gathering page with the layout, as
// Register does at start-up, and renders each with typical data, so a
// broken template fails here and not in every app test.
func TestPagesTemplates(t *testing.T) {
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		t.Fatal(err)
	}
	srv := web.New(web.Config{BaseURL: "http://localhost"}, nil)
	ts := srv.Templates(sub)
	start := time.Date(2027, 3, 2, 9, 0, 0, 0, time.UTC)
	host := int64(3)
	g := &Gathering{ID: 7, Title: "Partners' meeting", Intention: "Agree the winter plan.", Format: Hybrid,
		Place: "Town hall", Link: "https://meet.example.org/x", TimeZone: "Europe/Berlin", StartsAt: start,
		EndsAt: start.Add(90 * time.Minute), RRule: "FREQ=WEEKLY;BYDAY=TU", Capacity: 10, Status: Planned,
		HostMemberID: &host, HostName: "Sam Steward",
		Invitees: []Invitee{{MemberID: 3, Name: "Sam Steward"}, {OrganisationID: 2, Name: "Food Bank"}},
		Agenda:   []AgendaItem{{ID: 1, Title: "Welcome", Minutes: 10}, {ID: 2, Title: "Plan", OwnerName: "Mo", Minutes: 50}},
		Prereads: []Preread{{ID: 1, Title: "Draft plan", URL: "https://example.org/plan"}}}
	o := &Occurrence{ID: 11, GatheringID: 7, StartsAt: start, EndsAt: start.Add(90 * time.Minute), Status: OccurrencePlanned,
		Going: 4, Waiting: 1, Minutes: "We met.\n\nWe agreed."}
	v := &View{Gathering: g, Occurrence: o, Mine: &Registration{Status: Waiting}, CanManage: true, Invited: true}
	pages := []struct {
		name string
		data map[string]any
		form url.Values
		want string
	}{
		{"gatherings", map[string]any{"Base": "/c/x/gatherings", "Rows": []listRow{{Link: "/l", When: "Tue", Title: "T",
			Status: "Cancelled", Mine: "Going"}}, "Tabs": []listTab{{"Upcoming", "/u", true}}, "Past": false,
			"MineLink": "/m", "CanPlan": true, "Page": 1, "Next": "/n"}, nil, "Plan a gathering"},
		{"form", map[string]any{"Base": "/c/x/gatherings", "G": g, "Members": []choice{{"3", "Sam", ""}},
			"Orgs": nil, "Zones": commonZones, "Formats": formatChoices, "Repeats": repeatChoices, "MaxTitle": 1,
			"MaxIntention": 1, "MaxPlace": 1, "MaxLink": 1, "MaxText": 1, "AgendaRows": []int{0, 1}, "PrereadRows": []int{0},
			"Chosen": map[string]bool{"m3": true}, "Action": "/a", "Link": "/g"}, gatheringForm(g), "Europe/Berlin"},
		{"gathering", map[string]any{"Base": "/b", "V": v, "G": g, "Link": "/g", "Failed": "rsvp", "Format": "Hybrid",
			"Hybrid": true, "CanAnswer": true, "DateLink": "/g/on/11", "When": "Tue", "Open": true, "Started": true,
			"Agenda": plannedAgenda(g.Agenda, start, g.TimeZone), "MyLabel": "On the waiting list", "Position": 2,
			"Dates": []dateRow{{ID: 11, Link: "/g/on/11", When: "Tue", Current: true}, {ID: 12, Link: "/g/on/12", When: "Tue"}}},
			nil, "number 2 on the waiting list"},
		{"live", map[string]any{"Base": "/b", "G": g, "O": o, "Link": "/g", "DateLink": "/g/on/11", "When": "Tue",
			"Agenda": plannedAgenda(g.Agenda, start, g.TimeZone), "People": []person{{MemberID: 3, Name: "Sam", CheckedIn: true}, {MemberID: 4, Name: "Mo"}},
			"Present": 1, "Outcomes": []Outcome{{ID: 1, Kind: Opportunity, Text: "A grant"}}, "Kinds": OutcomeKinds,
			"Members": []choice{{"3", "Sam", ""}}, "Hybrid": true, "Failed": "", "MaxText": 1, "MaxMinutes": 1,
			"KindLabel": kindLabels()}, url.Values{"minutes": {"m"}}, "10:10"},
		{"report", map[string]any{"Base": "/b", "R": &Report{View: v, Attendees: []Attendance{{Name: "Sam", Organisation: "Food Bank"}},
			Organisations: []OrgCount{{"Food Bank", 1}}, ByKind: []KindCount{{Opportunity, "Opportunity", 1}}},
			"G": g, "O": o, "Link": "/g", "DateLink": "/g/on/11", "When": "Tue", "Hours": "1.5", "PersonHours": "1.5",
			"PerPersonHour": "0.67", "Held": true, "KindLabel": kindLabels(), "MinutesParas": paragraphs(o.Minutes),
			"CanClose": true}, nil, "<p>We agreed.</p>"},
		{"balance", map[string]any{"Base": "/b", "CanSet": true, "Mine": &PersonalBalance{WeekMinutes: 2400, FocusMinutes: 1920, GatheringMinutes: 480, Warning: "Careful."},
			"Weeks": []weekRow{{Week: "1 Mar 2027", Over: true}}, "Chart": template.HTML("<svg></svg>"), "BudgetHours": "8",
			"All": &CollectiveBalance{}, "AllHours": "0", "AllYield": "0.00",
			"Series": []struct {
				Title, Link, Hours, Yield string
				Held, Outcomes            int64
			}{{"S", "/s", "1", "0.5", 1, 1}}, "CWeeks": nil}, nil, "Over budget"},
		{"calendars", map[string]any{"Base": "/b", "Feeds": []struct {
			CalendarFeed
			Label string
		}{{CalendarFeed{ID: 1, CreatedAt: start}, "Every"}}, "Made": &CalendarFeed{URL: "http://x/calendar/abc"},
			"Scopes": []choice{{"person", "Mine", ""}}}, nil, "http://x/calendar/abc"},
	}
	for _, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			p := &web.Page{Data: pg.data, Form: pg.form, Errors: map[string]string{"title": "Bad."}}
			ts.Render(rec, httptest.NewRequest("GET", "/", nil), http.StatusOK, pg.name, p)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), pg.want) {
				t.Fatalf("status %d, want 200 and %q in\n%s", rec.Code, pg.want, rec.Body.String())
			}
		})
	}
}
