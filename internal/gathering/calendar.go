package gathering

import (
	"context"
	"net/url"
	"strings"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/gathering/ical"
)

// prodID names us in every calendar we write.
const prodID = "-//commonground//gatherings//EN"

// calOcc is an occurrence as calendars need it: only the dates that differ
// from the rule (moved, cancelled, or declined by the feed's person), or a
// single gathering's one date.
type calOcc struct {
	GatheringID  int64            `db:"gathering_id"`
	RecurrenceID time.Time        `db:"recurrence_id"`
	StartsAt     time.Time        `db:"starts_at"`
	EndsAt       time.Time        `db:"ends_at"`
	Status       OccurrenceStatus `db:"status"`
	Moved        bool             `db:"moved"`
	Declined     bool             `db:"declined"` // by the person whose feed it is
}

// ICS is one gathering as an iCalendar file: a single VEVENT, or a
// recurring master with its RRULE, EXDATEs for cancelled dates and an
// override (RECURRENCE-ID) for each moved one. Members read it, observers
// too; a gathering whose date a time poll still decides has none yet.
func (s *Service) ICS(ctx context.Context, a *collective.Access, gatheringID int64) ([]byte, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	g, err := loadGathering(ctx, s.DB, a, gatheringID)
	if err != nil {
		return nil, err
	}
	if g.Status == Scheduling {
		return nil, errs.New(errs.Conflict, "The date of %q is not set yet: a time poll decides it, and the calendar file follows.", g.Title)
	}
	var occs []calOcc
	if err := s.DB.Select(ctx, &occs, `SELECT gathering_id, recurrence_id, starts_at, ends_at, status, moved, FALSE AS declined
		FROM gathering_occurrences WHERE gathering_id = ? AND (moved OR status = 'cancelled' OR ? = '')
		ORDER BY recurrence_id`, g.ID, g.RRule); err != nil {
		return nil, err
	}
	c := ical.Calendar{ProdID: prodID, Events: s.events(g, a.Collective.Slug, occs)}
	return c.Bytes(), nil
}

// events are a gathering's VEVENTs given the dates that differ from its
// rule (for a single gathering: its one date, if read). Attendees are left
// out: a file or feed anyone in the collective may read lists nobody's
// address; invitations add the one recipient.
func (s *Service) events(g *Gathering, slug string, occs []calOcc) []ical.Event {
	return s.eventsIn(g, slug, occs, calZones{})
}

// eventsIn is events with the zones already loaded (a feed loads each
// once: loading is most of the cost of a small event).
func (s *Service) eventsIn(g *Gathering, slug string, occs []calOcc, zones calZones) []ical.Event {
	master := s.event(g, slug, zones)
	if g.Status == Cancelled {
		// Calendars drop the whole series; per-date details add nothing.
		return []ical.Event{master}
	}
	if !g.Recurring() {
		for _, o := range occs {
			master.Start, master.End = o.StartsAt.UTC(), o.EndsAt.UTC()
			if o.Status == OccurrenceCancelled || o.Declined {
				master.Status = "CANCELLED"
			}
		}
		return []ical.Event{master}
	}
	out := []ical.Event{master}
	for _, o := range occs {
		o.RecurrenceID, o.StartsAt, o.EndsAt = o.RecurrenceID.UTC(), o.StartsAt.UTC(), o.EndsAt.UTC()
		switch {
		case o.Status == OccurrenceCancelled || o.Declined:
			out[0].ExDates = append(out[0].ExDates, o.RecurrenceID)
		case o.Moved:
			if !ruleGives(g.RRule, g.StartsAt, zones.get(g.TimeZone), o.RecurrenceID) {
				out[0].RDates = append(out[0].RDates, o.RecurrenceID)
			}
			e := s.event(g, slug, zones)
			e.RRule = ""
			e.RecurrenceID, e.Start, e.End = o.RecurrenceID, o.StartsAt, o.EndsAt
			out = append(out, e)
		}
	}
	return out
}

// ruleGives reports whether the rule, from first, gives the date rid. A
// date kept when the rule changed (someone had answered for it) may not
// be one; RFC 5545 lets an override's RECURRENCE-ID name only a date of
// the series, so such dates join the master as RDATEs.
func ruleGives(rrule string, first time.Time, zone *time.Location, rid time.Time) bool {
	r, err := ical.ParseRule(rrule)
	if err != nil {
		return true // nothing to add to a rule that cannot be read
	}
	if zone == nil {
		zone = time.UTC
	}
	got := r.Expand(first.In(zone), rid, rid.Add(time.Second), 1)
	return len(got) == 1 && got[0].Equal(rid)
}

// event is the gathering's master VEVENT (or a single gathering's only
// one), without attendees.
func (s *Service) event(g *Gathering, slug string, zones calZones) ical.Event {
	page := s.pageURL(slug, g.ID)
	desc := g.Intention
	if g.Link != "" {
		desc += "\n\nJoin online: " + g.Link
	}
	desc += "\n\n" + page
	loc := g.Place
	if loc == "" {
		loc = g.Link
	}
	status := "CONFIRMED"
	if g.Status == Cancelled {
		status = "CANCELLED"
	}
	return ical.Event{UID: g.UID, Sequence: g.Sequence, Stamp: g.UpdatedAt, Start: g.StartsAt, End: g.EndsAt,
		Zone: zones.get(g.TimeZone), Summary: g.Title, Description: desc, Location: loc, URL: page, Status: status, RRule: g.RRule}
}

// calZones holds the zones loaded while writing one calendar.
type calZones map[string]*time.Location

// get loads a zone once; an unknown one gives nil, so times are written in
// UTC rather than in a wrong zone.
func (z calZones) get(name string) *time.Location {
	if loc, ok := z[name]; ok {
		return loc
	}
	loc, err := ical.LoadZone(name)
	if err != nil {
		loc = nil
	}
	z[name] = loc
	return loc
}

// pageURL is the gathering's page as an absolute URL, from the collective's
// slug alone (feeds have no Access to hand to GatheringLink).
func (s *Service) pageURL(slug string, id int64) string {
	a := &collective.Access{Collective: &collective.Collective{Slug: slug}}
	return strings.TrimSuffix(s.BaseURL, "/") + GatheringLink(a, id)
}

// senderAddress is the address organizers are written with in invitations:
// calendar programs send replies there, and it must not be any invitee's
// own, or their program would take them for the organizer.
func (s *Service) senderAddress() string {
	if s.Sender != "" {
		return s.Sender
	}
	// No mail server configured: mail goes to the log, and the address
	// only has to be one no invitee has.
	host := "commonground.invalid"
	if u, err := url.Parse(s.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "noreply@" + host
}
