package app_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// ntSMTP is a tiny SMTP server: enough of RFC 5321 (EHLO, AUTH PLAIN,
// MAIL, RCPT, DATA, RSET, NOOP, QUIT) for go-mail to deliver to it. It
// keeps each message with its envelope.
type ntSMTP struct {
	ln   net.Listener
	mu   sync.Mutex
	got  []ntDelivery
	auth []string // "user:password" of each AUTH PLAIN
}

type ntDelivery struct {
	from string
	to   []string
	data string
}

func ntStartSMTP(t *testing.T, advertiseAuth bool) *ntSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &ntSMTP{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c, advertiseAuth)
		}
	}()
	return s
}

func (s *ntSMTP) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *ntSMTP) serve(c net.Conn, advertiseAuth bool) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	r := bufio.NewReader(c)
	say := func(line string) { _, _ = c.Write([]byte(line + "\r\n")) }
	say("220 fake.test ESMTP")
	var cur ntDelivery
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch {
		case verb == "EHLO" || verb == "HELO":
			if advertiseAuth {
				say("250-fake.test")
				say("250-AUTH PLAIN")
			} else {
				say("250-fake.test")
			}
			say("250 8BITMIME")
		case verb == "AUTH":
			parts := strings.Fields(line)
			raw, _ := base64.StdEncoding.DecodeString(parts[len(parts)-1])
			f := strings.Split(string(raw), "\x00")
			s.mu.Lock()
			s.auth = append(s.auth, f[1]+":"+f[2])
			s.mu.Unlock()
			say("235 2.7.0 Authentication successful")
		case strings.HasPrefix(strings.ToUpper(line), "MAIL FROM:"):
			cur = ntDelivery{from: ntAddr(line[len("MAIL FROM:"):])}
			say("250 OK")
		case strings.HasPrefix(strings.ToUpper(line), "RCPT TO:"):
			cur.to = append(cur.to, ntAddr(line[len("RCPT TO:"):]))
			say("250 OK")
		case verb == "DATA":
			say("354 End data with <CR><LF>.<CR><LF>")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, ".")) // undo dot-stuffing
			}
			cur.data = b.String()
			s.mu.Lock()
			s.got = append(s.got, cur)
			s.mu.Unlock()
			say("250 OK queued")
		case verb == "QUIT":
			say("221 Bye")
			return
		default: // RSET, NOOP
			say("250 OK")
		}
	}
}

func ntAddr(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ">"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimPrefix(s, "<")
}

// wait returns the deliveries once there are n, failing after a while.
func (s *ntSMTP) wait(t *testing.T, n int) []ntDelivery {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s.mu.Lock()
		got := append([]ntDelivery(nil), s.got...)
		s.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages delivered, want %d", len(got), n)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// TestNotificationEmailOverSMTP wires the app to the fake SMTP server: a
// steward changes a member's roles, the notify.email job sends the mail
// through go-mail, and the message carries the base URL's links and the
// one-click unsubscribe headers.
func TestNotificationEmailOverSMTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		smtp := ntStartSMTP(t, false)
		auth.Params.Memory, auth.Params.Time = 64, 1
		a, err := app.Wire(ctx, app.Config{BaseURL: "https://together.example.org", Logger: slog.New(slog.DiscardHandler),
			SMTP: app.SMTP{Host: "127.0.0.1", Port: smtp.port(), From: "commonground <cg@together.example.org>", TLS: "none"}}, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		if _, ok := a.Notifier.Mailer.(*auth.SMTPMailer); !ok {
			t.Fatalf("mailer is %T, want the SMTP mailer", a.Notifier.Mailer)
		}
		steward, err := a.Auth.CreateUser(ctx, "sam@example.org", "Sam Steward", scPassword, false)
		if err != nil {
			t.Fatal(err)
		}
		member, err := a.Auth.CreateUser(ctx, "mo@example.org", "Mo Member", scPassword, false)
		if err != nil {
			t.Fatal(err)
		}
		sctx := auth.WithUser(ctx, steward)
		if _, err := a.Collectives.Create(sctx, collective.Input{Slug: "river", Name: "River", Visibility: "private"}); err != nil {
			t.Fatal(err)
		}
		acc, err := a.Collectives.Access(sctx, "river")
		if err != nil {
			t.Fatal(err)
		}
		inv, err := a.Collectives.CreateInvitation(sctx, acc, collective.InviteInput{Roles: []string{auth.Member}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Collectives.AcceptInvitation(auth.WithUser(ctx, member), inv.Link[strings.LastIndex(inv.Link, "/")+1:]); err != nil {
			t.Fatal(err)
		}
		macc, err := a.Collectives.Access(auth.WithUser(ctx, member), "river")
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Collectives.SetRoles(sctx, acc, macc.MemberID, []string{auth.Member, auth.Observer}); err != nil {
			t.Fatal(err)
		}
		if err := a.StartJobs(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = a.StopJobs(context.Background()) })
		got := smtp.wait(t, 1)
		time.Sleep(300 * time.Millisecond) // nothing else may follow: the joining is for the daily digest
		if extra := smtp.wait(t, 1); len(extra) != 1 {
			t.Fatalf("%d messages, want only the roles one", len(extra))
		}
		d := got[0]
		if d.from != "cg@together.example.org" || len(d.to) != 1 || d.to[0] != "mo@example.org" {
			t.Fatalf("envelope from %q to %q", d.from, d.to)
		}
		msg, err := mail.ReadMessage(strings.NewReader(d.data))
		if err != nil {
			t.Fatalf("message does not parse: %v\n%s", err, d.data)
		}
		body := ntBody(t, msg)
		unsub := "https://together.example.org/unsubscribe/" + a.Notifier.UnsubscribeToken(member.ID, "member.roles_changed")
		link := "https://together.example.org/c/river/members/" + strconv.FormatInt(macc.MemberID, 10)
		for k, want := range map[string]string{
			"To": "<mo@example.org>", "Subject": "Your roles in River changed",
			"List-Unsubscribe": "<" + unsub + ">", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		} {
			if got := msg.Header.Get(k); got != want {
				t.Errorf("header %s = %q, want %q", k, got, want)
			}
		}
		for _, want := range []string{"Sam Steward set your roles in River to member, observer.", "Open it: " + link,
			"Unsubscribe from these e-mails: " + unsub} {
			if !strings.Contains(body, want) {
				t.Errorf("body lacks %q:\n%s", want, body)
			}
		}
		// The job marked it sent: a rerun of its effect sends nothing.
		var id int64
		if err := db.Get(ctx, &id, "SELECT id FROM notifications WHERE user_id = ? AND emailed_at IS NOT NULL", member.ID); err != nil {
			t.Fatal(err)
		}
		if sent, err := a.Notifier.SendEmail(ctx, id); sent || err != nil {
			t.Fatalf("resend = %v, %v", sent, err)
		}
		if n := len(smtp.wait(t, 1)); n != 1 {
			t.Fatalf("%d messages after the rerun", n)
		}
	})
}

// ntBody decodes the body (go-mail sends quoted-printable).
func ntBody(t *testing.T, msg *mail.Message) string {
	t.Helper()
	var r io.Reader = msg.Body
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		r = quotedprintable.NewReader(msg.Body)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

// TestSMTPMailer checks the mailer alone: authentication when a user name
// is set, the refusal of a server without STARTTLS when it is required,
// and its settings.
func TestSMTPMailer(t *testing.T) {
	ctx := context.Background()
	t.Run("AuthPlain", func(t *testing.T) {
		smtp := ntStartSMTP(t, true)
		m, err := auth.NewSMTPMailer(auth.SMTPConfig{Host: "127.0.0.1", Port: smtp.port(), Username: "cg", Password: "s3cret",
			From: "cg@example.org", TLS: "none", Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Send(ctx, "ana@example.org", "Hello", "Body line\n"); err != nil {
			t.Fatal(err)
		}
		got := smtp.wait(t, 1)
		smtp.mu.Lock()
		defer smtp.mu.Unlock()
		if len(smtp.auth) != 1 || smtp.auth[0] != "cg:s3cret" || got[0].to[0] != "ana@example.org" {
			t.Fatalf("auth %q, delivery %+v", smtp.auth, got[0])
		}
	})
	t.Run("ErrNoSTARTTLS", func(t *testing.T) {
		smtp := ntStartSMTP(t, false)
		m, err := auth.NewSMTPMailer(auth.SMTPConfig{Host: "127.0.0.1", Port: smtp.port(), From: "cg@example.org", Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		err = m.Send(ctx, "ana@example.org", "Hello", "Body")
		if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
			t.Fatalf("err = %v, want a refusal to send without STARTTLS", err)
		}
		smtp.mu.Lock()
		defer smtp.mu.Unlock()
		if len(smtp.got) != 0 {
			t.Fatal("mail went out in the clear")
		}
	})
	for name, cfg := range map[string]auth.SMTPConfig{
		"ErrNoHost":    {From: "cg@example.org"},
		"ErrNoFrom":    {Host: "mail.example.org"},
		"ErrBadFrom":   {Host: "mail.example.org", From: "not an address"},
		"ErrTLSOption": {Host: "mail.example.org", From: "cg@example.org", TLS: "ssl3"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := auth.NewSMTPMailer(cfg); err == nil {
				t.Fatalf("NewSMTPMailer(%+v) accepted", cfg)
			}
		})
	}
}
