package activity_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"runtime"
	"sync"
	"testing"
	"time"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// ntMailer keeps the messages it is given; while fail is set it refuses;
// while crash is set it ends the sending goroutine without returning, as
// the process dying in the middle of a send would.
type ntMailer struct {
	mu    sync.Mutex
	sent  []auth.Message
	fail  bool
	crash bool
}

func (m *ntMailer) Send(ctx context.Context, to, subject, body string) error {
	return m.SendMessage(ctx, auth.Message{To: to, Subject: subject, Body: body})
}

func (m *ntMailer) SendMessage(_ context.Context, msg auth.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.crash {
		runtime.Goexit() // runs the deferred unlock, but nothing of the caller's after the send
	}
	if m.fail {
		return errors.New("mail server says 451 try later")
	}
	m.sent = append(m.sent, msg)
	return nil
}

func (m *ntMailer) setFail(v bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fail = v
}

// crashDuring runs send in a goroutine that the mailer ends at its first
// send, as a crash between claiming and sending would, and reports
// whether send came back instead (it did not reach the mailer).
func (m *ntMailer) crashDuring(send func()) (returned bool) {
	m.mu.Lock()
	m.crash = true
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		m.crash = false
		m.mu.Unlock()
	}()
	done := make(chan bool)
	go func() {
		ok := false
		defer func() { done <- ok }()
		send()
		ok = true
	}()
	return <-done
}

// to returns the messages sent to addr, in order.
func (m *ntMailer) to(addr string) []auth.Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []auth.Message
	for _, s := range m.sent {
		if s.To == addr {
			out = append(out, s)
		}
	}
	return out
}

func (m *ntMailer) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.sent)
}

// ntWorld is a notifier on a fresh database with a few accounts (one of
// them deleted) and a collective, made with SQL.
type ntWorld struct {
	db   *store.DB
	n    *activity.Notifier
	mail *ntMailer
	user map[string]int64
	coll int64
}

const ntBase = "https://together.example.org"

var ntStart = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// newNtWorld wires a notifier; with a queue (not started) so Notify can
// enqueue e-mail jobs, whose effect the tests then apply by calling the
// worker's method, as a job would.
func newNtWorld(t *testing.T, db *store.DB) *ntWorld {
	t.Helper()
	ctx := context.Background()
	db.Now = func() time.Time { return ntStart }
	w := &ntWorld{db: db, mail: &ntMailer{}, user: map[string]int64{}}
	err := db.Write(ctx, func(tx *store.Tx) error {
		for _, who := range []string{"ana", "ben", "cy", "gone"} {
			id, err := tx.Insert(ctx, `INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, 'x', ?)`,
				who+"@example.org", "Name of "+who, tx.Now)
			if err != nil {
				return err
			}
			w.user[who] = id
		}
		if _, err := tx.Exec(ctx, "UPDATE users SET deleted_at = ? WHERE id = ?", tx.Now, w.user["gone"]); err != nil {
			return err
		}
		var err error
		w.coll, err = tx.Insert(ctx, `INSERT INTO collectives (slug, name, visibility, created_at) VALUES ('river', 'River', 'private', ?)`, tx.Now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	q, err := jobs.Open(ctx, db, jobs.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	w.n = &activity.Notifier{DB: db, Queue: q, Mailer: w.mail, BaseURL: ntBase, Secret: []byte("test secret, 32 bytes long......"),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	jobs.Add(q, &activity.EmailWorker{N: w.n})
	jobs.Add(q, &activity.DigestWorker{N: w.n})
	return w
}

// notify sends notice in a transaction of its own.
func (w *ntWorld) notify(t *testing.T, n activity.Notice) {
	t.Helper()
	if err := w.db.Write(context.Background(), func(tx *store.Tx) error { return w.n.Notify(context.Background(), tx, n) }); err != nil {
		t.Fatal(err)
	}
}

// rows counts the notifications table's rows matching where.
func (w *ntWorld) rows(t *testing.T, where string, args ...any) int {
	t.Helper()
	var c int
	if err := w.db.Get(context.Background(), &c, "SELECT COUNT(*) FROM notifications WHERE "+where, args...); err != nil {
		t.Fatal(err)
	}
	return c
}

// emailJobs returns the notification ids of the queued notify.email jobs.
func (w *ntWorld) emailJobs(t *testing.T) []int64 {
	t.Helper()
	var args []string
	text := "CAST(args AS TEXT)"
	if w.db.Dialect == store.SQLite {
		text = "json(args)" // River keeps JSONB there
	}
	if err := w.db.Select(context.Background(), &args, "SELECT "+text+" FROM river_job WHERE kind = 'notify.email' ORDER BY id"); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, a := range args {
		var e activity.EmailArgs
		if err := json.Unmarshal([]byte(a), &e); err != nil {
			t.Fatalf("job args %s: %v", a, err)
		}
		ids = append(ids, e.NotificationID)
	}
	return ids
}

func (w *ntWorld) setPrefs(t *testing.T, who string, prefs map[string]activity.Mode) {
	t.Helper()
	if err := w.n.SetPreferences(context.Background(), w.user[who], prefs); err != nil {
		t.Fatal(err)
	}
}
