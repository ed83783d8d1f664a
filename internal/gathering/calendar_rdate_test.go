package gathering

import (
	"testing"
)

// TestICSKeptDateBecomesRDate: a weekly Tuesday series that someone
// answered for moves to Wednesdays; the answered Tuesday stays (the plan
// keeps dates people answered for), and since the new rule does not give
// it, the master lists it as an RDATE, so the override's RECURRENCE-ID
// names a date of the series (RFC 5545 §3.8.4.4).
func TestICSKeptDateBecomesRDate(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		in := meeting() // Tuesday 1 December 2026, 10:00 Berlin
		in.Repeat = RepeatInput{Every: Weekly, Count: 3}
		g := f.planAs(t, f.A, in)
		second := f.occurrenceIDs(t, g.ID)[1] // Tuesday 8 December
		f.rsvp(t, f.B, second, Going)
		in.Start, in.End = "2026-12-02T10:00", "2026-12-02T11:30" // Wednesdays from now on
		_, err := f.S.Update(ctxOf(f.A), f.A, g.ID, in, 1)
		ok(t, err)
		b, err := f.S.ICS(ctxOf(f.A), f.A, g.ID)
		ok(t, err)
		lines := icsLines(t, b)
		has(t, lines, "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3",
			"RDATE;TZID=Europe/Berlin:20261208T100000",
			"RECURRENCE-ID;TZID=Europe/Berlin:20261208T100000")
		if n := countPrefix(lines, "RDATE"); n != 1 {
			t.Fatalf("%d RDATE lines, want 1:\n%s", n, b)
		}
	})
}
