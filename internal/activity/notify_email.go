package activity

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/auth"
	"commonground/internal/store"
)

// EmailArgs is the notify.email job: send one notification by e-mail.
type EmailArgs struct {
	NotificationID int64 `json:"notification_id"`
}

// Kind names the job.
func (EmailArgs) Kind() string { return "notify.email" }

// InsertOpts retries a failing mail server for about a day (River backs
// off between attempts).
func (EmailArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 12} }

// EmailWorker works EmailArgs.
type EmailWorker struct {
	river.WorkerDefaults[EmailArgs]
	N *Notifier
}

// Work sends the e-mail at most once. River runs a job at least once, so
// the notification is marked e-mailed (claimed) in its own transaction
// before the send: a second run finds the mark and sends nothing. A send
// that fails clears the mark and fails the job, which River retries. A
// crash in the instant between the claim and the send loses that e-mail
// (the mark stays, so no run sends it); the notification stays listed in
// the app. We chose that over a rare duplicate because the mark does not
// record which job made it: telling "my own unconfirmed claim" (resend)
// from "another job's" (skip) would need the job id stored beside it.
func (w *EmailWorker) Work(ctx context.Context, job *river.Job[EmailArgs]) error {
	_, err := w.N.SendEmail(ctx, job.Args.NotificationID)
	return err
}

// Timeout leaves room for a slow mail server, well within River's rescue.
func (w *EmailWorker) Timeout(*river.Job[EmailArgs]) time.Duration { return 2 * time.Minute }

// pendingMail is a notification about to be e-mailed, with its recipient.
type pendingMail struct {
	Notification
	UserID    int64      `db:"user_id"`
	Email     string     `db:"email"`
	Mode      string     `db:"mode"`
	EmailedAt *time.Time `db:"emailed_at"`
	// The calendar part, when the notice carried one.
	CalendarMethod string `db:"calendar_method"`
	Calendar       string `db:"calendar"`
}

// SendEmail e-mails notification id if it is still due, and reports
// whether it sent it. It claims the notification before sending, so it
// sends at most once; see EmailWorker.Work for what a crash loses.
func (n *Notifier) SendEmail(ctx context.Context, id int64) (bool, error) {
	var p pendingMail
	due := false
	err := n.DB.Write(ctx, func(tx *store.Tx) error {
		err := tx.Get(ctx, &p, `SELECT n.id, n.kind, COALESCE(n.collective_id, 0) AS collective_id, n.title, n.body, n.link,
			n.created_at, n.read_at, n.user_id, n.mode, n.emailed_at, n.calendar_method, n.calendar, u.email
			FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.id = ? AND u.deleted_at IS NULL`, id)
		if store.NotFound(err) {
			return nil // gone with its account
		}
		if err != nil {
			return err
		}
		kind, ok := KindOf(p.Kind)
		if p.EmailedAt != nil || p.Mode != string(Immediately) || !ok {
			return nil
		}
		// The person may have changed their mind since: follow the choice
		// they hold now (a digest picks it up, or nothing does).
		modes, err := modesFor(ctx, tx, []int64{p.UserID}, kind)
		if err != nil {
			return err
		}
		if m := modes[p.UserID]; m != Immediately {
			_, err := tx.Exec(ctx, "UPDATE notifications SET mode = ? WHERE id = ?", string(m), id)
			return err
		}
		marked, err := tx.Exec(ctx, "UPDATE notifications SET emailed_at = ? WHERE id = ? AND emailed_at IS NULL", tx.Now, id)
		due = marked == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("activity: e-mail notification %d: %w", id, err)
	}
	if !due {
		return false, nil
	}
	kind, _ := KindOf(p.Kind)
	if err := auth.SendMessage(ctx, n.Mailer, n.noticeMail(p, kind)); err != nil {
		// Not sent: take the mark back so the retry sends it.
		bg := context.WithoutCancel(ctx)
		if uerr := n.DB.Write(bg, func(tx *store.Tx) error {
			_, err := tx.Exec(bg, "UPDATE notifications SET emailed_at = NULL WHERE id = ?", id)
			return err
		}); uerr != nil {
			n.log().ErrorContext(ctx, "notification e-mail failed and stays marked as sent", "id", id, "err", uerr)
		}
		return false, fmt.Errorf("activity: e-mail notification %d: %w", id, err)
	}
	return true, nil
}

// noticeMail is the e-mail of one notification.
func (n *Notifier) noticeMail(p pendingMail, kind Kind) auth.Message {
	var b strings.Builder
	b.WriteString(p.Title + "\n")
	if p.Body != "" {
		b.WriteString("\n" + p.Body + "\n")
	}
	if p.Link != "" {
		fmt.Fprintf(&b, "\nOpen it: %s%s\n", n.BaseURL, p.Link)
	}
	fmt.Fprintf(&b, "All your notifications: %s/notifications\n", n.BaseURL)
	unsub := n.UnsubscribeURL(p.UserID, p.Kind)
	fmt.Fprintf(&b, "\n-- \nYou get this e-mail because you chose to hear at once when: %s.\n", strings.ToLower(kind.Label[:1])+kind.Label[1:])
	fmt.Fprintf(&b, "Choose how you hear of each kind: %s/account/notifications\n", n.BaseURL)
	fmt.Fprintf(&b, "Unsubscribe from these e-mails: %s\n", unsub)
	return auth.Message{To: p.Email, Subject: p.Title, Body: b.String(), Headers: unsubscribeHeaders(unsub),
		CalendarMethod: p.CalendarMethod, Calendar: p.Calendar}
}

// unsubscribeHeaders let mail clients offer one-click unsubscribing
// (RFC 8058): they POST "List-Unsubscribe=One-Click" to the link.
func unsubscribeHeaders(link string) map[string]string {
	return map[string]string{
		"List-Unsubscribe":      "<" + link + ">",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	}
}
