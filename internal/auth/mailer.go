package auth

import (
	"context"
	"log/slog"
)

// Mailer sends one plain-text e-mail. Until the notification service lands,
// LogMailer writes mail to the log so links (password resets, invitations)
// can still be followed.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// LogMailer "sends" mail by logging it.
type LogMailer struct{ Log *slog.Logger }

// Send logs the message.
func (m LogMailer) Send(ctx context.Context, to, subject, body string) error {
	l := m.Log
	if l == nil {
		l = slog.Default()
	}
	l.InfoContext(ctx, "mail (no SMTP configured; written to the log)", "to", to, "subject", subject, "body", body)
	return nil
}
