package ical

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func berlin(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// sample is a recurring gathering every two weeks in Berlin with two dates
// cancelled and one moved, and a single cancelled gathering in UTC.
func sample(t testing.TB) *Calendar {
	ber := berlin(t)
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, ber) }
	stamp := time.Date(2026, 11, 20, 8, 30, 0, 0, time.UTC)
	return &Calendar{ProdID: "-//test//gatherings//EN", Name: "Team; circle", Events: []Event{{
		UID: "g-1@example.org", Sequence: 3, Stamp: stamp,
		Start: at(2026, 10, 6, 10, 0), End: at(2026, 10, 6, 11, 30), Zone: ber,
		Summary: "Weekly circle", Description: "a,b;c\\d\nnew line", Location: "Room 1, Hall",
		URL: "https://example.org/g/1", Status: "CONFIRMED",
		RRule:     "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270330T235959Z",
		ExDates:   []time.Time{at(2026, 10, 20, 10, 0), at(2026, 11, 3, 10, 0)},
		Organizer: &Person{Name: `Ada "the host" Lovelace`, Email: "ada@example.org"},
		Attendees: []Attendee{
			{Person: Person{Name: "Bo", Email: "bo@example.org"}, PartStat: "ACCEPTED", RSVP: true},
			{Person: Person{Name: "Cy: guest", Email: "cy@example.org"}, PartStat: "NEEDS-ACTION"},
			{Person: Person{Name: "No address"}, PartStat: "ACCEPTED"},
		},
	}, {
		UID: "g-1@example.org", Sequence: 3, Stamp: stamp, RecurrenceID: at(2026, 11, 17, 10, 0),
		Start: at(2026, 11, 18, 14, 0), End: at(2026, 11, 18, 15, 30), Zone: ber,
		Summary: "Weekly circle (moved)", Status: "CONFIRMED",
	}, {
		UID: "g-2@example.org", Sequence: 1, Stamp: stamp,
		Start: time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC),
		Summary: "Retro", Status: "CANCELLED",
	}}}
}

const sampleWant = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//gatherings//EN
CALSCALE:GREGORIAN
X-WR-CALNAME:Team\; circle
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:20251026T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20260329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20261025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20270328T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20271031T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:g-1@example.org
SEQUENCE:3
DTSTAMP:20261120T083000Z
DTSTART;TZID=Europe/Berlin:20261006T100000
DTEND;TZID=Europe/Berlin:20261006T113000
RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270330T235959Z
EXDATE;TZID=Europe/Berlin:20261020T100000,20261103T100000
SUMMARY:Weekly circle
DESCRIPTION:a\,b\;c\\d\nnew line
LOCATION:Room 1\, Hall
URL:https://example.org/g/1
STATUS:CONFIRMED
ORGANIZER;CN=Ada the host Lovelace:mailto:ada@example.org
ATTENDEE;CN=Bo;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:bo@example.org
ATTENDEE;CN="Cy: guest";PARTSTAT=NEEDS-ACTION:mailto:cy@example.org
END:VEVENT
BEGIN:VEVENT
UID:g-1@example.org
SEQUENCE:3
DTSTAMP:20261120T083000Z
DTSTART;TZID=Europe/Berlin:20261118T140000
DTEND;TZID=Europe/Berlin:20261118T153000
RECURRENCE-ID;TZID=Europe/Berlin:20261117T100000
SUMMARY:Weekly circle (moved)
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
UID:g-2@example.org
SEQUENCE:1
DTSTAMP:20261120T083000Z
DTSTART:20270105T090000Z
DTEND:20270105T100000Z
SUMMARY:Retro
STATUS:CANCELLED
END:VEVENT
END:VCALENDAR
`

// crlf turns a text written with LF into what the writer writes.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func TestWrite(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		got := string(sample(t).Bytes())
		if want := crlf(sampleWant); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("OKWriteToSameAsBytes", func(t *testing.T) {
		c := sample(t)
		var buf bytes.Buffer
		n, err := c.WriteTo(&buf)
		if err != nil || n != int64(buf.Len()) || !bytes.Equal(buf.Bytes(), c.Bytes()) {
			t.Fatalf("WriteTo = %d, %v; %d bytes, same as Bytes: %v", n, err, buf.Len(), bytes.Equal(buf.Bytes(), c.Bytes()))
		}
	})
	t.Run("OKCRLFAndLineLength", func(t *testing.T) {
		c := sample(t)
		c.Events[0].Description = strings.Repeat("Long description, with commas; and more. ", 20)
		out := c.Bytes()
		if !bytes.HasSuffix(out, []byte("END:VCALENDAR\r\n")) {
			t.Fatal("does not end with END:VCALENDAR and CRLF")
		}
		for i, l := range bytes.Split(out[:len(out)-2], []byte("\r\n")) {
			if bytes.ContainsAny(l, "\r\n") {
				t.Fatalf("line %d holds a bare CR or LF: %q", i+1, l)
			}
			if len(l) > 75 {
				t.Fatalf("line %d has %d octets: %q", i+1, len(l), l)
			}
		}
		if !strings.Contains(unfold(string(out)), "\r\nDESCRIPTION:"+strings.Repeat(`Long description\, with commas\; and more. `, 20)+"\r\n") {
			t.Fatal("the long description does not unfold to itself")
		}
	})
	t.Run("OKFoldKeepsUTF8Whole", func(t *testing.T) {
		// SUMMARY: is 8 octets and é is 2: 33 of them fill 74 octets, and the
		// 34th would end at 76, so the first line stops at 74.
		summary := strings.Repeat("é", 40) + "✓ Zusammenkunft für alle: 🌍 " + strings.Repeat("ü", 30)
		c := Calendar{Events: []Event{{UID: "u", Start: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), Summary: summary}}}
		out := string(c.Bytes())
		i := strings.Index(out, "SUMMARY:")
		lines := strings.Split(out[i:strings.Index(out, "END:VEVENT")-2], "\r\n")
		if len(lines) < 3 {
			t.Fatalf("want the summary folded onto 3 lines or more, got %q", lines)
		}
		if lines[0] != "SUMMARY:"+strings.Repeat("é", 33) {
			t.Fatalf("first line %q (%d octets)", lines[0], len(lines[0]))
		}
		var joined strings.Builder
		for j, l := range lines {
			if !utf8.ValidString(l) || len(l) > 75 {
				t.Fatalf("line %d: %d octets, valid UTF-8 %v: %q", j, len(l), utf8.ValidString(l), l)
			}
			if j > 0 {
				if l[0] != ' ' || l[1] == ' ' {
					t.Fatalf("continuation line %d does not start with one space: %q", j, l)
				}
				l = l[1:]
			}
			joined.WriteString(l)
		}
		if joined.String() != "SUMMARY:"+summary {
			t.Fatalf("unfolded to %q", joined.String())
		}
	})
	t.Run("OKEscaping", func(t *testing.T) {
		c := Calendar{Method: "REQUEST", Events: []Event{{UID: "u", Start: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC),
			Summary: "a,b;c\\d\nnew line", Description: "crlf\r\nbreak\x00bell\x07\ttab", Location: "bad \xff byte",
			URL: "https://x.test/a\r\nINJECTED:1"}}}
		out := string(c.Bytes())
		for _, want := range []string{"\r\nMETHOD:REQUEST\r\n", "\r\nSUMMARY:a\\,b\\;c\\\\d\\nnew line\r\n",
			"\r\nDESCRIPTION:crlf\\nbreakbell\ttab\r\n", "\r\nLOCATION:bad \uFFFD byte\r\n",
			"\r\nURL:https://x.test/aINJECTED:1\r\n", "\r\nDTSTAMP:20260101T090000Z\r\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("missing %q in\n%s", want, out)
			}
		}
		if strings.Contains(out, "VTIMEZONE") || strings.Contains(out, "X-WR-CALNAME") {
			t.Errorf("a UTC calendar without a name has a VTIMEZONE or a name:\n%s", out)
		}
	})
	t.Run("OKZoneWithoutTransitions", func(t *testing.T) {
		tokyo, err := time.LoadLocation("Asia/Tokyo")
		if err != nil {
			t.Fatal(err)
		}
		c := Calendar{Events: []Event{{UID: "u", Start: time.Date(2026, 5, 1, 9, 0, 0, 0, tokyo), Zone: tokyo}}}
		want := crlf("BEGIN:VTIMEZONE\nTZID:Asia/Tokyo\nBEGIN:STANDARD\nDTSTART:19700101T000000\n" +
			"TZOFFSETFROM:+0900\nTZOFFSETTO:+0900\nTZNAME:JST\nEND:STANDARD\nEND:VTIMEZONE\n" +
			"BEGIN:VEVENT\nUID:u\nSEQUENCE:0\nDTSTAMP:20260501T000000Z\nDTSTART;TZID=Asia/Tokyo:20260501T090000\n")
		if out := string(c.Bytes()); !strings.Contains(out, want) {
			t.Fatalf("got\n%s\nwant within it\n%s", out, want)
		}
	})
	t.Run("OKOneZoneForManyEvents", func(t *testing.T) {
		ber, ny := berlin(t), mustZone(t, "America/New_York")
		c := Calendar{Events: []Event{
			{UID: "a", Start: time.Date(2026, 5, 1, 9, 0, 0, 0, ber), Zone: ber},
			{UID: "b", Start: time.Date(2026, 5, 1, 9, 0, 0, 0, ny), Zone: ny},
			{UID: "c", Start: time.Date(2028, 5, 1, 9, 0, 0, 0, ber), Zone: mustZone(t, "Europe/Berlin")},
			{UID: "d", Start: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC), Zone: time.UTC},
		}}
		out := string(c.Bytes())
		if n := strings.Count(out, "BEGIN:VTIMEZONE"); n != 2 {
			t.Fatalf("%d VTIMEZONEs, want 2 (Berlin and New York)", n)
		}
		// Berlin covers 2026 to 2028: five changes from October 2025 on, and six more.
		for _, want := range []string{"DTSTART:20251026T030000", "DTSTART:20281029T030000", "TZOFFSETTO:-0400",
			"DTSTART:20260308T020000", "DTSTART:20261101T020000", "\r\nDTSTART:20260501T090000Z\r\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("missing %q", want)
			}
		}
		if n := strings.Count(out, "TZNAME:CEST"); n != 3 {
			t.Errorf("%d CEST observances, want 3 (2026, 2027, 2028)", n)
		}
	})
	t.Run("OKOpenRuleCoversYearsAhead", func(t *testing.T) {
		ber := berlin(t)
		c := Calendar{Events: []Event{{UID: "a", Start: time.Date(2026, 5, 5, 9, 0, 0, 0, ber), Zone: ber,
			RRule: "FREQ=WEEKLY"}}}
		out := string(c.Bytes())
		if !strings.Contains(out, "DTSTART:20310330T020000") || strings.Contains(out, "DTSTART:2032") {
			t.Fatalf("an open rule from 2026 should cover through 2031:\n%s", out)
		}
	})
	t.Run("OKFarUntilBounded", func(t *testing.T) {
		// A rule running to 9999 gets a VTIMEZONE for a hundred years, not eight thousand.
		ber := berlin(t)
		c := Calendar{Events: []Event{{UID: "a", Start: time.Date(2026, 5, 5, 9, 0, 0, 0, ber), Zone: ber,
			RRule: "FREQ=WEEKLY;UNTIL=99991231T235959Z"}}}
		out := string(c.Bytes())
		if n := strings.Count(out, "TZNAME:CEST"); n != 101 {
			t.Fatalf("%d CEST observances, want 101 (2026 to 2126)", n)
		}
	})
	t.Run("ErrWriterFails", func(t *testing.T) {
		c := sample(t)
		_, err := c.WriteTo(failWriter{})
		if !errors.Is(err, errFail) {
			t.Fatalf("WriteTo error = %v, want %v", err, errFail)
		}
	})
}

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

var errFail = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFail }

// unfold undoes folding (RFC 5545 3.1).
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

var update = flag.Bool("update", false, "rewrite testdata/sample.ics")

// TestSampleFile keeps testdata/sample.ics, the file
// testdata/gen/parse_ics.py reads with python3-icalendar, equal to what
// the writer makes of sample (go test -run TestSampleFile -update).
func TestSampleFile(t *testing.T) {
	got := sample(t).Bytes()
	if *update {
		if err := os.WriteFile("testdata/sample.ics", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/sample.ics")
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("testdata/sample.ics is not what the writer makes (%v); run with -update and rerun the script", err)
	}
}

func TestLoadZone(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		a, err := LoadZone("Europe/Berlin")
		if err != nil {
			t.Fatal(err)
		}
		b, err := LoadZone("Europe/Berlin")
		if err != nil || a != b || a.String() != "Europe/Berlin" {
			t.Fatalf("second load %v, %v; same location: %v", b, err, a == b)
		}
	})
	t.Run("ErrUnknownZone", func(t *testing.T) {
		_, err := LoadZone("Mars/Olympus_Mons")
		if err == nil || err.Error() != "unknown time zone Mars/Olympus_Mons" {
			t.Fatalf("error = %v", err)
		}
		if _, ok := zones.Load("Mars/Olympus_Mons"); ok {
			t.Fatal("an unknown zone was cached")
		}
	})
}
