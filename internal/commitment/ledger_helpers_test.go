package commitment

// Helpers of the requests, parts, ledger and reminders tests.

import (
	"context"
	"testing"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
)

// day is testToday moved by n days, as a due date.
func day(n int) string { return testStart.AddDate(0, 0, n).Format(time.DateOnly) }

// sized is a promise from nobody yet to member to, of unit and size, due
// on due ("" for none).
func sized(to *collective.Access, what string, unit Unit, size, due string) Input {
	in := promise(to, what)
	in.SizeUnit, in.Size, in.DueOn = unit, size, due
	return in
}

// withNotify gives the fixture's service a real notifier (in-app only: no
// queue), as app wires it.
func (f *fixture) withNotify() {
	f.S.Notify = (&activity.Notifier{DB: f.DB}).Notify
}

// noticeRow is a notification as the tests check it.
type noticeRow struct {
	UserID int64  `db:"user_id"`
	Kind   string `db:"kind"`
	Title  string `db:"title"`
	Link   string `db:"link"`
}

// notices lists every notification of kinds starting with prefix, by user
// and then link.
func (f *fixture) notices(t testing.TB, prefix string) []noticeRow {
	t.Helper()
	out := []noticeRow{}
	if err := f.DB.Select(context.Background(), &out, `SELECT user_id, kind, title, link FROM notifications
		WHERE kind LIKE ? ORDER BY kind, user_id, link`, prefix+"%"); err != nil {
		t.Fatal(err)
	}
	return out
}

// reminded reads commitment id's three reminder marks: true where set.
func (f *fixture) reminded(t testing.TB, id int64) [3]bool {
	t.Helper()
	var r struct {
		Due     *time.Time `db:"reminded_due_at"`
		Overdue *time.Time `db:"reminded_overdue_at"`
		Confirm *time.Time `db:"reminded_confirm_at"`
	}
	if err := f.DB.Get(context.Background(), &r, `SELECT reminded_due_at, reminded_overdue_at, reminded_confirm_at
		FROM commitments WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	return [3]bool{r.Due != nil, r.Overdue != nil, r.Confirm != nil}
}

// ptr is a pointer to v, for comparing optional values.
func ptr[T any](v T) *T { return &v }
