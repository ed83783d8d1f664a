package people

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/auth/authtest"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// benchPeople is the size of the collective the directory and the import
// are measured on: the budget is for 100,000 members.
const benchPeople = 100_000

// benchCollective is a collective (on SQLite; on PostgreSQL with
// PEOPLE_BENCH_POSTGRES=1) of benchPeople members (accounts
// p0@bench.example …) and the steward's Access; with profiles, each
// member has one from twenty organisations and two skills from fifty.
func benchCollective(b *testing.B, profiles bool) (*Service, *collective.Access) {
	b.Helper()
	ctx := context.Background()
	db := storetest.SQLite(b)
	if os.Getenv("PEOPLE_BENCH_POSTGRES") != "" {
		db = storetest.Postgres(b)
	}
	col := &collective.Service{DB: db}
	steward := authtest.User(b, db, "Sam Steward", "steward@example.org")
	c, err := col.Create(authtest.As(steward), collective.Input{Slug: "river", Name: "River", Visibility: "private"})
	if err != nil {
		b.Fatal(err)
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		users := make([][]any, benchPeople)
		for i := range users {
			users[i] = []any{fmt.Sprintf("p%d@bench.example", i), fmt.Sprintf("Person %06d", i), "", tx.Now}
		}
		if err := insertBatched(ctx, tx, "INSERT INTO users (email, name, password_hash, created_at) VALUES", "", users, nil); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO members (collective_id, user_id, sort_name, joined_at)
			SELECT ?, id, lower(name), ? FROM users WHERE email LIKE '%@bench.example'`, c.ID, tx.Now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE collectives SET version = version + 1 WHERE id = ?", c.ID); err != nil {
			return err
		}
		if !profiles {
			return nil
		}
		var ids []int64
		if err := tx.Select(ctx, &ids, "SELECT id FROM users WHERE email LIKE '%@bench.example' ORDER BY id"); err != nil {
			return err
		}
		rows, tags := make([][]any, len(ids)), [][]any{}
		for i, id := range ids {
			p := &Profile{UserID: id, DisplayName: fmt.Sprintf("P%d", i), Organisation: fmt.Sprintf("Org %d", i%20),
				About: "Working on food, housing and transport.", Visibility: DefaultVisibility()}
			if i%4 == 0 {
				p.Visibility = allVis(OnlyMe)
			}
			rows[i] = profileArgs(p, tx.Now)
			tags = append(tags, []any{id, "skill", fmt.Sprintf("skill %d", i%50), fmt.Sprintf("Skill %d", i%50), 1},
				[]any{id, "skill", fmt.Sprintf("skill %d", (i+7)%50), fmt.Sprintf("Skill %d", (i+7)%50), 2})
		}
		if err := insertBatched(ctx, tx, "INSERT INTO profiles ("+upsertCols+") VALUES", "", rows, nil); err != nil {
			return err
		}
		return insertBatched(ctx, tx, "INSERT INTO profile_tags (user_id, kind, tag, label, position) VALUES", "", tags, nil)
	})
	if err != nil {
		b.Fatal(err)
	}
	a, err := col.Access(authtest.As(steward), "river")
	if err != nil {
		b.Fatal(err)
	}
	return &Service{DB: db, Collectives: col}, a
}

// BenchmarkDirectory pages through 100,000 members on SQLite:
//
//	go test ./internal/people/ -run '^$' -bench BenchmarkDirectory -benchtime 20x
func BenchmarkDirectory(b *testing.B) {
	s, a := benchCollective(b, true)
	ctx := authtest.As(a.User)
	for _, c := range []struct {
		name string
		q    DirectoryQuery
	}{
		{"FirstPage", DirectoryQuery{}},
		{"Page1000", DirectoryQuery{Page: 1000}},
		{"LastPage", DirectoryQuery{Page: benchPeople / PerPage}},
		{"Organisation", DirectoryQuery{Organisation: "org 7"}},
		{"Skill", DirectoryQuery{Skill: "Skill 12"}},
		{"Text", DirectoryQuery{Text: "person 09999"}},
		{"TextTag", DirectoryQuery{Text: "skill 49"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				p, err := s.Directory(ctx, a, c.q)
				if err != nil || len(p.People) == 0 {
					b.Fatalf("%v, %d people", err, len(p.People))
				}
			}
		})
	}
}

// BenchmarkImport imports 100,000 lines (name, organisation, three skills,
// three values) into a collective of 100,000 members on SQLite, notices
// included (run it once: -benchtime 1x measures the import that fills):
//
//	go test ./internal/people/ -run '^$' -bench BenchmarkImport -benchtime 1x
func BenchmarkImport(b *testing.B) {
	s, a := benchCollective(b, false)
	var csv strings.Builder
	csv.WriteString("email,display_name,organisation,skills,values\n")
	for i := range benchPeople {
		fmt.Fprintf(&csv, "p%d@bench.example,P %d,Org %d,skill %d;skill %d;skill %d,Care;Trust;Fairness\n", i, i, i%20, i%50, i%7+50, i%3+60)
	}
	text := csv.String()
	ctx := authtest.As(a.User)
	s.Notify = (&activity.Notifier{DB: s.DB}).Notify
	for b.Loop() {
		// The first import fills every profile and notifies each person;
		// later ones find everything filled and leave it alone.
		res, err := s.Import(ctx, a, strings.NewReader(text), ImportOptions{})
		if err != nil || (res.Created+res.Updated != benchPeople && res.Kept != 4*benchPeople) {
			b.Fatalf("%v: %+v", err, res)
		}
	}
}
