package gathering

import (
	"context"
	"time"

	"commonground/internal/collective"
)

// FeedScope is what a feed holds.
type FeedScope string

// Feed scopes.
const (
	CollectiveFeed FeedScope = "collective" // every gathering of the collective
	PersonalFeed   FeedScope = "person"     // those I am invited to or going to
)

// CalendarFeed is a subscribable calendar; its token is shown once.
type CalendarFeed struct {
	ID        int64      `db:"id" json:"id"`
	Scope     FeedScope  `db:"scope" json:"scope"`
	CreatedAt time.Time  `db:"created_at" json:"created_at"`
	RevokedAt *time.Time `db:"revoked_at" json:"revoked_at,omitempty"`
	UsedAt    *time.Time `db:"used_at" json:"used_at,omitempty"`
	URL       string     `db:"-" json:"url,omitempty"` // only when made
}

// CreateFeed makes a feed for me and returns it with its secret URL.
func (s *Service) CreateFeed(ctx context.Context, a *collective.Access, scope FeedScope) (*CalendarFeed, error) {
	return nil, errTodo
}

// Feeds lists my feeds in this collective.
func (s *Service) Feeds(ctx context.Context, a *collective.Access) ([]CalendarFeed, error) {
	return nil, errTodo
}

// RevokeFeed stops a feed of mine; its URL answers 404 from then on.
func (s *Service) RevokeFeed(ctx context.Context, a *collective.Access, id int64) error { return errTodo }

// Feed renders the calendar behind a feed token (the path's secret), or a
// NotFound error for an unknown or revoked token.
func (s *Service) Feed(ctx context.Context, token string) ([]byte, error) { return nil, errTodo }
