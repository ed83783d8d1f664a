package gathering

import (
	"context"
	"time"

	"commonground/internal/store"
)

// remake brings g's coming dates in line after an edit changed when it
// takes place (old is the gathering before the edit). What it chose:
//
//   - A single gathering that stays single: its one date moves, with its
//     registrations (its RECURRENCE-ID follows, since a single event has
//     no rule for it to point into).
//   - Otherwise, coming dates nobody has touched (no registration,
//     attendance, outcome or minutes, not moved, not cancelled) are
//     deleted and made again from the new rule.
//   - A touched coming date that is not moved keeps its row: when the new
//     rule has a date on the same local day, the row takes that date (its
//     RECURRENCE-ID, start and end), so people keep their answers and the
//     calendars see one event that day; when the new rule has nothing that
//     day, the row stays where it was and is marked moved, an exception to
//     the new rule that people can still attend or cancel.
//   - Moved dates and past dates are left alone.
func remake(ctx context.Context, tx *store.Tx, old, g *Gathering) error {
	now := tx.Now
	if !old.Recurring() && !g.Recurring() {
		_, err := tx.Exec(ctx, `UPDATE gathering_occurrences SET recurrence_id = ?, starts_at = ?, ends_at = ?, moved = ?
			WHERE gathering_id = ?`, g.StartsAt, g.StartsAt, g.EndsAt, false, g.ID)
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM gathering_occurrences
		WHERE gathering_id = ? AND starts_at >= ? AND moved = ? AND status = 'planned' AND minutes = '' AND closed_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM gathering_registrations r WHERE r.occurrence_id = gathering_occurrences.id)
		AND NOT EXISTS (SELECT 1 FROM gathering_attendance t WHERE t.occurrence_id = gathering_occurrences.id)
		AND NOT EXISTS (SELECT 1 FROM gathering_outcomes u WHERE u.occurrence_id = gathering_occurrences.id)`,
		g.ID, now, false); err != nil {
		return err
	}
	loc, err := time.LoadLocation(g.TimeZone)
	if err != nil {
		return err
	}
	starts, err := newStarts(g, loc, now)
	if err != nil {
		return err
	}
	const day = "2006-01-02"
	byDay := map[string]time.Time{}
	for _, t := range starts {
		byDay[t.In(loc).Format(day)] = t
	}
	var kept []Occurrence
	if err := tx.Select(ctx, &kept, "SELECT "+occurrenceCols+` FROM gathering_occurrences o
		WHERE o.gathering_id = ? AND (o.starts_at >= ? OR o.recurrence_id >= ?) ORDER BY o.starts_at`,
		g.ID, now, now); err != nil {
		return err
	}
	taken := map[int64]bool{} // by Unix time: a time.Time key would compare locations
	for i := range kept {
		kept[i].utc()
		taken[kept[i].RecurrenceID.Unix()] = true
	}
	for _, o := range kept {
		if o.Moved || o.StartsAt.Before(now) {
			continue
		}
		d := o.StartsAt.In(loc).Format(day)
		nd, ok := byDay[d]
		if ok && (!taken[nd.Unix()] || nd.Equal(o.RecurrenceID)) {
			if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET recurrence_id = ?, starts_at = ?, ends_at = ? WHERE id = ?",
				nd, nd, nd.Add(g.Duration()), o.ID); err != nil {
				return err
			}
			delete(taken, o.RecurrenceID.Unix())
			taken[nd.Unix()] = true
			delete(byDay, d)
			continue
		}
		if _, err := tx.Exec(ctx, "UPDATE gathering_occurrences SET moved = ? WHERE id = ?", true, o.ID); err != nil {
			return err
		}
	}
	for _, t := range starts {
		if _, still := byDay[t.In(loc).Format(day)]; !still || taken[t.Unix()] {
			continue
		}
		if _, err := insertDate(ctx, tx, g, t); err != nil {
			return err
		}
	}
	return nil
}

// newStarts lists g's dates from now on under its (new) rule.
func newStarts(g *Gathering, loc *time.Location, now time.Time) ([]time.Time, error) {
	rule, err := ruleOf(g)
	if err != nil {
		return nil, err
	}
	if rule == nil {
		if g.StartsAt.Before(now) {
			return nil, nil
		}
		return []time.Time{g.StartsAt}, nil
	}
	return dates(rule, g.StartsAt, loc, now, now)
}
