package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"commonground/internal/store"
)

// write stores the plans in one transaction: gatherings, then their ids
// read back by UID (both dialects number rows themselves), then the rest.
func write(ctx context.Context, tx *store.Tx, cid int64, people []person, plans []plan, rng *rand.Rand, now time.Time) error {
	gb := newBatch(tx, `gatherings (collective_id, uid, title, intention, format, place, time_zone, starts_at, ends_at, rrule,
		capacity, registration, invite_everyone, status, host_member_id, created_by, created_at, updated_at)`)
	for i, p := range plans {
		o := p.occs[0]
		host := people[p.host]
		created := o.start.AddDate(0, 0, -14)
		if err := gb.add(ctx, cid, p.uid, fmt.Sprintf("Bench gathering %d", i), "Leave with a next step each.", "in_person",
			"Room 1", "Europe/London", o.start, o.end, p.rrule, p.capacity, p.capacity > 0, p.everyone, "planned", host.ID,
			host.UserID, created, created); err != nil {
			return err
		}
	}
	if err := gb.flush(ctx); err != nil {
		return err
	}
	var ids []int64
	if err := tx.Select(ctx, &ids, "SELECT id FROM gatherings WHERE collective_id = ? ORDER BY id", cid); err != nil {
		return err
	}
	if len(ids) != len(plans) {
		return fmt.Errorf("read back %d gatherings, wrote %d", len(ids), len(plans))
	}
	ib := newBatch(tx, "gathering_invitees (gathering_id, member_id, organisation_id)")
	ob := newBatch(tx, `gathering_occurrences (gathering_id, collective_id, recurrence_id, starts_at, ends_at, status,
		going, waiting, attended)`)
	for i, p := range plans {
		for _, m := range p.members {
			if err := ib.add(ctx, ids[i], people[m].ID, nil); err != nil {
				return err
			}
		}
		if p.org != 0 {
			if err := ib.add(ctx, ids[i], nil, p.org); err != nil {
				return err
			}
		}
		for _, o := range p.occs {
			if err := ob.add(ctx, ids[i], cid, o.start, o.start, o.end, "planned", len(o.going), len(o.waiting),
				len(o.attended)); err != nil {
				return err
			}
		}
	}
	if err := ib.flush(ctx); err != nil {
		return err
	}
	if err := ob.flush(ctx); err != nil {
		return err
	}
	// Dates were written in plan order, so their ids follow it.
	var occIDs []int64
	if err := tx.Select(ctx, &occIDs, "SELECT id FROM gathering_occurrences WHERE collective_id = ? ORDER BY id", cid); err != nil {
		return err
	}
	rb := newBatch(tx, "gathering_registrations (occurrence_id, member_id, status, online, waiting_since, updated_at)")
	ab := newBatch(tx, "gathering_attendance (occurrence_id, member_id, online, checked_in_at, checked_in_by)")
	xb := newBatch(tx, `gathering_outcomes (occurrence_id, collective_id, kind, text, member_id, author_name, created_at)`)
	k := 0
	for _, p := range plans {
		host := people[p.host]
		for _, o := range p.occs {
			id := occIDs[k]
			k++
			answered := o.start.AddDate(0, 0, -3)
			for _, set := range []struct {
				status string
				who    []int
			}{{"going", o.going}, {"waiting", o.waiting}, {"declined", o.absent}} {
				for j, m := range set.who {
					var since any
					if set.status == "waiting" {
						since = answered.Add(time.Duration(j) * time.Minute)
					}
					if err := rb.add(ctx, id, people[m].ID, set.status, false, since, answered); err != nil {
						return err
					}
				}
			}
			for _, m := range o.attended {
				if err := ab.add(ctx, id, people[m].ID, false, o.start, host.UserID); err != nil {
					return err
				}
			}
			for range o.outcomes {
				if err := xb.add(ctx, id, cid, kinds[rng.IntN(len(kinds))], "Something that emerged.", host.ID, "Bench host",
					o.end); err != nil {
					return err
				}
			}
		}
	}
	for _, b := range []*batch{rb, ab, xb} {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	// One in five keeps a focus budget of their own: a 40-hour week of
	// which 2 to 12 hours are left for gatherings.
	fb := newBatch(tx, "focus_budgets (member_id, collective_id, week_minutes, focus_minutes, updated_at)")
	for i, p := range people {
		if i%5 == 0 {
			if err := fb.add(ctx, p.ID, cid, 40*60, 60*(40-2-rng.IntN(11)), now); err != nil {
				return err
			}
		}
	}
	return fb.flush(ctx)
}
