package decision

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// ReplaceAnonymous replaces the anonymous ballot whose receipt code the
// signed-in voter gives; the old ballot is never shown.
func (s *Service) ReplaceAnonymous(ctx context.Context, a *collective.Access, decisionID int64, receipt string, in VoteInput) error {
	return errTodo
}

// anonBallot is an anonymous ballot as the count reads it.
type anonBallot struct {
	Choice      string
	Reason      string
	ChamberOrgs []int64
}

// insertAnonymous stores an anonymous ballot (no voter, no time, random
// key) and returns the receipt code shown once to the voter. The caller has
// checked the voter and the ballot and writes the turnout record.
func (s *Service) insertAnonymous(ctx context.Context, tx *store.Tx, d *Decision, choiceJSON, reason string, chamberOrgs []int64) (string, error) {
	return "", errTodo
}

// anonymousBallots reads a decision's anonymous ballots in key order.
func (s *Service) anonymousBallots(ctx context.Context, tx *store.Tx, decisionID int64) ([]anonBallot, error) {
	return nil, errTodo
}
