package gathering

import (
	"context"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// MoveOccurrence moves one date of a gathering (host, creator or steward):
// its RECURRENCE-ID stays, so calendars move that date only. The start and
// end are wall-clock times in the gathering's zone. A date that has passed
// or was cancelled cannot be moved, nor can a date be moved into the past.
// Moving the only date of a single gathering moves the gathering too.
func (s *Service) MoveOccurrence(ctx context.Context, a *collective.Access, occurrenceID int64, in OccurrenceInput) (*Occurrence, error) {
	var out *Occurrence
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		o, g, err := s.changeableDate(ctx, tx, a, occurrenceID, "moved")
		if err != nil {
			return err
		}
		loc, err := zone(g.TimeZone)
		if err != nil {
			return err
		}
		start, err := parseLocal("start", "The start", in.Start, loc)
		if err != nil {
			return err
		}
		if in.End == "" {
			return errs.Field("end", "Say when the gathering ends.")
		}
		end, err := parseLocal("end", "The end", in.End, loc)
		if err != nil {
			return err
		}
		if err := checkSpan(start, end); err != nil {
			return err
		}
		if start.Before(tx.Now) {
			return errs.Field("start", "A date cannot be moved into the past.")
		}
		if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET starts_at = ?, ends_at = ?, moved = ? WHERE id = ?",
			start.UTC(), end.UTC(), true, o.ID); err != nil {
			return err
		}
		if !g.Recurring() {
			if _, err := tx.Exec(ctx, "UPDATE gatherings SET starts_at = ?, ends_at = ? WHERE id = ?", start.UTC(), end.UTC(), g.ID); err != nil {
				return err
			}
		}
		if g, err = bump(ctx, tx, a, g.ID); err != nil {
			return err
		}
		if out, _, err = loadOccurrence(ctx, tx, a, o.ID); err != nil {
			return err
		}
		if err := record(ctx, tx, a, activity.Everyone, "gathering.moved", g.ID, Link(a, g.ID, o.ID),
			whoActs(a)+" moved “"+g.Title+"” from "+localWhen(o.StartsAt, g.TimeZone)+" to "+localWhen(out.StartsAt, g.TimeZone)+"."); err != nil {
			return err
		}
		return s.announce(ctx, tx, a, g, AnnounceChanged, out)
	})
	return out, err
}

// CancelOccurrence calls one date off (an EXDATE in calendars). Its
// registrations stay, so the date's page still shows who meant to come.
func (s *Service) CancelOccurrence(ctx context.Context, a *collective.Access, occurrenceID int64) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		o, g, err := s.changeableDate(ctx, tx, a, occurrenceID, "cancelled")
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET status = 'cancelled' WHERE id = ?", o.ID); err != nil {
			return err
		}
		if g, err = bump(ctx, tx, a, g.ID); err != nil {
			return err
		}
		if o, _, err = loadOccurrence(ctx, tx, a, o.ID); err != nil {
			return err
		}
		if err := record(ctx, tx, a, activity.Everyone, "gathering.date_cancelled", g.ID, Link(a, g.ID, o.ID),
			whoActs(a)+" cancelled “"+g.Title+"” on "+localWhen(o.StartsAt, g.TimeZone)+"."); err != nil {
			return err
		}
		return s.announce(ctx, tx, a, g, AnnounceCancelled, o)
	})
}

// changeableDate loads a date that a may change: a manager's, of a
// gathering not cancelled, the date neither cancelled nor past. It locks
// the gathering's row, then the date's (the order every writer of both
// takes them in, so two of them cannot deadlock on PostgreSQL), and reads
// both again under the locks.
func (s *Service) changeableDate(ctx context.Context, tx *store.Tx, a *collective.Access, id int64, verb string) (*Occurrence, *Gathering, error) {
	_, g, err := loadOccurrence(ctx, tx, a, id)
	if err != nil {
		return nil, nil, err
	}
	if _, err := tx.Exec(ctx, "UPDATE gatherings SET version = version WHERE id = ?", g.ID); err != nil {
		return nil, nil, err
	}
	if err := lockDate(ctx, tx, id); err != nil {
		return nil, nil, err
	}
	o, g, err := loadOccurrence(ctx, tx, a, id)
	if err != nil {
		return nil, nil, err
	}
	if err := s.requireManager(ctx, tx, a, g); err != nil {
		return nil, nil, err
	}
	switch {
	case g.Status == Cancelled:
		return nil, nil, errs.New(errs.Conflict, "This gathering was cancelled; its dates can no longer be changed.")
	case o.Status == OccurrenceCancelled:
		return nil, nil, errs.New(errs.Conflict, "This date is already cancelled.")
	case o.StartsAt.Before(tx.Now):
		return nil, nil, errs.New(errs.Invalid, "A date that has passed cannot be %s.", verb)
	}
	return o, g, nil
}

// bump raises a gathering's SEQUENCE and version after one of its dates
// changed (calendars must see the change), and reads it back.
func bump(ctx context.Context, tx *store.Tx, a *collective.Access, id int64) (*Gathering, error) {
	if _, err := tx.Exec(ctx, `UPDATE gatherings SET sequence = sequence + 1, version = version + 1, updated_at = ?
		WHERE id = ?`, tx.Now, id); err != nil {
		return nil, err
	}
	return loadGathering(ctx, tx, a, id)
}
