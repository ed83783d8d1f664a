package auth

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	mail "github.com/wneessen/go-mail"
)

// Message is an e-mail with headers beyond To and Subject, such as
// List-Unsubscribe (RFC 8058) on notification mail, and optionally a
// calendar entry (iMIP, RFC 6047) sent as an alternative to the text.
type Message struct {
	To      string
	Subject string
	Body    string // plain text
	Headers map[string]string
	// CalendarMethod is the iTIP method (RFC 5546) of Calendar, such as
	// REQUEST or CANCEL; calendar programs read it from the part's
	// Content-Type as well as from the file.
	CalendarMethod string
	// Calendar is an iCalendar text; "" sends the plain text alone.
	Calendar string
}

// MessageSender is a Mailer that can also send headers. Both mailers here
// are one; SendMessage falls back on Send for others.
type MessageSender interface {
	SendMessage(ctx context.Context, m Message) error
}

// SendMessage sends m through mailer, with its headers when the mailer can
// send them.
func SendMessage(ctx context.Context, mailer Mailer, m Message) error {
	if ms, ok := mailer.(MessageSender); ok {
		return ms.SendMessage(ctx, m)
	}
	return mailer.Send(ctx, m.To, m.Subject, m.Body)
}

// SendMessage logs the message with its headers (LogMailer is declared in
// mailer.go; this gives it headers too).
func (m LogMailer) SendMessage(ctx context.Context, msg Message) error {
	l := m.Log
	if l == nil {
		l = slog.Default()
	}
	attrs := []any{"to", msg.To, "subject", msg.Subject}
	for _, k := range slices.Sorted(maps.Keys(msg.Headers)) {
		attrs = append(attrs, "header."+k, msg.Headers[k])
	}
	if msg.Calendar != "" {
		// The file itself would flood the log; that it is there is enough.
		attrs = append(attrs, "calendar", msg.CalendarMethod)
	}
	l.InfoContext(ctx, "mail (no SMTP configured; written to the log)", append(attrs, "body", msg.Body)...)
	return nil
}

// SMTPConfig is how SMTPMailer reaches the mail server.
type SMTPConfig struct {
	Host     string
	Port     int // 0: 587 for starttls and none, 465 for tls
	Username string
	Password string
	From     string        // the sender, e.g. "commonground <cg@example.org>"
	TLS      string        // "starttls" (default), "tls" (implicit) or "none"
	Timeout  time.Duration // for connecting and each command; 0: 15 s
	// TLSConfig overrides the TLS settings (tests trust their own server).
	TLSConfig *tls.Config
}

// SMTPMailer sends mail through an SMTP server with go-mail, one
// connection per message: notification mail is sent by jobs, one at a time,
// so keeping a connection open would save little and go stale.
type SMTPMailer struct {
	cfg SMTPConfig
}

// NewSMTPMailer checks cfg and returns a mailer; it does not connect yet.
func NewSMTPMailer(cfg SMTPConfig) (*SMTPMailer, error) {
	if cfg.Host == "" {
		return nil, errors.New("smtp: no host")
	}
	if cfg.From == "" {
		return nil, errors.New("smtp: no sender (From) address")
	}
	if err := mail.NewMsg().From(cfg.From); err != nil {
		return nil, fmt.Errorf("smtp: sender %q: %w", cfg.From, err)
	}
	switch cfg.TLS {
	case "":
		cfg.TLS = "starttls"
	case "starttls", "tls", "none":
	default:
		return nil, fmt.Errorf("smtp: TLS %q is not one of starttls, tls, none", cfg.TLS)
	}
	if cfg.Port == 0 {
		cfg.Port = mail.DefaultPortTLS
		if cfg.TLS == "tls" {
			cfg.Port = mail.DefaultPortSSL
		}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = mail.DefaultTimeout
	}
	return &SMTPMailer{cfg: cfg}, nil
}

func (s *SMTPMailer) client() (*mail.Client, error) {
	opts := []mail.Option{mail.WithPort(s.cfg.Port), mail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.TLS {
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if s.cfg.TLSConfig != nil {
		opts = append(opts, mail.WithTLSConfig(s.cfg.TLSConfig))
	}
	if s.cfg.Username != "" {
		// Over TLS, the strongest mechanism the server offers. With TLS
		// "none" the operator chose an unencrypted link (a relay on the same
		// host or network), where go-mail's discovery would refuse every
		// mechanism: PLAIN is then sent as asked.
		mech := mail.SMTPAuthAutoDiscover
		if s.cfg.TLS == "none" {
			mech = mail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, mail.WithSMTPAuth(mech), mail.WithUsername(s.cfg.Username), mail.WithPassword(s.cfg.Password))
	}
	return mail.NewClient(s.cfg.Host, opts...)
}

// Send sends a plain-text message.
func (s *SMTPMailer) Send(ctx context.Context, to, subject, body string) error {
	return s.SendMessage(ctx, Message{To: to, Subject: subject, Body: body})
}

// SendMessage sends a plain-text message with its extra headers; with a
// calendar entry, multipart/alternative of the text and a text/calendar
// part carrying the method, as RFC 6047 asks.
func (s *SMTPMailer) SendMessage(ctx context.Context, m Message) error {
	msg := mail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return fmt.Errorf("smtp: from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("smtp: to %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	for _, k := range slices.Sorted(maps.Keys(m.Headers)) {
		msg.SetGenHeader(mail.Header(k), m.Headers[k])
	}
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	if m.Calendar != "" {
		msg.AddAlternativeString(mail.ContentType("text/calendar; method="+m.CalendarMethod), m.Calendar,
			mail.WithPartCharset(mail.CharsetUTF8))
	}
	c, err := s.client()
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 4*s.cfg.Timeout)
	defer cancel()
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp: send to %s: %w", m.To, err)
	}
	return nil
}
