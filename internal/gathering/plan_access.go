package gathering

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// gatheringCols are the columns a Gathering reads; the host's name comes
// from a join, so every query using them names the gathering table g.
const gatheringCols = `g.id, g.collective_id, g.uid, g.title, g.intention, g.format, g.place, g.link, g.time_zone,
	g.starts_at, g.ends_at, g.rrule, g.capacity, g.registration, g.invite_everyone, g.status, g.poll_decision_id,
	g.host_member_id, COALESCE(hu.name, '') AS host_name, g.sequence, g.version, g.created_by, g.created_at, g.updated_at`

// gatheringFrom joins the host's account for its name.
const gatheringFrom = ` FROM gatherings g
	LEFT JOIN members hm ON hm.id = g.host_member_id
	LEFT JOIN users hu ON hu.id = hm.user_id`

// occurrenceCols are the columns an Occurrence reads (table o).
const occurrenceCols = `o.id, o.gathering_id, o.collective_id, o.recurrence_id, o.starts_at, o.ends_at, o.status, o.moved,
	o.minutes, o.closed_at, o.going, o.waiting, o.attended`

// requireReader refuses whoever is not a member: anonymous callers must
// sign in, outsiders are forbidden. Observers read.
func requireReader(a *collective.Access) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to see the gatherings of %s.", a.Collective.Name)
	}
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "Only members of %s can see its gatherings.", a.Collective.Name)
	}
	return nil
}

// requireManager refuses whoever may not manage g (host, creator or
// steward), after requiring a contributing member, so observers and
// archived collectives are refused too.
func (s *Service) requireManager(ctx context.Context, q querier, a *collective.Access, g *Gathering) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to change the gatherings of %s.", a.Collective.Name)
	}
	if err := a.RequireContributor(); err != nil {
		return err
	}
	if !s.canManage(ctx, q, a, g) {
		return errs.New(errs.Forbidden, "Only the host, whoever planned it or a steward can change “%s”.", g.Title)
	}
	return nil
}

// canManage reports whether a may manage g: its host, its creator, or a
// steward. It does not look at the database today; q is there so a rule
// reading other rows (a delegated co-host) can join later without changing
// the callers.
func (s *Service) canManage(ctx context.Context, q querier, a *collective.Access, g *Gathering) bool {
	if a == nil || a.User == nil || !a.IsMember() {
		return false
	}
	if a.IsSteward() {
		return true
	}
	if g.HostMemberID != nil && *g.HostMemberID == a.MemberID {
		return true
	}
	return g.CreatedBy != nil && *g.CreatedBy == a.User.ID
}

// loadGathering reads a gathering of a's collective (the row only, not its
// invitees, agenda or pre-reads), or NotFound. It checks no role: callers
// decide who may read or change it.
func loadGathering(ctx context.Context, q querier, a *collective.Access, id int64) (*Gathering, error) {
	var g Gathering
	err := q.Get(ctx, &g, "SELECT "+gatheringCols+gatheringFrom+" WHERE g.id = ? AND g.collective_id = ?", id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "There is no such gathering.")
	}
	if err != nil {
		return nil, err
	}
	g.utc()
	return &g, nil
}

// loadOccurrence reads one date of a gathering of a's collective with its
// gathering, or NotFound. Like loadGathering it checks no role.
func loadOccurrence(ctx context.Context, q querier, a *collective.Access, id int64) (*Occurrence, *Gathering, error) {
	var o Occurrence
	err := q.Get(ctx, &o, "SELECT "+occurrenceCols+" FROM gathering_occurrences o WHERE o.id = ? AND o.collective_id = ?",
		id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, nil, errNoDate()
	}
	if err != nil {
		return nil, nil, err
	}
	o.utc()
	g, err := loadGathering(ctx, q, a, o.GatheringID)
	if err != nil {
		return nil, nil, err
	}
	return &o, g, nil
}

// utc puts the times in UTC: both databases hand them back in their own
// locations, and comparisons and tests want one.
func (g *Gathering) utc() {
	g.StartsAt, g.EndsAt = g.StartsAt.UTC(), g.EndsAt.UTC()
	g.CreatedAt, g.UpdatedAt = g.CreatedAt.UTC(), g.UpdatedAt.UTC()
}

func (o *Occurrence) utc() {
	o.RecurrenceID, o.StartsAt, o.EndsAt = o.RecurrenceID.UTC(), o.StartsAt.UTC(), o.EndsAt.UTC()
	if o.ClosedAt != nil {
		t := o.ClosedAt.UTC()
		o.ClosedAt = &t
	}
}

// errNoDate is the refusal for a date that is not there (or not this
// gathering's, or another collective's).
func errNoDate() error { return errs.New(errs.NotFound, "There is no such date of this gathering.") }
