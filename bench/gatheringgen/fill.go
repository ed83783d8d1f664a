package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"commonground/internal/store"
)

// person is a contributing member.
type person struct {
	ID     int64 `db:"id"`
	UserID int64 `db:"user_id"`
}

// occ is one generated date with the people answering and present.
type occ struct {
	start, end             time.Time
	going, waiting, absent []int // indexes into people; absent: declined
	attended               []int
	outcomes               int
}

// plan is one generated gathering.
type plan struct {
	uid      string
	everyone bool
	members  []int // invited by name
	org      int64 // invited as an organisation, or 0
	capacity int64
	host     int
	rrule    string
	occs     []occ
}

var kinds = []string{"decision", "commitment", "opportunity", "breakthrough", "request", "question"}

// fill generates and writes the gatherings and everything hanging on them.
func fill(ctx context.Context, db *store.DB, cid int64, n, series int) (string, error) {
	t0 := time.Now()
	var people []person
	if err := db.Select(ctx, &people, `SELECT m.id, m.user_id FROM members m WHERE m.collective_id = ?
		AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role <> 'observer') ORDER BY m.id`, cid); err != nil {
		return "", err
	}
	var aff []struct {
		MemberID int64 `db:"member_id"`
		OrgID    int64 `db:"organisation_id"`
	}
	if err := db.Select(ctx, &aff, `SELECT af.member_id, af.organisation_id FROM affiliations af
		JOIN members m ON m.id = af.member_id WHERE m.collective_id = ? ORDER BY af.organisation_id, af.member_id`, cid); err != nil {
		return "", err
	}
	index := make(map[int64]int, len(people))
	for i, p := range people {
		index[p.ID] = i
	}
	byOrg := map[int64][]int{}
	var orgs []int64
	for _, a := range aff {
		if i, ok := index[a.MemberID]; ok {
			if byOrg[a.OrgID] == nil {
				orgs = append(orgs, a.OrgID)
			}
			byOrg[a.OrgID] = append(byOrg[a.OrgID], i)
		}
	}
	rng := rand.New(rand.NewPCG(12, 2026))
	// A few people are invited to much, as in most collectives: a Zipf
	// draw over a shuffled order picks named invitees.
	busy := rand.NewZipf(rng, 1.1, 10, uint64(len(people)-1))
	perm := rng.Perm(len(people))
	now := time.Now().UTC().Truncate(time.Hour)
	from := now.AddDate(0, -11, 0)
	span := now.AddDate(0, 1, 0).Sub(from)
	plans := make([]plan, n)
	var stats struct{ occs, going, waiting, declined, attended, outcomes int }
	for i := range plans {
		p := &plans[i]
		p.uid = fmt.Sprintf("bench-g-%d@bench.example.org", i)
		switch r := rng.IntN(20); {
		case r < 4:
			p.everyone = true
		case r < 7:
			p.org = orgs[rng.IntN(len(orgs))]
		default:
			seen := map[int]bool{}
			for range 5 + rng.IntN(36) {
				m := perm[busy.Uint64()]
				if !seen[m] {
					seen[m] = true
					p.members = append(p.members, m)
				}
			}
		}
		pool := p.members
		if p.org != 0 {
			pool = byOrg[p.org]
		}
		if rng.IntN(10) == 0 {
			p.capacity = 20
		}
		length := time.Duration(30*(1+rng.IntN(6))) * time.Minute
		var starts []time.Time
		if i < series {
			p.rrule = "FREQ=WEEKLY;COUNT=52"
			first := from.Add(time.Duration(rng.Int64N(int64(7 * 24 * time.Hour)))).Truncate(time.Hour)
			for w := range 52 {
				starts = append(starts, first.AddDate(0, 0, 7*w))
			}
		} else {
			starts = []time.Time{from.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(15 * time.Minute)}
		}
		if len(pool) > 0 {
			p.host = pool[rng.IntN(len(pool))]
		} else {
			p.host = rng.IntN(len(people))
		}
		for _, s := range starts {
			o := occ{start: s, end: s.Add(length)}
			var answering []int
			if p.everyone || len(pool) > 60 {
				// A large pool (everyone, an organisation): a few dozen
				// answer, as for an open invitation.
				all := pool
				seen := map[int]bool{}
				for range 5 + rng.IntN(40) {
					m := rng.IntN(len(people))
					if all != nil {
						m = all[rng.IntN(len(all))]
					}
					if !seen[m] {
						seen[m] = true
						answering = append(answering, m)
					}
				}
			} else {
				for _, m := range pool {
					if rng.IntN(6) < 5 { // five in six answer
						answering = append(answering, m)
					}
				}
			}
			for _, m := range answering {
				switch {
				case rng.IntN(5) == 0:
					o.absent = append(o.absent, m)
				case p.capacity > 0 && int64(len(o.going)) >= p.capacity:
					o.waiting = append(o.waiting, m)
				default:
					o.going = append(o.going, m)
				}
			}
			if s.Before(now) {
				for _, m := range o.going {
					if rng.IntN(5) < 4 {
						o.attended = append(o.attended, m)
					}
				}
				o.outcomes = rng.IntN(4)
			}
			stats.occs++
			stats.going += len(o.going)
			stats.waiting += len(o.waiting)
			stats.declined += len(o.absent)
			stats.attended += len(o.attended)
			stats.outcomes += o.outcomes
			p.occs = append(p.occs, o)
		}
	}
	err := db.Write(ctx, func(tx *store.Tx) error { return write(ctx, tx, cid, people, plans, rng, now) })
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("gatherings: %d (%d weekly series), %d dates, %d going, %d waiting, %d declined, %d attended, %d outcomes in %s",
		n, series, stats.occs, stats.going, stats.waiting, stats.declined, stats.attended, stats.outcomes,
		time.Since(t0).Round(time.Millisecond)), nil
}
