package people

// Shared test helpers for the whole package: every helper's tests build on
// fixture, so its names stay stable. Extra helpers of one area go in that
// area's own *_helpers_test.go.

import (
	"context"
	"fmt"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/auth/authtest"
	"commonground/internal/collective"
	"commonground/internal/collective/collectivetest"
	"commonground/internal/errs/errstest"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// testClock is a settable time for db.Now.
type testClock = storetest.Clock

// Now is the clock's time.
// Set moves the clock to t.
// testStart is the fixture's time: whole seconds, because PostgreSQL keeps
// microseconds only.
var testStart = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// fixture is a public collective "river" with one person in each position,
// each as the Access the collective service gives them:
//
//	Steward  Sam Steward   steward (created the collective)
//	Member   Mia Member    member
//	Other    Oscar Other   member (a second ordinary member)
//	Observer Olga Observer observer
//	Outsider Otto Outsider signed in, not a member (the collective is public,
//	                       so Access succeeds with MemberID 0)
//	Anon     nobody signed in
//
// The collective is public so that an outsider and an anonymous visitor get
// an Access at all; a private one would answer NotFound before the people
// service is reached.
type fixture struct {
	DB    *store.DB
	S     *Service
	Col   *collective.Service
	Clock *testClock
	C     *collective.Collective

	Steward, Member, Other, Observer, Outsider, Anon *collective.Access

	users int
}

// newFixture builds the fixture on db and points db.Now at its clock.
func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := storetest.NewClock(testStart)
	db.Now = c.Now
	col := &collective.Service{DB: db, BaseURL: "https://cg.example/"}
	f := &fixture{DB: db, S: &Service{DB: db, Collectives: col}, Col: col, Clock: c}
	steward := f.user(t, "Sam Steward")
	coll, err := col.Create(authtest.As(steward), collective.Input{Slug: "river", Name: "River", Visibility: "public"})
	if err != nil {
		t.Fatalf("create collective: %v", err)
	}
	f.C = coll
	_, f.Member = f.join(t, "Mia Member", auth.Member)
	_, f.Other = f.join(t, "Oscar Other", auth.Member)
	_, f.Observer = f.join(t, "Olga Observer", auth.Observer)
	f.Steward = f.access(t, steward)
	f.Outsider = f.access(t, f.user(t, "Otto Outsider"))
	f.Anon = f.access(t, nil)
	return f
}

// eachDB runs fn with a fresh fixture on SQLite and on PostgreSQL.
func eachDB(t *testing.T, fn func(t *testing.T, f *fixture)) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, newFixture(t, db)) })
}

// user inserts an account named name with a unique address.
func (f *fixture) user(t testing.TB, name string) *auth.User {
	t.Helper()
	f.users++
	return authtest.User(t, f.DB, name, fmt.Sprintf("user%d@example.org", f.users))
}

// join inserts a new account named name and makes it a member of the
// fixture's collective with roles; it returns the account and its Access.
func (f *fixture) join(t testing.TB, name string, roles ...string) (*auth.User, *collective.Access) {
	t.Helper()
	u := f.user(t, name)
	f.addMember(t, f.C, u, roles...)
	return u, f.access(t, u)
}

// addMember makes u a member of c with roles, straight in the database
// (the invitation flow is the collective package's to test), and moves the
// collective's version on so cached Access is reloaded.
func (f *fixture) addMember(t testing.TB, c *collective.Collective, u *auth.User, roles ...string) int64 {
	t.Helper()
	return collectivetest.AddMember(t, f.DB, c.ID, u, 0, roles...)
}

// access loads what u (nil: nobody signed in) may do in the fixture's
// collective.
func (f *fixture) access(t testing.TB, u *auth.User) *collective.Access {
	t.Helper()
	return f.accessIn(t, u, f.C.Slug)
}

// accessIn loads what u may do in the collective at slug.
func (f *fixture) accessIn(t testing.TB, u *auth.User, slug string) *collective.Access {
	t.Helper()
	a, err := f.Col.Access(authtest.As(u), slug)
	if err != nil {
		t.Fatalf("access %s as %v: %v", slug, u, err)
	}
	return a
}

// ctxOf is the context in which the person of a acts.
func ctxOf(a *collective.Access) context.Context { return authtest.As(a.User) }

// count runs a SELECT count(*) query.
// version is the collective's people data_version.
func (f *fixture) version(t testing.TB) int64 {
	t.Helper()
	v, err := f.S.dataVersion(context.Background(), f.C.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// testEntry is an activity row as the tests check it.
type testEntry struct {
	ActorID  *int64 `db:"actor_id"`
	Verb     string `db:"verb"`
	Subject  string `db:"subject"`
	Summary  string `db:"summary"`
	Link     string `db:"link"`
	Audience string `db:"audience"`
}

// entries returns the fixture collective's activity with verbs starting
// with prefix, oldest first.
func (f *fixture) entries(t testing.TB, prefix string) []testEntry {
	t.Helper()
	var out []testEntry
	if err := f.DB.Select(context.Background(), &out, `SELECT actor_id, verb, subject, summary, link, audience FROM activity
		WHERE collective_id = ? AND verb LIKE ? ORDER BY id`, f.C.ID, prefix+"%"); err != nil {
		t.Fatal(err)
	}
	return out
}

// wantErr fails unless err carries code and, when field is not "", that
// field; when msg is not "", the message must contain it.
// ok fails on any error.
// same fails unless got deeply equals want.
// TestFixture checks the positions the other tests rely on: who each
// person is to a member of the collective.
func TestFixture(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		target := f.Member.User.ID
		for _, c := range []struct {
			name string
			a    *collective.Access
			want Level
		}{{"Self", f.Member, Level(OnlyMe)}, {"Steward", f.Steward, Level(Stewards)}, {"Other", f.Other, Level(Collectives)},
			{"Observer", f.Observer, Level(Collectives)}, {"Outsider", f.Outsider, Level(Everyone)}, {"Anon", f.Anon, Hidden}} {
			if got := LevelFor(c.a, target); got != c.want {
				t.Errorf("%s: level %d, want %d", c.name, got, c.want)
			}
		}
		if f.Outsider.IsMember() || f.Anon.User != nil || !f.Observer.IsMember() || f.Observer.CanContribute() {
			t.Fatalf("positions wrong: outsider member %v, anon %v, observer %v/%v", f.Outsider.IsMember(), f.Anon.User,
				f.Observer.IsMember(), f.Observer.CanContribute())
		}
	})
}

// The shared assertions (storetest, errstest).
var (
	ok      = storetest.Ok
	same    = storetest.Same
	wantErr = errstest.WantContains
)

// count is the single number query returns.
func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	return storetest.Count(t, f.DB, query, args...)
}
