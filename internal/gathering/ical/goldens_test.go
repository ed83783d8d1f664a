package ical

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"
)

// TestParsedByPythonICalendar checks what python3-icalendar read from
// testdata/sample.ics (testdata/gen/parse_ics.py wrote
// testdata/sample.parsed.golden) against the events we wrote: the texts,
// the people, and the instants both as it resolves TZID and through our
// VTIMEZONE alone, whose changes must be Go's.
func TestParsedByPythonICalendar(t *testing.T) {
	raw, err := os.ReadFile("testdata/sample.parsed.golden")
	if err != nil {
		t.Fatal(err)
	}
	type attendee struct{ Address, CN, PartStat, RSVP string }
	var doc struct {
		CalName string
		Zones   map[string][]struct {
			At     time.Time
			Offset int
			Name   string
		}
		Events []struct {
			UID, Summary, Description, Location, Status, URL string
			Sequence                                         int64
			DTStamp                                          time.Time
			StartS                                           string `json:"start"`
			StartV                                           string `json:"start_vtimezone"`
			EndS                                             string `json:"end"`
			EndV                                             string `json:"end_vtimezone"`
			RRule                                            string
			ExDates                                          []time.Time
			RecurrenceID                                     string `json:"recurrence_id"`
			OrganizerCN                                      string `json:"organizer_cn"`
			Attendees                                        []attendee
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	c := sample(t)
	utc := func(tm time.Time) string {
		if tm.IsZero() {
			return ""
		}
		return tm.UTC().Format("2006-01-02T15:04:05Z")
	}
	t.Run("OKEvents", func(t *testing.T) {
		if doc.CalName != c.Name || len(doc.Events) != len(c.Events) {
			t.Fatalf("calendar %q with %d events", doc.CalName, len(doc.Events))
		}
		for i, got := range doc.Events {
			e := c.Events[i]
			if got.UID != e.UID || got.Sequence != e.Sequence || got.Summary != e.Summary ||
				got.Description != e.Description || got.Location != e.Location || got.Status != e.Status ||
				got.URL != e.URL || !got.DTStamp.Equal(e.Stamp) {
				t.Errorf("event %d read as %+v", i, got)
			}
			for name, pair := range map[string][2]string{
				"start": {got.StartS, utc(e.Start)}, "start via VTIMEZONE": {got.StartV, utc(e.Start)},
				"end": {got.EndS, utc(e.End)}, "end via VTIMEZONE": {got.EndV, utc(e.End)},
				"recurrence-id": {got.RecurrenceID, utc(e.RecurrenceID)},
			} {
				if pair[0] != pair[1] {
					t.Errorf("event %d %s = %s, want %s", i, name, pair[0], pair[1])
				}
			}
			if len(got.ExDates) != len(e.ExDates) {
				t.Errorf("event %d has %d EXDATEs, want %d", i, len(got.ExDates), len(e.ExDates))
			}
			for j := range got.ExDates {
				if j < len(e.ExDates) && !got.ExDates[j].Equal(e.ExDates[j]) {
					t.Errorf("event %d EXDATE %d = %v, want %v", i, j, got.ExDates[j], e.ExDates[j].UTC())
				}
			}
			// icalendar writes the parts in its own order: compare the rules.
			if got.RRule != "" || e.RRule != "" {
				theirs, err1 := ParseRule(got.RRule)
				ours, err2 := ParseRule(e.RRule)
				if err1 != nil || err2 != nil || !reflect.DeepEqual(theirs, ours) {
					t.Errorf("event %d RRULE read as %q (%v, %v)", i, got.RRule, err1, err2)
				}
			}
		}
		first := doc.Events[0]
		want := []attendee{{"mailto:bo@example.org", "Bo", "ACCEPTED", "TRUE"},
			{"mailto:cy@example.org", "Cy: guest", "NEEDS-ACTION", ""}}
		if first.OrganizerCN != "Ada the host Lovelace" || !reflect.DeepEqual(first.Attendees, want) {
			t.Errorf("organizer %q, attendees %+v", first.OrganizerCN, first.Attendees)
		}
	})
	t.Run("OKVTimezoneAsGo", func(t *testing.T) {
		changes := doc.Zones["Europe/Berlin"]
		if len(changes) != 5 {
			t.Fatalf("%d changes read from the Berlin VTIMEZONE, want 5", len(changes))
		}
		ber := berlin(t)
		for _, ch := range changes {
			name, off := ch.At.In(ber).Zone()
			_, before := ch.At.Add(-time.Second).In(ber).Zone()
			if off != ch.Offset || name != ch.Name || before == off {
				t.Errorf("change at %v to %s %d: Go has %s %d, and %d a second before", ch.At, ch.Name, ch.Offset, name, off, before)
			}
		}
	})
}
