package gathering

import (
	"context"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// promoteAll gives the places a raised (or removed) capacity frees on the
// coming dates to those waiting, longest first, each told as when someone
// declines: nobody should wait for a place that is free.
func (s *Service) promoteAll(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering) error {
	var dates []Occurrence
	if err := tx.Select(ctx, &dates, `SELECT `+occurrenceCols+` FROM gathering_occurrences o
		WHERE o.gathering_id = ? AND o.starts_at >= ? AND o.status = 'planned' AND o.waiting > 0
		AND (? = 0 OR o.going < ?) ORDER BY o.starts_at`, g.ID, tx.Now, g.Capacity, g.Capacity); err != nil {
		return err
	}
	for i := range dates {
		o := &dates[i]
		free := o.Waiting
		if g.Capacity > 0 {
			free = min(free, g.Capacity-o.Going)
		}
		for range free {
			if err := s.promote(ctx, tx, a, o, g); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkCapacity refuses a capacity below the number already going to any
// coming date. It first locks the gathering's row, then its coming dates
// (the order every writer of both takes them in), so an answer cannot take
// a place under the old capacity while the new one is being checked: the
// answer waits, then reads the new capacity (see lockDate).
func checkCapacity(ctx context.Context, tx *store.Tx, id, capacity int64, now time.Time) error {
	if _, err := tx.Exec(ctx, "UPDATE gatherings SET version = version WHERE id = ?", id); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE gathering_occurrences SET going = going
		WHERE gathering_id = ? AND status = 'planned' AND starts_at >= ?`, id, now); err != nil {
		return err
	}
	if capacity == 0 {
		return nil
	}
	var going int64
	if err := tx.Get(ctx, &going, `SELECT COALESCE(MAX(going), 0) FROM gathering_occurrences
		WHERE gathering_id = ? AND status = 'planned' AND starts_at >= ?`, id, now); err != nil {
		return err
	}
	if capacity < going {
		return errs.Field("capacity", "%d people are already going to a coming date; the capacity cannot be below %d.", going, going)
	}
	return nil
}
