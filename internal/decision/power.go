package decision

import (
	"context"
	"time"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// PowerDelta is what one event adds to a member's power counters.
type PowerDelta struct {
	Proposals, Votes, Objections, Decisive int64
}

// addPower adds d to the member's counters for the month of at, inside the
// transaction of the event.
func addPower(ctx context.Context, tx *store.Tx, collectiveID, memberID int64, at time.Time, d PowerDelta) error {
	return errTodo
}

// Power returns how spread decision power is, for every member to see.
func (s *Service) Power(ctx context.Context, a *collective.Access, q PowerQuery) (*Power, error) {
	return nil, errTodo
}
