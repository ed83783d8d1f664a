package gathering

import (
	"context"
	"strings"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// CheckInEarly is how long before the start check-in opens.
const CheckInEarly = time.Hour

// CheckIn records someone present (the host, the creator or a steward),
// from an hour before the start to the end of the day it ends; only
// invited members can be checked in.
func (s *Service) CheckIn(ctx context.Context, a *collective.Access, occurrenceID int64, in CheckInInput) (*Attendance, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to change the gatherings of %s.", a.Collective.Name)
	}
	var at *Attendance
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		o, g, err := loadOccurrence(ctx, tx, a, occurrenceID)
		if err != nil {
			return err
		}
		if err := s.requireManager(ctx, tx, a, g); err != nil {
			return err
		}
		if err := openDate(o, g); err != nil {
			return err
		}
		if err := checkInWindow(o, g, tx.Now); err != nil {
			return err
		}
		name, found, err := memberName(ctx, tx, a, in.MemberID)
		if err != nil {
			return err
		}
		if !found {
			return errs.Field("member_id", "Choose a member of %s to check in.", a.Collective.Name)
		}
		invited, err := invitedIn(ctx, tx, g.ID, in.MemberID)
		if err != nil {
			return err
		}
		if !invited {
			return errs.Field("member_id", "%s is not invited to this gathering.", name)
		}
		at = &Attendance{OccurrenceID: o.ID, MemberID: in.MemberID, Name: name, Online: onlineFor(g, in.Online), CheckedInAt: tx.Now}
		n, err := tx.Exec(ctx, `INSERT INTO gathering_attendance (occurrence_id, member_id, online, checked_in_at, checked_in_by)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (occurrence_id, member_id) DO NOTHING`, o.ID, in.MemberID, at.Online, tx.Now, a.User.ID)
		if err != nil {
			return err
		}
		if n == 0 { // checked in already: keep the first time
			return tx.Get(ctx, &at.CheckedInAt, "SELECT checked_in_at FROM gathering_attendance WHERE occurrence_id = ? AND member_id = ?",
				o.ID, in.MemberID)
		}
		if _, err = tx.Exec(ctx, "UPDATE gathering_occurrences SET attended = attended + 1 WHERE id = ?", o.ID); err != nil {
			return err
		}
		// Who came is the managers' record, not news for everyone: the
		// stewards read it, as no audience names a gathering's host.
		return record(ctx, tx, a, activity.Stewards, "gathering.checked_in", g.ID, Link(a, g.ID, o.ID),
			a.User.Name+" checked "+name+" in at "+quote(g.Title)+" on "+attendDay(o.StartsAt, g.TimeZone)+".")
	})
	if err != nil {
		return nil, err
	}
	at.CheckedInAt = at.CheckedInAt.UTC()
	return at, nil
}

// checkInWindow refuses a check-in before an hour ahead of the start or
// after the (local) day the occurrence ends: a host may check people in
// the evening after, not weeks later.
func checkInWindow(o *Occurrence, g *Gathering, now time.Time) error {
	opens := o.StartsAt.Add(-CheckInEarly)
	if now.Before(opens) {
		return errs.New(errs.Conflict, "Check-in for “%s” opens an hour before it starts, on %s.", g.Title, attendWhen(opens, g.TimeZone))
	}
	loc := attendLoc(g.TimeZone)
	end := o.EndsAt.In(loc)
	closes := time.Date(end.Year(), end.Month(), end.Day()+1, 0, 0, 0, 0, loc)
	if !now.Before(closes) {
		return errs.New(errs.Conflict, "Check-in for “%s” closed at the end of %s.", g.Title, attendDay(o.EndsAt, g.TimeZone))
	}
	return nil
}

// UndoCheckIn takes a mistaken check-in back, while check-in is open.
func (s *Service) UndoCheckIn(ctx context.Context, a *collective.Access, occurrenceID, memberID int64) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to change the gatherings of %s.", a.Collective.Name)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		o, g, err := loadOccurrence(ctx, tx, a, occurrenceID)
		if err != nil {
			return err
		}
		if err := s.requireManager(ctx, tx, a, g); err != nil {
			return err
		}
		// Only while check-in is open: the balance dashboard stores the
		// figures of weeks past it, so they must not change afterwards.
		if err := checkInWindow(o, g, tx.Now); err != nil {
			return err
		}
		n, err := tx.Exec(ctx, "DELETE FROM gathering_attendance WHERE occurrence_id = ? AND member_id = ?", o.ID, memberID)
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.New(errs.NotFound, "That person is not checked in at “%s”.", g.Title)
		}
		if _, err = tx.Exec(ctx, "UPDATE gathering_occurrences SET attended = attended - 1 WHERE id = ?", o.ID); err != nil {
			return err
		}
		name, _, err := memberName(ctx, tx, a, memberID)
		if err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Stewards, "gathering.check_in_undone", g.ID, Link(a, g.ID, o.ID),
			a.User.Name+" took back the check-in of "+name+" at "+quote(g.Title)+" on "+attendDay(o.StartsAt, g.TimeZone)+".")
	})
}

// Attendance lists who came to one occurrence, with their organisations.
func (s *Service) Attendance(ctx context.Context, a *collective.Access, occurrenceID int64) ([]Attendance, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	if _, _, err := loadOccurrence(ctx, s.DB, a, occurrenceID); err != nil {
		return nil, err
	}
	return attendees(ctx, s.DB, occurrenceID)
}

// attendees reads the attendance of one occurrence by name, each with
// their organisations joined by ", " (in name order).
func attendees(ctx context.Context, q querier, occurrenceID int64) ([]Attendance, error) {
	out := []Attendance{}
	err := q.Select(ctx, &out, `SELECT a.occurrence_id, a.member_id, u.name, '' AS organisation, a.online, a.checked_in_at
		FROM gathering_attendance a JOIN members m ON m.id = a.member_id JOIN users u ON u.id = m.user_id
		WHERE a.occurrence_id = ? ORDER BY m.sort_name, m.id`, occurrenceID)
	if err != nil {
		return nil, err
	}
	// The organisations come apart and are joined here: group_concat and
	// string_agg differ between the dialects, and the lists are short.
	var orgs []struct {
		MemberID int64  `db:"member_id"`
		Name     string `db:"name"`
	}
	err = q.Select(ctx, &orgs, `SELECT af.member_id, o.name FROM gathering_attendance a
		JOIN affiliations af ON af.member_id = a.member_id JOIN organisations o ON o.id = af.organisation_id
		WHERE a.occurrence_id = ? ORDER BY o.sort_name, o.id`, occurrenceID)
	if err != nil {
		return nil, err
	}
	names := map[int64][]string{}
	for _, o := range orgs {
		names[o.MemberID] = append(names[o.MemberID], o.Name)
	}
	for i := range out {
		out[i].Organisation = strings.Join(names[out[i].MemberID], ", ")
		out[i].CheckedInAt = out[i].CheckedInAt.UTC()
	}
	return out, nil
}

// Tie is two members who attended the same gatherings: how often and for
// how many hours together. The trust feature reads these as network ties.
type Tie struct {
	A, B        int64 // member ids, A < B
	Gatherings  int64
	SharedHours float64
}
