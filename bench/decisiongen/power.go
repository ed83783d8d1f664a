package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"commonground/internal/store"
)

// counts is one member's power counters for one month.
type counts struct{ proposals, votes, objections, decisive int64 }

type monthKey struct {
	member int64
	month  string
}

// fillPower writes n closed consent decisions over the last 36 months,
// each on its own proposal, and the power counters their events add up to:
// the proposer's proposal, 10 to 150 named votes, about one vote in twenty
// an objection, one objection in five decisive (the decision failed). The
// ballots themselves are not written: the power page reads the counters.
func fillPower(ctx context.Context, db *store.DB, w *world, n int) error {
	t := time.Now()
	rng := rand.New(rand.NewPCG(12, 2026))
	// A Zipf draw over the voters: a few propose most, as in most
	// collectives; votes come from a flatter one.
	proposer := rand.NewZipf(rng, 1.3, 4, uint64(len(w.Voters)-1))
	voterZipf := rand.NewZipf(rng, 1.05, 20, uint64(len(w.Voters)-1))
	perm := rng.Perm(len(w.Voters)) // so the busiest are not the first members
	tally := map[monthKey]*counts{}
	add := func(member int64, month string) *counts {
		k := monthKey{member, month}
		c := tally[k]
		if c == nil {
			c = &counts{}
			tally[k] = c
		}
		return c
	}
	err := db.Write(ctx, func(tx *store.Tx) error {
		// From the first of this month, so every run this month writes the
		// same months (and so the same counters).
		y, m, _ := tx.Now.UTC().Date()
		now := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
		props := newBatch(tx, `proposals (collective_id, title, body, topic, author_member_id, author_name, status, comment_count,
			created_by, created_at, updated_at)`)
		type made struct {
			at       time.Time
			turnout  int
			passed   bool
			proposer int64
		}
		var ds []made
		for i := range n {
			at := now.Add(-time.Duration(rng.Int64N(int64(36 * 30 * 24 * time.Hour))))
			p := w.Voters[perm[proposer.Uint64()]]
			month := at.Format("2006-01")
			add(p.ID, month).proposals++
			votes := 10 + rng.IntN(141)
			seen := map[int64]bool{}
			objected := false
			for range votes {
				v := w.Voters[perm[voterZipf.Uint64()]]
				if seen[v.ID] {
					continue
				}
				seen[v.ID] = true
				c := add(v.ID, month)
				c.votes++
				if rng.IntN(20) == 0 {
					c.objections++
					if rng.IntN(5) == 0 {
						c.decisive++
						objected = true
					}
				}
			}
			ds = append(ds, made{at, len(seen), !objected, p.ID})
			if err := props.add(ctx, w.CID, fmt.Sprintf("Proposal %d", i+1), "", "", p.ID, p.Name, "decided", 0, nil, at, at); err != nil {
				return err
			}
		}
		if err := props.flush(ctx); err != nil {
			return err
		}
		var ids []int64
		if err := tx.Select(ctx, &ids, "SELECT id FROM proposals WHERE collective_id = ? ORDER BY id", w.CID); err != nil {
			return err
		}
		decs := newBatch(tx, `decisions (collective_id, proposal_id, method, question, electorate, results_shown, reasons, status,
			opens_at, closes_at, closed_at, seed, turnout, passed, created_at)`)
		for i, d := range ds {
			closes := d.at.Add(7 * 24 * time.Hour)
			if err := decs.add(ctx, w.CID, ids[i], "consent", fmt.Sprintf("Proposal %d", i+1), "members", "always", "objections",
				"closed", d.at, closes, closes, rng.Int64N(1<<40), d.turnout, d.passed, d.at); err != nil {
				return err
			}
		}
		if err := decs.flush(ctx); err != nil {
			return err
		}
		pc := newBatch(tx, "power_counts (collective_id, member_id, month, proposals, votes, objections, decisive_objections)")
		for k, c := range tally {
			if err := pc.add(ctx, w.CID, k.member, k.month, c.proposals, c.votes, c.objections, c.decisive); err != nil {
				return err
			}
		}
		if err := pc.flush(ctx); err != nil {
			return err
		}
		// The sums the service keeps beside the counters (decision's
		// addPowerBatch and rebuildPowerSums): the all-time page reads them.
		for _, q := range []string{
			`INSERT INTO power_totals (collective_id, member_id, proposals, votes, objections, decisive_objections)
				SELECT collective_id, member_id, SUM(proposals), SUM(votes), SUM(objections), SUM(decisive_objections)
				FROM power_counts WHERE collective_id = ? GROUP BY collective_id, member_id`,
			`INSERT INTO power_months (collective_id, month, proposals, votes, objections, decisive_objections)
				SELECT collective_id, month, SUM(proposals), SUM(votes), SUM(objections), SUM(decisive_objections)
				FROM power_counts WHERE collective_id = ? GROUP BY collective_id, month`,
		} {
			if _, err := tx.Exec(ctx, q, w.CID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Printf("power: %d decisions, %d power_counts rows in %s\n", n, len(tally), time.Since(t).Round(time.Millisecond))
	return nil
}
