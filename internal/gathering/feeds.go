package gathering

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
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

// MaxFeeds is how many live feeds one person may keep in a collective: a
// few calendar programs each, and a bound on what a leaked session can mint.
const MaxFeeds = 20

// feedTokenLen is the length of a token: 32 random bytes in unpadded
// base64url.
const feedTokenLen = 43

// feedUseEvery is how often a feed's used_at moves: calendar programs poll
// every few minutes, and a write per poll would cost more than it tells.
const feedUseEvery = time.Hour

// CreateFeed makes a feed for me and returns it with its secret URL.
// Members make feeds, observers too: a feed only reads.
func (s *Service) CreateFeed(ctx context.Context, a *collective.Access, scope FeedScope) (*CalendarFeed, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	if scope != CollectiveFeed && scope != PersonalFeed {
		return nil, errs.Field("scope", "Choose what the feed holds: %q (every gathering of %s) or %q (yours).",
			CollectiveFeed, a.Collective.Name, PersonalFeed)
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw[:])
	f := &CalendarFeed{Scope: scope, URL: strings.TrimSuffix(s.BaseURL, "/") + "/calendar/" + token}
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		var live int
		if err := tx.Get(ctx, &live, `SELECT COUNT(*) FROM calendar_feeds WHERE member_id = ? AND revoked_at IS NULL`,
			a.MemberID); err != nil {
			return err
		}
		if live >= MaxFeeds {
			return errs.New(errs.Conflict, "You have %d calendar feeds here already; revoke one you no longer use first.", live)
		}
		id, err := tx.Insert(ctx, `INSERT INTO calendar_feeds (collective_id, member_id, scope, token_hash, created_at)
			VALUES (?, ?, ?, ?, ?)`, a.Collective.ID, a.MemberID, string(scope), tokenHash(token), tx.Now)
		if err != nil {
			return err
		}
		f.ID, f.CreatedAt = id, tx.Now
		// The actor alone: who subscribes to what is nobody else's business.
		return activity.Record(ctx, tx, activity.Entry{CollectiveID: a.Collective.ID, ActorID: a.User.ID,
			Verb: "gathering.feed_created", Summary: "made a calendar feed (" + feedLabel(scope) + ")",
			Link: Base(a) + "/calendars", Audience: activity.ActorOnly})
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Feeds lists my feeds in this collective, newest first, revoked ones too
// (so I can see what I stopped).
func (s *Service) Feeds(ctx context.Context, a *collective.Access) ([]CalendarFeed, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	out := []CalendarFeed{}
	err := s.DB.Select(ctx, &out, `SELECT id, scope, created_at, revoked_at, used_at FROM calendar_feeds
		WHERE member_id = ? ORDER BY id DESC`, a.MemberID)
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
		out[i].RevokedAt, out[i].UsedAt = utcPtr(out[i].RevokedAt), utcPtr(out[i].UsedAt)
	}
	return out, err
}

// RevokeFeed stops a feed of mine; its URL answers 404 from then on.
// Another person's feed is as unknown as a missing one. Revoking twice
// is no error.
func (s *Service) RevokeFeed(ctx context.Context, a *collective.Access, id int64) error {
	if err := requireReader(a); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var scope FeedScope
		err := tx.Get(ctx, &scope, `SELECT scope FROM calendar_feeds WHERE id = ? AND member_id = ?`, id, a.MemberID)
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "You have no such calendar feed.")
		}
		if err != nil {
			return err
		}
		n, err := tx.Exec(ctx, `UPDATE calendar_feeds SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, tx.Now, id)
		if err != nil || n == 0 {
			return err
		}
		return activity.Record(ctx, tx, activity.Entry{CollectiveID: a.Collective.ID, ActorID: a.User.ID,
			Verb: "gathering.feed_revoked", Summary: "revoked a calendar feed (" + feedLabel(scope) + ")",
			Link: Base(a) + "/calendars", Audience: activity.ActorOnly})
	})
}

// feedRow is a feed found by its token, with what rendering it needs.
type feedRow struct {
	ID           int64      `db:"id"`
	CollectiveID int64      `db:"collective_id"`
	MemberID     int64      `db:"member_id"`
	Scope        FeedScope  `db:"scope"`
	RevokedAt    *time.Time `db:"revoked_at"`
	UsedAt       *time.Time `db:"used_at"`
	Slug         string     `db:"slug"`
	Name         string     `db:"name"`
}

// Feed renders the calendar behind a feed token (the path's secret), or a
// NotFound error for an unknown or revoked token. A token may end in
// ".ics", which some calendar programs want to see.
func (s *Service) Feed(ctx context.Context, token string) ([]byte, error) {
	token = strings.TrimSuffix(token, ".ics")
	gone := errs.New(errs.NotFound, "There is no such calendar feed; it may have been revoked.")
	if len(token) != feedTokenLen {
		return nil, gone
	}
	var f feedRow
	// The member and account must still be there: a feed outlives neither.
	err := s.DB.Get(ctx, &f, `SELECT f.id, f.collective_id, f.member_id, f.scope, f.revoked_at, f.used_at, c.slug, c.name
		FROM calendar_feeds f
		JOIN collectives c ON c.id = f.collective_id
		JOIN members m ON m.id = f.member_id
		JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
		WHERE f.token_hash = ?`, tokenHash(token))
	if store.NotFound(err) || (err == nil && f.RevokedAt != nil) {
		return nil, gone
	}
	if err != nil {
		return nil, err
	}
	if now := s.DB.Now(); f.UsedAt == nil || now.Sub(*f.UsedAt) >= feedUseEvery {
		if err := s.DB.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE calendar_feeds SET used_at = ? WHERE id = ? AND (used_at IS NULL OR used_at <= ?)`,
				tx.Now, f.ID, tx.Now.Add(-feedUseEvery))
			return err
		}); err != nil {
			return nil, err
		}
	}
	return s.renderFeed(ctx, &f)
}

// tokenHash is what is stored of a token: its SHA-256 in hex. A token has
// 256 random bits, so a plain hash is enough; nothing is to be stretched.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func feedLabel(scope FeedScope) string {
	if scope == PersonalFeed {
		return "my gatherings"
	}
	return "all gatherings"
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
