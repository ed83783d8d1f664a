package gathering

import (
	"context"
	"slices"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// invitedPerson is one invitee as a member and as an account.
type invitedPerson struct {
	MemberID int64 `db:"id"`
	UserID   int64 `db:"user_id"`
}

// invitedPeople lists everyone invited to g (see inviteeMembers) with
// their accounts, ordered by member id. Called before and after an edit,
// the difference is who was taken off.
func invitedPeople(ctx context.Context, q querier, g *Gathering) ([]invitedPerson, error) {
	var out []invitedPerson
	err := q.Select(ctx, &out, `SELECT m.id, m.user_id FROM members m WHERE `+invitedCond+` ORDER BY m.id`, invitedArgs(g)...)
	return out, err
}

// uninvite deals with the people an edit took off g's invitations (before
// is who was invited before it): their answers on coming dates are
// removed, each place they held going to whoever has waited longest, and
// they are sent a CANCEL so their calendars drop the gathering. The host
// keeps hearing as host (announce tells them of the change), so they get
// no CANCEL. tell is false while no date had been announced (a gathering
// leaving its time poll): nobody has it on their calendar yet. Called
// under the dates' locks (checkCapacity takes them).
func (s *Service) uninvite(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering, before []invitedPerson, tell bool) error {
	if len(before) == 0 {
		return nil
	}
	after, err := invitedPeople(ctx, tx, g)
	if err != nil {
		return err
	}
	stays := map[int64]bool{}
	for _, p := range after {
		stays[p.MemberID] = true
	}
	gone := map[int64]bool{}
	var users []int64
	for _, p := range before {
		if stays[p.MemberID] {
			continue
		}
		gone[p.MemberID] = true
		if g.HostMemberID == nil || *g.HostMemberID != p.MemberID {
			users = append(users, p.UserID)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	if err := s.releaseAnswers(ctx, tx, a, g, gone); err != nil {
		return err
	}
	if !tell {
		return nil
	}
	slices.Sort(users)
	return s.announceRemoved(ctx, tx, a, g, users)
}

// releaseAnswers removes the answers of the members gone on g's coming
// dates, keeping the counters exact, and gives each freed place on a
// planned date to the next in line (promote, once per place).
func (s *Service) releaseAnswers(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering, gone map[int64]bool) error {
	// Read the coming answers and pick the gone in Go: an IN list of
	// everyone removed (a whole organisation) could pass the databases'
	// limits on parameters.
	var answers []struct {
		OccurrenceID int64 `db:"occurrence_id"`
		MemberID     int64 `db:"member_id"`
		Status       RSVP  `db:"status"`
	}
	if err := tx.Select(ctx, &answers, `SELECT r.occurrence_id, r.member_id, r.status
		FROM gathering_registrations r JOIN gathering_occurrences o ON o.id = r.occurrence_id
		WHERE o.gathering_id = ? AND o.starts_at >= ? ORDER BY o.starts_at, r.occurrence_id, r.member_id`,
		g.ID, tx.Now); err != nil {
		return err
	}
	freed := map[int64]int{} // occurrence id → places freed
	var order []int64
	for _, r := range answers {
		if !gone[r.MemberID] {
			continue
		}
		n, err := tx.Exec(ctx, "DELETE FROM gathering_registrations WHERE occurrence_id = ? AND member_id = ? AND status = ?",
			r.OccurrenceID, r.MemberID, r.Status)
		if err != nil {
			return err
		}
		if n != 1 {
			continue // already changed: nothing of it to count
		}
		switch r.Status {
		case Going:
			if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET going = going - 1 WHERE id = ?", r.OccurrenceID); err != nil {
				return err
			}
			if freed[r.OccurrenceID] == 0 {
				order = append(order, r.OccurrenceID)
			}
			freed[r.OccurrenceID]++
		case Waiting:
			if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET waiting = waiting - 1 WHERE id = ?", r.OccurrenceID); err != nil {
				return err
			}
		}
	}
	// Everyone gone is out of the line first, so no freed place goes to
	// one of them.
	for _, id := range order {
		var o Occurrence
		if err := tx.Get(ctx, &o, "SELECT "+occurrenceCols+" FROM gathering_occurrences o WHERE o.id = ?", id); err != nil {
			return err
		}
		o.utc()
		if o.Status != OccurrencePlanned {
			continue
		}
		for range freed[id] {
			if err := s.promote(ctx, tx, a, &o, g); err != nil {
				return err
			}
		}
	}
	return nil
}
