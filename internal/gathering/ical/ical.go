// Package ical writes iCalendar (RFC 5545) files and expands the
// recurrence rules gatherings use. It is pure: the standard library only,
// nothing of the project, no I/O beyond the writer it is given (and the
// zone files LoadZone reads).
package ical

import (
	"io"
	"strconv"
	"time"
)

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
	Zone        *time.Location
	Summary     string
	Description string
	Location    string
	URL         string
	Status      string // CONFIRMED, TENTATIVE or CANCELLED
	RRule       string // without the "RRULE:" prefix
	ExDates     []time.Time
	// RDates adds dates the rule does not give (a date kept when the rule
	// changed), so an override can name it as its RECURRENCE-ID.
	RDates       []time.Time
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
// for every zone an event uses, covering the events' years: from the
// earliest start through the latest end, RECURRENCE-ID, EXDATE or rule end
// (a rule without one: five years past its start or DTSTAMP, whichever
// is later; at most a hundred years in all). A zero Stamp
// is written as the start; an organizer or attendee without an address is
// left out, as both need one.
func (c *Calendar) WriteTo(w io.Writer) (int64, error) {
	cw := writer{dst: w, out: make([]byte, 0, flushAt+1024)}
	c.write(&cw)
	cw.flush()
	return cw.n, cw.err
}

// Bytes is the calendar as written by WriteTo.
func (c *Calendar) Bytes() []byte {
	cw := writer{out: make([]byte, 0, 1024+512*len(c.Events))}
	c.write(&cw)
	return cw.out
}

// zoneUse is a zone the events use and the years they span in it.
type zoneUse struct {
	loc      *time.Location
	from, to int
}

func (c *Calendar) write(w *writer) {
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	prodID := c.ProdID
	if prodID == "" {
		prodID = "-//commonground//gatherings//EN"
	}
	w.textProp("PRODID", prodID)
	w.prop("CALSCALE", "GREGORIAN")
	if c.Method != "" {
		w.prop("METHOD", c.Method)
	}
	if c.Name != "" {
		w.textProp("X-WR-CALNAME", c.Name)
	}
	for _, z := range c.zones() {
		w.raw(vtimezone(z.loc, z.from, z.to))
	}
	for i := range c.Events {
		if w.err != nil {
			return
		}
		c.Events[i].write(w)
	}
	w.prop("END", "VCALENDAR")
}

// zones lists the zones the events use, in the order they first appear,
// with the years each must cover.
func (c *Calendar) zones() []zoneUse {
	var out []zoneUse
	index := map[string]int{}
	for i := range c.Events {
		e := &c.Events[i]
		name := tzid(e.Zone)
		if name == "" {
			continue
		}
		from, to := e.years()
		j, ok := index[name]
		if !ok {
			index[name] = len(out)
			out = append(out, zoneUse{loc: e.Zone, from: from, to: to})
			continue
		}
		out[j].from = min(out[j].from, from)
		out[j].to = max(out[j].to, to)
	}
	for i := range out {
		// Finding a zone's changes probes it day by day: a stray year 1 or
		// 9999 must not cost seconds, and no calendar needs more.
		out[i].to = min(out[i].to, out[i].from+maxZoneYears)
	}
	return out
}

// maxZoneYears bounds the years one VTIMEZONE covers.
const maxZoneYears = 100

// years are the first and last year an event's times fall in, in its zone.
func (e *Event) years() (int, int) {
	from := e.Start.In(e.Zone).Year()
	to := from
	grow := func(t time.Time) {
		if t.IsZero() {
			return
		}
		y := t.In(e.Zone).Year()
		from, to = min(from, y), max(to, y)
	}
	grow(e.End)
	grow(e.RecurrenceID)
	for _, t := range e.ExDates {
		grow(t)
	}
	for _, t := range e.RDates {
		grow(t)
	}
	if e.RRule != "" {
		r, err := ParseRule(e.RRule)
		switch {
		case err != nil:
		case !r.Until.IsZero():
			grow(r.Until)
		case r.Count > 0:
			start := e.Start.In(e.Zone)
			if got := r.Expand(start, time.Time{}, start.AddDate(100, 0, 0), 0); len(got) > 0 {
				grow(got[len(got)-1])
			}
		default:
			to = max(to, from+openYears, e.Stamp.In(e.Zone).Year()+openYears)
		}
	}
	return from, to
}

func (e *Event) write(w *writer) {
	zone := tzid(e.Zone)
	w.prop("BEGIN", "VEVENT")
	w.textProp("UID", e.UID)
	w.begin("SEQUENCE")
	w.line = strconv.AppendInt(append(w.line, ':'), e.Sequence, 10)
	w.end()
	stamp := e.Stamp
	if stamp.IsZero() {
		stamp = e.Start
	}
	w.begin("DTSTAMP")
	w.line = appendUTC(append(w.line, ':'), stamp)
	w.end()
	w.times("DTSTART", zone, e.Zone, e.Start)
	if !e.End.IsZero() {
		w.times("DTEND", zone, e.Zone, e.End)
	}
	if !e.RecurrenceID.IsZero() {
		w.times("RECURRENCE-ID", zone, e.Zone, e.RecurrenceID)
	}
	if e.RRule != "" {
		w.prop("RRULE", e.RRule)
	}
	if len(e.RDates) > 0 {
		w.times("RDATE", zone, e.Zone, e.RDates...)
	}
	if len(e.ExDates) > 0 {
		w.times("EXDATE", zone, e.Zone, e.ExDates...)
	}
	w.textProp("SUMMARY", e.Summary)
	if e.Description != "" {
		w.textProp("DESCRIPTION", e.Description)
	}
	if e.Location != "" {
		w.textProp("LOCATION", e.Location)
	}
	if e.URL != "" {
		w.prop("URL", e.URL)
	}
	if e.Status != "" {
		w.prop("STATUS", e.Status)
	}
	if o := e.Organizer; o != nil && o.Email != "" {
		w.begin("ORGANIZER")
		if o.Name != "" {
			w.param("CN", o.Name)
		}
		w.mailto(o.Email)
	}
	for _, a := range e.Attendees {
		if a.Email == "" {
			continue
		}
		w.begin("ATTENDEE")
		if a.Name != "" {
			w.param("CN", a.Name)
		}
		if a.PartStat != "" {
			w.param("PARTSTAT", a.PartStat)
		}
		if a.RSVP {
			w.line = append(w.line, ";RSVP=TRUE"...)
		}
		w.mailto(a.Email)
	}
	w.prop("END", "VEVENT")
}

// times writes a date-time property: with a TZID and the zone's wall clock,
// or in UTC with a Z; several values are comma-separated (EXDATE).
func (w *writer) times(name, zone string, loc *time.Location, ts ...time.Time) {
	w.begin(name)
	if zone != "" {
		// Every time of a zone carries the same parameter: made once, as
		// checking and quoting it was a third of writing a time.
		if zone != w.tzid || w.tzidParam == nil {
			w.tzid = zone
			w.tzidParam = appendParam(append(w.tzidParam[:0], ";TZID="...), zone)
		}
		w.line = append(w.line, w.tzidParam...)
	}
	w.line = append(w.line, ':')
	for i, t := range ts {
		if i > 0 {
			w.line = append(w.line, ',')
		}
		if zone != "" {
			w.line = appendLocal(w.line, t.In(loc))
		} else {
			w.line = appendUTC(w.line, t)
		}
	}
	w.end()
}

// mailto ends an ORGANIZER or ATTENDEE line with its address.
func (w *writer) mailto(email string) {
	w.line = append(w.line, ":mailto:"...)
	w.line = appendRaw(w.line, email)
	w.end()
}
