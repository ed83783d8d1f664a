package ical

import (
	"io"
	"strconv"
	"testing"
	"time"
)

// feed10000 is a personal feed's worth of gatherings: 10,000 over three
// years in two zones, some recurring with cancelled dates, each with the
// text a real gathering carries.
func feed10000(b testing.TB) *Calendar {
	ber, ny := berlin(b), mustZone(b, "America/New_York")
	stamp := time.Date(2026, 11, 20, 8, 30, 0, 0, time.UTC)
	c := &Calendar{ProdID: "-//commonground//gatherings//EN", Name: "Gatherings of Ada Lovelace"}
	c.Events = make([]Event, 10000)
	for i := range c.Events {
		loc := ber
		if i%4 == 3 {
			loc = ny
		}
		start := time.Date(2025, 1, 1, 9, 0, 0, 0, loc).Add(time.Duration(i) * 2 * time.Hour)
		e := Event{UID: "g-" + strconv.Itoa(i) + "@example.org", Sequence: int64(i % 5), Stamp: stamp,
			Start: start, End: start.Add(90 * time.Minute), Zone: loc,
			Summary:     "Circle of practice: housing, food & care (" + strconv.Itoa(i) + ")",
			Description: "Intention: leave with three commitments, one per partner.\nAgenda: check-in; review; next steps.",
			Location:    "Community hall, Room 2", URL: "https://commonground.example.org/c/ours/gatherings/" + strconv.Itoa(i),
			Status: "CONFIRMED", Organizer: &Person{Name: "Bo Host", Email: "bo@example.org"},
			Attendees: []Attendee{{Person: Person{Name: "Ada Lovelace", Email: "ada@example.org"}, PartStat: "ACCEPTED"}},
		}
		if i%50 == 0 {
			e.RRule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=20"
			e.ExDates = []time.Time{start.AddDate(0, 0, 14), start.AddDate(0, 0, 28)}
		}
		c.Events[i] = e
	}
	return c
}

// BenchmarkWrite10000 writes a personal feed of 10,000 gatherings; the
// feed's whole budget is 50 ms.
func BenchmarkWrite10000(b *testing.B) {
	c := feed10000(b)
	b.SetBytes(int64(len(c.Bytes())))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
