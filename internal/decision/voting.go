package decision

import (
	"context"

	"commonground/internal/collective"
)

// Vote casts or changes the viewer's ballot. In an anonymous decision it
// casts once and returns the receipt that ReplaceAnonymous takes.
func (s *Service) Vote(ctx context.Context, a *collective.Access, decisionID int64, in VoteInput) (*Receipt, error) {
	return nil, errTodo
}

// checkBallot checks a ballot against the decision's method, options and
// reason rule and returns the choice as stored (JSON).
func checkBallot(d *Decision, in VoteInput) (string, error) {
	return "", errTodo
}

// voterWeight returns the weight the member votes with in d, or an error
// saying why they may not vote (not in the electorate, an observer, …).
func (s *Service) voterWeight(ctx context.Context, q querier, a *collective.Access, d *Decision, memberID int64) (int64, error) {
	return 0, errTodo
}

// chamberOrgs lists the member's organisations that vote as a block in d:
// in an anonymous decision only those with at least the collective's
// minimum group size of people in the electorate.
func (s *Service) chamberOrgs(ctx context.Context, q querier, a *collective.Access, d *Decision, memberID int64) ([]int64, error) {
	return nil, errTodo
}
