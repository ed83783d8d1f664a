package gathering

import (
	"context"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// attendLoc is a gathering's zone; an unknown one (never stored, but old
// rows outlive tz data) reads as UTC rather than failing a page.
func attendLoc(zone string) *time.Location {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// attendDay is the local day of t, as messages name a date.
func attendDay(t time.Time, zone string) string {
	return t.In(attendLoc(zone)).Format("Monday 2 January 2006")
}

// attendWhen is the local day and time of t.
func attendWhen(t time.Time, zone string) string {
	return t.In(attendLoc(zone)).Format("Monday 2 January 2006 at 15:04")
}

// openDate refuses a date that does not take place: its gathering waits
// for a time poll, or it or its gathering is cancelled.
func openDate(o *Occurrence, g *Gathering) error {
	switch {
	case g.Status == Scheduling:
		return errs.New(errs.Conflict, "The date of “%s” is not set yet; the time poll decides it.", g.Title)
	case g.Status == Cancelled:
		return errs.New(errs.Conflict, "“%s” is cancelled.", g.Title)
	case o.Status == OccurrenceCancelled:
		return errs.New(errs.Conflict, "“%s” on %s is cancelled.", g.Title, attendDay(o.StartsAt, g.TimeZone))
	}
	return nil
}

// requireWriter refuses anonymous callers (Unauthorized), then whoever may
// not contribute: outsiders, observers, archived collectives.
func requireWriter(a *collective.Access) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to take part in the gatherings of %s.", a.Collective.Name)
	}
	return a.RequireContributor()
}

// onlineFor is whether someone takes part online: an online gathering
// always, an in-person one never, a hybrid one as they say.
func onlineFor(g *Gathering, online bool) bool {
	switch g.Format {
	case Online:
		return true
	case InPerson:
		return false
	}
	return online
}

// memberName is a member's name in a's collective, or ok false.
func memberName(ctx context.Context, q querier, a *collective.Access, memberID int64) (string, bool, error) {
	var name string
	err := q.Get(ctx, &name, `SELECT u.name FROM members m JOIN users u ON u.id = m.user_id
		WHERE m.id = ? AND m.collective_id = ?`, memberID, a.Collective.ID)
	if store.NotFound(err) {
		return "", false, nil
	}
	return name, err == nil, err
}
