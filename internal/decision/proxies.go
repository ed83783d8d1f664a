package decision

import (
	"context"

	"commonground/internal/collective"
)

// Delegate lets another member vote for the viewer in one decision or on a
// topic; a delegation that would close a cycle is refused.
func (s *Service) Delegate(ctx context.Context, a *collective.Access, in ProxyInput) (*Proxy, error) {
	return nil, errTodo
}

// RevokeProxy takes a proxy back (the member who gave it).
func (s *Service) RevokeProxy(ctx context.Context, a *collective.Access, id int64) error {
	return errTodo
}

// Proxies lists the active proxies the viewer gave and received.
func (s *Service) Proxies(ctx context.Context, a *collective.Access) (*ProxyList, error) {
	return nil, errTodo
}
