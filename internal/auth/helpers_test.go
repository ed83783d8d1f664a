package auth_test

import (
	"context"
	"os"
	"regexp"
	"sync"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
)

func TestMain(m *testing.M) {
	// The production cost makes each hash take tens of milliseconds; tests
	// hash hundreds of times.
	auth.Params = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	os.Exit(m.Run())
}

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

var resetLink = regexp.MustCompile(`https://cg\.example/reset/([A-Za-z0-9_-]+)`)

// lastToken returns the reset token of the last mail.
func (m *fakeMailer) lastToken(t *testing.T) string {
	t.Helper()
	sent := m.all()
	if len(sent) == 0 {
		t.Fatal("no mail sent")
	}
	match := resetLink.FindStringSubmatch(sent[len(sent)-1].Body)
	if match == nil {
		t.Fatalf("no reset link in %q", sent[len(sent)-1].Body)
	}
	return match[1]
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

type fixture struct {
	svc   *auth.Service
	db    *store.DB
	mail  *fakeMailer
	clock *clock
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	// Real time, because scs stamps session expiry with time.Now and the
	// session store compares it with db.Now; whole seconds, because
	// PostgreSQL keeps microseconds only.
	c := &clock{now: time.Now().UTC().Truncate(time.Second)}
	db.Now = c.Now
	m := &fakeMailer{}
	return &fixture{svc: &auth.Service{DB: db, Mailer: m, BaseURL: "https://cg.example/"}, db: db, mail: m, clock: c}
}

const goodPassword = "correct horse battery"

// signUp creates an account in open mode and fails the test on error.
func (f *fixture) signUp(t *testing.T, email, name string) *auth.User {
	t.Helper()
	u, err := f.svc.SignUp(context.Background(), email, name, goodPassword, false)
	if err != nil {
		t.Fatalf("sign up %s: %v", email, err)
	}
	return u
}

// as returns a context in which u acts, reloaded as the middleware would.
func (f *fixture) as(t *testing.T, u *auth.User) context.Context {
	t.Helper()
	fresh, err := f.svc.UserByID(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return auth.WithUser(context.Background(), fresh)
}

// wantErr checks an error's code and, when field is not "", its field.
func wantErr(t *testing.T, err error, code, field string) {
	t.Helper()
	if errs.Code(err) != code {
		t.Fatalf("error %v: code %q, want %q", err, errs.Code(err), code)
	}
	if field != "" && errs.FieldOf(err) != field {
		t.Fatalf("error %v: field %q, want %q", err, errs.FieldOf(err), field)
	}
}
