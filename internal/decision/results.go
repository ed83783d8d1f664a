package decision

import (
	"context"

	"commonground/internal/collective"
)

// Results returns the count as the viewer may see it: the stored result of
// a closed decision, or the live count when the rules show it.
func (s *Service) Results(ctx context.Context, a *collective.Access, id int64) (*Results, error) {
	return nil, errTodo
}
