package gathering

import (
	"context"
	"strings"
	"testing"

	"commonground/internal/errs"
)

// icsLines splits a calendar into its unfolded lines, checking that every
// line ends in CRLF.
func icsLines(t testing.TB, b []byte) []string {
	t.Helper()
	s := string(b)
	if !strings.HasSuffix(s, "\r\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Fatalf("calendar lines must end in CRLF:\n%q", s)
	}
	s = strings.ReplaceAll(s, "\r\n ", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

// has fails unless every want line is among lines.
func has(t testing.TB, lines []string, want ...string) {
	t.Helper()
	for _, w := range want {
		found := false
		for _, l := range lines {
			if l == w {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("no line %q in\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

// count counts the lines starting with prefix.
func countPrefix(lines []string, prefix string) int {
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			n++
		}
	}
	return n
}

func TestICS(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			g, err := f.S.Create(ctxOf(f.A), f.A, meeting())
			ok(t, err)
			b, err := f.S.ICS(ctxOf(f.Observer), f.Observer, g.ID)
			ok(t, err)
			lines := icsLines(t, b)
			same(t, "first line", lines[0], "BEGIN:VCALENDAR")
			has(t, lines, "VERSION:2.0", "PRODID:-//commonground//gatherings//EN", "BEGIN:VEVENT", "UID:"+g.UID, "SEQUENCE:0",
				"DTSTAMP:20261123T090000Z", "DTSTART;TZID=Europe/Berlin:20261201T100000", "DTEND;TZID=Europe/Berlin:20261201T113000",
				"SUMMARY:Partners' round", `LOCATION:Library\, room 2`, "STATUS:CONFIRMED", "TZID:Europe/Berlin",
				"URL:https://cg.example/c/river/gatherings/"+itoa64(g.ID),
				`DESCRIPTION:Agree who leads the spring campaign.\n\nhttps://cg.example/c/river/gatherings/`+itoa64(g.ID))
			same(t, "events", countPrefix(lines, "BEGIN:VEVENT"), 1)
			same(t, "attendees", countPrefix(lines, "ATTENDEE"), 0)
			same(t, "methods", countPrefix(lines, "METHOD"), 0)
			if !strings.HasSuffix(g.UID, "@cg.example") {
				t.Fatalf("uid %q", g.UID)
			}
		})

		t.Run("OKRecurring", func(t *testing.T) {
			in := meeting()
			in.Title, in.Repeat = "Weekly round", RepeatInput{Every: Weekly, Count: 4}
			g, err := f.S.Create(ctxOf(f.A), f.A, in)
			ok(t, err)
			occs, err := f.S.Occurrences(ctxOf(f.A), f.A, g.ID)
			ok(t, err)
			same(t, "dates", len(occs), 4)
			ok(t, f.S.CancelOccurrence(ctxOf(f.A), f.A, occs[1].ID))
			_, err = f.S.MoveOccurrence(ctxOf(f.A), f.A, occs[2].ID, OccurrenceInput{Start: "2026-12-16T14:00", End: "2026-12-16T15:30"})
			ok(t, err)
			b, err := f.S.ICS(ctxOf(f.B), f.B, g.ID)
			ok(t, err)
			lines := icsLines(t, b)
			same(t, "events", countPrefix(lines, "BEGIN:VEVENT"), 2)
			has(t, lines, "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4",
				"EXDATE;TZID=Europe/Berlin:20261208T100000",
				"RECURRENCE-ID;TZID=Europe/Berlin:20261215T100000",
				"DTSTART;TZID=Europe/Berlin:20261216T140000", "DTEND;TZID=Europe/Berlin:20261216T153000")
			same(t, "uids", countPrefix(lines, "UID:"+g.UID), 2)
		})

		t.Run("OKCancelled", func(t *testing.T) {
			in := meeting()
			in.Title = "Called off"
			g, err := f.S.Create(ctxOf(f.A), f.A, in)
			ok(t, err)
			ok(t, f.S.Cancel(ctxOf(f.A), f.A, g.ID))
			b, err := f.S.ICS(ctxOf(f.B), f.B, g.ID)
			ok(t, err)
			lines := icsLines(t, b)
			has(t, lines, "STATUS:CANCELLED", "UID:"+g.UID)
			if countPrefix(lines, "SEQUENCE:0") != 0 {
				t.Fatalf("a cancellation must raise SEQUENCE:\n%s", strings.Join(lines, "\n"))
			}
		})

		t.Run("ErrScheduling", func(t *testing.T) {
			in := meeting()
			in.Title, in.Start, in.End = "Open date", "", ""
			in.CandidateStarts, in.DurationMinutes, in.PollCloses = []string{"2026-12-01T10:00", "2026-12-02T10:00"}, 60, "2026-11-28T12:00"
			g, err := f.S.Create(ctxOf(f.A), f.A, in)
			ok(t, err)
			_, err = f.S.ICS(ctxOf(f.B), f.B, g.ID)
			wantErr(t, err, errs.Conflict, "", `The date of "Open date" is not set yet: a time poll decides it, and the calendar file follows.`)
		})

		t.Run("ErrRefused", func(t *testing.T) {
			g, err := f.S.Create(ctxOf(f.A), f.A, meeting())
			ok(t, err)
			_, err = f.S.ICS(ctxOf(f.Outsider), f.Outsider, g.ID)
			wantErr(t, err, errs.Forbidden, "", "Only members of River can see its gatherings.")
			_, err = f.S.ICS(context.Background(), f.Anon, g.ID)
			wantErr(t, err, errs.Unauthorized, "", "Sign in to see the gatherings of River.")
			_, err = f.S.ICS(ctxOf(f.B), f.B, 99999)
			wantErr(t, err, errs.NotFound, "", "There is no such gathering.")
		})
	})
}
