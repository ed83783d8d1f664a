package bench_test

// BenchmarkMembersQueries times, one by one, the statements a signed-in GET
// of the members page runs today (read pool, database/sql + sqlx +
// modernc.org/sqlite), and some alternatives, so fixes can be weighed:
//
//	go test ./bench -run '^$' -bench MembersQueries -benchmem

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/jmoiron/sqlx"

	"commonground/bench/seed"
	"commonground/internal/store"
)

func BenchmarkMembersQueries(b *testing.B) {
	f := setup(b, 10000)
	db := f.app.DB
	ctx := context.Background()
	token := f.cookie.Value
	var cid int64
	if err := db.Get(ctx, &cid, "SELECT id FROM collectives WHERE slug = ?", seed.Slug); err != nil {
		b.Fatal(err)
	}
	var ids []int64
	if err := db.Select(ctx, &ids, "SELECT id FROM members WHERE collective_id = ? ORDER BY sort_name, id LIMIT 50", cid); err != nil {
		b.Fatal(err)
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	idArgs := make([]any, len(ids))
	for i, id := range ids {
		idArgs[i] = id
	}
	type q struct {
		name string
		run  func() error
	}
	sel := func(dest func() any, query string, args ...any) func() error {
		return func() error { return db.Select(ctx, dest(), query, args...) }
	}
	get := func(dest func() any, query string, args ...any) func() error {
		return func() error { return db.Get(ctx, dest(), query, args...) }
	}
	type session struct {
		Data   []byte    `db:"data"`
		Expiry time.Time `db:"expiry"`
	}
	type user struct {
		ID           int64      `db:"id"`
		Email        string     `db:"email"`
		Name         string     `db:"name"`
		PasswordHash string     `db:"password_hash"`
		TimeZone     string     `db:"time_zone"`
		Language     string     `db:"language"`
		Admin        bool       `db:"is_admin"`
		Epoch        int64      `db:"session_epoch"`
		CreatedAt    time.Time  `db:"created_at"`
		DeletedAt    *time.Time `db:"deleted_at"`
	}
	type coll struct {
		ID           int64      `db:"id"`
		Slug         string     `db:"slug"`
		Name         string     `db:"name"`
		Purpose      string     `db:"purpose"`
		Visibility   string     `db:"visibility"`
		MinGroupSize int        `db:"min_group_size"`
		CreatedAt    time.Time  `db:"created_at"`
		ArchivedAt   *time.Time `db:"archived_at"`
	}
	type accessRow struct {
		MemberID int64   `db:"id"`
		Role     *string `db:"role"`
	}
	type member struct {
		ID       int64     `db:"id"`
		UserID   int64     `db:"user_id"`
		Name     string    `db:"name"`
		Email    string    `db:"email"`
		JoinedAt time.Time `db:"joined_at"`
	}
	type roleRow struct {
		MemberID int64  `db:"member_id"`
		Role     string `db:"role"`
	}
	type orgRow struct {
		MemberID int64  `db:"member_id"`
		ID       int64  `db:"id"`
		Name     string `db:"name"`
	}
	type memberAgg struct {
		member
		Roles string `db:"roles"`
		Orgs  string `db:"orgs"`
	}
	const cols = "m.id, m.user_id, u.name, u.email, m.joined_at"
	qs := []q{
		{"0_select_1", get(func() any { return new(int) }, "SELECT 1")},
		{"1_session_find", get(func() any { return new(session) }, "SELECT data, expiry FROM sessions WHERE token = ?", token)},
		{"2_user_by_id", get(func() any { return new(user) }, "SELECT id, email, name, password_hash, time_zone, language, is_admin, session_epoch, created_at, deleted_at FROM users WHERE id = ?", f.steward.ID)},
		{"3_collective_by_slug", get(func() any { return new(coll) }, "SELECT id, slug, name, purpose, visibility, min_group_size, created_at, archived_at FROM collectives WHERE slug = ?", seed.Slug)},
		{"4_access_roles", sel(func() any { return new([]accessRow) }, `SELECT m.id, r.role FROM members m
			LEFT JOIN member_roles r ON r.member_id = m.id WHERE m.collective_id = ? AND m.user_id = ?`, cid, f.steward.ID)},
		{"5_count", get(func() any { return new(int) }, "SELECT count(*) FROM members m WHERE m.collective_id = ?", cid)},
		{"6_list_page1", sel(func() any { return new([]member) }, "SELECT "+cols+" FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? ORDER BY m.sort_name, m.id LIMIT ? OFFSET ?", cid, 50, 0)},
		{"7_roles_in50", sel(func() any { return new([]roleRow) }, "SELECT member_id, role FROM member_roles WHERE member_id IN ("+in+") ORDER BY role", idArgs...)},
		{"8_orgs_in50", sel(func() any { return new([]orgRow) }, `SELECT a.member_id, o.id, o.name FROM affiliations a
			JOIN organisations o ON o.id = a.organisation_id WHERE a.member_id IN (`+in+`) ORDER BY o.sort_name`, idArgs...)},
		{"page100_list_offset", sel(func() any { return new([]member) }, "SELECT "+cols+" FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? ORDER BY m.sort_name, m.id LIMIT ? OFFSET ?", cid, 50, 4950)},
		{"page100_list_offset_in_covering_subquery", sel(func() any { return new([]member) }, "SELECT "+cols+` FROM (SELECT id FROM members WHERE collective_id = ? ORDER BY sort_name, id LIMIT ? OFFSET ?) p
			JOIN members m ON m.id = p.id JOIN users u ON u.id = m.user_id ORDER BY m.sort_name, m.id`, cid, 50, 4950)},
		{"search_count", get(func() any { return new(int) }, `SELECT count(*) FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? AND (m.sort_name LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\')`, cid, "%ann%", "%ann%")},
		{"search_list", sel(func() any { return new([]member) }, "SELECT "+cols+` FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? AND (m.sort_name LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\') ORDER BY m.sort_name, m.id LIMIT ? OFFSET ?`, cid, "%ann%", "%ann%", 50, 0)},
		{"search_count_no_lower", get(func() any { return new(int) }, `SELECT count(*) FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? AND (m.sort_name LIKE ? ESCAPE '\' OR u.email LIKE ? ESCAPE '\')`, cid, "%ann%", "%ann%")},
		{"search_count_capped_1001", get(func() any { return new(int) }, `SELECT count(*) FROM (SELECT 1 FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? AND (m.sort_name LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\') LIMIT 1001)`, cid, "%ann%", "%ann%")},
		{"list_page1_roles_orgs_aggregated", sel(func() any { return new([]memberAgg) }, "SELECT "+cols+`,
			COALESCE((SELECT group_concat(r.role, ',') FROM member_roles r WHERE r.member_id = m.id), '') AS roles,
			COALESCE((SELECT group_concat(o.id || ':' || o.name, char(31)) FROM affiliations a JOIN organisations o ON o.id = a.organisation_id WHERE a.member_id = m.id), '') AS orgs
			FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? ORDER BY m.sort_name, m.id LIMIT ? OFFSET ?`, cid, 50, 0)},
		{"5_count_alt_denormalised_pk_read", get(func() any { return new(int) }, "SELECT min_group_size FROM collectives WHERE id = ?", cid)},
		{"search_count_name_only", get(func() any { return new(int) }, `SELECT count(*) FROM members m WHERE m.collective_id = ? AND m.sort_name LIKE ? ESCAPE '\'`, cid, "%ann%")},
	}
	for _, q := range qs {
		b.Run(q.name, func(b *testing.B) {
			if err := q.run(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := q.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The same count on a prepared statement, to show the parse cost.
	b.Run("5_count_prepared", func(b *testing.B) {
		st, err := db.Writer().PrepareContext(ctx, "SELECT count(*) FROM members WHERE collective_id = ?")
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		b.ReportAllocs()
		for b.Loop() {
			var n int
			if err := st.QueryRowContext(ctx, cid).Scan(&n); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Decoding the session blob, as scs does on every request (its GobCodec
	// makes a new gob.Decoder each time, so gob compiles the types anew).
	b.Run("session_gob_decode", func(b *testing.B) {
		var data []byte
		if err := db.Get(ctx, &data, "SELECT data FROM sessions WHERE token = ?", token); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := (scs.GobCodec{}).Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The page-100 list under concurrency (50 goroutines on the 8-connection
	// read pool, as wrk's 50 connections), with the default page cache
	// (2 MiB per connection, smaller than this 4.4 MB database), a larger
	// one, and mmap; and the covering-subquery form on the default pool.
	offsetQ := "SELECT " + cols + " FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? ORDER BY m.sort_name, m.id LIMIT ? OFFSET ?"
	subQ := "SELECT " + cols + ` FROM (SELECT id FROM members WHERE collective_id = ? ORDER BY sort_name, id LIMIT ? OFFSET ?) p
			JOIN members m ON m.id = p.id JOIN users u ON u.id = m.user_id ORDER BY m.sort_name, m.id`
	for _, v := range []struct {
		name, query string
		pragmas     []string
	}{
		{"page100_offset_parallel_default_cache", offsetQ, nil},
		{"page100_offset_parallel_cache_32MiB", offsetQ, []string{"cache_size(-32768)"}},
		{"page100_offset_parallel_mmap_256MiB", offsetQ, []string{"mmap_size(268435456)"}},
		{"page100_subquery_parallel_default_cache", subQ, nil},
		{"page1_list_parallel_default_cache", offsetQ, nil},
	} {
		b.Run(v.name, func(b *testing.B) {
			pool := readPool(b, db, v.pragmas...)
			off := 4950
			if strings.HasPrefix(v.name, "page1_") {
				off = 0
			}
			b.SetParallelism(25)
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					var ms []member
					if err := pool.SelectContext(ctx, &ms, v.query, cid, 50, off); err != nil || len(ms) != 50 {
						b.Error(err, len(ms))
						return
					}
				}
			})
		})
	}
	// Prepared statements on the read pool (database/sql keeps one per
	// connection), against the same text unprepared above.
	prepared := []struct {
		name, query string
		args        []any
		dest        func() any
	}{
		{"2_user_by_id_prepared", "SELECT id, email, name, password_hash, time_zone, language, is_admin, session_epoch, created_at, deleted_at FROM users WHERE id = ?", []any{f.steward.ID}, func() any { return new(user) }},
		{"6_list_page1_prepared", "SELECT " + cols + " FROM members m JOIN users u ON u.id = m.user_id WHERE m.collective_id = ? ORDER BY m.sort_name, m.id LIMIT ? OFFSET ?", []any{cid, 50, 0}, func() any { return new([]member) }},
	}
	for _, p := range prepared {
		b.Run(p.name, func(b *testing.B) {
			st, err := readPool(b, db).PreparexContext(ctx, p.query)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ReportAllocs()
			for b.Loop() {
				d := p.dest()
				if strings.HasPrefix(p.name, "6_") {
					err = st.SelectContext(ctx, d, p.args...)
				} else {
					err = st.GetContext(ctx, d, p.args...)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// readPool opens a second read-only pool on the same file, as store.Open
// makes its read pool (store keeps its own unexported); extra pragmas are
// added to the DSN.
func readPool(b *testing.B, db *store.DB, pragmas ...string) *sqlx.DB {
	b.Helper()
	var file string
	if err := db.Writer().QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
		b.Fatal(err)
	}
	dsn := "file:" + file + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_query_only=1"
	for _, p := range pragmas {
		dsn += "&_pragma=" + p
	}
	p, err := sqlx.Open("sqlite", dsn)
	if err != nil {
		b.Fatal(err)
	}
	p.SetMaxOpenConns(8)
	p.SetMaxIdleConns(8)
	p.SetConnMaxIdleTime(0)
	b.Cleanup(func() { p.Close() })
	return p
}
