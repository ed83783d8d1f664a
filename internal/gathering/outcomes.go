package gathering

import (
	"context"

	"commonground/internal/collective"
)

// AddOutcome records what emerged at an occurrence (anyone who attended or
// manages it), from its start on. A commitment outcome creates the
// commitment through Commitments in the same transaction; a decision one
// names a decision of the collective.
func (s *Service) AddOutcome(ctx context.Context, a *collective.Access, occurrenceID int64, in OutcomeInput) (*Outcome, error) {
	return nil, errTodo
}

// DeleteOutcome takes a mistaken outcome back (its author or a manager);
// a commitment it made stays, since the commitment is its own record.
func (s *Service) DeleteOutcome(ctx context.Context, a *collective.Access, outcomeID int64) error { return errTodo }

// Outcomes lists an occurrence's outcomes in the order recorded.
func (s *Service) Outcomes(ctx context.Context, a *collective.Access, occurrenceID int64) ([]Outcome, error) {
	return nil, errTodo
}

// SetMinutes saves an occurrence's minutes (host, creator or steward).
func (s *Service) SetMinutes(ctx context.Context, a *collective.Access, occurrenceID int64, minutes string) error {
	return errTodo
}

// CloseReport marks an occurrence's report closed (after its end).
func (s *Service) CloseReport(ctx context.Context, a *collective.Access, occurrenceID int64) error { return errTodo }
