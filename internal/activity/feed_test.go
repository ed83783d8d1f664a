package activity_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestPersonInManyCollectives reads the feed of a person in 300
// collectives: one UNION ALL per audience would pass SQLite's limit of 500
// compound terms, so the feed is read in parts and merged; every page must
// be exactly the newest entries the person may see.
func TestPersonInManyCollectives(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		me, other := w.user["member"], w.user["steward"]
		const n = 300
		type row struct {
			id, coll, actor int64
			aud             activity.Audience
		}
		var readers []activity.Reader
		var rows []row
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := range n {
				id, err := tx.Insert(ctx, `INSERT INTO collectives (slug, name, visibility, created_at) VALUES (?, ?, 'private', ?)`,
					fmt.Sprintf("many-%d", i), fmt.Sprintf("Many %d", i), tx.Now)
				if err != nil {
					return err
				}
				roles := []string{auth.Member}
				if i%3 == 0 {
					roles = []string{auth.Steward}
				}
				readers = append(readers, activity.Reader{UserID: me, CollectiveID: id, Slug: fmt.Sprintf("many-%d", i),
					Name: fmt.Sprintf("Many %d", i), Member: true, Roles: roles})
			}
			// Rounds across every collective, so the newest entries come
			// from all of them and every part of the feed holds some.
			for round, e := range []struct {
				actor int64
				aud   activity.Audience
			}{{other, activity.Everyone}, {other, activity.Stewards}, {me, activity.ActorOnly}, {other, activity.ActorOnly},
				{other, activity.Role(auth.PayReviewer)}, {other, activity.Everyone}} {
				for i, r := range readers {
					if (i+round)%4 == 0 {
						continue // not every collective has every kind
					}
					id, err := tx.Insert(ctx, `INSERT INTO activity (collective_id, actor_id, verb, subject, summary, link, audience, created_at)
						VALUES (?, ?, 'test.happened', '', 'x', '', ?, ?)`, r.CollectiveID, e.actor, string(e.aud), tx.Now)
					if err != nil {
						return err
					}
					rows = append(rows, row{id, r.CollectiveID, e.actor, e.aud})
				}
			}
			id, err := tx.Insert(ctx, `INSERT INTO activity (collective_id, actor_id, verb, subject, summary, link, audience, created_at)
				VALUES (NULL, ?, 'account.updated', '', 'x', '', 'actor', ?)`, me, tx.Now)
			rows = append(rows, row{id, 0, me, activity.ActorOnly})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		byColl := map[int64]activity.Reader{}
		for _, r := range readers {
			byColl[r.CollectiveID] = r
		}
		var want []int64
		for _, r := range rows {
			if r.coll == 0 && r.actor == me || r.coll != 0 && byColl[r.coll].CanSee(r.aud, r.actor) {
				want = append(want, r.id)
			}
		}
		slices.Reverse(want)
		l := &activity.Log{DB: db}

		t.Run("FirstPage", func(t *testing.T) {
			p, err := l.Person(ctx, me, readers, activity.Query{Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(p); !slices.Equal(got, want[:50]) || p.Next != want[49] {
				t.Fatalf("first page %v next %d, want %v next %d", got, p.Next, want[:50], want[49])
			}
			if it := p.Items[0]; it.Collective == "" && it.CollectiveID != nil {
				t.Fatalf("item %+v has no collective slug", it)
			}
		})
		t.Run("EveryPage", func(t *testing.T) {
			var got []int64
			q := activity.Query{Limit: activity.MaxLimit}
			for pages := 0; ; pages++ {
				if pages > len(want) {
					t.Fatal("the pages never end")
				}
				p, err := l.Person(ctx, me, readers, q)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, ids(p)...)
				if p.Next == 0 {
					break
				}
				q.Before = p.Next
			}
			if !slices.Equal(got, want) {
				t.Fatalf("all pages: %d entries, want %d (%v…)", len(got), len(want), got[:min(len(got), 10)])
			}
		})
		t.Run("ActorFilter", func(t *testing.T) {
			p, err := l.Person(ctx, me, readers, activity.Query{Limit: 20, Actor: me})
			if err != nil {
				t.Fatal(err)
			}
			var mine []int64
			for _, r := range rows {
				if r.actor == me {
					mine = append(mine, r.id)
				}
			}
			slices.Reverse(mine)
			if got := ids(p); !slices.Equal(got, mine[:20]) {
				t.Fatalf("own entries %v, want %v", got, mine[:20])
			}
		})
	})
}

func ids(p *activity.Page) []int64 {
	out := []int64{}
	for _, it := range p.Items {
		out = append(out, it.ID)
	}
	return out
}
