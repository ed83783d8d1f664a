package commitment

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
	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// testClock is a settable time for db.Now.
type testClock = storetest.Clock

// Now is the clock's time.
// Set moves the clock to t.
// testStart is the fixture's time: whole seconds, because PostgreSQL keeps
// microseconds only. Its day, testToday, is the earliest due date allowed.
var testStart = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// testToday is testStart's day.
const testToday = "2026-11-23"

// fixture is a public collective "river" with one person in each position,
// each as the Access the collective service gives them:
//
//	Steward  Sam Steward   steward (created the collective)
//	A        Ana Adler     member, with the Food Bank (OrgA)
//	B        Ben Brook     member, with the Library (OrgB)
//	C        Cleo Cole     member, with the Library (OrgB)
//	Observer Olga Observer observer
//	Outsider Otto Outsider signed in, not a member (the collective is public,
//	                       so Access succeeds with MemberID 0)
//	Anon     nobody signed in
//
// and a goal "Nobody goes hungry" with an indicator "Meals served", both
// made through measure's service.
type fixture struct {
	DB    *store.DB
	S     *Service
	Col   *collective.Service
	M     *measure.Service
	Clock *testClock
	Coll  *collective.Collective // the collective "river"

	Steward, A, B, C, Observer, Outsider, Anon *collective.Access

	OrgA, OrgB *collective.Organisation // Food Bank (A), Library (B and C)
	Goal       *measure.Goal
	Indicator  *measure.Indicator

	users int
}

// newFixture builds the fixture on db and points db.Now at its clock.
func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := storetest.NewClock(testStart)
	db.Now = c.Now
	col := &collective.Service{DB: db, BaseURL: "https://cg.example/"}
	m := &measure.Service{DB: db, Collectives: col}
	f := &fixture{DB: db, S: &Service{DB: db, Collectives: col, Measure: m}, Col: col, M: m, Clock: c}
	steward := f.user(t, "Sam Steward")
	coll, err := col.Create(authtest.As(steward), collective.Input{Slug: "river", Name: "River", Visibility: "public"})
	if err != nil {
		t.Fatalf("create collective: %v", err)
	}
	f.Coll = coll
	f.Steward = f.access(t, steward)
	f.OrgA = f.org(t, "Food Bank")
	f.OrgB = f.org(t, "Library")
	_, f.A = f.join(t, "Ana Adler", auth.Member)
	_, f.B = f.join(t, "Ben Brook", auth.Member)
	_, f.C = f.join(t, "Cleo Cole", auth.Member)
	_, f.Observer = f.join(t, "Olga Observer", auth.Observer)
	f.affiliate(t, f.A, f.OrgA.ID)
	f.affiliate(t, f.B, f.OrgB.ID)
	f.affiliate(t, f.C, f.OrgB.ID)
	f.Outsider = f.access(t, f.user(t, "Otto Outsider"))
	f.Anon = f.access(t, nil)
	f.Steward = f.access(t, steward) // the collective's version moved on
	g, err := m.CreateGoal(ctxOf(f.Steward), f.Steward, measure.GoalInput{Title: "Nobody goes hungry"})
	if err != nil {
		t.Fatalf("create goal: %v", err)
	}
	f.Goal = g
	ind, err := m.CreateIndicator(ctxOf(f.Steward), f.Steward, measure.IndicatorInput{GoalID: g.ID, Name: "Meals served",
		Unit: "meals", Direction: measure.Higher})
	if err != nil {
		t.Fatalf("create indicator: %v", err)
	}
	f.Indicator = ind
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

// org makes an organisation of the collective as the steward.
func (f *fixture) org(t testing.TB, name string) *collective.Organisation {
	t.Helper()
	o, err := f.Col.CreateOrganisation(ctxOf(f.Steward), f.Steward, collective.OrgInput{Name: name})
	if err != nil {
		t.Fatalf("create organisation %s: %v", name, err)
	}
	return o
}

// affiliate puts the member of a with the organisations orgIDs (as the
// steward, through the collective service).
func (f *fixture) affiliate(t testing.TB, a *collective.Access, orgIDs ...int64) {
	t.Helper()
	st := f.access(t, f.Steward.User)
	if err := f.Col.SetAffiliations(ctxOf(st), st, a.MemberID, orgIDs); err != nil {
		t.Fatalf("affiliate %s: %v", a.User.Name, err)
	}
}

// join inserts a new account named name and makes it a member of the
// fixture's collective with roles; it returns the account and its Access.
func (f *fixture) join(t testing.TB, name string, roles ...string) (*auth.User, *collective.Access) {
	t.Helper()
	u := f.user(t, name)
	f.addMember(t, f.Coll, u, roles...)
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
	a, err := f.Col.Access(authtest.As(u), f.Coll.Slug)
	if err != nil {
		t.Fatalf("access %s as %v: %v", f.Coll.Slug, u, err)
	}
	return a
}

// ctxOf is the context in which the person of a acts.
func ctxOf(a *collective.Access) context.Context { return authtest.As(a.User) }

// count runs a SELECT count(*) query.
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
		WHERE collective_id = ? AND verb LIKE ? ORDER BY id`, f.Coll.ID, prefix+"%"); err != nil {
		t.Fatal(err)
	}
	return out
}

// wantErr fails unless err carries code and, when field is not "", that
// field; when msg is not "", the message must contain it.
// ok fails on any error.
// same fails unless got deeply equals want.
// TestFixture checks the positions the other tests rely on.
func TestFixture(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		for _, a := range []*collective.Access{f.Steward, f.A, f.B, f.C} {
			if !a.CanContribute() {
				t.Fatalf("%s cannot contribute", a.User.Name)
			}
		}
		if f.Outsider.IsMember() || f.Anon.User != nil || !f.Observer.IsMember() || f.Observer.CanContribute() || !f.Steward.IsSteward() {
			t.Fatalf("positions wrong")
		}
		same(t, "affiliations", f.count(t, "SELECT count(*) FROM affiliations WHERE organisation_id = ?", f.OrgB.ID), 2)
		if f.Indicator.GoalID != f.Goal.ID {
			t.Fatalf("indicator under goal %d, want %d", f.Indicator.GoalID, f.Goal.ID)
		}
	})
}

// promise is an Input from the person of a to member to, doing what, with
// no size and no due date; tests change the fields they need.
func promise(to *collective.Access, what string) Input {
	return Input{What: what, Kind: Do, RecipientKind: ToMember, RecipientMemberID: to.MemberID}
}

// commit makes a commitment as a, failing the test on an error.
func (f *fixture) commit(t testing.TB, a *collective.Access, in Input) *Commitment {
	t.Helper()
	c, err := f.S.Create(ctxOf(a), a, in)
	if err != nil {
		t.Fatalf("create %q as %s: %v", in.What, a.User.Name, err)
	}
	return c
}

// move transitions commitment id by action as a, failing on an error.
func (f *fixture) move(t testing.TB, a *collective.Access, id int64, action Action) *Commitment {
	t.Helper()
	c, err := f.S.Transition(ctxOf(a), a, id, action, 0, "")
	if err != nil {
		t.Fatalf("%s %d as %s: %v", action, id, a.User.Name, err)
	}
	return c
}

// ledgerRow is one party's ledger counters as the tests compare them.
type ledgerRow struct {
	Made            int64 `db:"made"`
	Open            int64 `db:"open_count"`
	GivenCount      int64 `db:"given_count"`
	GivenMinutes    int64 `db:"given_minutes"`
	GivenMoney      int64 `db:"given_money"`
	GivenUnits      int64 `db:"given_units"`
	ReceivedCount   int64 `db:"received_count"`
	ReceivedMinutes int64 `db:"received_minutes"`
	ReceivedMoney   int64 `db:"received_money"`
	ReceivedUnits   int64 `db:"received_units"`
	Kept            int64 `db:"kept"`
	KeptOnTime      int64 `db:"kept_on_time"`
	NotKept         int64 `db:"not_kept"`
	Released        int64 `db:"released"`
}

// ledger reads a party's ledger row (kind "member" or "organisation"); a
// missing row reads as zeros.
func (f *fixture) ledger(t testing.TB, kind string, id int64) ledgerRow {
	t.Helper()
	var rows []ledgerRow
	if err := f.DB.Select(context.Background(), &rows, `SELECT made, open_count, given_count, given_minutes, given_money,
		given_units, received_count, received_minutes, received_money, received_units, kept, kept_on_time, not_kept, released
		FROM commitment_ledger WHERE collective_id = ? AND party_kind = ? AND party_id = ?`, f.Coll.ID, kind, id); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		return ledgerRow{}
	}
	return rows[0]
}

// boardCounts reads commitment_counts as "goal/state" → n, leaving out zeros.
func (f *fixture) boardCounts(t testing.TB) map[string]int64 {
	t.Helper()
	var rows []struct {
		Goal  int64  `db:"goal_id"`
		State string `db:"state"`
		N     int64  `db:"n"`
	}
	if err := f.DB.Select(context.Background(), &rows, "SELECT goal_id, state, n FROM commitment_counts WHERE collective_id = ? AND n <> 0",
		f.Coll.ID); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[fmt.Sprintf("%d/%s", r.Goal, r.State)] = r.N
	}
	return out
}

// itoa writes an id.
func itoa(id int64) string { return fmt.Sprint(id) }

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
