package gathering

import (
	"context"
	"strconv"
	"strings"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/gathering/ical"
	"commonground/internal/store"
)

// Announcement is what invitees are told.
type Announcement string

// Announcements.
const (
	AnnounceInvited   Announcement = "invited"   // a new gathering, or a date set by a poll
	AnnounceChanged   Announcement = "changed"   // dates, place or details changed
	AnnounceCancelled Announcement = "cancelled" // the gathering or one date called off
)

// invitee is one person told, with the address their copy names.
type invitee struct {
	ID    int64  `db:"id"`
	Name  string `db:"name"`
	Email string `db:"email"`
}

// announce tells everyone invited to g, inside tx, through the notifier:
// an in-app notice and an e-mail carrying an iMIP (RFC 6047) calendar part,
// METHOD:REQUEST for AnnounceInvited and AnnounceChanged, METHOD:CANCEL for
// AnnounceCancelled.
// occ is the one date concerned, or nil for the whole gathering.
//
// Each person gets their own copy naming only themselves as ATTENDEE, so
// no one learns another invitee's address. Whoever made the change is not
// told of it. g must hold the SEQUENCE already raised for the change.
func (s *Service) announce(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering, what Announcement, occ *Occurrence) error {
	if s.Notify == nil || g.Status == Scheduling {
		return nil // no date yet: the time poll tells the voters
	}
	// The host hears too, invited or not: it is their gathering, and
	// someone else (a steward) may have changed it. The people are chosen
	// in SQL, not by a list of ids: a big collective's list would pass
	// the databases' limits on parameters.
	people, err := announced(ctx, tx, g)
	if err != nil {
		return err
	}
	return s.send(ctx, tx, a, g, what, occ, people, false)
}

// announced lists who hears of g: everyone invited and the host, by
// account id.
func announced(ctx context.Context, tx *store.Tx, g *Gathering) ([]invitee, error) {
	var host int64
	if g.HostMemberID != nil {
		host = *g.HostMemberID
	}
	var people []invitee
	err := tx.Select(ctx, &people, `SELECT u.id, u.name, u.email FROM users u WHERE u.deleted_at IS NULL
		AND u.id IN (SELECT m.user_id FROM members m WHERE m.id = ? OR (`+invitedCond+`)) ORDER BY u.id`,
		append([]any{host}, invitedArgs(g)...)...)
	return people, err
}

// announceRemoved tells the accounts userIDs, taken off g's invitations by
// an edit, that it is no longer on their calendar: a METHOD:CANCEL of the
// whole gathering (RFC 5546 removes it for an attendee no longer invited).
func (s *Service) announceRemoved(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering, userIDs []int64) error {
	if s.Notify == nil || len(userIDs) == 0 {
		return nil
	}
	// In slices, so the IN list stays well within the databases' limits
	// on parameters however many were taken off.
	const slice = 500
	var people []invitee
	for len(userIDs) > 0 {
		n := min(slice, len(userIDs))
		var some []invitee
		if err := tx.Select(ctx, &some, `SELECT id, name, email FROM users WHERE deleted_at IS NULL AND (FALSE`+
			inList(n)+`) ORDER BY id`, calArgs(userIDs[:n])...); err != nil {
			return err
		}
		people, userIDs = append(people, some...), userIDs[n:]
	}
	return s.send(ctx, tx, a, g, AnnounceCancelled, nil, people, true)
}

// send gives each person their own copy of an announcement; removed says
// they were taken off the invitations (the gathering itself goes on).
func (s *Service) send(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering, what Announcement,
	occ *Occurrence, people []invitee, removed bool) error {
	var actor int64
	if a != nil && a.User != nil {
		actor = a.User.ID
	}
	slug, err := s.slugOf(ctx, tx, a, g.CollectiveID)
	if err != nil {
		return err
	}
	events, err := s.inviteEvents(ctx, tx, g, slug, what, occ)
	if err != nil {
		return err
	}
	kind, method := KindInvited, "REQUEST"
	switch what {
	case AnnounceChanged:
		kind = KindChanged
	case AnnounceCancelled:
		kind, method = KindCancelled, "CANCEL"
	}
	title, body := noticeText(g, what, occ)
	if removed {
		title = "No longer invited: " + g.Title
		body = "You are no longer among those invited to " + quote(g.Title) + "; it is taken off your calendar."
	}
	link := strings.TrimPrefix(s.pageURL(slug, g.ID), strings.TrimSuffix(s.BaseURL, "/"))
	if occ != nil {
		link += "/on/" + strconv.FormatInt(occ.ID, 10)
	}
	organizer := &ical.Person{Name: g.HostName, Email: s.senderAddress()}
	for _, p := range people {
		if p.ID == actor {
			continue
		}
		mine := make([]ical.Event, len(events))
		for i, e := range events {
			e.Organizer = organizer
			e.Attendees = []ical.Attendee{{Person: ical.Person{Name: p.Name, Email: p.Email}, PartStat: "NEEDS-ACTION"}}
			mine[i] = e
		}
		c := ical.Calendar{ProdID: prodID, Method: method, Events: mine}
		if err := s.Notify(ctx, tx, activity.Notice{UserIDs: []int64{p.ID}, CollectiveID: g.CollectiveID, Kind: kind,
			Title: title, Body: body, Link: link,
			Calendar: &activity.NoticeCalendar{Method: method, Content: c.Bytes()}}); err != nil {
			return err
		}
	}
	return nil
}

// inviteEvents are the VEVENTs an announcement carries: the whole
// gathering for an invitation or a change; for a cancellation, the master
// marked cancelled, or for one date of a series only that date's instance
// (RECURRENCE-ID), which RFC 5546 cancels alone.
func (s *Service) inviteEvents(ctx context.Context, tx *store.Tx, g *Gathering, slug string, what Announcement, occ *Occurrence) ([]ical.Event, error) {
	if what == AnnounceCancelled {
		if occ != nil && g.Recurring() && g.Status != Cancelled {
			e := s.event(g, slug, calZones{})
			e.RRule, e.Status = "", "CANCELLED"
			e.RecurrenceID, e.Start, e.End = occ.RecurrenceID.UTC(), occ.StartsAt.UTC(), occ.EndsAt.UTC()
			return []ical.Event{e}, nil
		}
		gc := *g
		gc.Status = Cancelled
		return s.events(&gc, slug, nil), nil
	}
	var occs []calOcc
	if err := tx.Select(ctx, &occs, `SELECT gathering_id, recurrence_id, starts_at, ends_at, status, moved, FALSE AS declined
		FROM gathering_occurrences WHERE gathering_id = ? AND (moved OR status = 'cancelled' OR ? = '')
		ORDER BY recurrence_id`, g.ID, g.RRule); err != nil {
		return nil, err
	}
	return s.events(g, slug, occs), nil
}

// noticeText is the in-app and e-mail text of an announcement, with the
// date in the gathering's own zone.
func noticeText(g *Gathering, what Announcement, occ *Occurrence) (title, body string) {
	start, end := g.StartsAt, g.EndsAt
	if occ != nil {
		start, end = occ.StartsAt, occ.EndsAt
	}
	when := noticeWhen(start, end, g.TimeZone)
	switch what {
	case AnnounceChanged:
		title = "Changed: " + g.Title
	case AnnounceCancelled:
		title = "Cancelled: " + g.Title
	default:
		title = "Invitation: " + g.Title
	}
	if occ != nil || !g.Recurring() {
		title += ", " + when
	}
	var b strings.Builder
	b.WriteString(g.Intention + "\n\nWhen: " + when)
	if g.Recurring() && occ == nil {
		b.WriteString(" (the first of a series)")
	}
	if g.Place != "" {
		b.WriteString("\nWhere: " + g.Place)
	}
	if g.Link != "" {
		b.WriteString("\nOnline: " + g.Link)
	}
	if g.HostName != "" {
		b.WriteString("\nHost: " + g.HostName)
	}
	if what != AnnounceCancelled {
		b.WriteString("\n\n" + answerAsk(g))
	}
	return title, b.String()
}

// answerAsk is what an invitation asks of people: to register when places
// are counted (with their number when they are limited), else only to say
// whether they come, which helps the host plan.
func answerAsk(g *Gathering) string {
	switch {
	case g.Registration && g.Capacity > 0:
		return "Register on the gathering's page: " + strconv.FormatInt(g.Capacity, 10) +
			" places, then a waiting list."
	case g.Registration:
		return "Register on the gathering's page."
	}
	return "Let us know if you come."
}

// noticeWhen is "Tue 1 Dec 2026, 10:00–11:30 (Europe/Berlin)", or with the
// end's date when it ends on another day.
func noticeWhen(start, end time.Time, zone string) string {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc, zone = time.UTC, "UTC"
	}
	s, e := start.In(loc), end.In(loc)
	last := e.Format("15:04")
	if s.YearDay() != e.YearDay() || s.Year() != e.Year() {
		last = e.Format("Mon 2 Jan 2006, 15:04")
	}
	return s.Format("Mon 2 Jan 2006, 15:04") + "–" + last + " (" + zone + ")"
}

// slugOf is the collective's slug: from the access when there is one,
// else read (hooks such as a closing time poll carry none).
func (s *Service) slugOf(ctx context.Context, q querier, a *collective.Access, collectiveID int64) (string, error) {
	if a != nil && a.Collective != nil && a.Collective.ID == collectiveID {
		return a.Collective.Slug, nil
	}
	var slug string
	err := q.Get(ctx, &slug, "SELECT slug FROM collectives WHERE id = ?", collectiveID)
	return slug, err
}

// inList is " OR id IN (?, ?, ?)" for n values, or "" for none.
func inList(n int) string {
	if n == 0 {
		return ""
	}
	return " OR id IN (" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

func calArgs(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
