package activity

import (
	"context"

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
}

// Notifier delivers notices: in-app at once, by e-mail as each person
// prefers (immediately, daily or weekly digest, never).
type Notifier struct{}

// Notify stores the notice for each recipient inside tx and schedules
// e-mail, so a rolled-back change notifies no one.
func (n *Notifier) Notify(ctx context.Context, tx *store.Tx, notice Notice) error {
	return nil // TODO(notifications)
}
