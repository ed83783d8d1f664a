package activity

import (
	"context"
	"fmt"
	"time"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// Notification is one notice as its recipient sees it.
type Notification struct {
	ID           int64      `db:"id" json:"id"`
	Kind         string     `db:"kind" json:"kind"`
	CollectiveID int64      `db:"collective_id" json:"collective_id,omitempty"`
	Title        string     `db:"title" json:"title"`
	Body         string     `db:"body" json:"body"`
	Link         string     `db:"link" json:"link"`
	CreatedAt    time.Time  `db:"created_at" json:"created_at"`
	ReadAt       *time.Time `db:"read_at" json:"read_at"`
}

// Unread reports whether the person has not opened it yet.
func (n Notification) Unread() bool { return n.ReadAt == nil }

const notificationCols = "id, kind, COALESCE(collective_id, 0) AS collective_id, title, body, link, created_at, read_at"

// NoticeQuery pages a person's notifications, newest first.
type NoticeQuery struct {
	Before int64 // only notifications older than this id; 0 for the newest
	Limit  int   // 1 to MaxLimit; 0 for DefaultLimit
	Unread bool  // only those not read yet
}

// Notifications returns a page of userID's notifications and the id to
// pass as Before for the next page (0 on the last).
func (n *Notifier) Notifications(ctx context.Context, userID int64, q NoticeQuery) ([]Notification, int64, error) {
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	if limit < 1 || limit > MaxLimit {
		return nil, 0, errs.Field("limit", "The limit must be a whole number from 1 to %d.", MaxLimit)
	}
	where, args := "user_id = ?", []any{userID}
	if q.Unread {
		where += " AND read_at IS NULL"
	}
	if q.Before > 0 {
		where += " AND id < ?"
		args = append(args, q.Before)
	}
	var items []Notification
	if err := n.DB.Select(ctx, &items, `SELECT `+notificationCols+` FROM notifications WHERE `+where+
		` ORDER BY id DESC LIMIT ?`, append(args, limit+1)...); err != nil {
		return nil, 0, fmt.Errorf("activity: notifications: %w", err)
	}
	var next int64
	if len(items) > limit {
		items = items[:limit]
		next = items[limit-1].ID
	}
	if items == nil {
		items = []Notification{}
	}
	return items, next, nil
}

// UnreadCount is how many of userID's notifications are unread.
func (n *Notifier) UnreadCount(ctx context.Context, userID int64) (int, error) {
	var c int
	err := n.DB.Get(ctx, &c, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", userID)
	return c, err
}

// HeaderCap bounds the count in the page header: past it the header shows
// "99+", and counting further would cost every page a longer scan.
const HeaderCap = 100

// Unread counts userID's unread notifications for the page header, up to
// HeaderCap. It shows nothing rather than fail a page over a count.
func (n *Notifier) Unread(ctx context.Context, userID int64) int {
	var c int
	err := n.DB.Get(ctx, &c, `SELECT COUNT(*) FROM (SELECT 1 FROM notifications WHERE user_id = ? AND read_at IS NULL LIMIT ?) u`,
		userID, HeaderCap)
	if err != nil {
		n.log().WarnContext(ctx, "unread count", "user", userID, "err", err)
		return 0
	}
	return c
}

// MarkRead marks one of userID's notifications read and returns it. Someone
// else's notification is NotFound, as if it did not exist.
func (n *Notifier) MarkRead(ctx context.Context, userID, id int64) (*Notification, error) {
	var out Notification
	err := n.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
			tx.Now, id, userID); err != nil {
			return err
		}
		err := tx.Get(ctx, &out, `SELECT `+notificationCols+` FROM notifications WHERE id = ? AND user_id = ?`, id, userID)
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "No such notification.")
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// MarkAllRead marks every unread notification of userID read and says how
// many there were.
func (n *Notifier) MarkAllRead(ctx context.Context, userID int64) (int64, error) {
	var c int64
	err := n.DB.Write(ctx, func(tx *store.Tx) error {
		var err error
		c, err = tx.Exec(ctx, "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL", tx.Now, userID)
		return err
	})
	return c, err
}
