package collective_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/auth/authtest"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// sentMail is one message the fake mailer received.
type sentMail struct{ To, Subject, Body string }

// fakeMailer keeps mail instead of sending it.
type fakeMailer struct {
	mu   sync.Mutex
	sent []sentMail
}

func (m *fakeMailer) Send(_ context.Context, to, subject, body string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, sentMail{to, subject, body})
	return nil
}

func (m *fakeMailer) all() []sentMail {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]sentMail(nil), m.sent...)
}

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

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// start is the fixture's time: whole seconds, because PostgreSQL keeps
// microseconds only.
var start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

type fixture struct {
	svc   *collective.Service
	db    *store.DB
	mail  *fakeMailer
	clock *clock
	users int
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := &clock{now: start}
	db.Now = c.Now
	m := &fakeMailer{}
	return &fixture{svc: &collective.Service{DB: db, Mailer: m, BaseURL: "https://cg.example/"}, db: db, mail: m, clock: c}
}

// user inserts an account named name with an address of its own.
func (f *fixture) user(t *testing.T, name string) *auth.User {
	t.Helper()
	f.users++
	return authtest.User(t, f.db, name, fmt.Sprintf("user%d@example.org", f.users))
}

// as returns a context in which u acts; nil means nobody is signed in.
func as(u *auth.User) context.Context { return authtest.As(u) }

// create makes a collective through the service with owner as its steward.
func (f *fixture) create(t *testing.T, owner *auth.User, slug, visibility string) *collective.Collective {
	t.Helper()
	c, err := f.svc.Create(as(owner), collective.Input{Slug: slug, Name: "Collective " + slug, Purpose: "Purpose of " + slug, Visibility: visibility})
	if err != nil {
		t.Fatalf("create %s: %v", slug, err)
	}
	return c
}

// access loads what u may do in the collective at slug and fails on error.
func (f *fixture) access(t *testing.T, u *auth.User, slug string) *collective.Access {
	t.Helper()
	a, err := f.svc.Access(as(u), slug)
	if err != nil {
		t.Fatalf("access %s as %v: %v", slug, u, err)
	}
	return a
}

// join makes u a member of c with roles, written directly (keeping the
// collective's member count and version as the service does), and returns
// the membership's id.
func (f *fixture) join(t *testing.T, c *collective.Collective, u *auth.User, roles ...string) int64 {
	t.Helper()
	var id int64
	err := f.db.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		var err error
		id, err = tx.Insert(ctx, "INSERT INTO members (collective_id, user_id, sort_name, joined_at) VALUES (?, ?, ?, ?)",
			c.ID, u.ID, strings.ToLower(strings.TrimSpace(u.Name)), tx.Now)
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

// member makes a new person and joins them to c with roles.
func (f *fixture) member(t *testing.T, c *collective.Collective, name string, roles ...string) (*auth.User, int64) {
	t.Helper()
	u := f.user(t, name)
	return u, f.join(t, c, u, roles...)
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

// world is a collective with one person in each position.
type world struct {
	c                                   *collective.Collective
	steward, member, observer, outsider *auth.User
	stewardID, memberID, observerID     int64
}

// world makes a collective at slug run by a steward, with a member, an
// observer and an outsider who is not in it.
func (f *fixture) world(t *testing.T, slug, visibility string) *world {
	t.Helper()
	w := &world{steward: f.user(t, "Sam Steward")}
	w.c = f.create(t, w.steward, slug, visibility)
	w.stewardID = f.access(t, w.steward, slug).MemberID
	w.member, w.memberID = f.member(t, w.c, "Mia Member", auth.Member)
	w.observer, w.observerID = f.member(t, w.c, "Olga Observer", auth.Observer)
	w.outsider = f.user(t, "Otto Outsider")
	return w
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

// wantMessage checks that err's safe message contains part.
func wantMessage(t *testing.T, err error, part string) {
	t.Helper()
	if !strings.Contains(errs.Message(err), part) {
		t.Fatalf("message %q does not contain %q", errs.Message(err), part)
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
