package gathering

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"time"

	"commonground/internal/gathering/ical"
	"commonground/internal/store"
)

// newUID is a calendar UID: random, so it reveals nothing, and under the
// site's host name, as RFC 5545 suggests, so it is unique across sites.
func (s *Service) newUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read does not fail
	host := "commonground"
	if u, err := url.Parse(s.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return hex.EncodeToString(b) + "@" + host
}

// writeDetails replaces a gathering's invitees, agenda and pre-reads.
func writeDetails(ctx context.Context, tx *store.Tx, id int64, p *plan) error {
	for _, table := range []string{"gathering_invitees", "gathering_agenda", "gathering_prereads"} {
		if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE gathering_id = ?", id); err != nil {
			return err
		}
	}
	for _, m := range p.members {
		if _, err := tx.Exec(ctx, "INSERT INTO gathering_invitees (gathering_id, member_id) VALUES (?, ?)", id, m); err != nil {
			return err
		}
	}
	for _, o := range p.orgs {
		if _, err := tx.Exec(ctx, "INSERT INTO gathering_invitees (gathering_id, organisation_id) VALUES (?, ?)", id, o); err != nil {
			return err
		}
	}
	for i, it := range p.in.Agenda {
		var owner *int64
		if it.OwnerMemberID != 0 {
			owner = &it.OwnerMemberID
		}
		if _, err := tx.Exec(ctx, `INSERT INTO gathering_agenda (gathering_id, position, title, owner_member_id, minutes, notes)
			VALUES (?, ?, ?, ?, ?, ?)`, id, i+1, it.Title, owner, it.Minutes, it.Notes); err != nil {
			return err
		}
	}
	for _, r := range p.in.Prereads {
		if _, err := tx.Exec(ctx, "INSERT INTO gathering_prereads (gathering_id, title, url) VALUES (?, ?, ?)", id, r.Title, r.URL); err != nil {
			return err
		}
	}
	return nil
}

// insertDate adds one date of g unless the date (its RECURRENCE-ID) is
// there already, and reports whether it did: the extend job and an edit may
// both reach the same date.
func insertDate(ctx context.Context, tx *store.Tx, g *Gathering, rid time.Time) (bool, error) {
	n, err := tx.Exec(ctx, `INSERT INTO gathering_occurrences (gathering_id, collective_id, recurrence_id, starts_at, ends_at, status)
		VALUES (?, ?, ?, ?, ?, 'planned') ON CONFLICT (gathering_id, recurrence_id) DO NOTHING`,
		g.ID, g.CollectiveID, rid.UTC(), rid.UTC(), rid.Add(g.Duration()).UTC())
	return n > 0, err
}

// ruleOf parses a stored rule; nil for a single date.
func ruleOf(g *Gathering) (*ical.Rule, error) {
	if g.RRule == "" {
		return nil, nil
	}
	r, err := ical.ParseRule(g.RRule)
	return &r, err
}

// makeDates adds g's dates at or after from (all of a bounded rule's, an
// open-ended one's up to the horizon, the one date of a single gathering)
// that are not there yet, and reports how many it added.
func makeDates(ctx context.Context, tx *store.Tx, g *Gathering, from time.Time) (int, error) {
	return makeDatesAt(ctx, tx, g, from, tx.Now)
}

// makeDatesAt is makeDates with the horizon counted from now.
func makeDatesAt(ctx context.Context, tx *store.Tx, g *Gathering, from, now time.Time) (int, error) {
	rule, err := ruleOf(g)
	if err != nil {
		return 0, err
	}
	starts := []time.Time{g.StartsAt}
	if rule != nil {
		loc, err := time.LoadLocation(g.TimeZone)
		if err != nil {
			return 0, err
		}
		if starts, err = dates(rule, g.StartsAt, loc, from, now); err != nil {
			return 0, err
		}
	} else if g.StartsAt.Before(from) {
		starts = nil
	}
	made := 0
	for _, t := range starts {
		ok, err := insertDate(ctx, tx, g, t)
		if err != nil {
			return made, err
		}
		if ok {
			made++
		}
	}
	return made, nil
}
