package gathering

import (
	"context"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Create plans a gathering (any contributing member). With a Start it is
// planned and its occurrences are made; with CandidateStarts instead, a
// time poll is opened through the Scheduler and the gathering waits in
// Scheduling until PollClosed sets its date. Invitees hear through announce
// once the date is known (the poll itself asks the voters).
func (s *Service) Create(ctx context.Context, a *collective.Access, in Input) (*Gathering, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to plan a gathering in %s.", a.Collective.Name)
	}
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	var id int64
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		p, err := s.check(ctx, tx, a, in, tx.Now, forCreate)
		if err != nil {
			return err
		}
		status := Planned
		if p.scheduling() {
			status = Scheduling
		}
		id, err = tx.Insert(ctx, `INSERT INTO gatherings (collective_id, uid, title, intention, format, place, link, time_zone,
			starts_at, ends_at, rrule, capacity, registration, invite_everyone, status, host_member_id, sequence, version,
			created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?)`,
			a.Collective.ID, s.newUID(), p.in.Title, p.in.Intention, p.in.Format, p.in.Place, p.in.Link, p.in.TimeZone,
			p.start, p.end, p.rrule(), p.in.Capacity, p.in.Registration, p.in.InviteEveryone, status, p.host,
			a.User.ID, tx.Now, tx.Now)
		if err != nil {
			return err
		}
		if err := writeDetails(ctx, tx, id, p); err != nil {
			return err
		}
		g, err := loadGathering(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if p.scheduling() {
			return s.openPoll(ctx, tx, a, g, p)
		}
		if _, err := makeDates(ctx, tx, g, g.StartsAt); err != nil {
			return err
		}
		if err := record(ctx, tx, a, activity.Everyone, "gathering.planned", id, GatheringLink(a, id),
			whoActs(a)+" planned “"+g.Title+"” for "+localWhen(g.StartsAt, g.TimeZone)+"."); err != nil {
			return err
		}
		return s.announce(ctx, tx, a, g, AnnounceInvited, nil)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, a, id)
}

// openPoll asks the Scheduler for the time poll that sets g's date, voted
// by the invitees (every member when everyone is invited).
func (s *Service) openPoll(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering, p *plan) error {
	var voters []int64
	if !g.InviteEveryone {
		var err error
		if voters, err = inviteeMembers(ctx, tx, g); err != nil {
			return err
		}
	}
	pid, err := s.Scheduler.OpenTimePoll(ctx, tx, a, TimePoll{Question: "When shall we hold “" + g.Title + "”?",
		Details: g.Intention, Starts: p.candidates, Duration: g.Duration(), ClosesAt: p.pollCloses,
		Subject: Subject(g.ID), Voters: voters})
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE gatherings SET poll_decision_id = ? WHERE id = ?", pid, g.ID); err != nil {
		return err
	}
	return record(ctx, tx, a, activity.Everyone, "gathering.planned", g.ID, GatheringLink(a, g.ID),
		whoActs(a)+" planned “"+g.Title+"”; a time poll sets its date.")
}

// Update changes a gathering (its host, its creator or a steward), with
// the version read, raising SEQUENCE. Changed dates remake the coming
// occurrences (past ones and moved ones stay; see remake); a capacity below
// the number already going is refused. A gathering waiting for its time
// poll may be edited without a start (it keeps waiting) or given one (it is
// planned, and the poll no longer matters to it). People the edit takes
// off the invitations lose their answers on coming dates and are sent a
// CANCEL (see uninvite).
func (s *Service) Update(ctx context.Context, a *collective.Access, id int64, in Input, version int64) (*Gathering, error) {
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		old, err := loadGathering(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := s.requireManager(ctx, tx, a, old); err != nil {
			return err
		}
		if old.Status == Cancelled {
			return errs.New(errs.Conflict, "This gathering was cancelled; it can no longer be changed.")
		}
		if old.Version != version {
			return errStale()
		}
		if in.HostMemberID == 0 && old.HostMemberID != nil {
			// No host given keeps the host: an edit by a steward does not
			// make the steward host.
			in.HostMemberID = *old.HostMemberID
		}
		mode := forUpdate
		if old.Status == Scheduling {
			mode = forOpenEdit
		}
		p, err := s.check(ctx, tx, a, in, tx.Now, mode)
		if err != nil {
			return err
		}
		if err := checkCapacity(ctx, tx, id, p.in.Capacity, tx.Now); err != nil {
			return err
		}
		before, err := invitedPeople(ctx, tx, old)
		if err != nil {
			return err
		}
		status, start, end := old.Status, p.start, p.end
		if p.open {
			start, end = old.StartsAt, old.EndsAt
		} else {
			status = Planned
		}
		n, err := tx.Exec(ctx, `UPDATE gatherings SET title = ?, intention = ?, format = ?, place = ?, link = ?, time_zone = ?,
			starts_at = ?, ends_at = ?, rrule = ?, capacity = ?, registration = ?, invite_everyone = ?, status = ?,
			host_member_id = ?, sequence = sequence + 1, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`,
			p.in.Title, p.in.Intention, p.in.Format, p.in.Place, p.in.Link, p.in.TimeZone, start, end, p.rrule(),
			p.in.Capacity, p.in.Registration, p.in.InviteEveryone, status, p.host, tx.Now, id, version)
		if err != nil {
			return err
		}
		if n == 0 {
			return errStale()
		}
		if err := writeDetails(ctx, tx, id, p); err != nil {
			return err
		}
		g, err := loadGathering(ctx, tx, a, id)
		if err != nil {
			return err
		}
		what := AnnounceChanged
		switch {
		case old.Status == Scheduling && g.Status == Planned:
			// The date is set by hand: this is the invitation.
			what = AnnounceInvited
			if _, err := makeDates(ctx, tx, g, g.StartsAt); err != nil {
				return err
			}
		case g.Status == Planned && datesChanged(old, g):
			if err := remake(ctx, tx, old, g); err != nil {
				return err
			}
		}
		if err := s.uninvite(ctx, tx, a, g, before, old.Status != Scheduling); err != nil {
			return err
		}
		if err := s.promoteAll(ctx, tx, a, g); err != nil {
			return err
		}
		if err := record(ctx, tx, a, activity.Everyone, "gathering.changed", id, GatheringLink(a, id),
			whoActs(a)+" changed “"+g.Title+"”."); err != nil {
			return err
		}
		if g.Status == Scheduling {
			return nil // nobody has been invited to a date yet
		}
		return s.announceEdit(ctx, tx, a, g, what, before)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, a, id)
}

// errStale is the optimistic check's refusal.
func errStale() error {
	return errs.New(errs.Conflict, "Someone changed this gathering while you were editing; reload to see their changes.")
}

// datesChanged reports whether an edit touched when g takes place.
func datesChanged(old, g *Gathering) bool {
	return !old.StartsAt.Equal(g.StartsAt) || !old.EndsAt.Equal(g.EndsAt) || old.RRule != g.RRule || old.TimeZone != g.TimeZone
}

// Cancel calls the whole gathering off (host, creator or steward); coming
// occurrences are cancelled and invitees told. Past ones stay as they were:
// they happened.
func (s *Service) Cancel(ctx context.Context, a *collective.Access, id int64) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		g, err := loadGathering(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := s.requireManager(ctx, tx, a, g); err != nil {
			return err
		}
		if g.Status == Cancelled {
			return errs.New(errs.Conflict, "This gathering is already cancelled.")
		}
		// Conditional, so of two cancels at once (PostgreSQL reads the
		// status before the row lock) only one is done and logged.
		n, err := tx.Exec(ctx, `UPDATE gatherings SET status = 'cancelled', sequence = sequence + 1, version = version + 1,
			updated_at = ? WHERE id = ? AND status <> 'cancelled'`, tx.Now, id)
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.New(errs.Conflict, "This gathering is already cancelled.")
		}
		if _, err := tx.Exec(ctx, `UPDATE gathering_occurrences SET status = 'cancelled'
			WHERE gathering_id = ? AND starts_at >= ?`, id, tx.Now); err != nil {
			return err
		}
		wasOpen := g.Status == Scheduling
		if g, err = loadGathering(ctx, tx, a, id); err != nil {
			return err
		}
		if err := record(ctx, tx, a, activity.Everyone, "gathering.cancelled", id, GatheringLink(a, id),
			whoActs(a)+" cancelled “"+g.Title+"”."); err != nil {
			return err
		}
		if wasOpen {
			return nil // nobody was invited to a date
		}
		return s.announce(ctx, tx, a, g, AnnounceCancelled, nil)
	})
}

// Get reads a gathering with its invitees, agenda and pre-reads; people
// not invited still see it (gatherings are open to the collective to read).
func (s *Service) Get(ctx context.Context, a *collective.Access, id int64) (*Gathering, error) {
	if err := requireReader(a); err != nil {
		return nil, err
	}
	g, err := loadGathering(ctx, s.DB, a, id)
	if err != nil {
		return nil, err
	}
	return g, fillDetails(ctx, s.DB, g)
}

// fillDetails reads g's invitees (members, then organisations, by name),
// agenda and pre-reads.
func fillDetails(ctx context.Context, q querier, g *Gathering) error {
	g.Invitees, g.Agenda, g.Prereads = []Invitee{}, []AgendaItem{}, []Preread{}
	if err := q.Select(ctx, &g.Invitees, `SELECT COALESCE(i.member_id, 0) AS member_id,
			COALESCE(i.organisation_id, 0) AS organisation_id, COALESCE(u.name, o.name, '') AS name
		FROM gathering_invitees i
		LEFT JOIN members m ON m.id = i.member_id LEFT JOIN users u ON u.id = m.user_id
		LEFT JOIN organisations o ON o.id = i.organisation_id
		WHERE i.gathering_id = ? ORDER BY CASE WHEN i.member_id IS NULL THEN 1 ELSE 0 END, COALESCE(u.name, o.name)`,
		g.ID); err != nil {
		return err
	}
	if err := q.Select(ctx, &g.Agenda, `SELECT a.id, a.position, a.title, a.owner_member_id, COALESCE(u.name, '') AS owner_name,
			a.minutes, a.notes
		FROM gathering_agenda a LEFT JOIN members m ON m.id = a.owner_member_id LEFT JOIN users u ON u.id = m.user_id
		WHERE a.gathering_id = ? ORDER BY a.position`, g.ID); err != nil {
		return err
	}
	return q.Select(ctx, &g.Prereads, "SELECT id, title, url FROM gathering_prereads WHERE gathering_id = ? ORDER BY id", g.ID)
}

// whoActs is how the acting person appears in a summary.
func whoActs(a *collective.Access) string {
	if a.User == nil {
		return "Someone"
	}
	return a.User.Name
}

// localWhen is a time as the gathering's people read it: in its zone.
func localWhen(t time.Time, zone string) string {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format("Monday 2 January 2006 at 15:04") + " (" + zone + ")"
}
