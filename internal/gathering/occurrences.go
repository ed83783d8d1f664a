package gathering

import (
	"context"

	"commonground/internal/collective"
)

// List pages through the collective's occurrences, upcoming or past.
func (s *Service) List(ctx context.Context, a *collective.Access, q ListQuery) (*ListPage, error) {
	return nil, errTodo
}

// Occurrences lists a gathering's dates in order, for its page and API.
func (s *Service) Occurrences(ctx context.Context, a *collective.Access, gatheringID int64) ([]Occurrence, error) {
	return nil, errTodo
}

// View reads one occurrence with its gathering and my answer. occurrenceID
// 0 picks the next date (or the last, when all are past; none while the
// date is open).
func (s *Service) View(ctx context.Context, a *collective.Access, gatheringID, occurrenceID int64) (*View, error) {
	return nil, errTodo
}

// MoveOccurrence moves one date of a gathering (host, creator or steward):
// its RECURRENCE-ID stays, so calendars move that date only.
func (s *Service) MoveOccurrence(ctx context.Context, a *collective.Access, occurrenceID int64, in OccurrenceInput) (*Occurrence, error) {
	return nil, errTodo
}

// CancelOccurrence calls one date off (an EXDATE in calendars).
func (s *Service) CancelOccurrence(ctx context.Context, a *collective.Access, occurrenceID int64) error {
	return errTodo
}
