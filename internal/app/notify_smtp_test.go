package app_test

import (
	"context"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestNotificationEmailOverSMTP wires the app to the fake SMTP server: a
// steward changes a member's roles, the notify.email job sends the mail
// through go-mail, and the message carries the base URL's links and the
// one-click unsubscribe headers.
func TestNotificationEmailOverSMTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		smtp := ntStartSMTP(t, ntSMTPOpts{})
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
		// The member's mail; the steward may also get the daily digest of
		// the joining, sent when the queue starts.
		got := smtp.waitFor(t, "mo@example.org", 1)
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
		time.Sleep(200 * time.Millisecond)
		if n := len(smtp.waitFor(t, "mo@example.org", 1)); n != 1 {
			t.Fatalf("%d messages to the member after the rerun", n)
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
		smtp := ntStartSMTP(t, ntSMTPOpts{auth: true})
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
	for _, c := range []struct{ name, mode string }{{"STARTTLS", "starttls"}, {"ImplicitTLS", "tls"}} {
		t.Run(c.name, func(t *testing.T) {
			server, client := ntTestTLS(t)
			opts := ntSMTPOpts{auth: true, starttls: server}
			if c.mode == "tls" {
				opts = ntSMTPOpts{auth: true, implicit: server}
			}
			smtp := ntStartSMTP(t, opts)
			m, err := auth.NewSMTPMailer(auth.SMTPConfig{Host: "127.0.0.1", Port: smtp.port(), Username: "cg", Password: "s3cret",
				From: "cg@example.org", TLS: c.mode, Timeout: 5 * time.Second, TLSConfig: client})
			if err != nil {
				t.Fatal(err)
			}
			if err := m.Send(ctx, "ana@example.org", "Over TLS", "Body"); err != nil {
				t.Fatal(err)
			}
			got := smtp.wait(t, 1)
			smtp.mu.Lock()
			defer smtp.mu.Unlock()
			if !got[0].tls || len(smtp.auth) != 1 || smtp.auth[0] != "cg:s3cret" {
				t.Fatalf("delivered over TLS %v, auth %q", got[0].tls, smtp.auth)
			}
		})
	}
	t.Run("ErrNoSTARTTLS", func(t *testing.T) {
		smtp := ntStartSMTP(t, ntSMTPOpts{})
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
