package decision

import (
	"context"

	"commonground/internal/collective"
)

// AddComment adds a comment (or, with parentID, a reply) to a proposal's
// discussion; people it mentions by name (@Ana Lima) are notified.
func (s *Service) AddComment(ctx context.Context, a *collective.Access, proposalID, parentID int64, body string) (*Comment, error) {
	return nil, errTodo
}

// EditComment corrects one's own comment.
func (s *Service) EditComment(ctx context.Context, a *collective.Access, commentID int64, body string) error {
	return errTodo
}

// DeleteComment removes a comment's words (its author or a steward); the
// comment keeps its place so replies still read in context.
func (s *Service) DeleteComment(ctx context.Context, a *collective.Access, commentID int64) error {
	return errTodo
}
