package activity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"commonground/internal/auth"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// DigestArgs is the notify.digest job: for each period it names, one
// e-mail per person gathering their notifications that wait for that
// period's digest, at most once per person and key. One job carries both
// periods so one periodic check queues it.
type DigestArgs struct {
	Daily  string `json:"daily,omitempty"`  // the day it is for, e.g. 2026-11-23; "" sends no daily digest
	Weekly string `json:"weekly,omitempty"` // the ISO week it is for, e.g. 2026-W48; "" sends no weekly digest
}

// Kind names the job.
func (DigestArgs) Kind() string { return "notify.digest" }

// InsertOpts makes the job unique by its arguments: the hourly check
// queues a period's digests once, and repeats return the same job.
func (DigestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 12, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// PeriodKey names the period t falls in: the UTC day for daily digests,
// the ISO week for weekly ones.
func PeriodKey(period Mode, t time.Time) string {
	t = t.UTC()
	if period == Weekly {
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	}
	return t.Format("2006-01-02")
}

// DigestArgsAt is the digest job for the day and week t falls in, for the
// periodic check.
func DigestArgsAt(t time.Time) DigestArgs {
	return DigestArgs{Daily: PeriodKey(Daily, t), Weekly: PeriodKey(Weekly, t)}
}

// DigestWorker works DigestArgs.
type DigestWorker struct {
	river.WorkerDefaults[DigestArgs]
	N *Notifier
}

// Work sends the periods' digests and records what it sent.
func (w *DigestWorker) Work(ctx context.Context, job *river.Job[DigestArgs]) error {
	out := map[string]DigestResult{}
	var errList []error
	for _, p := range []struct {
		mode Mode
		key  string
	}{{Daily, job.Args.Daily}, {Weekly, job.Args.Weekly}} {
		if p.key == "" {
			continue
		}
		res, err := w.N.SendDigests(ctx, p.mode, p.key)
		out[p.key] = res
		errList = append(errList, err)
	}
	if err := jobs.Result(ctx, out); err != nil {
		errList = append(errList, err)
	}
	return errors.Join(errList...)
}

// DigestResult is what one run of the digest job did.
type DigestResult struct {
	Sent    int `json:"sent"`    // e-mails sent
	Items   int `json:"items"`   // notifications in them
	Skipped int `json:"skipped"` // people whose digest for the key went out already
	Failed  int `json:"failed"`  // people whose e-mail failed; the retry sends them
}

// maxDigestItems bounds one e-mail; more wait for the next digest.
const maxDigestItems = 100

// SendDigests sends the digest of period for key to everyone with
// notifications waiting for it. A person gets at most one digest per key:
// the digest is recorded (claimed), and its notifications marked e-mailed,
// before it is sent, so a second run (River runs a job at least once) or
// another job for the same period sends nothing to those already claimed.
// A failed send releases the claim for the retry; a crash in the instant
// between claim and send loses that person's digest for the key, and its
// notifications stay listed in the app only (see EmailWorker.Work for why).
func (n *Notifier) SendDigests(ctx context.Context, period Mode, key string) (DigestResult, error) {
	var res DigestResult
	if period != Daily && period != Weekly {
		return res, fmt.Errorf("activity: digest period %q is neither daily nor weekly", period)
	}
	var users []int64
	if err := n.DB.Select(ctx, &users, `SELECT DISTINCT n.user_id FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE n.mode = ? AND n.emailed_at IS NULL AND u.deleted_at IS NULL ORDER BY n.user_id`, string(period)); err != nil {
		return res, fmt.Errorf("activity: digest: %w", err)
	}
	var failures []error
	for i, uid := range users {
		_ = jobs.Progress(ctx, int64(i), int64(len(users)), "Sending digests") // outside a job (tests) there is nothing to report to
		items, err := n.sendDigest(ctx, uid, period, key)
		switch {
		case err != nil:
			res.Failed++
			failures = append(failures, err)
			n.log().WarnContext(ctx, "digest not sent", "user", uid, "key", key, "err", err)
		case items == 0:
			res.Skipped++
		default:
			res.Sent++
			res.Items += items
		}
	}
	_ = jobs.Progress(ctx, int64(len(users)), int64(len(users)), fmt.Sprintf("Sent %d digests", res.Sent))
	return res, errors.Join(failures...)
}

type digestItem struct {
	Notification
	Email string `db:"email"`
}

// sendDigest sends one person's digest and returns how many notifications
// it held: 0 when this key's digest was claimed before (by this job or
// another), or nothing waits.
func (n *Notifier) sendDigest(ctx context.Context, userID int64, period Mode, key string) (int, error) {
	var items []digestItem
	err := n.DB.Write(ctx, func(tx *store.Tx) error {
		claimed, err := tx.Exec(ctx, `INSERT INTO notification_digests (user_id, period, items, sent_at) VALUES (?, ?, 0, ?)
			ON CONFLICT (user_id, period) DO NOTHING`, userID, key, tx.Now)
		if err != nil || claimed == 0 {
			return err
		}
		if err := tx.Select(ctx, &items, `SELECT n.id, n.kind, COALESCE(n.collective_id, 0) AS collective_id, n.title, n.body,
			n.link, n.created_at, n.read_at, u.email FROM notifications n JOIN users u ON u.id = n.user_id
			WHERE n.user_id = ? AND n.mode = ? AND n.emailed_at IS NULL ORDER BY n.id LIMIT ?`,
			userID, string(period), maxDigestItems); err != nil {
			return err
		}
		if len(items) == 0 {
			return errNothingWaiting // drop the claim: nothing to say this period
		}
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		if _, err := tx.Exec(ctx, `UPDATE notifications SET emailed_at = ? WHERE id IN (`+marks(len(ids))+`)`,
			append([]any{tx.Now}, int64Args(ids)...)...); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE notification_digests SET items = ? WHERE user_id = ? AND period = ?", len(items), userID, key)
		return err
	})
	if errors.Is(err, errNothingWaiting) {
		return 0, nil
	}
	if err != nil || len(items) == 0 {
		return 0, err
	}
	if err := auth.SendMessage(ctx, n.Mailer, n.digestMail(userID, period, items)); err != nil {
		n.unclaimDigest(ctx, userID, key, items)
		return 0, fmt.Errorf("activity: digest to user %d: %w", userID, err)
	}
	return len(items), nil
}

var errNothingWaiting = errors.New("nothing waits for this digest")

// unclaimDigest takes back a digest that could not be sent, so the job's
// retry sends it.
func (n *Notifier) unclaimDigest(ctx context.Context, userID int64, key string, items []digestItem) {
	bg := context.WithoutCancel(ctx)
	ids := make([]any, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	err := n.DB.Write(bg, func(tx *store.Tx) error {
		if _, err := tx.Exec(bg, "DELETE FROM notification_digests WHERE user_id = ? AND period = ?", userID, key); err != nil {
			return err
		}
		_, err := tx.Exec(bg, "UPDATE notifications SET emailed_at = NULL WHERE id IN ("+marks(len(ids))+")", ids...)
		return err
	})
	if err != nil {
		n.log().ErrorContext(ctx, "digest failed and stays marked as sent", "user", userID, "key", key, "err", err)
	}
}

// digestMail is one person's digest.
func (n *Notifier) digestMail(userID int64, period Mode, items []digestItem) auth.Message {
	word := "daily"
	if period == Weekly {
		word = "weekly"
	}
	subject := fmt.Sprintf("Your %s digest: 1 notification", word)
	if len(items) != 1 {
		subject = fmt.Sprintf("Your %s digest: %d notifications", word, len(items))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", subject)
	for _, it := range items {
		fmt.Fprintf(&b, "\n* %s\n", it.Title)
		if it.Body != "" {
			fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(it.Body, "\n", "\n  "))
		}
		if it.Link != "" {
			fmt.Fprintf(&b, "  %s%s\n", n.BaseURL, it.Link)
		}
	}
	fmt.Fprintf(&b, "\nAll your notifications: %s/notifications\n", n.BaseURL)
	unsub := n.UnsubscribeURL(userID, allKinds)
	fmt.Fprintf(&b, "\n-- \nYou get this digest because you chose a %s digest for these kinds of notification.\n", word)
	fmt.Fprintf(&b, "Choose how you hear of each kind: %s/account/notifications\n", n.BaseURL)
	fmt.Fprintf(&b, "Unsubscribe from all notification e-mail: %s\n", unsub)
	return auth.Message{To: items[0].Email, Subject: subject, Body: b.String(), Headers: unsubscribeHeaders(unsub)}
}
