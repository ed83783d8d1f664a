package activity

import (
	"cmp"
	"context"
	"slices"
	"time"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Reader is one person as one collective sees them. The activity package
// cannot ask the collective package (which records into it), so whoever
// calls a feed says who is reading and what they hold.
type Reader struct {
	UserID       int64
	CollectiveID int64
	Slug         string // for links and the collective's frame
	Name         string
	Archived     bool
	Member       bool
	Roles        []string // auth.Steward among them for a steward
}

// Steward reports whether the reader runs the collective.
func (r Reader) Steward() bool { return slices.Contains(r.Roles, auth.Steward) }

// audiences lists the shared audiences the reader belongs to; entries for
// the actor alone are matched on the actor, not here.
func (r Reader) audiences() []Audience {
	if !r.Member {
		return nil
	}
	out := []Audience{Everyone}
	if r.Steward() {
		out = append(out, Stewards)
	}
	for _, role := range r.Roles {
		if role != auth.Steward {
			out = append(out, Role(role))
		}
	}
	return out
}

// CanSee reports whether the reader may read an entry of their collective
// addressed to audience and done by actorID. The feeds' SQL applies the
// same rule; this is its plain statement, used by the tests.
func (r Reader) CanSee(audience Audience, actorID int64) bool {
	if audience == ActorOnly {
		return r.UserID != 0 && actorID == r.UserID
	}
	return slices.Contains(r.audiences(), audience)
}

// Query pages a feed.
type Query struct {
	Before int64 // only entries older than this id (the cursor); 0 for the newest
	Limit  int   // entries per page: 1 to MaxLimit, 0 for DefaultLimit
	Actor  int64 // only what this person did; 0 for everyone
}

// Page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Item is an entry as a reader sees it.
type Item struct {
	ID             int64     `db:"id" json:"id"`
	CollectiveID   *int64    `db:"collective_id" json:"-"`
	Collective     string    `db:"-" json:"collective,omitempty"` // the collective's slug; "" for a personal entry
	CollectiveName string    `db:"-" json:"collective_name,omitempty"`
	ActorID        *int64    `db:"actor_id" json:"actor_id"`
	Actor          string    `db:"actor" json:"actor"` // the actor's name now; "" when the system did it
	Verb           string    `db:"verb" json:"verb"`
	Subject        string    `db:"subject" json:"subject"`
	Summary        string    `db:"summary" json:"summary"`
	Link           string    `db:"link" json:"link"`
	Audience       string    `db:"audience" json:"audience"`
	CreatedAt      time.Time `db:"created_at" json:"created_at"`
}

// Page is one page of a feed, newest first. Next is the id to pass as
// Before for the following page; 0 when this is the last.
type Page struct {
	Items []Item
	Next  int64
}

// Log reads the activity log.
type Log struct {
	DB *store.DB
}

func (q *Query) check() error {
	switch {
	case q.Limit == 0:
		q.Limit = DefaultLimit
	case q.Limit < 1 || q.Limit > MaxLimit:
		return errs.Field("limit", "The limit must be between 1 and %d.", MaxLimit)
	}
	if q.Before < 0 {
		return errs.Field("cursor", "This cursor is not one this server made; start again from the first page.")
	}
	return nil
}

// Collective returns a page of one collective's feed as r may see it.
// Only members read a collective's activity.
func (l *Log) Collective(ctx context.Context, r Reader, q Query) (*Page, error) {
	if !r.Member {
		return nil, errs.New(errs.Forbidden, "Only members of %s can see its activity.", r.Name)
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	page, err := l.read(ctx, r.UserID, []Reader{r}, false, q)
	if err != nil {
		return nil, err
	}
	return page, nil
}

// Person returns a page of what happened in the collectives the person is
// a member of (one Reader each, with their roles there), and the
// person's own entries outside any collective.
func (l *Log) Person(ctx context.Context, userID int64, memberships []Reader, q Query) (*Page, error) {
	if userID == 0 {
		return nil, errs.New(errs.Unauthorized, "Please sign in first.")
	}
	if err := q.check(); err != nil {
		return nil, err
	}
	mine := make([]Reader, 0, len(memberships))
	for _, m := range memberships {
		if m.Member && m.UserID == userID {
			mine = append(mine, m)
		}
	}
	return l.read(ctx, userID, mine, true, q)
}

// read runs the feed query and names each item's collective.
func (l *Log) read(ctx context.Context, userID int64, readers []Reader, personal bool, q Query) (*Page, error) {
	queries := feedQueries(userID, readers, personal, q)
	items := []Item{}
	for _, fq := range queries {
		var part []Item
		if err := l.DB.Select(ctx, &part, fq.sql, fq.args...); err != nil {
			return nil, err
		}
		items = append(items, part...)
	}
	if len(queries) > 1 {
		// Each query gave its newest Limit+1; the page is the newest of all.
		// No entry is in two queries: each scan is one collective's, or
		// the person's own outside any, and readers are not split.
		slices.SortFunc(items, func(a, b Item) int { return cmp.Compare(b.ID, a.ID) })
		items = items[:min(len(items), q.Limit+1)]
	}
	page := &Page{Items: items}
	if len(items) > q.Limit {
		page.Items = items[:q.Limit]
		page.Next = page.Items[q.Limit-1].ID
	}
	byID := make(map[int64]Reader, len(readers))
	for _, r := range readers {
		byID[r.CollectiveID] = r
	}
	for i := range page.Items {
		if c := page.Items[i].CollectiveID; c != nil {
			page.Items[i].Collective, page.Items[i].CollectiveName = byID[*c].Slug, byID[*c].Name
		}
	}
	return page, nil
}

// AudienceLabel says, for people, who else can read the item.
func (i Item) AudienceLabel() string {
	switch Audience(i.Audience) {
	case Everyone:
		return "Members"
	case Stewards:
		return "Stewards only"
	case ActorOnly:
		return "Only you"
	}
	name := i.Audience[len(rolePrefix):]
	for _, r := range auth.Roles() {
		if r.Name == name {
			return "Role: " + r.Label
		}
	}
	return "Role: " + name
}
