package gathering

// Helpers of the attendance tests: gatherings written straight to the
// database, so these tests do not wait on Create, and check-ins, answers
// and outcomes by shorthand.

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// seedG describes a gathering to write: dates are UTC starts, each lasting
// length; Invite lists members when not everyone is invited.
type seedG struct {
	Title     string
	Starts    []time.Time
	Length    time.Duration
	Capacity  int64
	Invite    []int64 // member ids; nil invites everyone
	InviteOrg int64
	Host      *collective.Access
	Creator   *collective.Access
	Status    Status
	Format    Format
	RRule     string
}

// seedCount numbers the seeded gatherings' UIDs.
var seedCount atomic.Int64

// seed writes g and its dates and returns their ids.
func (f *fixture) seed(t testing.TB, g seedG) (int64, []int64) {
	t.Helper()
	ctx := context.Background()
	if g.Title == "" {
		g.Title = "Partners' round"
	}
	if g.Length == 0 {
		g.Length = 90 * time.Minute
	}
	if len(g.Starts) == 0 {
		g.Starts = []time.Time{time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)} // 10:00 in Berlin
	}
	if g.Status == "" {
		g.Status = Planned
	}
	if g.Format == "" {
		g.Format = InPerson
	}
	if g.Creator == nil {
		g.Creator = f.A
	}
	var host *int64
	if g.Host != nil {
		host = &g.Host.MemberID
	}
	var gid int64
	var occs []int64
	err := f.DB.Write(ctx, func(tx *store.Tx) error {
		var err error
		gid, err = tx.Insert(ctx, `INSERT INTO gatherings (collective_id, uid, title, intention, format, time_zone, starts_at,
			ends_at, rrule, capacity, registration, invite_everyone, status, host_member_id, created_by, created_at, updated_at)
			VALUES (?, ?, ?, 'Something different.', ?, 'Europe/Berlin', ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?)`,
			f.Coll.ID, fmt.Sprintf("seed-%d@cg.example", seedCount.Add(1)),
			g.Title, g.Format, g.Starts[0], g.Starts[0].Add(g.Length), g.RRule, g.Capacity, g.Invite == nil && g.InviteOrg == 0,
			g.Status, host, g.Creator.User.ID, tx.Now, tx.Now)
		if err != nil {
			return err
		}
		for _, m := range g.Invite {
			if _, err := tx.Exec(ctx, "INSERT INTO gathering_invitees (gathering_id, member_id) VALUES (?, ?)", gid, m); err != nil {
				return err
			}
		}
		if g.InviteOrg != 0 {
			if _, err := tx.Exec(ctx, "INSERT INTO gathering_invitees (gathering_id, organisation_id) VALUES (?, ?)", gid, g.InviteOrg); err != nil {
				return err
			}
		}
		for _, s := range g.Starts {
			id, err := tx.Insert(ctx, `INSERT INTO gathering_occurrences (gathering_id, collective_id, recurrence_id, starts_at, ends_at, status)
				VALUES (?, ?, ?, ?, ?, 'planned')`, gid, f.Coll.ID, s, s, s.Add(g.Length))
			if err != nil {
				return err
			}
			occs = append(occs, id)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("seed %s: %v", g.Title, err)
	}
	return gid, occs
}

// counters reads an occurrence's going, waiting and attended.
func (f *fixture) counters(t testing.TB, occ int64) [3]int64 {
	t.Helper()
	var c struct {
		Going, Waiting, Attended int64
	}
	if err := f.DB.Get(context.Background(), &c, "SELECT going, waiting, attended FROM gathering_occurrences WHERE id = ?", occ); err != nil {
		t.Fatal(err)
	}
	return [3]int64{c.Going, c.Waiting, c.Attended}
}

// answers lists "name status" of an occurrence in Registrations' order.
func (f *fixture) answers(t testing.TB, occ int64) []string {
	t.Helper()
	rs, err := f.S.Registrations(ctxOf(f.Steward), f.Steward, occ)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Name+" "+string(r.Status))
	}
	return out
}

func (f *fixture) rsvp(t testing.TB, a *collective.Access, occ int64, st RSVP) *Registration {
	t.Helper()
	r, err := f.S.Respond(ctxOf(a), a, occ, RSVPInput{Status: st})
	if err != nil {
		t.Fatalf("%s answers %s: %v", a.User.Name, st, err)
	}
	return r
}

func (f *fixture) checkIn(t testing.TB, by *collective.Access, occ int64, who *collective.Access) {
	t.Helper()
	if _, err := f.S.CheckIn(ctxOf(by), by, occ, CheckInInput{MemberID: who.MemberID}); err != nil {
		t.Fatalf("check in %s: %v", who.User.Name, err)
	}
}

// at sets the clock.
func (f *fixture) at(t time.Time) { f.Clock.Set(t) }

// exec runs one statement straight on the database.
func (f *fixture) exec(t testing.TB, query string, args ...any) {
	t.Helper()
	err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(context.Background(), query, args...)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// logLines lists "audience | summary" of the activity entries whose verb is
// like pattern, oldest first.
func (f *fixture) logLines(t testing.TB, pattern string) []string {
	t.Helper()
	var out []string
	if err := f.DB.Select(context.Background(), &out, `SELECT audience || ' | ' || summary FROM activity
		WHERE collective_id = ? AND verb LIKE ? ORDER BY id`, f.Coll.ID, pattern); err != nil {
		t.Fatal(err)
	}
	return out
}
