package gathering

import (
	"context"

	"commonground/internal/collective"
)

// ICS is one gathering as an iCalendar file: a single VEVENT, or a
// recurring master with its RRULE, EXDATEs for cancelled dates and an
// override (RECURRENCE-ID) for each moved one.
func (s *Service) ICS(ctx context.Context, a *collective.Access, gatheringID int64) ([]byte, error) {
	return nil, errTodo
}
