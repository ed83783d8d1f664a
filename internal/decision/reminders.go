package decision

import (
	"context"
	"slices"
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
	// RemindEvery is how often the reminders job runs.
	RemindEvery = time.Hour
	// ClosingWithin: a decision closing this soon reminds those who have
	// not voted.
	ClosingWithin = 24 * time.Hour
	// reminderBatch is how many candidates one query reads.
	reminderBatch = 500
)

// Reminded counts the notices one run sent.
type Reminded struct {
	Opened  int `json:"opened"`  // decisions whose electorate heard they opened
	Closing int `json:"closing"` // decisions whose non-voters were reminded
	Reviews int `json:"reviews"` // outcomes due for review
}

// RemindersArgs is the decision.reminders job (hourly, see SendReminders).
type RemindersArgs struct{}

// Kind names the job.
func (RemindersArgs) Kind() string { return "decision.reminders" }

// Title names the job for people.
func (RemindersArgs) Title() string { return "Send decision reminders" }

// InsertOpts keeps one run queued or running at a time.
func (RemindersArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// ReminderWorker works RemindersArgs; each notice is marked sent in the
// transaction that sends it, so a rerun sends nothing twice.
type ReminderWorker struct {
	river.WorkerDefaults[RemindersArgs]
	S *Service
}

// Work sends what is due now.
func (w *ReminderWorker) Work(ctx context.Context, _ *river.Job[RemindersArgs]) error {
	sent, err := w.S.SendReminders(ctx, w.S.DB.Now())
	if rerr := jobs.Result(ctx, sent); err == nil {
		err = rerr
	}
	return err
}

// SendReminders tells the electorate of newly opened decisions, reminds
// those who have not voted a day before a decision closes, and reminds
// whoever recorded an outcome when its review date comes. Each notice is
// marked in the transaction that sends it, and only if it was not marked
// yet, so running this twice (or two runs at once) sends each once.
// Collectives that are archived hear nothing. Without Notify it sends
// nothing and marks nothing.
func (s *Service) SendReminders(ctx context.Context, now time.Time) (Reminded, error) {
	var sent Reminded
	if s.Notify == nil {
		return sent, nil
	}
	now = now.UTC()
	soon := now.Add(ClosingWithin)
	today := now.Format(time.DateOnly)
	const live = ` AND collective_id IN (SELECT id FROM collectives WHERE archived_at IS NULL)`
	steps := []struct {
		table, column, where string
		args                 []any
		send                 func(ctx context.Context, tx *store.Tx, id int64) error
		count                *int
	}{
		{"decisions", "opened_notice_at", `status = 'open' AND closes_at > ?`, []any{now}, s.sendOpened, &sent.Opened},
		{"decisions", "closing_notice_at", `status = 'open' AND closes_at > ? AND closes_at <= ?`, []any{now, soon},
			s.sendClosing, &sent.Closing},
		{"decision_outcomes", "reminded_at", `review_on <> '' AND review_on <= ?`, []any{today}, s.sendReview, &sent.Reviews},
	}
	for _, st := range steps {
		for after := int64(0); ; {
			var ids []int64
			if err := s.DB.Select(ctx, &ids, `SELECT id FROM `+st.table+` WHERE `+st.column+` IS NULL AND `+st.where+
				live+` AND id > ? ORDER BY id LIMIT ?`, append(append([]any{}, st.args...), after, reminderBatch)...); err != nil {
				return sent, err
			}
			for _, id := range ids {
				after = id
				var marked bool
				err := s.DB.Write(ctx, func(tx *store.Tx) error {
					// The conditions again: a decision closed or an outcome
					// moved on meanwhile is not reminded.
					n, err := tx.Exec(ctx, `UPDATE `+st.table+` SET `+st.column+` = ? WHERE id = ? AND `+st.column+
						` IS NULL AND `+st.where, append([]any{tx.Now, id}, st.args...)...)
					if err != nil || n == 0 {
						return err
					}
					marked = true
					return st.send(ctx, tx, id)
				})
				if err != nil {
					return sent, err
				}
				if marked {
					*st.count++
				}
			}
			if len(ids) < reminderBatch {
				break
			}
		}
	}
	return sent, nil
}

// remindDecision is what a reminder says about a decision.
type remindDecision struct {
	ID             int64      `db:"id"`
	CollectiveID   int64      `db:"collective_id"`
	Slug           string     `db:"slug"`
	Title          string     `db:"title"`
	Question       string     `db:"question"`
	Electorate     Electorate `db:"electorate"`
	ElectorateRole string     `db:"electorate_role"`
	ClosesAt       time.Time  `db:"closes_at"`
	CreatedBy      *int64     `db:"created_by"`
}

func (r *remindDecision) link() string {
	return "/c/" + r.Slug + "/decisions/" + strconv.FormatInt(r.ID, 10)
}

// oneLine keeps a notice title to one line: it is an e-mail subject.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func loadRemindDecision(ctx context.Context, tx *store.Tx, id int64) (*remindDecision, error) {
	var r remindDecision
	err := tx.Get(ctx, &r, `SELECT d.id, d.collective_id, c.slug, p.title, d.question, d.electorate, d.electorate_role,
		d.closes_at, d.created_by FROM decisions d JOIN collectives c ON c.id = d.collective_id
		JOIN proposals p ON p.id = d.proposal_id WHERE d.id = ?`, id)
	return &r, err
}

// electorateUsers lists the accounts of the people who may vote in r, by
// the core's rule (electorateWhere), without those who have voted when
// unvoted is set.
func electorateUsers(ctx context.Context, tx *store.Tx, r *remindDecision, unvoted bool) ([]int64, error) {
	w, args := electorateWhere(&Decision{ID: r.ID, CollectiveID: r.CollectiveID, Electorate: r.Electorate,
		ElectorateRole: r.ElectorateRole})
	if unvoted {
		w += ` AND NOT EXISTS (SELECT 1 FROM decision_turnout t WHERE t.decision_id = ? AND t.member_id = m.id)`
		args = append(args, r.ID)
	}
	var users []int64
	err := tx.Select(ctx, &users, `SELECT m.user_id FROM members m WHERE `+w+` ORDER BY m.user_id`, args...)
	return users, err
}

func (s *Service) sendOpened(ctx context.Context, tx *store.Tx, id int64) error {
	r, err := loadRemindDecision(ctx, tx, id)
	if err != nil {
		return err
	}
	users, err := electorateUsers(ctx, tx, r, false)
	if err != nil {
		return err
	}
	// Whoever opened it knows.
	if r.CreatedBy != nil {
		users = slices.DeleteFunc(users, func(u int64) bool { return u == *r.CreatedBy })
	}
	return s.notify(ctx, tx, activity.Notice{UserIDs: users, CollectiveID: r.CollectiveID, Kind: KindOpened,
		Title: "A decision is open: " + oneLine(r.Title), Link: r.link(),
		Body: "You may vote on " + oneLine(r.Title) + ": " + oneLine(r.Question) + " Voting closes on " +
			r.ClosesAt.UTC().Format("2 January 2006 at 15:04 UTC") + "."})
}

func (s *Service) sendClosing(ctx context.Context, tx *store.Tx, id int64) error {
	r, err := loadRemindDecision(ctx, tx, id)
	if err != nil {
		return err
	}
	users, err := electorateUsers(ctx, tx, r, true)
	if err != nil {
		return err
	}
	return s.notify(ctx, tx, activity.Notice{UserIDs: users, CollectiveID: r.CollectiveID, Kind: KindClosing,
		Title: "Closes within a day: " + oneLine(r.Title), Link: r.link(),
		Body: "You have not voted on " + oneLine(r.Title) + ": " + oneLine(r.Question) + " Voting closes on " +
			r.ClosesAt.UTC().Format("2 January 2006 at 15:04 UTC") + "."})
}

func (s *Service) sendReview(ctx context.Context, tx *store.Tx, id int64) error {
	var r struct {
		ID           int64  `db:"id"`
		CollectiveID int64  `db:"collective_id"`
		Slug         string `db:"slug"`
		Title        string `db:"title"`
		Statement    string `db:"statement"`
		ReviewOn     string `db:"review_on"`
		UserID       *int64 `db:"user_id"`
	}
	if err := tx.Get(ctx, &r, `SELECT o.id, o.collective_id, c.slug, o.title, o.statement, o.review_on, m.user_id
		FROM decision_outcomes o JOIN collectives c ON c.id = o.collective_id
		LEFT JOIN members m ON m.id = o.recorded_by_member_id WHERE o.id = ?`, id); err != nil {
		return err
	}
	// Whoever recorded it may have left: the review is marked all the same,
	// so it is not looked for again every hour.
	if r.UserID == nil {
		return nil
	}
	return s.notify(ctx, tx, activity.Notice{UserIDs: []int64{*r.UserID}, CollectiveID: r.CollectiveID, Kind: KindReview,
		Title: "Time to review: " + oneLine(r.Title),
		Link:  "/c/" + r.Slug + "/decisions/outcomes/" + strconv.FormatInt(r.ID, 10) + "/edit",
		Body: "You recorded what was decided on " + oneLine(r.Title) + " and set " + r.ReviewOn +
			" to look at it again: " + oneLine(r.Statement) + " Correct the outcome or set a new review date."})
}
