// Command peoplegen fills a new database with the bench collective (see
// bench/seed: N members, default 100,000) and gives its people profiles,
// tags and 3–10 ranked values, for the matching and groupings benchmark.
//
//	go run ./bench/peoplegen -db /tmp/people.db -n 100000
//
// People are drawn from archetypes: each archetype favours eight of the
// vocabulary's 60 values and a few offers and needs, and a person takes
// most of their values from their archetype in a shuffled order and the
// rest at random (noise). About 10% keep their values to stewards and 2%
// to themselves, so the visibility checks are exercised. It writes with
// direct multi-row INSERTs in one transaction, as a bench loader may.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"commonground/bench/seed"
	"commonground/internal/store"
)

var valueNames = strings.Fields(`fairness learning care courage honesty curiosity craft play beauty wonder
	justice solidarity dignity service humility trust openness patience generosity respect
	creativity rigour kindness freedom belonging community sustainability stewardship equity inclusion
	accountability transparency resilience joy gratitude wisdom integrity hope compassion collaboration
	excellence simplicity balance tradition innovation autonomy loyalty diligence humour adventure
	harmony responsibility peace courageous-talk listening reciprocity place ecology health safety`)

var tagPool = strings.Fields(`grant-writing mentoring facilitation budgets data-analysis design translation
	fundraising research policy training coaching legal-advice event-planning social-media storytelling
	photography accounting web-development evaluation community-organising advocacy mediation childcare
	transport catering printing venue-hire volunteering research-methods statistics survey-design`)

var orgNames = strings.Fields(`Riverbank Hillside Northgate Eastfield Harbour Meadow Oakwood Greenway Lakeside
	Stonebridge Millbrook Fairview Westmoor Ashford Kingsley Redcliffe Southwark Brookfield Thornbury Elmstead`)

func main() {
	dsn := flag.String("db", "", "SQLite file path or postgres:// URL (required; a new, empty database)")
	n := flag.Int("n", 100000, "members besides the steward")
	archetypes := flag.Int("archetypes", 12, "archetypes people are drawn from")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "peoplegen: give -db PATH or -db postgres://...")
		os.Exit(2)
	}
	ctx := context.Background()
	start := time.Now()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		fail(err)
	}
	res, err := seed.Members(ctx, db, seed.Options{Members: *n, Orgs: 8})
	if err != nil {
		fail(err)
	}
	if res.AlreadySeeded {
		fmt.Println("already seeded; nothing written")
		return
	}
	fmt.Printf("members: %d in %s\n", res.Members, res.Took.Round(time.Millisecond))
	t := time.Now()
	stats, err := fill(ctx, db, res.CollectiveID, *archetypes)
	if err != nil {
		fail(err)
	}
	fmt.Printf("people: %s in %s (total %s)\n", stats, time.Since(t).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// archetype is a kind of person: the values and tags they lean to.
type archetype struct {
	values        []int
	offers, needs []int
}

func fill(ctx context.Context, db *store.DB, cid int64, nArch int) (string, error) {
	rng := rand.New(rand.NewPCG(9, 2026))
	arch := make([]archetype, nArch)
	for i := range arch {
		arch[i] = archetype{values: rng.Perm(len(valueNames))[:8], offers: rng.Perm(len(tagPool))[:4], needs: rng.Perm(len(tagPool))[:4]}
	}
	var values, tags, profiles int
	err := db.Write(ctx, func(tx *store.Tx) error {
		termIDs := make([]int64, len(valueNames))
		for i, v := range valueNames {
			id, err := tx.Insert(ctx, `INSERT INTO value_terms (collective_id, name, sort_name, status, created_at, updated_at)
				VALUES (?, ?, ?, 'active', ?, ?)`, cid, v, v, tx.Now, tx.Now)
			if err != nil {
				return err
			}
			termIDs[i] = id
		}
		var members []struct {
			ID     int64 `db:"id"`
			UserID int64 `db:"user_id"`
		}
		if err := tx.Select(ctx, &members, "SELECT id, user_id FROM members WHERE collective_id = ? ORDER BY id", cid); err != nil {
			return err
		}
		pv := newBatch(tx, "person_values (member_id, collective_id, term_id, rank)")
		pr := newBatch(tx, "profiles (user_id, organisation, vis_values, vis_offers, vis_needs, updated_at)")
		pt := newBatch(tx, "profile_tags (user_id, kind, tag, label, position)")
		for _, m := range members {
			a := arch[rng.IntN(nArch)]
			k := 3 + rng.IntN(8)
			picked := map[int]bool{}
			var order []int
			for len(order) < k {
				v := a.values[rng.IntN(len(a.values))]
				if rng.Float64() < 0.25 { // noise: a value from outside the archetype
					v = rng.IntN(len(valueNames))
				}
				if !picked[v] {
					picked[v] = true
					order = append(order, v)
				}
			}
			for r, v := range order {
				if err := pv.add(ctx, m.ID, cid, termIDs[v], r+1); err != nil {
					return err
				}
			}
			values += len(order)
			visValues := 2
			switch x := rng.IntN(100); {
			case x < 2:
				visValues = 0
			case x < 12:
				visValues = 1
			}
			if err := pr.add(ctx, m.UserID, orgNames[rng.IntN(len(orgNames))], visValues, 2, 2, tx.Now); err != nil {
				return err
			}
			profiles++
			for kind, pool := range map[string][]int{"offer": a.offers, "need": a.needs} {
				seen := map[int]bool{}
				for pos := range 1 + rng.IntN(3) {
					tg := pool[rng.IntN(len(pool))]
					if rng.Float64() < 0.3 {
						tg = rng.IntN(len(tagPool))
					}
					if seen[tg] {
						continue
					}
					seen[tg] = true
					label := strings.ReplaceAll(tagPool[tg], "-", " ")
					if err := pt.add(ctx, m.UserID, kind, label, label, pos); err != nil {
						return err
					}
					tags++
				}
			}
		}
		for _, b := range []*batch{pv, pr, pt} {
			if err := b.flush(ctx); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO people_state (collective_id, data_version, seeded_at) VALUES (?, 1, ?)`, cid, tx.Now)
		return err
	})
	return fmt.Sprintf("%d profiles, %d ranked values, %d tags, %d values in the vocabulary", profiles, values, tags, len(valueNames)), err
}

// batch gathers rows for one multi-row INSERT.
type batch struct {
	tx    *store.Tx
	table string
	rows  [][]any
}

func newBatch(tx *store.Tx, table string) *batch { return &batch{tx: tx, table: table} }

func (b *batch) add(ctx context.Context, row ...any) error {
	b.rows = append(b.rows, row)
	if len(b.rows) >= 500 {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.rows) == 0 {
		return nil
	}
	place := "(?" + strings.Repeat(", ?", len(b.rows[0])-1) + ")"
	var sb strings.Builder
	var args []any
	sb.WriteString("INSERT INTO " + b.table + " VALUES ")
	for i, r := range b.rows {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(place)
		args = append(args, r...)
	}
	b.rows = b.rows[:0]
	_, err := b.tx.Exec(ctx, sb.String(), args...)
	return err
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "peoplegen:", err)
	os.Exit(1)
}
