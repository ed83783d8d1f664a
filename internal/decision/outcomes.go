package decision

import (
	"context"
	"io"

	"commonground/internal/collective"
)

// RecordOutcome writes what a closed decision decided (the proposer, a
// facilitator or a steward).
func (s *Service) RecordOutcome(ctx context.Context, a *collective.Access, decisionID int64, in OutcomeInput) (*Outcome, error) {
	return nil, errTodo
}

// UpdateOutcome corrects an outcome's statement or review date.
func (s *Service) UpdateOutcome(ctx context.Context, a *collective.Access, id int64, in OutcomeInput) error {
	return errTodo
}

// Outcome returns one outcome of the decision log.
func (s *Service) Outcome(ctx context.Context, a *collective.Access, id int64) (*Outcome, error) {
	return nil, errTodo
}

// Outcomes lists a page of the decision log, newest first, filtered by words.
func (s *Service) Outcomes(ctx context.Context, a *collective.Access, q OutcomeQuery) (*OutcomePage, error) {
	return nil, errTodo
}

// WriteOutcomesCSV writes the whole decision log (filtered by search) as CSV.
func (s *Service) WriteOutcomesCSV(ctx context.Context, a *collective.Access, w io.Writer, search string) error {
	return errTodo
}
