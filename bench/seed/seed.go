// Package seed fills a database with one large collective for the
// performance benchmarks (bench/members.sh, bench/members_bench_test.go):
// N accounts, all members of the private collective "bench", with a few
// stewards and observers, a handful of organisations and affiliations, and a
// steward account to sign in with.
//
// It writes with multi-row INSERTs in one transaction, so 10,000 members take
// well under a second on SQLite. It is bench-only code: it bypasses the
// services' validation on purpose and must never run against a real instance.
package seed

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"commonground/internal/auth"
	"commonground/internal/store"
)

// Defaults used by the benchmark script and the Go benchmark.
const (
	Slug            = "bench"
	StewardEmail    = "bench@example.org"
	StewardPassword = "bench-password-123"
	StewardName     = "Bench Steward"
)

// Options says what to seed. Zero values take the defaults.
type Options struct {
	Members int    // accounts to add as members, besides the steward (default 10,000)
	Orgs    int    // organisations (default 8)
	Hash    string // password hash for every account; default HashPassword(StewardPassword), made once
	Batch   int    // rows per INSERT (default 400)
	// Analyze runs ANALYZE afterwards. Off by default: the app never runs it,
	// so a real instance's planner works without statistics too.
	Analyze bool
}

// Result is what was written.
type Result struct {
	CollectiveID  int64
	StewardUserID int64
	Users         int
	Members       int
	Roles         int
	Affiliations  int
	Orgs          int
	AlreadySeeded bool
	Took          time.Duration
}

// ErrNotEmpty is returned when the database has accounts but not the bench
// collective, so seeding would mix bench data into something else.
var ErrNotEmpty = errors.New("seed: the database already has accounts but no bench collective; give a new, empty database")

var firstNames = []string{
	"Anna", "Hannah", "Joanne", "Ben", "Chen", "Dolores", "Emeka", "Fatima", "Gareth", "Hana", "Ibrahim", "Jo",
	"Kasia", "Liam", "Maya", "Noor", "Olu", "Priya", "Quentin", "Rosa", "Samir", "Tess", "Uma", "Viktor", "Wren",
	"Xavier", "Yara", "Zoe", "Aisha", "Bruno", "Carmen", "Dev", "Elif", "Finn", "Grace", "Hugo", "Ann", "Marianne",
	"Leila", "Tomasz", "Ines", "Kofi", "Sven", "Mei", "Rahul", "Sofia", "Diego", "Nadia", "Oscar", "Petra",
}

var lastNames = []string{
	"Okafor", "Hartley", "Wei", "Ruiz", "Nwosu", "Zahra", "Jones", "Kobayashi", "Diallo", "Whitfield", "Nowak",
	"O'Brien", "Patel", "Hassan", "Adeyemi", "Sharma", "Moreau", "Lindqvist", "Haddad", "Morgan", "Rao", "Petrov",
	"Ellis", "Dubois", "Campbell", "Bello", "Costa", "Vidal", "Malhotra", "Yilmaz", "Gallagher", "Mensah", "Lambert",
	"Johansson", "Kowalski", "Fischer", "Santos", "Murphy", "Tanaka", "Novak", "Rossi", "Svensson", "Kim", "Hughes",
	"Brennan", "Annan", "Schultz", "Mbeki", "Larsen", "Ahmed", "Fernandes", "Quinn", "Delaney", "Baptiste",
}

var orgNames = []string{
	"Riverside Food Bank", "Eastbank Housing Association", "City Council Community Team", "St Anne's Primary School",
	"Northside Youth Project", "Riverside Health Centre", "Canal Street Library", "Westgate Credit Union",
	"Harbour Arts Trust", "Millbrook Tenants Union", "Greenway Allotments", "Old Town Mosque", "Hillside Church",
	"Unity Sports Club", "Eastbank College", "Citizens Advice Riverside",
}

// Name returns the display name of the i-th seeded person (0-based). Each
// pair of first and last name recurs, with a number to keep names apart.
func Name(i int) string {
	f := firstNames[i%len(firstNames)]
	l := lastNames[(i/len(firstNames))%len(lastNames)]
	if n := i / (len(firstNames) * len(lastNames)); n > 0 {
		return fmt.Sprintf("%s %s %d", f, l, n+1)
	}
	return f + " " + l
}

// Email returns the i-th seeded person's address.
func Email(i int) string {
	n := strings.ToLower(strings.NewReplacer(" ", ".", "'", "").Replace(Name(i)))
	return fmt.Sprintf("%s.%d@bench.example.org", n, i)
}

// roles spreads roles over the seeded people: mostly member, about 1% also
// steward, about 3% observers only, some hosts.
func roles(i int) []string {
	switch {
	case i%97 == 0:
		return []string{auth.Member, auth.Steward}
	case i%31 == 0:
		return []string{auth.Observer}
	case i%19 == 0:
		return []string{auth.Host, auth.Member}
	}
	return []string{auth.Member}
}

// affiliations returns the indexes of the organisations person i belongs
// to: two thirds one, every tenth a second, the rest none.
func affiliations(i, orgs int) []int {
	if i%3 == 0 || orgs == 0 {
		return nil
	}
	a := []int{i % orgs}
	if i%10 == 1 && orgs > 1 {
		a = append(a, (i+3)%orgs)
	}
	return a
}

// Members seeds db (migrated already). If the bench collective and steward
// exist it does nothing and reports AlreadySeeded; if the database has other
// accounts it returns ErrNotEmpty.
func Members(ctx context.Context, db *store.DB, o Options) (*Result, error) {
	start := time.Now()
	if o.Members <= 0 {
		o.Members = 10000
	}
	if o.Orgs <= 0 {
		o.Orgs = 8
	}
	if o.Orgs > len(orgNames) {
		o.Orgs = len(orgNames)
	}
	if o.Batch <= 0 {
		o.Batch = 400
	}
	res := &Result{}
	var users int
	if err := db.Get(ctx, &users, "SELECT count(*) FROM users"); err != nil {
		return nil, err
	}
	if users > 0 {
		var ids []int64
		err := db.Select(ctx, &ids, `SELECT c.id FROM collectives c JOIN users u ON u.id = c.created_by
			WHERE c.slug = ? AND u.email = ?`, Slug, StewardEmail)
		if err != nil {
			return nil, err
		}
		if len(ids) == 1 {
			res.CollectiveID, res.AlreadySeeded = ids[0], true
			if err := db.Get(ctx, &res.Members, "SELECT count(*) FROM members WHERE collective_id = ?", ids[0]); err != nil {
				return nil, err
			}
			res.Users = users
			res.Took = time.Since(start)
			return res, nil
		}
		return nil, fmt.Errorf("%w (it has %d)", ErrNotEmpty, users)
	}
	hash := o.Hash
	if hash == "" {
		h, err := auth.HashPassword(StewardPassword)
		if err != nil {
			return nil, err
		}
		hash = h
	}
	err := db.Write(ctx, func(tx *store.Tx) error {
		now := tx.Now
		stewardID, err := tx.Insert(ctx, `INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)`,
			StewardEmail, StewardName, hash, now)
		if err != nil {
			return fmt.Errorf("steward: %w", err)
		}
		res.StewardUserID = stewardID
		cid, err := tx.Insert(ctx, `INSERT INTO collectives (slug, name, purpose, visibility, created_by, created_at)
			VALUES (?, ?, ?, 'private', ?, ?)`, Slug, "Bench Collective",
			"A large collective for measuring the members page.", stewardID, now)
		if err != nil {
			return fmt.Errorf("collective: %w", err)
		}
		res.CollectiveID = cid

		// Accounts.
		if err := batches(o.Members, o.Batch, func(lo, hi int) error {
			var sb strings.Builder
			args := make([]any, 0, (hi-lo)*4)
			sb.WriteString("INSERT INTO users (email, name, password_hash, created_at) VALUES ")
			for i := lo; i < hi; i++ {
				if i > lo {
					sb.WriteString(", ")
				}
				sb.WriteString("(?, ?, ?, ?)")
				args = append(args, Email(i), Name(i), hash, now.Add(-time.Duration(o.Members-i)*time.Minute))
			}
			_, err := tx.Exec(ctx, sb.String(), args...)
			return err
		}); err != nil {
			return fmt.Errorf("users: %w", err)
		}
		res.Users = o.Members + 1

		// Read the ids back by address (works on both dialects, unlike
		// RETURNING on a multi-row insert through Tx.Insert).
		var urows []struct {
			ID    int64  `db:"id"`
			Email string `db:"email"`
		}
		if err := tx.Select(ctx, &urows, "SELECT id, email FROM users"); err != nil {
			return err
		}
		userID := make(map[string]int64, len(urows))
		for _, r := range urows {
			userID[r.Email] = r.ID
		}

		// Memberships: the steward first, then everyone else.
		if _, err := tx.Exec(ctx, `INSERT INTO members (collective_id, user_id, sort_name, joined_at) VALUES (?, ?, ?, ?)`,
			cid, stewardID, strings.ToLower(StewardName), now); err != nil {
			return err
		}
		if err := batches(o.Members, o.Batch, func(lo, hi int) error {
			var sb strings.Builder
			args := make([]any, 0, (hi-lo)*4)
			sb.WriteString("INSERT INTO members (collective_id, user_id, sort_name, joined_at) VALUES ")
			for i := lo; i < hi; i++ {
				if i > lo {
					sb.WriteString(", ")
				}
				sb.WriteString("(?, ?, ?, ?)")
				args = append(args, cid, userID[Email(i)], strings.ToLower(Name(i)), now.Add(-time.Duration(o.Members-i)*time.Minute))
			}
			_, err := tx.Exec(ctx, sb.String(), args...)
			return err
		}); err != nil {
			return fmt.Errorf("members: %w", err)
		}
		res.Members = o.Members + 1
		var mrows []struct {
			ID     int64 `db:"id"`
			UserID int64 `db:"user_id"`
		}
		if err := tx.Select(ctx, &mrows, "SELECT id, user_id FROM members WHERE collective_id = ?", cid); err != nil {
			return err
		}
		memberOf := make(map[int64]int64, len(mrows))
		for _, r := range mrows {
			memberOf[r.UserID] = r.ID
		}

		// Roles.
		type pair struct {
			member int64
			val    any
		}
		var rolePairs []pair
		stewardMember := memberOf[stewardID]
		rolePairs = append(rolePairs, pair{stewardMember, auth.Member}, pair{stewardMember, auth.Steward})
		for i := 0; i < o.Members; i++ {
			for _, r := range roles(i) {
				rolePairs = append(rolePairs, pair{memberOf[userID[Email(i)]], r})
			}
		}
		if err := batches(len(rolePairs), o.Batch, func(lo, hi int) error {
			var sb strings.Builder
			args := make([]any, 0, (hi-lo)*2)
			sb.WriteString("INSERT INTO member_roles (member_id, role) VALUES ")
			for i := lo; i < hi; i++ {
				if i > lo {
					sb.WriteString(", ")
				}
				sb.WriteString("(?, ?)")
				args = append(args, rolePairs[i].member, rolePairs[i].val)
			}
			_, err := tx.Exec(ctx, sb.String(), args...)
			return err
		}); err != nil {
			return fmt.Errorf("roles: %w", err)
		}
		res.Roles = len(rolePairs)

		// Organisations and affiliations.
		orgIDs := make([]int64, o.Orgs)
		for k := 0; k < o.Orgs; k++ {
			id, err := tx.Insert(ctx, `INSERT INTO organisations (collective_id, name, sort_name, created_at) VALUES (?, ?, ?, ?)`,
				cid, orgNames[k], strings.ToLower(orgNames[k]), now)
			if err != nil {
				return fmt.Errorf("organisation: %w", err)
			}
			orgIDs[k] = id
		}
		res.Orgs = o.Orgs
		var affPairs []pair
		affPairs = append(affPairs, pair{stewardMember, orgIDs[0]})
		for i := 0; i < o.Members; i++ {
			for _, k := range affiliations(i, o.Orgs) {
				affPairs = append(affPairs, pair{memberOf[userID[Email(i)]], orgIDs[k]})
			}
		}
		if err := batches(len(affPairs), o.Batch, func(lo, hi int) error {
			var sb strings.Builder
			args := make([]any, 0, (hi-lo)*2)
			sb.WriteString("INSERT INTO affiliations (member_id, organisation_id) VALUES ")
			for i := lo; i < hi; i++ {
				if i > lo {
					sb.WriteString(", ")
				}
				sb.WriteString("(?, ?)")
				args = append(args, affPairs[i].member, affPairs[i].val)
			}
			_, err := tx.Exec(ctx, sb.String(), args...)
			return err
		}); err != nil {
			return fmt.Errorf("affiliations: %w", err)
		}
		res.Affiliations = len(affPairs)
		// Bulk inserts bypass the service, so set the stored member count
		// and move the version on as the service would.
		_, err = tx.Exec(ctx, `UPDATE collectives SET version = version + 1,
			member_count = (SELECT count(*) FROM members WHERE collective_id = ?) WHERE id = ?`, cid, cid)
		return err
	})
	if err != nil {
		return nil, err
	}
	if o.Analyze {
		if _, err := db.Writer().ExecContext(ctx, "ANALYZE"); err != nil {
			return nil, fmt.Errorf("analyze: %w", err)
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

func batches(n, size int, fn func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}
