package purpose_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/auth/authtest"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/purpose"
	"commonground/internal/store"
)

// clock is a settable time for db.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// start is the fixture's time: whole seconds, because PostgreSQL keeps
// microseconds only.
var start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

type fixture struct {
	coll  *collective.Service
	svc   *purpose.Service
	db    *store.DB
	clock *clock
	users int
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := &clock{now: start}
	db.Now = c.Now
	return &fixture{coll: &collective.Service{DB: db}, svc: &purpose.Service{DB: db}, db: db, clock: c}
}

// user inserts an account named name.
func (f *fixture) user(t *testing.T, name string) *auth.User {
	t.Helper()
	f.users++
	return authtest.User(t, f.db, name, fmt.Sprintf("user%d@example.org", f.users))
}

// as returns a context in which u acts; nil means nobody is signed in.
func as(u *auth.User) context.Context { return authtest.As(u) }

// access loads what u may do in the collective at slug.
func (f *fixture) access(t *testing.T, u *auth.User, slug string) *collective.Access {
	t.Helper()
	a, err := f.coll.Access(as(u), slug)
	if err != nil {
		t.Fatalf("access %s as %v: %v", slug, u, err)
	}
	return a
}

// join makes u a member of c with roles, as the collective's fixture does.
func (f *fixture) join(t *testing.T, c *collective.Collective, u *auth.User, roles ...string) int64 {
	t.Helper()
	var id int64
	err := f.db.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		var err error
		id, err = tx.Insert(ctx, "INSERT INTO members (collective_id, user_id, sort_name, joined_at) VALUES (?, ?, ?, ?)",
			c.ID, u.ID, strings.ToLower(u.Name), tx.Now)
		if err != nil {
			return err
		}
		for _, r := range roles {
			if _, err := tx.Exec(ctx, "INSERT INTO member_roles (member_id, role) VALUES (?, ?)", id, r); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, "UPDATE collectives SET member_count = member_count + 1, version = version + 1 WHERE id = ?", c.ID)
		return err
	})
	if err != nil {
		t.Fatalf("join %s to %s: %v", u.Name, c.Slug, err)
	}
	return id
}

// world is a collective with one person in each position.
type world struct {
	c                                   *collective.Collective
	steward, member, observer, outsider *auth.User
	stewardID, memberID, observerID     int64
}

func (f *fixture) world(t *testing.T, slug, visibility string) *world {
	t.Helper()
	w := &world{steward: f.user(t, "Sam Steward")}
	c, err := f.coll.Create(as(w.steward), collective.Input{Slug: slug, Name: "Collective " + slug, Visibility: visibility})
	if err != nil {
		t.Fatal(err)
	}
	w.c = c
	w.stewardID = f.access(t, w.steward, slug).MemberID
	w.member = f.user(t, "Mia Member")
	w.memberID = f.join(t, c, w.member, auth.Member)
	w.observer = f.user(t, "Olga Observer")
	w.observerID = f.join(t, c, w.observer, auth.Observer)
	w.outsider = f.user(t, "Otto Outsider")
	return w
}

// count runs a SELECT count(*) query.
func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.Get(context.Background(), &n, query, args...); err != nil {
		t.Fatalf("count %q: %v", query, err)
	}
	return n
}

// entry is an activity row as the tests check it.
type entry struct {
	ActorID  *int64 `db:"actor_id"`
	Verb     string `db:"verb"`
	Subject  string `db:"subject"`
	Summary  string `db:"summary"`
	Link     string `db:"link"`
	Audience string `db:"audience"`
}

// entries returns the activity of collective c with verbs starting with
// prefix, oldest first.
func (f *fixture) entries(t *testing.T, c *collective.Collective, prefix string) []entry {
	t.Helper()
	var out []entry
	if err := f.db.Select(context.Background(), &out, `SELECT actor_id, verb, subject, summary, link, audience FROM activity
		WHERE collective_id = ? AND verb LIKE ? ORDER BY id`, c.ID, prefix+"%"); err != nil {
		t.Fatal(err)
	}
	return out
}

// written counts every row this package writes, so a refused change can
// be shown to have written nothing.
func (f *fixture) written(t *testing.T) [6]int {
	t.Helper()
	var out [6]int
	for i, table := range []string{"charters", "charter_versions", "charter_endorsements", "value_propositions", "value_versions", "activity"} {
		out[i] = f.count(t, "SELECT count(*) FROM "+table)
	}
	return out
}

// wantErr checks an error's code and, when field is not "", its field.
func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	if errs.Code(err) != code {
		t.Fatalf("error %v: code %q, want %q", err, errs.Code(err), code)
	}
	if errs.FieldOf(err) != field {
		t.Fatalf("error %v: field %q, want %q", err, errs.FieldOf(err), field)
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// same fails unless got deeply equals want.
func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// ops is shorthand for a diff in tests: kind letters (= + -) and texts.
func ops(pairs ...string) []purpose.Op {
	out := []purpose.Op{}
	kinds := map[string]purpose.OpKind{"=": purpose.Equal, "+": purpose.Insert, "-": purpose.Delete}
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, purpose.Op{Kind: kinds[pairs[i]], Text: pairs[i+1]})
	}
	return out
}
