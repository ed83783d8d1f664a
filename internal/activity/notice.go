package activity

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// Notice is a notification to some people about one thing.
type Notice struct {
	UserIDs      []int64
	CollectiveID int64  // 0 when not about a collective
	Kind         string // a registered kind, e.g. "member.roles_changed"; preferences are per kind
	Title        string // one line, also the e-mail subject
	Body         string // plain text
	Link         string // a path on this site
	// Calendar is an entry the e-mail carries (an invitation, RFC 6047),
	// one per recipient: nil for none. Digests leave it out.
	Calendar *NoticeCalendar
}

// NoticeCalendar is the calendar part of a notice's e-mail.
type NoticeCalendar struct {
	Method  string // RFC 5546: REQUEST, CANCEL or PUBLISH
	Content []byte // the iCalendar file, METHOD included
}

// Limits on a notice's text: a title is an e-mail subject, a body a few
// lines.
const (
	maxNoticeTitle = 200
	maxNoticeBody  = 4000
	// A calendar part is one gathering for one person: a few kilobytes.
	maxNoticeCalendar = 256 << 10
)

// Notifier delivers notices: in-app at once, by e-mail as each person
// prefers (immediately, daily or weekly digest, never).
type Notifier struct {
	DB *store.DB
	// Queue runs the e-mail and digest jobs; nil keeps notices in the app
	// only (tests of other packages).
	Queue   *jobs.Queue
	Mailer  auth.Mailer
	BaseURL string // the public URL every link in an e-mail starts with
	Secret  []byte // signs unsubscribe links
	Log     *slog.Logger
}

func (n *Notifier) log() *slog.Logger {
	if n.Log == nil {
		return slog.Default()
	}
	return n.Log
}

func (notice *Notice) validate() (Kind, error) {
	k, ok := KindOf(notice.Kind)
	switch {
	case !ok:
		return k, errs.Field("kind", "The notification kind %q is not registered.", notice.Kind)
	case strings.TrimSpace(notice.Title) == "":
		return k, errs.Field("title", "A notification needs a title.")
	case strings.ContainsAny(notice.Title, "\r\n"):
		// The title becomes an e-mail subject: a line break there would
		// let a name add mail headers, so it is refused, never cut.
		return k, errs.Field("title", "A notification title is one line.")
	case notice.Link != "" && (auth.SafeNext(notice.Link) != notice.Link || len(notice.Link) > maxLink):
		return k, errs.Field("link", "The link must be a path on this site, such as /c/riverside.")
	case notice.Calendar != nil && !slices.Contains([]string{"REQUEST", "CANCEL", "PUBLISH"}, notice.Calendar.Method):
		return k, errs.Field("calendar", "The calendar method %q is not one of REQUEST, CANCEL, PUBLISH.", notice.Calendar.Method)
	case notice.Calendar != nil && (len(notice.Calendar.Content) == 0 || len(notice.Calendar.Content) > maxNoticeCalendar):
		return k, errs.Field("calendar", "A notification's calendar part must hold between 1 byte and 256 KiB.")
	}
	return k, nil
}

// Notify stores the notice for each recipient inside tx and schedules
// e-mail, so a rolled-back change notifies no one. Deleted accounts are
// skipped; each person's preference for the kind decides whether an e-mail
// goes now (a job in the same transaction), in a digest, or not at all.
//
// Titles and bodies are built by the system from names people chose, so
// text over the limits is shortened with "…" rather than refused.
func (n *Notifier) Notify(ctx context.Context, tx *store.Tx, notice Notice) error {
	kind, err := notice.validate()
	if err != nil {
		return err
	}
	// Cut only after validating, so a line break past the limit is still
	// seen and refused.
	notice.Title, notice.Body = shorten(notice.Title, maxNoticeTitle), shorten(notice.Body, maxNoticeBody)
	ids := slices.Compact(slices.Sorted(slices.Values(notice.UserIDs)))
	ids = slices.DeleteFunc(ids, func(id int64) bool { return id <= 0 })
	if len(ids) == 0 {
		return nil
	}
	var live []int64
	if err := tx.Select(ctx, &live, `SELECT id FROM users WHERE deleted_at IS NULL AND id IN (`+marks(len(ids))+`) ORDER BY id`,
		int64Args(ids)...); err != nil {
		return fmt.Errorf("activity: notify: %w", err)
	}
	modes, err := modesFor(ctx, tx, live, kind)
	if err != nil {
		return err
	}
	var calMethod, cal string
	if notice.Calendar != nil {
		calMethod, cal = notice.Calendar.Method, string(notice.Calendar.Content)
	}
	for _, uid := range live {
		mode := modes[uid]
		id, err := tx.Insert(ctx, `INSERT INTO notifications (user_id, collective_id, kind, title, body, link, mode, created_at,
			calendar_method, calendar)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, uid, nullID(notice.CollectiveID), kind.Name, notice.Title,
			notice.Body, notice.Link, string(mode), tx.Now, calMethod, cal)
		if err != nil {
			return fmt.Errorf("activity: notify: %w", err)
		}
		if mode == Immediately && n.Queue != nil {
			if _, err := n.Queue.Enqueue(ctx, tx, EmailArgs{NotificationID: id}, jobs.Owner{Title: "E-mail a notification"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// marks returns "?, ?, ?" for an IN list of n values.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// BeforeAccountDelete forgets a person's notifications and preferences in
// the transaction that deletes their account: the e-mail jobs still queued
// then find nothing to send.
func (n *Notifier) BeforeAccountDelete(ctx context.Context, tx *store.Tx, userID int64) error {
	for _, q := range []string{
		"DELETE FROM notifications WHERE user_id = ?",
		"DELETE FROM notification_prefs WHERE user_id = ?",
		"DELETE FROM notification_digests WHERE user_id = ?",
	} {
		if _, err := tx.Exec(ctx, q, userID); err != nil {
			return fmt.Errorf("activity: forget notifications: %w", err)
		}
	}
	return nil
}
