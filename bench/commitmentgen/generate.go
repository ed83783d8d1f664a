package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"commonground/internal/store"
)

// The commitments table's columns the generator fills, in order.
const commitmentCols = `commitments (collective_id, committer_member_id, committer_name, committer_org_id, committer_org_name,
	recipient_kind, recipient_member_id, recipient_org_id, recipient_name, what, kind, size_unit, size_amount, due_on,
	goal_id, indicator_id, state, done_at, release_asked_by, on_time, version, created_by, created_at, updated_at, closed_at)`

// generate writes n commitments spread over the last 540 days and their
// counters, in one transaction; it returns how many ended in each state.
func generate(ctx context.Context, db *store.DB, w *world, n int) (string, error) {
	rng := rand.New(rand.NewPCG(10, 2026))
	t := newTally()
	byState := map[string]int{}
	err := db.Write(ctx, func(tx *store.Tx) error {
		now := tx.Now.Truncate(time.Second)
		b := newBatch(tx, commitmentCols)
		for range n {
			args, r := one(rng, w, now)
			t.add(r)
			byState[r.State]++
			if err := b.add(ctx, args...); err != nil {
				return err
			}
		}
		if err := b.flush(ctx); err != nil {
			return err
		}
		return t.write(ctx, tx, w.CID)
	})
	return fmt.Sprint(byState), err
}

// one draws a commitment made some time before now and where it ended:
// the row's values for commitmentCols and what the counters read.
func one(rng *rand.Rand, w *world, now time.Time) ([]any, *row) {
	age := rng.IntN(540)
	created := now.AddDate(0, 0, -age).Add(-time.Duration(rng.IntN(86400)) * time.Second)
	c := w.pick(rng)
	r := &row{Committer: c.ID, State: state(rng, age)}
	var orgID any
	orgName := ""
	if len(c.Orgs) > 0 && rng.IntN(100) < 15 {
		r.CommitterOrg = c.Orgs[rng.IntN(len(c.Orgs))]
		orgID, orgName = r.CommitterOrg, w.OrgName[r.CommitterOrg]
	}
	var recMember, recOrg any
	var recName string
	switch x := rng.IntN(100); {
	case x < 80:
		rc := w.pick(rng)
		for rc.ID == c.ID {
			rc = w.pick(rng)
		}
		r.RecipientKind, r.RecipientID, recMember, recName = "member", rc.ID, rc.ID, rc.Name
	case x < 92:
		o := w.Orgs[rng.IntN(len(w.Orgs))]
		r.RecipientKind, r.RecipientOrgID, recOrg, recName = "organisation", o, o, w.OrgName[o]
	default:
		r.RecipientKind, recName = "collective", "Bench Collective"
	}
	switch x := rng.IntN(100); {
	case x < 45:
		r.Unit, r.Amount = "hours", int64(30*(1+rng.IntN(16)))
	case x < 60:
		r.Unit, r.Amount = "money", int64(500*(1+rng.IntN(200)))
	case x < 75:
		r.Unit, r.Amount = "count", int64(1+rng.IntN(50))
	}
	due := ""
	if rng.IntN(100) < 85 {
		due = day(created.AddDate(0, 0, 3+rng.IntN(88)))
	}
	var goal, ind any
	if x := rng.IntN(100); x < 70 {
		g := w.Goals[rng.IntN(len(w.Goals))]
		r.Goal, goal = g, g
		if x < 35 {
			ind = w.Indicators[g][rng.IntN(len(w.Indicators[g]))]
		}
	}
	var doneAt, closedAt, onTime any
	asked := ""
	version := map[string]int{"proposed": 1, "accepted": 2, "in_progress": 3, "kept": 4, "not_kept": 3, "released": 2}[r.State]
	updated := created
	switch r.State {
	case "accepted", "in_progress":
		updated = minTime(created.Add(time.Duration(1+rng.IntN(72))*time.Hour), now)
		if r.State == "in_progress" && rng.IntN(100) < 30 {
			doneAt, version = updated, version+1
		}
		if rng.IntN(100) < 3 {
			asked, version = "committer", version+1
		}
	case "kept", "not_kept", "released":
		closed := minTime(created.Add(time.Duration(24+rng.IntN(100*24))*time.Hour), now)
		r.ClosedAt, closedAt, updated = &closed, closed, closed
		if r.State == "kept" {
			doneAt = closed.Add(-time.Duration(rng.IntN(48)) * time.Hour)
			r.OnTime = due == "" || day(closed) <= due
			onTime = r.OnTime
		}
	}
	args := []any{w.CID, c.ID, c.Name, orgID, orgName, r.RecipientKind, recMember, recOrg, recName,
		whats[rng.IntN(len(whats))], kinds[rng.IntN(len(kinds))], r.Unit, r.Amount, due, goal, ind, r.State, doneAt, asked, onTime,
		version, c.UserID, created, updated, closedAt}
	return args, r
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
