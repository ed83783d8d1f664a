package decision

// Shared test helpers for the whole package: every helper's tests build on
// fixture, so its names stay stable. Extra helpers of one area go in that
// area's own *_helpers_test.go.

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/auth/authtest"
	"commonground/internal/collective"
	"commonground/internal/collective/collectivetest"
	"commonground/internal/errs"
	"commonground/internal/errs/errstest"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// testClock is a settable time for db.Now.
type testClock = storetest.Clock

// Now is the clock's time.
// Set moves the clock to t.
// Add moves the clock on by d.
// testStart is the fixture's time: whole seconds, because PostgreSQL keeps
// microseconds only.
var testStart = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// testCloses is when decisions made with inputFor close: a week on.
var testCloses = testStart.Add(7 * 24 * time.Hour)

// fixture is a public collective "river" with one person in each position,
// each as the Access the collective service gives them:
//
//	Steward     Sam Steward      steward and member (created the collective)
//	Facilitator Fay Facilitator  facilitator
//	A           Ana Adler        member, with the Food Bank (OrgA)
//	B           Ben Brook        member, with the Food Bank (OrgA)
//	C           Cleo Cole        member, with the Library (OrgB)
//	D           Dan Dale         member, with the Library (OrgB)
//	E           Eve East         member, with the Library (OrgB)
//	Observer    Olga Observer    observer
//	Outsider    Otto Outsider    signed in, not a member (the collective is
//	                             public, so Access succeeds with MemberID 0)
//	Anon        nobody signed in
//
// So an "all members" electorate is 7 people: Steward, Facilitator, A–E.
// Notices the service sends are kept in Notices (also those sent in a
// transaction that later rolled back: tests check them after successes).
type fixture struct {
	DB    *store.DB
	S     *Service
	Col   *collective.Service
	Clock *testClock
	Coll  *collective.Collective // the collective "river"

	Steward, Facilitator, A, B, C, D, E, Observer, Outsider, Anon *collective.Access

	OrgA, OrgB *collective.Organisation // Food Bank (A, B), Library (C, D, E)

	mu      sync.Mutex
	Notices []activity.Notice

	users int
}

// newFixture builds the fixture on db and points db.Now at its clock.
func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := storetest.NewClock(testStart)
	db.Now = c.Now
	col := &collective.Service{DB: db, BaseURL: "https://cg.example/"}
	f := &fixture{DB: db, Col: col, Clock: c}
	f.S = &Service{DB: db, Collectives: col, Notify: f.capture}
	steward := f.user(t, "Sam Steward")
	coll, err := col.Create(authtest.As(steward), collective.Input{Slug: "river", Name: "River", Visibility: "public"})
	if err != nil {
		t.Fatalf("create collective: %v", err)
	}
	f.Coll = coll
	f.Steward = f.access(t, steward)
	f.OrgA = f.org(t, "Food Bank")
	f.OrgB = f.org(t, "Library")
	_, f.Facilitator = f.join(t, "Fay Facilitator", auth.Facilitator)
	_, f.A = f.join(t, "Ana Adler", auth.Member)
	_, f.B = f.join(t, "Ben Brook", auth.Member)
	_, f.C = f.join(t, "Cleo Cole", auth.Member)
	_, f.D = f.join(t, "Dan Dale", auth.Member)
	_, f.E = f.join(t, "Eve East", auth.Member)
	_, f.Observer = f.join(t, "Olga Observer", auth.Observer)
	f.affiliate(t, f.A, f.OrgA.ID)
	f.affiliate(t, f.B, f.OrgA.ID)
	f.affiliate(t, f.C, f.OrgB.ID)
	f.affiliate(t, f.D, f.OrgB.ID)
	f.affiliate(t, f.E, f.OrgB.ID)
	f.Outsider = f.access(t, f.user(t, "Otto Outsider"))
	f.Anon = f.access(t, nil)
	f.refresh(t)
	return f
}

// eachDB runs fn with a fresh fixture on SQLite and on PostgreSQL.
func eachDB(t *testing.T, fn func(t *testing.T, f *fixture)) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, newFixture(t, db)) })
}

// capture is the fixture's notifier: it keeps every notice.
func (f *fixture) capture(_ context.Context, _ *store.Tx, n activity.Notice) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Notices = append(f.Notices, n)
	return nil
}

// sent returns the notices of kind sent so far, oldest first.
func (f *fixture) sent(kind string) []activity.Notice {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []activity.Notice
	for _, n := range f.Notices {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

// refresh reloads every person's Access (the collective's version moves on
// when members, roles or affiliations change).
func (f *fixture) refresh(t testing.TB) {
	t.Helper()
	for _, p := range []**collective.Access{&f.Steward, &f.Facilitator, &f.A, &f.B, &f.C, &f.D, &f.E, &f.Observer, &f.Outsider} {
		*p = f.access(t, (*p).User)
	}
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
	st := f.access(t, f.Steward.User)
	o, err := f.Col.CreateOrganisation(ctxOf(st), st, collective.OrgInput{Name: name})
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

// wantErr fails unless err carries code and, when msg is not "", a message
// containing msg.
// wantField is wantErr for a field error: the field must be field too.
func wantField(t testing.TB, err error, field, msg string) {
	t.Helper()
	wantErr(t, err, errs.Invalid, msg)
	if errs.FieldOf(err) != field {
		t.Fatalf("error %v: field %q, want %q", err, errs.FieldOf(err), field)
	}
}

// ok fails on any error.
// same fails unless got deeply equals want.
// propose makes a proposal titled title as a (no decision), failing the
// test on an error.
func (f *fixture) propose(t testing.TB, a *collective.Access, title string) *Proposal {
	t.Helper()
	p, _, err := f.S.Propose(ctxOf(a), a, ProposalInput{Title: title, Body: "Why: " + title}, nil)
	if err != nil {
		t.Fatalf("propose %q as %s: %v", title, a.User.Name, err)
	}
	return p
}

// decide starts a decision on proposalID as a, failing on an error.
func (f *fixture) decide(t testing.TB, a *collective.Access, proposalID int64, in DecisionInput) *Decision {
	t.Helper()
	d, err := f.S.StartDecision(ctxOf(a), a, proposalID, in)
	if err != nil {
		t.Fatalf("start %s decision on %d as %s: %v", in.Method, proposalID, a.User.Name, err)
	}
	return d
}

// vote casts choice (with a reason when the rules want one: "because")
// as a in decisionID, failing on an error; it returns the receipt of an
// anonymous ballot.
func (f *fixture) vote(t testing.TB, a *collective.Access, decisionID int64, c Choice) *Receipt {
	t.Helper()
	r, err := f.S.Vote(ctxOf(a), a, decisionID, VoteInput{Choice: c, Reason: f.reasonFor(t, decisionID, c)})
	if err != nil {
		t.Fatalf("vote %+v in %d as %s: %v", c, decisionID, a.User.Name, err)
	}
	return r
}

// TestFixture checks the positions the other tests rely on.
func TestFixture(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		for _, a := range []*collective.Access{f.Steward, f.Facilitator, f.A, f.B, f.C, f.D, f.E} {
			if !a.CanContribute() {
				t.Fatalf("%s cannot contribute", a.User.Name)
			}
		}
		if f.Outsider.IsMember() || f.Anon.User != nil || !f.Observer.IsMember() || f.Observer.CanContribute() ||
			!f.Steward.IsSteward() || !f.Facilitator.Has(auth.Facilitator) {
			t.Fatalf("positions wrong")
		}
		same(t, "Food Bank", f.count(t, "SELECT count(*) FROM affiliations WHERE organisation_id = ?", f.OrgA.ID), 2)
		same(t, "Library", f.count(t, "SELECT count(*) FROM affiliations WHERE organisation_id = ?", f.OrgB.ID), 3)
	})
}

// The shared assertions (storetest, errstest).
var (
	ok   = storetest.Ok
	same = storetest.Same
)

// count is the single number query returns.
func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	return storetest.Count(t, f.DB, query, args...)
}

// wantErr checks an error's code and that its message contains msg.
func wantErr(t testing.TB, err error, code, msg string) {
	t.Helper()
	errstest.WantContains(t, err, code, "", msg)
}
