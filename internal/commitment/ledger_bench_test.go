package commitment

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"commonground/internal/auth/authtest"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// The budget's scale: 1,000,000 commitments among 10,000 members.
const (
	benchMembers     = 10_000
	benchCommitments = 1_000_000
)

// BenchmarkLedgerReads measures the ledger and the stewards' distribution
// on a collective of that scale, on each database, and reports p50 and p99
// of each read as ms. Seeding takes a while, so it runs only with -bench:
//
//	go test ./internal/commitment -run '^$' -bench LedgerReads -benchtime 200x
//
// The rows are seeded with SQL (the state machine is tested elsewhere; a
// million Creates would take an hour), and the counters are computed from
// the seeded commitments, so they agree as the transitions would keep them.
func BenchmarkLedgerReads(b *testing.B) {
	for _, open := range []struct {
		name string
		db   func(testing.TB) *store.DB
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}} {
		b.Run(open.name, func(b *testing.B) {
			db := open.db(b)
			start := time.Now()
			s, st, first, org := seedLedger(b, db)
			b.Logf("seeded %d commitments among %d members in %s", benchCommitments, benchMembers, time.Since(start).Round(time.Second))
			ctx := authtest.As(st.User)
			if os.Getenv("COMMONGROUND_BENCH_EXPLAIN") != "" {
				explain(b, db, org)
			}
			i := int64(0)
			reads := []struct {
				name string
				fn   func() error
			}{
				{"member_ledger", func() error {
					i++
					_, err := s.Ledger(ctx, st, Party{PartyMember, first + (i*7919)%benchMembers})
					return err
				}},
				{"org_ledger", func() error { _, err := s.Ledger(ctx, st, Party{PartyOrganisation, org}); return err }},
				{"distribution_given_p1", func() error {
					_, err := s.Distribution(ctx, st, DistributionQuery{Sort: SortGiven})
					return err
				}},
				{"distribution_received_p150", func() error {
					_, err := s.Distribution(ctx, st, DistributionQuery{Sort: SortReceived, Page: 150})
					return err
				}},
				{"distribution_name_mostly_receives", func() error {
					_, err := s.Distribution(ctx, st, DistributionQuery{Sort: SortName, Filter: FilterReceives, Page: 3})
					return err
				}},
			}
			for _, r := range reads {
				b.Run(r.name, func(b *testing.B) {
					var took []time.Duration
					for b.Loop() {
						t0 := time.Now()
						if err := r.fn(); err != nil {
							b.Fatal(err)
						}
						took = append(took, time.Since(t0))
					}
					slices.Sort(took)
					b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
					b.ReportMetric(ms(took[min(len(took)-1, len(took)*99/100)]), "p99-ms")
				})
			}
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// seedLedger fills db with a collective of benchMembers members, one
// organisation and benchCommitments commitments in every state, and the
// ledger counters and months computed from them. It returns the service,
// the steward's Access, the first member's id and the organisation's.
func seedLedger(b *testing.B, db *store.DB) (*Service, *collective.Access, int64, int64) {
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	col := &collective.Service{DB: db, BaseURL: "https://cg.example/"}
	steward := authtest.User(b, db, "Sam Steward", "sam@example.org")
	c, err := col.Create(authtest.As(steward), collective.Input{Slug: "bench", Name: "Bench", Visibility: "public"})
	if err != nil {
		b.Fatal(err)
	}
	st, err := col.Access(authtest.As(steward), "bench")
	if err != nil {
		b.Fatal(err)
	}
	o, err := col.CreateOrganisation(authtest.As(steward), st, collective.OrgInput{Name: "Food Bank"})
	if err != nil {
		b.Fatal(err)
	}
	var first int64
	err = db.Write(ctx, func(tx *store.Tx) error {
		steps := []struct {
			q    string
			args []any
		}{
			{`INSERT INTO users (email, name, password_hash, created_at)
				WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
				SELECT 'm' || i || '@bench.test', 'Member ' || i, '', ? FROM n`, []any{benchMembers - 1, now}},
			{`INSERT INTO members (collective_id, user_id, sort_name, joined_at)
				SELECT ?, id, lower(name), ? FROM users WHERE email LIKE '%@bench.test' ORDER BY id`, []any{c.ID, now}},
			{`INSERT INTO member_roles (member_id, role) SELECT id, 'member' FROM members WHERE collective_id = ? AND user_id <> ?`,
				[]any{c.ID, steward.ID}},
			{`UPDATE collectives SET member_count = ?, version = version + 1 WHERE id = ?`, []any{benchMembers, c.ID}},
		}
		for _, s := range steps {
			if _, err := tx.Exec(ctx, s.q, s.args...); err != nil {
				return fmt.Errorf("%s: %w", s.q, err)
			}
		}
		var ids []int64
		if err := tx.Select(ctx, &ids, "SELECT id FROM members WHERE collective_id = ? ORDER BY id", c.ID); err != nil {
			return err
		}
		first = ids[0]
		if int64(len(ids)) != ids[len(ids)-1]-first+1 || len(ids) != benchMembers {
			return fmt.Errorf("member ids not contiguous: %d of them from %d to %d", len(ids), first, ids[len(ids)-1])
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		// i % 20: 0-11 kept, 12-13 not kept, 14-15 released, 16-17 accepted
		// (half of them past due), 18 proposed, 19 in progress.
		_, err := tx.Exec(ctx, `INSERT INTO commitments (collective_id, committer_member_id, committer_name, committer_org_id,
			recipient_kind, recipient_member_id, recipient_name, what, kind, size_unit, size_amount, due_on, state,
			created_at, updated_at)
			WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
			SELECT ?, ? + i % ?, 'Member', CASE WHEN i % 10 = 6 THEN CAST(? AS BIGINT) END, 'member',
				? + (i % ? + 1 + (i / ?) % (? - 1)) % ?, 'Member', 'promise ' || i, 'do',
				CASE i % 3 WHEN 0 THEN 'hours' WHEN 1 THEN 'money' ELSE 'count' END,
				CASE i % 3 WHEN 0 THEN 60 * (i % 5 + 1) WHEN 1 THEN 1000 ELSE i % 4 + 1 END,
				CASE WHEN i % 20 >= 16 THEN (CASE WHEN i % 2 = 0 THEN '2026-01-15' ELSE '2027-06-01' END) ELSE '' END,
				CASE WHEN i % 20 < 12 THEN 'kept' WHEN i % 20 < 14 THEN 'not_kept' WHEN i % 20 < 16 THEN 'released'
					WHEN i % 20 < 18 THEN 'accepted' WHEN i % 20 = 18 THEN 'proposed' ELSE 'in_progress' END,
				?, ? FROM n`,
			benchCommitments-1, c.ID, first, benchMembers, o.ID, first, benchMembers, benchMembers, benchMembers, benchMembers, now, now)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		sum := func(cond string) string { return "sum(CASE WHEN " + cond + " THEN 1 ELSE 0 END)" }
		size := func(unit string) string {
			return "sum(CASE WHEN state = 'kept' AND size_unit = '" + unit + "' THEN size_amount ELSE 0 END)"
		}
		given := `made, open_count, given_count, given_minutes, given_money, given_units, kept, not_kept, released`
		givenVals := "count(*), " + sum("state IN ('proposed', 'accepted', 'in_progress')") + ", " + sum("state = 'kept'") + ", " +
			size("hours") + ", " + size("money") + ", " + size("count") + ", " + sum("state = 'kept'") + ", " +
			sum("state = 'not_kept'") + ", " + sum("state = 'released'")
		recvVals := sum("state = 'kept'") + ", " + size("hours") + ", " + size("money") + ", " + size("count")
		steps := []string{
			`INSERT INTO commitment_ledger (collective_id, party_kind, party_id, ` + given + `)
				SELECT collective_id, 'member', committer_member_id, ` + givenVals + ` FROM commitments
				WHERE collective_id = ? GROUP BY collective_id, committer_member_id`,
			`INSERT INTO commitment_ledger (collective_id, party_kind, party_id, ` + given + `)
				SELECT collective_id, 'organisation', committer_org_id, ` + givenVals + ` FROM commitments
				WHERE collective_id = ? AND committer_org_id IS NOT NULL GROUP BY collective_id, committer_org_id`,
			`INSERT INTO commitment_ledger (collective_id, party_kind, party_id, received_count, received_minutes,
				received_money, received_units)
				SELECT collective_id, 'member', recipient_member_id, ` + recvVals + ` FROM commitments
				WHERE collective_id = ? GROUP BY collective_id, recipient_member_id
				ON CONFLICT (collective_id, party_kind, party_id) DO UPDATE SET received_count = excluded.received_count,
				received_minutes = excluded.received_minutes, received_money = excluded.received_money,
				received_units = excluded.received_units`,
		}
		for _, q := range steps {
			if _, err := tx.Exec(ctx, q, c.ID); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		// Two years of months for everyone, the worst case a ledger reads.
		for m := range LedgerMonths {
			month := now.AddDate(0, -m, 0).Format("2006-01")
			if _, err := tx.Exec(ctx, `INSERT INTO commitment_ledger_months (collective_id, party_kind, party_id, month,
				given_count, given_minutes, received_count, received_money) SELECT ?, 'member', id, ?, 3, 180, 2, 2000
				FROM members WHERE collective_id = ?`, c.ID, month, c.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if os.Getenv("COMMONGROUND_BENCH_DUE_INDEX") != "" {
		// The indexes proposed for the migration: the overdue count of a
		// party then reads index entries only.
		for _, q := range []string{
			"CREATE INDEX bench_committer_due ON commitments (committer_member_id, state, due_on)",
			"CREATE INDEX bench_org_due ON commitments (committer_org_id, state, due_on)",
		} {
			if _, err := db.Writer().ExecContext(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	}
	// Statistics and (on PostgreSQL) the visibility map, as autovacuum
	// keeps them on a live instance.
	analyze := "ANALYZE"
	if db.Dialect == store.Postgres {
		analyze = "VACUUM ANALYZE"
	}
	if _, err := db.Writer().ExecContext(ctx, analyze); err != nil {
		b.Fatal(err)
	}
	st, err = col.Access(authtest.As(steward), "bench")
	if err != nil {
		b.Fatal(err)
	}
	return &Service{DB: db, Collectives: col}, st, first, o.ID
}

// explain logs the plan of the organisation's overdue count.
func explain(b *testing.B, db *store.DB, org int64) {
	q := `SELECT committer_org_id AS id, count(*) AS n FROM commitments WHERE committer_org_id IN (?)
		AND state IN ('accepted', 'in_progress') AND due_on <> '' AND due_on < ? GROUP BY committer_org_id`
	prefix := "EXPLAIN QUERY PLAN "
	if db.Dialect == store.Postgres {
		prefix = "EXPLAIN ANALYZE "
	}
	var lines []string
	if err := db.Select(context.Background(), &lines, "SELECT * FROM ("+prefix+q+") x", org, "2026-11-23"); err != nil {
		rows, err := db.Writer().QueryContext(context.Background(), strings.ReplaceAll(strings.Replace(prefix+q, "?", "$1", 1), "?", "$2"), org, "2026-11-23")
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var l string
			_ = rows.Scan(&l)
			lines = append(lines, l)
		}
	}
	b.Log(strings.Join(lines, "\n"))
}
