package app_test

import (
	"context"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/gathering"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestGatheringInvitationEmail follows an invitation from planning to the
// mail server: the e-mail is multipart/alternative with the text and a
// text/calendar part whose Content-Type carries the method (RFC 6047), and
// whose file names the recipient alone.
func TestGatheringInvitationEmail(t *testing.T) {
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
		acc, err = a.Collectives.Access(sctx, "river")
		if err != nil {
			t.Fatal(err)
		}
		g, err := a.Gatherings.Create(sctx, acc, gathering.Input{Title: "Spring planning", Intention: "Pick three quick wins.",
			Format: gathering.InPerson, Place: "Town hall", TimeZone: "Europe/Berlin", Start: "2030-03-05T10:00",
			End: "2030-03-05T11:00", InviteEveryone: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.StartJobs(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = a.StopJobs(context.Background()) })
		d := smtp.waitFor(t, "mo@example.org", 1)[0]
		msg, err := mail.ReadMessage(strings.NewReader(d.data))
		if err != nil {
			t.Fatalf("message does not parse: %v\n%s", err, d.data)
		}
		if got, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); got != "Invitation: Spring planning, Tue 5 Mar 2030, 10:00–11:00 (Europe/Berlin)" {
			t.Errorf("subject %q", got)
		}
		parts := imipParts(t, msg)
		if len(parts) != 2 {
			t.Fatalf("%d parts, want the text and the calendar", len(parts))
		}
		if parts[0].mediaType != "text/plain" || !strings.Contains(parts[0].body, "Pick three quick wins.") {
			t.Errorf("first part %s:\n%s", parts[0].mediaType, parts[0].body)
		}
		cal := parts[1]
		if cal.mediaType != "text/calendar" || cal.params["method"] != "REQUEST" || !strings.EqualFold(cal.params["charset"], "utf-8") {
			t.Fatalf("calendar part %s %v", cal.mediaType, cal.params)
		}
		for _, want := range []string{"BEGIN:VCALENDAR\r\n", "METHOD:REQUEST\r\n", "UID:" + g.UID + "\r\n",
			"DTSTART;TZID=Europe/Berlin:20300305T100000\r\n", "mailto:mo@example.org\r\n",
			"ORGANIZER;CN=Sam Steward:mailto:cg@together.example.org\r\n"} {
			if !strings.Contains(cal.body, want) {
				t.Errorf("calendar lacks %q:\n%s", want, cal.body)
			}
		}
		if strings.Contains(cal.body, "sam@example.org") {
			t.Errorf("the member's copy names another invitee:\n%s", cal.body)
		}
	})
}

// imipPart is one part of a multipart message, decoded.
type imipPart struct {
	mediaType string
	params    map[string]string
	body      string
}

// imipParts reads a multipart/alternative message's parts in order.
func imipParts(t *testing.T, msg *mail.Message) []imipPart {
	t.Helper()
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	var out []imipPart
	for {
		p, err := r.NextRawPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		pt, pp, err := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		var body io.Reader = p
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(p)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, imipPart{mediaType: pt, params: pp, body: string(b)})
	}
}

// TestSMTPMailerCalendar sends a message with a calendar part through the
// mailer alone, and one without, which stays a single text part.
func TestSMTPMailerCalendar(t *testing.T) {
	ctx := context.Background()
	smtp := ntStartSMTP(t, ntSMTPOpts{})
	m, err := auth.NewSMTPMailer(auth.SMTPConfig{Host: "127.0.0.1", Port: smtp.port(), From: "cg@example.org", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	ics := "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nSUMMARY:Caf\u00e9 round\r\nEND:VCALENDAR\r\n"
	if err := m.SendMessage(ctx, auth.Message{To: "a@example.org", Subject: "Cancelled", Body: "Called off.",
		CalendarMethod: "CANCEL", Calendar: ics}); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(strings.NewReader(smtp.waitFor(t, "a@example.org", 1)[0].data))
	if err != nil {
		t.Fatal(err)
	}
	parts := imipParts(t, msg)
	if len(parts) != 2 || parts[1].params["method"] != "CANCEL" || parts[1].body != ics {
		t.Fatalf("parts %+v", parts)
	}
	if err := m.SendMessage(ctx, auth.Message{To: "b@example.org", Subject: "Plain", Body: "Just text."}); err != nil {
		t.Fatal(err)
	}
	msg, err = mail.ReadMessage(strings.NewReader(smtp.waitFor(t, "b@example.org", 1)[0].data))
	if err != nil {
		t.Fatal(err)
	}
	if mt, _, _ := mime.ParseMediaType(msg.Header.Get("Content-Type")); mt != "text/plain" {
		t.Fatalf("a message without a calendar is %s", mt)
	}
}
