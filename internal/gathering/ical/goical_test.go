package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
)

// TestParsedByGoICal reads our output with an independent parser
// (github.com/emersion/go-ical, a test-only dependency): the properties
// come back as written, and its own resolution of DTSTART;TZID gives our
// instants.
func TestParsedByGoICal(t *testing.T) {
	c := sample(t)
	c.Events[0].Summary = "Zusammenkunft für alle, " + strings.Repeat("é", 60) // folded
	cal, err := goical.NewDecoder(bytes.NewReader(c.Bytes())).Decode()
	if err != nil {
		t.Fatal(err)
	}
	text := func(comp *goical.Component, name string) string {
		t.Helper()
		p := comp.Props.Get(name)
		if p == nil {
			t.Fatalf("%s: no %s", comp.Name, name)
		}
		s, err := p.Text()
		if err != nil {
			t.Fatalf("%s %s: %v", comp.Name, name, err)
		}
		return s
	}
	t.Run("OKCalendar", func(t *testing.T) {
		if got := text(cal.Component, "X-WR-CALNAME"); got != "Team; circle" {
			t.Errorf("X-WR-CALNAME = %q", got)
		}
		if got := text(cal.Component, "PRODID"); got != "-//test//gatherings//EN" {
			t.Errorf("PRODID = %q", got)
		}
	})
	events := cal.Events()
	if len(events) != 3 {
		t.Fatalf("%d events, want 3", len(events))
	}
	t.Run("OKProps", func(t *testing.T) {
		e := events[0].Component
		for name, want := range map[string]string{
			"UID": "g-1@example.org", "SUMMARY": c.Events[0].Summary, "DESCRIPTION": "a,b;c\\d\nnew line",
			"LOCATION": "Room 1, Hall", "STATUS": "CONFIRMED",
		} {
			if got := text(e, name); got != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
		if seq, err := e.Props.Get("SEQUENCE").Int(); err != nil || seq != 3 {
			t.Errorf("SEQUENCE = %d, %v", seq, err)
		}
		if got := e.Props.Get("RRULE").Value; got != c.Events[0].RRule {
			t.Errorf("RRULE = %q", got)
		}
		if stamp, err := e.Props.DateTime("DTSTAMP", nil); err != nil || !stamp.Equal(c.Events[0].Stamp) {
			t.Errorf("DTSTAMP = %v, %v", stamp, err)
		}
		org := e.Props.Get("ORGANIZER")
		if org.Params.Get("CN") != "Ada the host Lovelace" || org.Value != "mailto:ada@example.org" {
			t.Errorf("ORGANIZER = %+v", org)
		}
		att := e.Props.Values("ATTENDEE")
		if len(att) != 2 || att[1].Params.Get("CN") != "Cy: guest" || att[1].Params.Get("PARTSTAT") != "NEEDS-ACTION" ||
			att[0].Params.Get("RSVP") != "TRUE" || att[0].Value != "mailto:bo@example.org" {
			t.Errorf("ATTENDEE = %+v", att)
		}
		ex := e.Props.Get("EXDATE")
		if ex.Params.Get("TZID") != "Europe/Berlin" || ex.Value != "20261020T100000,20261103T100000" {
			t.Errorf("EXDATE = %+v", ex)
		}
	})
	t.Run("OKSameInstants", func(t *testing.T) {
		for i, e := range events {
			start, err := e.DateTimeStart(nil)
			if err != nil || !start.Equal(c.Events[i].Start) {
				t.Errorf("event %d DTSTART = %v, %v; want %v", i, start, err, c.Events[i].Start)
			}
			end, err := e.DateTimeEnd(nil)
			if err != nil || !end.Equal(c.Events[i].End) {
				t.Errorf("event %d DTEND = %v, %v; want %v", i, end, err, c.Events[i].End)
			}
		}
		rid, err := events[1].Props.DateTime("RECURRENCE-ID", nil)
		if err != nil || !rid.Equal(c.Events[1].RecurrenceID) {
			t.Errorf("RECURRENCE-ID = %v, %v", rid, err)
		}
	})
	t.Run("OKTimeZone", func(t *testing.T) {
		var tz *goical.Component
		for _, child := range cal.Children {
			if child.Name == "VTIMEZONE" {
				tz = child
			}
		}
		if tz == nil || tz.Props.Get("TZID").Value != "Europe/Berlin" {
			t.Fatalf("no VTIMEZONE for Europe/Berlin: %+v", tz)
		}
		var got []string
		for _, o := range tz.Children {
			got = append(got, o.Name+" "+o.Props.Get("DTSTART").Value+" "+o.Props.Get("TZOFFSETFROM").Value+
				" "+o.Props.Get("TZOFFSETTO").Value+" "+o.Props.Get("TZNAME").Value)
		}
		want := []string{
			"STANDARD 20251026T030000 +0200 +0100 CET",
			"DAYLIGHT 20260329T020000 +0100 +0200 CEST",
			"STANDARD 20261025T030000 +0200 +0100 CET",
			"DAYLIGHT 20270328T020000 +0100 +0200 CEST",
			"STANDARD 20271031T030000 +0200 +0100 CET",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("observances\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("OKRecurrenceAsTheirs", func(t *testing.T) {
		// go-ical expands RRULE with github.com/teambition/rrule-go: a second
		// independent expansion of what we wrote, across the October change.
		ber := berlin(t)
		rule := "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=9"
		first := time.Date(2026, 10, 6, 10, 0, 0, 0, ber)
		one := Calendar{Events: []Event{{UID: "r", Start: first, End: first.Add(time.Hour), Zone: ber, RRule: rule}}}
		parsed, err := goical.NewDecoder(bytes.NewReader(one.Bytes())).Decode()
		if err != nil {
			t.Fatal(err)
		}
		set, err := parsed.Events()[0].RecurrenceSet(nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ParseRule(rule)
		if err != nil {
			t.Fatal(err)
		}
		ours := r.Expand(first, time.Time{}, first.AddDate(1, 0, 0), 0)
		theirs := set.All()
		if len(ours) != 9 || len(theirs) != len(ours) {
			t.Fatalf("ours %v\ntheirs %v", ours, theirs)
		}
		for i := range ours {
			if !ours[i].Equal(theirs[i]) {
				t.Errorf("date %d: ours %v, theirs %v", i, ours[i], theirs[i])
			}
		}
	})
}
