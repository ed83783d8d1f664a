package gathering

import (
	"context"
	"fmt"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Respond records my answer for one occurrence (invited members only). A
// "going" past capacity waits; a "declined" by someone going gives the
// place to whoever has waited longest, who is told. Past or cancelled dates
// take no answers.
func (s *Service) Respond(ctx context.Context, a *collective.Access, occurrenceID int64, in RSVPInput) (*Registration, error) {
	if err := requireWriter(a); err != nil {
		return nil, err
	}
	if in.Status != Going && in.Status != Declined {
		return nil, errs.Field("status", "Answer going or declined.")
	}
	var reg *Registration
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := lockDate(ctx, tx, occurrenceID); err != nil {
			return err
		}
		o, g, err := loadOccurrence(ctx, tx, a, occurrenceID)
		if err != nil {
			return err
		}
		if err := openDate(o, g); err != nil {
			return err
		}
		if !tx.Now.Before(o.StartsAt) {
			return errs.New(errs.Conflict, "“%s” on %s has begun; it takes no more answers.", g.Title, attendDay(o.StartsAt, g.TimeZone))
		}
		invited, err := invitedIn(ctx, tx, g.ID, a.MemberID)
		if err != nil {
			return err
		}
		if !invited {
			return errs.New(errs.Forbidden, "You are not invited to “%s”.", g.Title)
		}
		reg, err = s.answer(ctx, tx, a, o, g, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// lockDate takes the occurrence's row lock before anything about it is
// read (on SQLite the single writer does the same), so answers to one date
// run one after another: a double-clicked "not going" frees one place, not
// two, and a capacity being lowered meanwhile is read as committed.
func lockDate(ctx context.Context, tx *store.Tx, occurrenceID int64) error {
	_, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET going = going WHERE id = ?", occurrenceID)
	return err
}

// answer writes my registration and keeps the occurrence's counters, under
// the date's lock (lockDate). The place is taken by a conditional UPDATE
// of the counter, so the counter never passes the capacity.
func (s *Service) answer(ctx context.Context, tx *store.Tx, a *collective.Access, o *Occurrence, g *Gathering, in RSVPInput) (*Registration, error) {
	prev, err := registrationOf(ctx, tx, o.ID, a.MemberID)
	if err != nil {
		return nil, err
	}
	online := onlineFor(g, in.Online)
	was := RSVP("")
	if prev != nil {
		was = prev.Status
	}
	// Going while waiting is the same wish: the place comes in turn.
	same := was == in.Status || (was == Waiting && in.Status == Going)
	if same && prev.Online == online {
		return prev, nil
	}
	reg := &Registration{OccurrenceID: o.ID, MemberID: a.MemberID, Name: a.User.Name, Status: in.Status, Online: online,
		UpdatedAt: tx.Now}
	switch {
	case same:
		reg.Status, reg.WaitingSince = prev.Status, prev.WaitingSince
	case in.Status == Going:
		took, err := takePlace(ctx, tx, o.ID, g.Capacity)
		if err != nil {
			return nil, err
		}
		if !took {
			now := tx.Now
			reg.Status, reg.WaitingSince = Waiting, &now
			if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET waiting = waiting + 1 WHERE id = ?", o.ID); err != nil {
				return nil, err
			}
		}
	default: // declined
		switch was {
		case Going:
			if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET going = going - 1 WHERE id = ?", o.ID); err != nil {
				return nil, err
			}
			if err := s.promote(ctx, tx, a, o, g); err != nil {
				return nil, err
			}
		case Waiting:
			if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET waiting = waiting - 1 WHERE id = ?", o.ID); err != nil {
				return nil, err
			}
		}
	}
	if prev == nil {
		_, err = tx.Exec(ctx, `INSERT INTO gathering_registrations (occurrence_id, member_id, status, online, waiting_since, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, o.ID, a.MemberID, reg.Status, reg.Online, reg.WaitingSince, tx.Now)
	} else {
		_, err = tx.Exec(ctx, `UPDATE gathering_registrations SET status = ?, online = ?, waiting_since = ?, updated_at = ?
			WHERE occurrence_id = ? AND member_id = ?`, reg.Status, reg.Online, reg.WaitingSince, tx.Now, o.ID, a.MemberID)
	}
	if err != nil {
		return nil, err
	}
	// Only the person sees their own answers in the log: a big gathering
	// would flood everyone's feed, and the list of answers is on its page.
	return reg, record(ctx, tx, a, activity.ActorOnly, "gathering.rsvp", g.ID, Link(a, g.ID, o.ID),
		a.User.Name+" answered "+string(reg.Status)+" for "+quote(g.Title)+" on "+attendDay(o.StartsAt, g.TimeZone)+".")
}

// takePlace counts one more going if capacity allows, and reports whether
// it did.
func takePlace(ctx context.Context, tx *store.Tx, occurrenceID, capacity int64) (bool, error) {
	n, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET going = going + 1 WHERE id = ? AND (? = 0 OR going < ?)",
		occurrenceID, capacity, capacity)
	return n == 1, err
}

// promote gives a freed place to whoever has waited longest, if capacity
// allows, and tells them.
func (s *Service) promote(ctx context.Context, tx *store.Tx, a *collective.Access, o *Occurrence, g *Gathering) error {
	var next struct {
		MemberID int64 `db:"member_id"`
		UserID   int64 `db:"user_id"`
	}
	err := tx.Get(ctx, &next, `SELECT r.member_id, m.user_id FROM gathering_registrations r JOIN members m ON m.id = r.member_id
		WHERE r.occurrence_id = ? AND r.status = 'waiting' ORDER BY r.waiting_since, r.member_id LIMIT 1`, o.ID)
	if store.NotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	took, err := takePlace(ctx, tx, o.ID, g.Capacity)
	if err != nil || !took {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET waiting = waiting - 1 WHERE id = ?", o.ID); err != nil {
		return err
	}
	n, err := tx.Exec(ctx, `UPDATE gathering_registrations SET status = 'going', waiting_since = NULL, updated_at = ?
		WHERE occurrence_id = ? AND member_id = ? AND status = 'waiting'`, tx.Now, o.ID, next.MemberID)
	if err != nil {
		return err
	}
	if n != 1 { // cannot happen under the date's lock; refuse rather than miscount
		return fmt.Errorf("gathering: promote member %d on date %d: no longer waiting", next.MemberID, o.ID)
	}
	if s.Notify == nil {
		return nil
	}
	day := attendWhen(o.StartsAt, g.TimeZone)
	return s.Notify(ctx, tx, activity.Notice{UserIDs: []int64{next.UserID}, CollectiveID: a.Collective.ID, Kind: KindPlace,
		Title: "A place came free for you: " + g.Title,
		Body: "A place came free at " + quote(g.Title) + " on " + day + " (" + g.TimeZone + "), and it is yours: " +
			"you are now going. If you cannot come after all, decline so the next person gets it.",
		Link: Link(a, g.ID, o.ID)})
}

// registrationOf reads one person's answer, or nil.
func registrationOf(ctx context.Context, q querier, occurrenceID, memberID int64) (*Registration, error) {
	var r Registration
	err := q.Get(ctx, &r, `SELECT r.occurrence_id, r.member_id, u.name, r.status, r.online, r.waiting_since, r.updated_at
		FROM gathering_registrations r JOIN members m ON m.id = r.member_id JOIN users u ON u.id = m.user_id
		WHERE r.occurrence_id = ? AND r.member_id = ?`, occurrenceID, memberID)
	if store.NotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.utc()
	return &r, nil
}

// Registrations lists the answers for one occurrence: going, then waiting
// in order, then declined.
func (s *Service) Registrations(ctx context.Context, a *collective.Access, occurrenceID int64) ([]Registration, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	if _, _, err := loadOccurrence(ctx, s.DB, a, occurrenceID); err != nil {
		return nil, err
	}
	var out []Registration
	err := s.DB.Select(ctx, &out, `SELECT r.occurrence_id, r.member_id, u.name, r.status, r.online, r.waiting_since, r.updated_at
		FROM gathering_registrations r JOIN members m ON m.id = r.member_id JOIN users u ON u.id = m.user_id
		WHERE r.occurrence_id = ?
		ORDER BY CASE r.status WHEN 'going' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END,
			CASE WHEN r.status = 'waiting' THEN r.waiting_since END, m.sort_name, m.id`, occurrenceID)
	for i := range out {
		out[i].utc()
	}
	return out, err
}

func (r *Registration) utc() {
	r.UpdatedAt = r.UpdatedAt.UTC()
	if r.WaitingSince != nil {
		t := r.WaitingSince.UTC()
		r.WaitingSince = &t
	}
}

// quote puts a title in quotation marks for log lines and notices.
func quote(s string) string { return "“" + s + "”" }
