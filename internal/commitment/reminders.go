package commitment

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/activity"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// Reminder timing.
const (
	// ReminderDueWithin: a promise due today, tomorrow or the day after is
	// "due soon".
	ReminderDueWithin = 2 // days
	// ReminderConfirmAfter: a promise marked done this long ago and not yet
	// confirmed reminds the recipient's side.
	ReminderConfirmAfter = 24 * time.Hour
	// RemindEvery is how often the reminders job runs.
	RemindEvery = time.Hour
	// reminderBatch is how many candidates one query reads.
	reminderBatch = 500
)

// Sent counts the commitments each reminder went out for in one run.
type Sent struct {
	DueSoon int `json:"due_soon"`
	Overdue int `json:"overdue"`
	Confirm int `json:"confirm"`
}

// reminder is one sort of reminder: which commitments are due for it (the
// conditions are checked again in the UPDATE that marks one, so a promise
// kept meanwhile is not reminded), the column that marks it sent, and the
// notices it sends.
type reminder struct {
	column string
	where  string
	args   func(today, soon string, doneBefore time.Time) []any
	send   func(ctx context.Context, s *Service, tx *store.Tx, r *remindRow) error
	count  func(*Sent) *int
}

var reminders = []reminder{
	{column: "reminded_due_at",
		where: `state IN ('accepted', 'in_progress') AND done_at IS NULL AND due_on <> '' AND due_on >= ? AND due_on <= ?`,
		args:  func(today, soon string, _ time.Time) []any { return []any{today, soon} },
		send:  sendDueSoon, count: func(s *Sent) *int { return &s.DueSoon }},
	{column: "reminded_overdue_at",
		where: `state IN ('accepted', 'in_progress') AND done_at IS NULL AND due_on <> '' AND due_on < ?`,
		args:  func(today, _ string, _ time.Time) []any { return []any{today} },
		send:  sendOverdue, count: func(s *Sent) *int { return &s.Overdue }},
	{column: "reminded_confirm_at",
		where: `state IN ('accepted', 'in_progress') AND done_at IS NOT NULL AND done_at < ?`,
		args:  func(_, _ string, doneBefore time.Time) []any { return []any{doneBefore} },
		send:  sendConfirm, count: func(s *Sent) *int { return &s.Confirm }},
}

// SendReminders sends every reminder due at now, in every collective that
// is not archived: due soon to the committer, overdue to the committer and
// the recipient's side, confirmation waiting to the recipient's side. Each
// commitment's reminder is marked in the transaction that sends it, and
// only if it was not marked yet, so running this twice (or two runs at
// once) sends each reminder once. Without Notify it sends nothing.
func (s *Service) SendReminders(ctx context.Context, now time.Time) (Sent, error) {
	var sent Sent
	if s.Notify == nil {
		return sent, nil
	}
	now = now.UTC()
	today := now.Format(time.DateOnly)
	soon := now.AddDate(0, 0, ReminderDueWithin).Format(time.DateOnly)
	doneBefore := now.Add(-ReminderConfirmAfter)
	for _, rm := range reminders {
		args := rm.args(today, soon, doneBefore)
		for after := int64(0); ; {
			var ids []int64
			if err := s.DB.Select(ctx, &ids, `SELECT id FROM commitments WHERE `+rm.column+` IS NULL AND `+rm.where+
				` AND id > ? AND collective_id IN (SELECT id FROM collectives WHERE archived_at IS NULL) ORDER BY id LIMIT ?`,
				append(append([]any{}, args...), after, reminderBatch)...); err != nil {
				return sent, err
			}
			for _, id := range ids {
				done, err := s.remindOne(ctx, rm, id, args)
				if err != nil {
					return sent, err
				}
				if done {
					*rm.count(&sent)++
				}
				after = id
			}
			if len(ids) < reminderBatch {
				break
			}
		}
	}
	return sent, nil
}

// remindOne marks and sends one reminder in one transaction; false when
// another run marked it first or the promise moved on meanwhile.
func (s *Service) remindOne(ctx context.Context, rm reminder, id int64, args []any) (bool, error) {
	var sent bool
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Exec(ctx, `UPDATE commitments SET `+rm.column+` = ? WHERE id = ? AND `+rm.column+` IS NULL AND `+rm.where,
			append([]any{tx.Now, id}, args...)...)
		if err != nil || n == 0 {
			return err
		}
		var r remindRow
		if err := tx.Get(ctx, &r, `SELECT c.id, c.collective_id, k.slug, c.committer_member_id, c.committer_name,
			c.committer_org_name, c.recipient_kind, c.recipient_member_id, c.recipient_org_id, c.recipient_name, c.what,
			c.due_on, c.done_at FROM commitments c JOIN collectives k ON k.id = c.collective_id WHERE c.id = ?`, id); err != nil {
			return err
		}
		sent = true
		return rm.send(ctx, s, tx, &r)
	})
	return sent, err
}

// remindRow is what a reminder says about one commitment.
type remindRow struct {
	ID                int64         `db:"id"`
	CollectiveID      int64         `db:"collective_id"`
	Slug              string        `db:"slug"`
	CommitterMemberID *int64        `db:"committer_member_id"`
	CommitterName     string        `db:"committer_name"`
	CommitterOrgName  string        `db:"committer_org_name"`
	RecipientKind     RecipientKind `db:"recipient_kind"`
	RecipientMemberID *int64        `db:"recipient_member_id"`
	RecipientOrgID    *int64        `db:"recipient_org_id"`
	RecipientName     string        `db:"recipient_name"`
	What              string        `db:"what"`
	DueOn             string        `db:"due_on"`
	DoneAt            *time.Time    `db:"done_at"`
}

func (r *remindRow) link() string {
	return "/c/" + r.Slug + "/commitments/" + strconv.FormatInt(r.ID, 10)
}

// what is the promise on one line: a notice title is an e-mail subject,
// which a line break would let a name add headers to.
func (r *remindRow) what() string { return strings.Join(strings.Fields(r.What), " ") }

func (r *remindRow) committer() string {
	if r.CommitterOrgName != "" {
		return r.CommitterName + " for " + r.CommitterOrgName
	}
	return r.CommitterName
}

// RemindersArgs is the commitment.reminders job: hourly, it sends the
// reminders due (see SendReminders).
type RemindersArgs struct{}

// Kind names the job.
func (RemindersArgs) Kind() string { return "commitment.reminders" }

// Title names the job for people.
func (RemindersArgs) Title() string { return "Send commitment reminders" }

// InsertOpts keeps one run queued or running at a time; a late hourly run
// finds nothing the last one sent.
func (RemindersArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// ReminderWorker works RemindersArgs. It is idempotent: each reminder is
// marked sent in the transaction that sends it.
type ReminderWorker struct {
	river.WorkerDefaults[RemindersArgs]
	S *Service
}

// Work sends the reminders due now and records how many went out.
func (w *ReminderWorker) Work(ctx context.Context, _ *river.Job[RemindersArgs]) error {
	sent, err := w.S.SendReminders(ctx, w.S.DB.Now())
	if rerr := jobs.Result(ctx, sent); err == nil {
		err = rerr
	}
	return err
}

// notify sends one notice unless it has nobody to go to.
func notify(ctx context.Context, s *Service, tx *store.Tx, r *remindRow, users []int64, kind, title, body string) error {
	if len(users) == 0 {
		return nil
	}
	return s.Notify(ctx, tx, activity.Notice{UserIDs: users, CollectiveID: r.CollectiveID, Kind: kind, Title: title,
		Body: body, Link: r.link()})
}
