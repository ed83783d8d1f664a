package decision

import (
	"context"

	"commonground/internal/collective"
)

// Close closes an open decision now (the proposer, a facilitator or a
// steward): it counts the ballots, stores the result, and runs the hooks.
func (s *Service) Close(ctx context.Context, a *collective.Access, id int64) error {
	return errTodo
}
