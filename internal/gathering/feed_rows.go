package gathering

import (
	"cmp"
	"context"
	"slices"
	"time"

	"commonground/internal/store"
)

// feedHistoryDays is how far back a feed keeps single gatherings: enough
// for a calendar to show last year, bounded so a feed does not grow
// forever. Recurring ones stay while their rule does, and every coming
// gathering is in.
const feedHistoryDays = 366

// personalFilter keeps the gatherings a member is invited to (everyone,
// by name, or through an organisation) or has answered going or waiting
// for. Sub-selects by member, not EXISTS per gathering: each reads one
// index range once, whatever the number of gatherings.
const personalFilter = ` AND (g.invite_everyone
	OR g.id IN (SELECT i.gathering_id FROM gathering_invitees i WHERE i.member_id = ?)
	OR g.id IN (SELECT i.gathering_id FROM gathering_invitees i
		JOIN affiliations af ON af.organisation_id = i.organisation_id WHERE af.member_id = ?)
	OR g.id IN (SELECT o.gathering_id FROM gathering_registrations r
		JOIN gathering_occurrences o ON o.id = r.occurrence_id WHERE r.member_id = ? AND r.status <> 'declined'))`

// feedColumns are only the columns a VEVENT uses, and no join for the
// host's name: a feed of thousands of gatherings spends most of its time
// reading rows. Feeds read them packed (feed_packed.go); this plain form
// is the fallback.
const feedColumns = `SELECT g.id, g.uid, g.title, g.intention, g.place, g.link, g.time_zone, g.starts_at, g.ends_at,
	g.rrule, g.status, g.sequence, g.updated_at FROM gatherings g `

// feedWhere bounds a feed to the collective's dated gatherings: every
// recurring one and every single one that ended within feedHistoryDays or
// is still to come.
const feedWhere = `WHERE g.collective_id = ? AND g.status <> 'scheduling' AND (g.rrule <> '' OR g.ends_at >= ?)`

// feedIndex makes SQLite read the rows through gatherings_feed (migration
// 00018), in rowid order: through the (collective, status, start) index
// the lookups follow the start times around a table larger than the
// connection's page cache, and half the feed's time went to reading pages
// back from the OS. The order by start is made in Go, cheaper than
// SQLite's sort of whole rows. PostgreSQL reads the table in one
// sequential scan either way.
func feedIndex(d store.Dialect) string {
	if d == store.SQLite {
		return "INDEXED BY gatherings_feed "
	}
	return ""
}

// The queries of both dialects, packed and plain.
var (
	feedPacked = map[store.Dialect]string{
		store.SQLite:   packedSQL(store.SQLite) + feedIndex(store.SQLite) + feedWhere,
		store.Postgres: packedSQL(store.Postgres) + feedWhere,
	}
	feedPlain = map[store.Dialect]string{
		store.SQLite:   feedColumns + feedIndex(store.SQLite) + feedWhere,
		store.Postgres: feedColumns + feedWhere,
	}
)

// feedGathering is a gathering as a feed reads it.
type feedGathering struct {
	ID        int64     `db:"id"`
	UID       string    `db:"uid"`
	Title     string    `db:"title"`
	Intention string    `db:"intention"`
	Place     string    `db:"place"`
	Link      string    `db:"link"`
	TimeZone  string    `db:"time_zone"`
	StartsAt  time.Time `db:"starts_at"`
	EndsAt    time.Time `db:"ends_at"`
	RRule     string    `db:"rrule"`
	Status    Status    `db:"status"`
	Sequence  int64     `db:"sequence"`
	UpdatedAt time.Time `db:"updated_at"`
}

// feedGatherings reads a feed's gatherings, by start then id, times in UTC.
func (s *Service) feedGatherings(ctx context.Context, f *feedRow) ([]feedGathering, error) {
	d := s.DB.Dialect
	where := ""
	args := []any{f.CollectiveID, s.DB.Now().AddDate(0, 0, -feedHistoryDays)}
	if f.Scope == PersonalFeed {
		where = personalFilter
		args = append(args, f.MemberID, f.MemberID, f.MemberID)
	}
	var rows []string
	if err := s.DB.Select(ctx, &rows, feedPacked[d]+where, args...); err != nil {
		return nil, err
	}
	gs := make([]feedGathering, len(rows))
	for i, row := range rows {
		if err := decodePacked(d, row, &gs[i]); err != nil {
			gs = nil
			break
		}
	}
	if gs == nil {
		if err := s.DB.Select(ctx, &gs, feedPlain[d]+where, args...); err != nil {
			return nil, err
		}
		for i := range gs {
			g := &gs[i]
			g.StartsAt, g.EndsAt, g.UpdatedAt = g.StartsAt.UTC(), g.EndsAt.UTC(), g.UpdatedAt.UTC()
		}
	}
	return byStart(gs), nil
}

// byStart orders gatherings by start, then id, in place. It sorts small
// keys and moves each row once along the permutation's cycles: sorting
// the rows themselves (over 200 bytes each) cost a tenth of a feed of
// 10,000, and a sorted copy would be more for the collector to do.
func byStart(gs []feedGathering) []feedGathering {
	type key struct {
		sec, id  int64
		nsec, at int
	}
	less := func(a, b key) int {
		return cmp.Or(cmp.Compare(a.sec, b.sec), cmp.Compare(a.nsec, b.nsec), cmp.Compare(a.id, b.id))
	}
	keys := make([]key, len(gs))
	sorted := true
	for i := range gs {
		keys[i] = key{sec: gs[i].StartsAt.Unix(), nsec: gs[i].StartsAt.Nanosecond(), id: gs[i].ID, at: i}
		if i > 0 && less(keys[i-1], keys[i]) > 0 {
			sorted = false
		}
	}
	if sorted {
		return gs
	}
	slices.SortFunc(keys, less)
	// Position i takes the row at keys[i].at; each cycle is walked once,
	// and a placed position is marked by at = -1.
	for i := range keys {
		if keys[i].at < 0 || keys[i].at == i {
			continue
		}
		held := gs[i]
		j := i
		for {
			from := keys[j].at
			keys[j].at = -1
			if from == i {
				gs[j] = held
				break
			}
			gs[j] = gs[from]
			j = from
		}
	}
	return gs
}

// feedMoved are the collective's dates that differ from their rule (moved
// or cancelled), with whether the member declined each. A partial index
// (migration 00018) holds just these, so the read does not pass over every
// date of every series as a scan with the member's answers joined did.
const feedMoved = `SELECT o.gathering_id, o.recurrence_id, o.starts_at, o.ends_at, o.status, o.moved,
		CASE WHEN r.status = 'declined' THEN TRUE ELSE FALSE END AS declined
	FROM gathering_occurrences o
	LEFT JOIN gathering_registrations r ON r.occurrence_id = o.id AND r.member_id = ?
	WHERE o.collective_id = ? AND (o.moved OR o.status = 'cancelled')`

// feedDeclined adds the other dates the member declined, found from the
// member's own answers (an index of them, migration 00018).
const feedDeclined = `
	UNION ALL
	SELECT o.gathering_id, o.recurrence_id, o.starts_at, o.ends_at, o.status, o.moved, TRUE
	FROM gathering_registrations r
	JOIN gathering_occurrences o ON o.id = r.occurrence_id
	WHERE r.member_id = ? AND r.status = 'declined' AND o.collective_id = ? AND NOT (o.moved OR o.status = 'cancelled')`

// feedExceptions reads the dates a feed shows apart from the rules: moved
// or cancelled ones, and for a personal feed those its person declined
// (they leave that person's feed only), by gathering and date.
func (s *Service) feedExceptions(ctx context.Context, f *feedRow) ([]calOcc, error) {
	// A collective feed has no person: member 0 matches no answer.
	q, args := feedMoved, []any{int64(0), f.CollectiveID}
	if f.Scope == PersonalFeed {
		q += feedDeclined
		args = []any{f.MemberID, f.CollectiveID, f.MemberID, f.CollectiveID}
	}
	var occs []calOcc
	if err := s.DB.Select(ctx, &occs, q+` ORDER BY 1, 2`, args...); err != nil {
		return nil, err
	}
	return occs, nil
}
