package decision

import (
	"context"

	"commonground/internal/collective"
)

// StartDecision opens (or schedules) a decision on a proposal.
func (s *Service) StartDecision(ctx context.Context, a *collective.Access, proposalID int64, in DecisionInput) (*Decision, error) {
	return nil, errTodo
}

// Decision returns a decision as the viewer sees it.
func (s *Service) Decision(ctx context.Context, a *collective.Access, id int64) (*DecisionView, error) {
	return nil, errTodo
}

// Cancel stops a decision before it closes (the proposer or a steward);
// its ballots are not counted.
func (s *Service) Cancel(ctx context.Context, a *collective.Access, id int64) error {
	return errTodo
}
