package gathering

import (
	"context"

	"commonground/internal/collective"
)

// MyBalance is my hours in gatherings for the last weeks and the coming
// ones against my focus budget.
func (s *Service) MyBalance(ctx context.Context, a *collective.Access) (*PersonalBalance, error) {
	return nil, errTodo
}

// SetFocus sets my weekly focus budget: the hours I can give to gatherings.
func (s *Service) SetFocus(ctx context.Context, a *collective.Access, minutesPerWeek int64) error {
	return errTodo
}

// Balance is the collective's balance dashboard (every member sees it).
func (s *Service) Balance(ctx context.Context, a *collective.Access, q BalanceQuery) (*CollectiveBalance, error) {
	return nil, errTodo
}
