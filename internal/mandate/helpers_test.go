package mandate

// Shared test helpers: a collective with a steward, six members, an
// observer, an outsider and nobody, on both databases.

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
	"commonground/internal/decision"
	"commonground/internal/errs/errstest"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// testClock is a settable time for db.Now.
type testClock = storetest.Clock

// testStart is the fixture's time (whole seconds: PostgreSQL keeps
// microseconds only).
var testStart = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// fixture is a public collective "river" (minimum group size 5):
//
//	Steward  Sam Steward (created it)
//	A…F      Ana, Ben, Cleo, Dev, Eve, Finn: members
//	Observer Olga Observer
//	Outsider Otto Outsider, signed in, not a member
//	Anon     nobody signed in
//
// with the decision service wired to the mandate service's close hook and
// a notifier that keeps what it is given.
type fixture struct {
	DB    *store.DB
	S     *Service
	D     *decision.Service
	Col   *collective.Service
	Clock *testClock
	Coll  *collective.Collective

	Steward, A, B, C, D4, E, F, Observer, Outsider, Anon *collective.Access

	mu      sync.Mutex
	notices []activity.Notice
	users   int
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := storetest.NewClock(testStart)
	db.Now = c.Now
	col := &collective.Service{DB: db, BaseURL: "https://cg.example/"}
	f := &fixture{DB: db, Col: col, Clock: c}
	notify := func(ctx context.Context, tx *store.Tx, n activity.Notice) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.notices = append(f.notices, n)
		return nil
	}
	f.D = &decision.Service{DB: db, Collectives: col}
	f.S = &Service{DB: db, Collectives: col, Decisions: f.D, Notify: notify}
	f.D.OnClose = append(f.D.OnClose, f.S.DecisionClosed)
	f.D.OnCancel = append(f.D.OnCancel, f.S.DecisionCancelled)
	steward := f.user(t, "Sam Steward")
	coll, err := col.Create(authtest.As(steward), collective.Input{Slug: "river", Name: "River", Visibility: "public"})
	if err != nil {
		t.Fatalf("create collective: %v", err)
	}
	f.Coll = coll
	names := []string{"Ana Adler", "Ben Brook", "Cleo Cole", "Dev Dale", "Eve East", "Finn Fox"}
	got := make([]*collective.Access, len(names))
	for i, n := range names {
		_, got[i] = f.join(t, n, auth.Member)
	}
	_, f.Observer = f.join(t, "Olga Observer", auth.Observer)
	f.Outsider = f.access(t, f.user(t, "Otto Outsider"))
	f.Anon = f.access(t, nil)
	f.refresh(t, steward, got)
	return f
}

// refresh reloads every Access (the collective's version moved on).
func (f *fixture) refresh(t testing.TB, steward *auth.User, members []*collective.Access) {
	t.Helper()
	if steward == nil {
		steward = f.Steward.User
		members = []*collective.Access{f.A, f.B, f.C, f.D4, f.E, f.F}
	}
	f.Steward = f.access(t, steward)
	for i, p := range []**collective.Access{&f.A, &f.B, &f.C, &f.D4, &f.E, &f.F} {
		*p = f.access(t, members[i].User)
	}
	f.Observer = f.access(t, f.Observer.User)
	f.Coll = f.Steward.Collective
}

// eachDB runs fn with a fresh fixture on SQLite and on PostgreSQL.
func eachDB(t *testing.T, fn func(t *testing.T, f *fixture)) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, newFixture(t, db)) })
}

func (f *fixture) user(t testing.TB, name string) *auth.User {
	t.Helper()
	f.users++
	return authtest.User(t, f.DB, name, fmt.Sprintf("user%d@example.org", f.users))
}

// join makes a new account a member with roles, straight in the database.
func (f *fixture) join(t testing.TB, name string, roles ...string) (*auth.User, *collective.Access) {
	t.Helper()
	u := f.user(t, name)
	collectivetest.AddMember(t, f.DB, f.Coll.ID, u, 0, roles...)
	return u, f.access(t, u)
}

func (f *fixture) access(t testing.TB, u *auth.User) *collective.Access {
	t.Helper()
	a, err := f.Col.Access(authtest.As(u), "river")
	if err != nil {
		t.Fatalf("access as %v: %v", u, err)
	}
	return a
}

// again reloads one person's Access (their roles may have changed).
func (f *fixture) again(t testing.TB, a *collective.Access) *collective.Access {
	t.Helper()
	return f.access(t, a.User)
}

func ctxOf(a *collective.Access) context.Context { return authtest.As(a.User) }

// verbs lists the mandate activity verbs with their summaries, oldest first.
func (f *fixture) verbs(t testing.TB) []string {
	t.Helper()
	var out []string
	if err := f.DB.Select(context.Background(), &out, `SELECT verb || ': ' || summary FROM activity
		WHERE collective_id = ? AND verb LIKE 'mandate.%' ORDER BY id`, f.Coll.ID); err != nil {
		t.Fatal(err)
	}
	return out
}

// facilitator is a mandate for the holder of h as facilitator, for a year
// from the fixture's day, decided within 7 days.
func facilitator(h *collective.Access) Input {
	return Input{Role: "facilitator", HolderMemberID: h.MemberID, Scope: "Runs meetings and sets their agendas.",
		TermStart: "2026-12-01", TermEnd: "2027-11-30"}
}

// propose proposes in as a, failing on an error.
func (f *fixture) propose(t testing.TB, a *collective.Access, in Input) *Mandate {
	t.Helper()
	m, err := f.S.Propose(ctxOf(a), a, in)
	if err != nil {
		t.Fatalf("propose as %s: %v", a.User.Name, err)
	}
	return m
}

// decide has each of voters take position on decision id, then the
// steward closes it.
func (f *fixture) decide(t testing.TB, id int64, position string, voters ...*collective.Access) {
	t.Helper()
	for _, v := range voters {
		in := decision.VoteInput{Choice: decision.Choice{Position: position}}
		if position == "object" {
			in.Reason = "Not yet."
		}
		if _, err := f.D.Vote(ctxOf(v), v, id, in); err != nil {
			t.Fatalf("%s votes %s on %d: %v", v.User.Name, position, id, err)
		}
	}
	st := f.again(t, f.Steward)
	if err := f.D.Close(ctxOf(st), st, id); err != nil {
		t.Fatalf("close %d: %v", id, err)
	}
}

// get reads a mandate as stored.
func (f *fixture) get(t testing.TB, id int64) *Mandate {
	t.Helper()
	m, err := load(context.Background(), f.DB, f.Coll.ID, id)
	ok(t, err)
	return m
}

// roles reads a member's roles, sorted.
func (f *fixture) roles(t testing.TB, memberID int64) []string {
	t.Helper()
	out := []string{}
	ok(t, f.DB.Select(context.Background(), &out, "SELECT role FROM member_roles WHERE member_id = ? ORDER BY role", memberID))
	return out
}

// activate proposes in as a and has the collective consent to it (five
// members consent, meeting the quorum; the steward closes), for tests
// about what follows a grant.
func (f *fixture) activate(t testing.TB, a *collective.Access, in Input) *Mandate {
	t.Helper()
	m := f.propose(t, a, in)
	f.decide(t, *m.PendingDecisionID, "consent", f.five()...)
	return f.get(t, m.ID)
}

// five are B to F: as many voters as the fixture's minimum group size,
// the quorum of a decision about a mandate.
func (f *fixture) five() []*collective.Access { return []*collective.Access{f.B, f.C, f.D4, f.E, f.F} }

// The shared assertions (storetest, errstest).
var (
	ok      = storetest.Ok
	same    = storetest.Same
	wantErr = errstest.Want
)

// count is the single number query returns.
func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	return storetest.Count(t, f.DB, query, args...)
}
