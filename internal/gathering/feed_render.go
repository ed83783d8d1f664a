package gathering

import (
	"context"
	"strconv"

	"commonground/internal/gathering/ical"
)

// renderFeed writes a feed's calendar in two queries whatever its size:
// the gatherings, then the dates that differ from their rules. A recurring
// gathering is one master VEVENT with its rule, EXDATEs and overrides, not
// one event a date.
func (s *Service) renderFeed(ctx context.Context, f *feedRow) ([]byte, error) {
	gs, err := s.feedGatherings(ctx, f)
	if err != nil {
		return nil, err
	}
	occs, err := s.feedExceptions(ctx, f)
	if err != nil {
		return nil, err
	}
	c := s.feedCalendar(f, gs, occs)
	return c.Bytes(), nil
}

// feedCalendar is the calendar of a feed's gatherings given the dates
// that differ from their rules (by gathering, then date).
func (s *Service) feedCalendar(f *feedRow, gs []feedGathering, occs []calOcc) *ical.Calendar {
	byG := make(map[int64][]calOcc, len(occs)/2+1)
	for _, o := range occs {
		byG[o.GatheringID] = append(byG[o.GatheringID], o)
	}
	name := f.Name + " — gatherings"
	if f.Scope == PersonalFeed {
		name = f.Name + " — my gatherings"
	}
	c := ical.Calendar{ProdID: prodID, Name: name, Events: make([]ical.Event, 0, len(gs)+len(occs))}
	b := feedBuilder{pages: s.pageURL(f.Slug, 0), zones: calZones{}}
	b.pages = b.pages[:len(b.pages)-1] // the page of gathering 0, less the 0
	for i := range gs {
		g := &gs[i]
		own := byG[g.ID]
		if g.RRule == "" && declinedAll(own) {
			continue // I said no: it leaves my calendar
		}
		c.Events = b.events(c.Events, g, own)
	}
	return &c
}

// feedBuilder makes a feed's events as Service.eventsIn does (the
// calendar file of one gathering), without what costs per event over
// thousands: a page URL built through an Access, a slice for each
// gathering's events, a Gathering copied from the row.
// TestFeedEventsAsICS holds the two to the same events.
type feedBuilder struct {
	pages string // the page URLs up to the gathering's id
	zones calZones
}

// events appends a gathering's VEVENTs to out; see Service.eventsIn.
func (b *feedBuilder) events(out []ical.Event, g *feedGathering, occs []calOcc) []ical.Event {
	out = append(out, b.event(g))
	master := len(out) - 1
	if g.Status == Cancelled {
		return out
	}
	if g.RRule == "" {
		for _, o := range occs {
			out[master].Start, out[master].End = o.StartsAt.UTC(), o.EndsAt.UTC()
			if o.Status == OccurrenceCancelled || o.Declined {
				out[master].Status = "CANCELLED"
			}
		}
		return out
	}
	for _, o := range occs {
		switch {
		case o.Status == OccurrenceCancelled || o.Declined:
			out[master].ExDates = append(out[master].ExDates, o.RecurrenceID.UTC())
		case o.Moved:
			if !ruleGives(g.RRule, g.StartsAt, b.zones.get(g.TimeZone), o.RecurrenceID.UTC()) {
				out[master].RDates = append(out[master].RDates, o.RecurrenceID.UTC())
			}
			e := out[master]
			e.ExDates, e.RDates, e.RRule = nil, nil, ""
			e.RecurrenceID, e.Start, e.End = o.RecurrenceID.UTC(), o.StartsAt.UTC(), o.EndsAt.UTC()
			out = append(out, e)
		}
	}
	return out
}

// event is the gathering's master VEVENT; see Service.event.
func (b *feedBuilder) event(g *feedGathering) ical.Event {
	page := b.pages + strconv.FormatInt(g.ID, 10)
	desc := g.Intention + "\n\n" + page
	if g.Link != "" {
		desc = g.Intention + "\n\nJoin online: " + g.Link + "\n\n" + page
	}
	loc := g.Place
	if loc == "" {
		loc = g.Link
	}
	status := "CONFIRMED"
	if g.Status == Cancelled {
		status = "CANCELLED"
	}
	return ical.Event{UID: g.UID, Sequence: g.Sequence, Stamp: g.UpdatedAt, Start: g.StartsAt, End: g.EndsAt,
		Zone: b.zones.get(g.TimeZone), Summary: g.Title, Description: desc, Location: loc, URL: page, Status: status, RRule: g.RRule}
}

// declinedAll reports whether a single gathering's date was declined.
func declinedAll(occs []calOcc) bool {
	for _, o := range occs {
		if o.Declined {
			return true
		}
	}
	return false
}
