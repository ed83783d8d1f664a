package gathering

// Shared test helpers: a collective with a steward, six members in two
// organisations, an observer, an outsider and nobody, on both databases.
// Every test file of the package uses these; add helpers of your own in
// your own _test.go files, not here.

import (
	"context"
	"fmt"
	"strings"
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

// testStart is the fixture's time, a Monday (whole seconds: PostgreSQL
// keeps microseconds only).
var testStart = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// fixture is a public collective "river" (minimum group size 5):
//
//	Steward  Sam Steward (created it)
//	A…F      Ana, Ben, Cleo, Dev, Eve, Finn: members; Ana, Ben and Cleo are
//	         with the organisation Alder (OrgA), Dev and Eve with Birch (OrgB)
//	Observer Olga Observer
//	Outsider Otto Outsider, signed in, not a member
//	Anon     nobody signed in
//
// with fakes for the scheduler and the commitments (they record what they
// are asked) and a notifier that keeps what it is given.
type fixture struct {
	DB    *store.DB
	S     *Service
	Col   *collective.Service
	Clock *testClock
	Coll  *collective.Collective

	Steward, A, B, C, D4, E, F, Observer, Outsider, Anon *collective.Access
	OrgA, OrgB                                           int64

	Polls       *fakeScheduler
	Commitments *fakeCommitments

	mu      sync.Mutex
	notices []activity.Notice
	users   int
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := storetest.NewClock(testStart)
	db.Now = c.Now
	col := &collective.Service{DB: db, BaseURL: "https://cg.example/"}
	f := &fixture{DB: db, Col: col, Clock: c, Polls: &fakeScheduler{}, Commitments: &fakeCommitments{}}
	notify := func(ctx context.Context, tx *store.Tx, n activity.Notice) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.notices = append(f.notices, n)
		return nil
	}
	f.S = &Service{DB: db, Collectives: col, Scheduler: f.Polls, Commitments: f.Commitments, Notify: notify,
		BaseURL: "https://cg.example"}
	steward := f.user(t, "Sam Steward")
	coll, err := col.Create(authtest.As(steward), collective.Input{Slug: "river", Name: "River", Visibility: "public"})
	if err != nil {
		t.Fatalf("create collective: %v", err)
	}
	f.Coll = coll
	f.OrgA, f.OrgB = f.org(t, "Alder"), f.org(t, "Birch")
	names := []string{"Ana Adler", "Ben Brook", "Cleo Cole", "Dev Dale", "Eve East", "Finn Fox"}
	orgs := []int64{f.OrgA, f.OrgA, f.OrgA, f.OrgB, f.OrgB, 0}
	got := make([]*collective.Access, len(names))
	for i, n := range names {
		_, got[i] = f.join(t, n, orgs[i], auth.Member)
	}
	_, f.Observer = f.join(t, "Olga Observer", 0, auth.Observer)
	f.Outsider = f.access(t, f.user(t, "Otto Outsider"))
	f.Anon = f.access(t, nil)
	f.Steward = f.access(t, steward)
	for i, p := range []**collective.Access{&f.A, &f.B, &f.C, &f.D4, &f.E, &f.F} {
		*p = f.access(t, got[i].User)
	}
	f.Observer = f.access(t, f.Observer.User)
	f.Coll = f.Steward.Collective
	return f
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

// org adds an organisation straight in the database.
func (f *fixture) org(t testing.TB, name string) int64 {
	t.Helper()
	var id int64
	err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
		var err error
		id, err = tx.Insert(context.Background(), `INSERT INTO organisations (collective_id, name, sort_name, created_at)
			VALUES (?, ?, ?, ?)`, f.Coll.ID, name, strings.ToLower(name), tx.Now)
		return err
	})
	if err != nil {
		t.Fatalf("add organisation %s: %v", name, err)
	}
	return id
}

// join makes a new account a member with roles (and an organisation when
// org is not 0), straight in the database.
func (f *fixture) join(t testing.TB, name string, org int64, roles ...string) (*auth.User, *collective.Access) {
	t.Helper()
	u := f.user(t, name)
	collectivetest.AddMember(t, f.DB, f.Coll.ID, u, org, roles...)
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

func ctxOf(a *collective.Access) context.Context { return authtest.As(a.User) }

// verbs lists the gathering activity verbs with their summaries, oldest first.
func (f *fixture) verbs(t testing.TB) []string {
	t.Helper()
	var out []string
	if err := f.DB.Select(context.Background(), &out, `SELECT verb || ': ' || summary FROM activity
		WHERE collective_id = ? AND verb LIKE 'gathering.%' ORDER BY id`, f.Coll.ID); err != nil {
		t.Fatal(err)
	}
	return out
}

// noticesOf returns the notices kept so far of one kind.
func (f *fixture) noticesOf(kind string) []activity.Notice {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []activity.Notice
	for _, n := range f.notices {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

// meeting is a single in-person gathering in Berlin on Tuesday 1 December
// 2026, 10:00–11:30 local time, inviting everyone.
func meeting() Input {
	return Input{Title: "Partners' round", Intention: "Agree who leads the spring campaign.", Format: InPerson,
		Place: "Library, room 2", TimeZone: "Europe/Berlin", Start: "2026-12-01T10:00", End: "2026-12-01T11:30",
		InviteEveryone: true}
}

// fakeScheduler records the polls it opens and numbers them from 900.
type fakeScheduler struct {
	mu    sync.Mutex
	Polls []TimePoll
}

func (s *fakeScheduler) OpenTimePoll(ctx context.Context, tx *store.Tx, a *collective.Access, p TimePoll) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Polls = append(s.Polls, p)
	return int64(899 + len(s.Polls)), nil
}

func (s *fakeScheduler) DecisionLink(a *collective.Access, id int64) string {
	return fmt.Sprintf("/c/%s/decisions/%d", a.Collective.Slug, id)
}

// DecisionQuestion knows decisions 1 to 9 ("Question n?") and nothing else.
func (s *fakeScheduler) DecisionQuestion(ctx context.Context, a *collective.Access, id int64) (string, error) {
	if id < 1 || id > 9 {
		return "", errs.New(errs.NotFound, "There is no such decision.")
	}
	return fmt.Sprintf("Question %d?", id), nil
}

// fakeCommitments records the commitments it is asked to make, numbered
// from 500; Fail makes the next call fail.
type fakeCommitments struct {
	mu   sync.Mutex
	Made []NewCommitment
	Fail error
}

func (c *fakeCommitments) CommitInTx(ctx context.Context, tx *store.Tx, a *collective.Access, n NewCommitment) (int64, string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.Fail; err != nil {
		c.Fail = nil
		return 0, "", err
	}
	c.Made = append(c.Made, n)
	id := int64(499 + len(c.Made))
	return id, c.CommitmentLink(a, id), nil
}

func (c *fakeCommitments) CommitmentLink(a *collective.Access, id int64) string {
	return fmt.Sprintf("/c/%s/commitments/%d", a.Collective.Slug, id)
}

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
