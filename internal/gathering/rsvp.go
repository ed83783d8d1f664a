package gathering

import (
	"context"

	"commonground/internal/collective"
)

// Respond records my answer for one occurrence (invited members only). A
// "going" past capacity waits; a "declined" by someone going gives the
// place to whoever has waited longest, who is told. Past or cancelled dates
// take no answers.
func (s *Service) Respond(ctx context.Context, a *collective.Access, occurrenceID int64, in RSVPInput) (*Registration, error) {
	return nil, errTodo
}

// Registrations lists the answers for one occurrence: going, then waiting
// in order, then declined.
func (s *Service) Registrations(ctx context.Context, a *collective.Access, occurrenceID int64) ([]Registration, error) {
	return nil, errTodo
}
