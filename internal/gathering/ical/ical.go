// Package ical writes iCalendar (RFC 5545) files and expands the
// recurrence rules gatherings use. It is pure: no I/O beyond the writer it
// is given, nothing of the project.
package ical

import (
	"errors"
	"io"
	"time"
)

var errTodo = errors.New("ical: not written yet")

// Calendar is one VCALENDAR.
type Calendar struct {
	ProdID string // e.g. "-//commonground//gatherings//EN"
	Method string // "" for a file or feed; "REQUEST" or "CANCEL" for iMIP (RFC 5546)
	Name   string // X-WR-CALNAME, shown by calendar programs for a feed
	Events []Event
}

// Event is one VEVENT: a single gathering, a recurring one's master (RRule
// set), or an override of one date of it (RecurrenceID set).
type Event struct {
	UID      string
	Sequence int64
	Stamp    time.Time // DTSTAMP
	Start    time.Time
	End      time.Time
	// Zone is the time zone DTSTART and DTEND are written in (with a TZID and
	// a VTIMEZONE in the calendar); nil writes them in UTC.
	Zone         *time.Location
	Summary      string
	Description  string
	Location     string
	URL          string
	Status       string // CONFIRMED, TENTATIVE or CANCELLED
	RRule        string // without the "RRULE:" prefix
	ExDates      []time.Time
	RecurrenceID time.Time // zero for none
	Organizer    *Person
	Attendees    []Attendee
}

// Person is an organizer: a name and an address.
type Person struct {
	Name  string
	Email string
}

// Attendee is an invited person and their answer.
type Attendee struct {
	Person
	PartStat string // NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE
	RSVP     bool
}

// WriteTo writes the calendar: CRLF line endings, lines folded at 75
// octets (never inside a UTF-8 sequence), text escaped, and one VTIMEZONE
// for every zone an event uses, covering the events' years.
func (c *Calendar) WriteTo(w io.Writer) (int64, error) { return 0, errTodo }

// Bytes is the calendar as written by WriteTo.
func (c *Calendar) Bytes() []byte { return nil }
