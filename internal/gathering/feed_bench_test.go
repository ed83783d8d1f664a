package gathering

import (
	"context"
	"fmt"
	"testing"
	"time"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// BenchmarkPersonalFeed renders Ana's personal feed over 10,000 gatherings
// (one in ten weekly for a year, a tenth of those with a cancelled and a
// moved date; a third inviting everyone, the rest Alder or Birch), the
// issue's budget being 50 ms. The service's own numbers are in
// bench/gatherings.sh; this one keeps the two queries honest.
func BenchmarkPersonalFeed(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(testing.TB) *store.DB
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			f := newFixture(&testing.T{}, db.open(b))
			token := feedFill(b, f, 10000)
			ctx := context.Background()
			b.ResetTimer()
			for range b.N {
				out, err := f.S.Feed(ctx, token)
				if err != nil || len(out) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}

// feedFill writes n gatherings in SQL and returns Ana's personal feed token.
func feedFill(b *testing.B, f *fixture, n int) string {
	b.Helper()
	ctx := context.Background()
	start := testStart.Add(-180 * 24 * time.Hour)
	err := f.DB.Write(ctx, func(tx *store.Tx) error {
		for i := range n {
			s := start.Add(time.Duration(i) * 53 * time.Minute)
			rule := ""
			if i%10 == 0 {
				rule = "FREQ=WEEKLY;COUNT=52"
			}
			id, err := tx.Insert(ctx, `INSERT INTO gatherings (collective_id, uid, title, intention, format, place, time_zone,
				starts_at, ends_at, rrule, invite_everyone, status, host_member_id, created_at, updated_at)
				VALUES (?, ?, ?, 'Bench.', 'in_person', 'Hall', 'Europe/Berlin', ?, ?, ?, ?, 'planned', ?, ?, ?)`,
				f.Coll.ID, fmt.Sprintf("bench%d@cg.example", i), fmt.Sprintf("Gathering %d", i), s, s.Add(time.Hour), rule,
				i%3 == 0, f.A.MemberID, tx.Now, tx.Now)
			if err != nil {
				return err
			}
			if i%3 != 0 {
				org := f.OrgA
				if i%3 == 2 {
					org = f.OrgB
				}
				if _, err := tx.Exec(ctx, "INSERT INTO gathering_invitees (gathering_id, organisation_id) VALUES (?, ?)", id, org); err != nil {
					return err
				}
			}
			if i%100 == 0 {
				for k, st := range []string{"cancelled", "planned"} {
					r := s.AddDate(0, 0, 7*(k+1))
					if _, err := tx.Exec(ctx, `INSERT INTO gathering_occurrences (gathering_id, collective_id, recurrence_id, starts_at,
						ends_at, status, moved) VALUES (?, ?, ?, ?, ?, ?, ?)`, id, f.Coll.ID, r, r.Add(2*time.Hour), r.Add(3*time.Hour),
						st, st == "planned"); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	feed, err := f.S.CreateFeed(ctxOf(f.A), f.A, PersonalFeed)
	if err != nil {
		b.Fatal(err)
	}
	return feed.URL[len("https://cg.example/calendar/"):]
}
