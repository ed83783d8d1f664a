package mandate

import (
	"context"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"commonground/internal/activity"
	"commonground/internal/jobs"
	"commonground/internal/store"
)

// RotateEvery is how often the rotation job runs.
const RotateEvery = time.Hour

// Rotated counts what one run of the rotation job did.
type Rotated struct {
	Ended    int `json:"ended"`
	Reminded int `json:"reminded"`
}

// RotationArgs is the mandate.rotation job (hourly, see Rotate).
type RotationArgs struct{}

// Kind names the job.
func (RotationArgs) Kind() string { return "mandate.rotation" }

// Title names the job for people.
func (RotationArgs) Title() string { return "End mandates and send rotation reminders" }

// InsertOpts keeps one run queued or running at a time.
func (RotationArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// RotationWorker works RotationArgs; each change is made in the
// transaction that checks it is still due, so a rerun does nothing twice.
type RotationWorker struct {
	river.WorkerDefaults[RotationArgs]
	S *Service
}

// Work ends and reminds what is due now.
func (w *RotationWorker) Work(ctx context.Context, _ *river.Job[RotationArgs]) error {
	r, err := w.S.Rotate(ctx, w.S.DB.Now())
	if rerr := jobs.Result(ctx, r); err == nil {
		err = rerr
	}
	return err
}

// Rotate ends the active mandates whose term's last day is before now's
// day (taking their role away), and reminds the holder and the stewards,
// once, of every active mandate ending within RotationNotice days, so the
// collective can renew it or hand it on.
func (s *Service) Rotate(ctx context.Context, now time.Time) (Rotated, error) {
	var r Rotated
	today := now.UTC().Format(time.DateOnly)
	var ended []int64
	if err := s.DB.Select(ctx, &ended, `SELECT id FROM mandates WHERE status = 'active' AND term_end < ? ORDER BY id`, today); err != nil {
		return r, err
	}
	for _, id := range ended {
		done, err := s.end(ctx, id, today)
		if err != nil {
			return r, err
		}
		if done {
			r.Ended++
		}
	}
	if s.Notify == nil {
		return r, nil
	}
	soon := now.UTC().AddDate(0, 0, RotationNotice).Format(time.DateOnly)
	var due []int64
	if err := s.DB.Select(ctx, &due, `SELECT id FROM mandates WHERE status = 'active' AND rotation_reminded_at IS NULL
		AND term_end >= ? AND term_end <= ? AND collective_id IN (SELECT id FROM collectives WHERE archived_at IS NULL)
		ORDER BY id`, today, soon); err != nil {
		return r, err
	}
	for _, id := range due {
		done, err := s.remind(ctx, id, today, soon)
		if err != nil {
			return r, err
		}
		if done {
			r.Reminded++
		}
	}
	return r, nil
}

// end ends one mandate whose term ran out; false when it changed meanwhile.
func (s *Service) end(ctx context.Context, id int64, today string) (bool, error) {
	var done bool
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Exec(ctx, `UPDATE mandates SET status = 'ended', version = version + 1, updated_at = ?
			WHERE id = ? AND status = 'active' AND term_end < ?`, tx.Now, id, today)
		if err != nil || n == 0 {
			return err
		}
		var m Mandate
		if err := tx.Get(ctx, &m, "SELECT "+mandateCols+" FROM mandates WHERE id = ?", id); err != nil {
			return err
		}
		if err := dropRole(ctx, tx, &m); err != nil {
			return err
		}
		var slug string
		if err := tx.Get(ctx, &slug, "SELECT slug FROM collectives WHERE id = ?", m.CollectiveID); err != nil {
			return err
		}
		done = true
		return record(ctx, tx, m.CollectiveID, 0, activity.Everyone, "mandate.ended", id, linkIn(slug, id),
			m.HolderName+"'s "+RoleLabel(m.Role)+" mandate ended on "+m.TermEnd+".")
	})
	return done, err
}

// remind marks and sends one rotation reminder; false when another run
// sent it first or the mandate moved on.
func (s *Service) remind(ctx context.Context, id int64, today, soon string) (bool, error) {
	var done bool
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Exec(ctx, `UPDATE mandates SET rotation_reminded_at = ? WHERE id = ? AND status = 'active'
			AND rotation_reminded_at IS NULL AND term_end >= ? AND term_end <= ?`, tx.Now, id, today, soon)
		if err != nil || n == 0 {
			return err
		}
		var m struct {
			Mandate
			Slug string `db:"slug"`
			Name string `db:"collective_name"`
		}
		if err := tx.Get(ctx, &m, `SELECT m.id, m.collective_id, m.role, m.holder_member_id, m.holder_name, m.term_end,
			m.pending_action, c.slug, c.name AS collective_name FROM mandates m JOIN collectives c ON c.id = m.collective_id
			WHERE m.id = ?`, id); err != nil {
			return err
		}
		var users []int64
		if err := tx.Select(ctx, &users, `SELECT DISTINCT mb.user_id FROM members mb LEFT JOIN member_roles r ON r.member_id = mb.id
			WHERE mb.collective_id = ? AND (mb.id = ? OR r.role = 'steward') ORDER BY mb.user_id`,
			m.CollectiveID, m.HolderMemberID); err != nil {
			return err
		}
		done = true
		body := []string{m.HolderName + "'s " + RoleLabel(m.Role) + " mandate in " + m.Name + " ends on " + m.TermEnd + "."}
		if m.PendingAction == Renew {
			body = append(body, "A decision on renewing it is open.")
		} else {
			body = append(body, "The collective can renew it by decision, or hand the role on by proposing someone else.")
		}
		return s.Notify(ctx, tx, activity.Notice{UserIDs: users, CollectiveID: m.CollectiveID, Kind: KindRotation,
			Title: "The " + RoleLabel(m.Role) + " mandate in " + m.Name + " ends on " + m.TermEnd,
			Body:  strings.Join(body, " "), Link: linkIn(m.Slug, id)})
	})
	return done, err
}
