package gathering

import (
	"context"

	"commonground/internal/collective"
)

// Report is an occurrence's closing report: who came, from which
// organisations, outcomes by kind, the cost in person-hours and the yield.
func (s *Service) Report(ctx context.Context, a *collective.Access, occurrenceID int64) (*Report, error) {
	return nil, errTodo
}
