package decision

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// Propose puts a proposal to the collective, with a decision on it at once
// when d is not nil (one transaction).
func (s *Service) Propose(ctx context.Context, a *collective.Access, in ProposalInput, d *DecisionInput) (*Proposal, *Decision, error) {
	return nil, nil, errTodo
}

// ProposeInTx is Propose inside another feature's transaction, with a
// decision (its Subject set), for features such as mandates that put
// something to a decision and react when it closes.
func (s *Service) ProposeInTx(ctx context.Context, tx *store.Tx, a *collective.Access, in ProposalInput, d DecisionInput) (proposalID, decisionID int64, err error) {
	return 0, 0, errTodo
}

// Proposals lists a page of the collective's proposals, newest first.
func (s *Service) Proposals(ctx context.Context, a *collective.Access, q ProposalQuery) (*ProposalPage, error) {
	return nil, errTodo
}

// Proposal returns a proposal with its thread, decisions and outcomes.
func (s *Service) Proposal(ctx context.Context, a *collective.Access, id int64) (*ProposalView, error) {
	return nil, errTodo
}

// UpdateProposal corrects a proposal's words (its author or a steward,
// while no decision on it is open).
func (s *Service) UpdateProposal(ctx context.Context, a *collective.Access, id int64, in ProposalInput) error {
	return errTodo
}

// WithdrawProposal takes a proposal back (its author or a steward); an open
// decision on it is cancelled.
func (s *Service) WithdrawProposal(ctx context.Context, a *collective.Access, id int64) error {
	return errTodo
}
