package gathering

import (
	"context"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// PollClosed is the close hook app registers with the decision feature: a
// time poll about a gathering (Subject "gathering:ID") that closed with a
// winning time sets the date, makes the occurrences and invites people.
// Without a winner, or with one already past (the poll closed late), the
// gathering keeps waiting, with an entry saying so.
// Other subjects, other collectives' gatherings, gatherings no longer
// waiting and polls that are not the gathering's current one are ignored.
// It runs inside the closing transaction.
func (s *Service) PollClosed(ctx context.Context, tx *store.Tx, p ClosedPoll) error {
	a, g, err := pollGathering(ctx, tx, p.CollectiveID, p.DecisionID, p.Subject)
	if err != nil || g == nil {
		return err
	}
	if p.Winner == nil {
		return record(ctx, tx, a, activity.Everyone, "gathering.scheduled", g.ID, GatheringLink(a, g.ID),
			"No time won the poll for “"+g.Title+"”; it still waits for a date.")
	}
	start := p.Winner.UTC()
	if !start.After(tx.Now) {
		// The poll closed late: a date in the past would invite people to
		// something that cannot happen. The gathering keeps waiting, free
		// of this poll, for its host to set a date or open another poll.
		if err := dropPoll(ctx, tx, g); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Everyone, "gathering.scheduled", g.ID, GatheringLink(a, g.ID),
			"The time poll chose "+localWhen(start, g.TimeZone)+" for “"+g.Title+
				"”, but the chosen time had passed; set a date or open another poll.")
	}
	if _, err := tx.Exec(ctx, `UPDATE gatherings SET starts_at = ?, ends_at = ?, status = 'planned', sequence = sequence + 1,
		version = version + 1, updated_at = ? WHERE id = ?`, start, start.Add(g.Duration()), tx.Now, g.ID); err != nil {
		return err
	}
	if g, err = loadGathering(ctx, tx, a, g.ID); err != nil {
		return err
	}
	if _, err := makeDates(ctx, tx, g, g.StartsAt); err != nil {
		return err
	}
	if err := record(ctx, tx, a, activity.Everyone, "gathering.scheduled", g.ID, GatheringLink(a, g.ID),
		"The time poll set “"+g.Title+"” for "+localWhen(g.StartsAt, g.TimeZone)+"."); err != nil {
		return err
	}
	return s.announce(ctx, tx, a, g, AnnounceInvited, nil)
}

// PollCancelled leaves a gathering whose time poll was cancelled without a
// date, so its host can open another poll or set one, and logs it.
func (s *Service) PollCancelled(ctx context.Context, tx *store.Tx, collectiveID, decisionID int64, subject string) error {
	a, g, err := pollGathering(ctx, tx, collectiveID, decisionID, subject)
	if err != nil || g == nil {
		return err
	}
	if err := dropPoll(ctx, tx, g); err != nil {
		return err
	}
	return record(ctx, tx, a, activity.Everyone, "gathering.scheduled", g.ID, GatheringLink(a, g.ID),
		"The time poll for “"+g.Title+"” was cancelled; it still waits for a date.")
}

// dropPoll leaves g waiting without a time poll.
func dropPoll(ctx context.Context, tx *store.Tx, g *Gathering) error {
	_, err := tx.Exec(ctx, "UPDATE gatherings SET poll_decision_id = NULL, version = version + 1, updated_at = ? WHERE id = ?",
		tx.Now, g.ID)
	return err
}

// pollGathering finds the gathering a time poll is about, with the
// collective acting (no person: the poll decided), or nil when the poll is
// not a waiting gathering's current poll.
func pollGathering(ctx context.Context, tx *store.Tx, collectiveID, decisionID int64, subject string) (*collective.Access, *Gathering, error) {
	id, ok := ParseSubject(subject)
	if !ok {
		return nil, nil, nil
	}
	var c collective.Collective
	err := tx.Get(ctx, &c, `SELECT id, slug, name, purpose, visibility, min_group_size, created_at, archived_at, member_count,
		version FROM collectives WHERE id = ?`, collectiveID)
	if store.NotFound(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	a := &collective.Access{Collective: &c, Roles: []string{}}
	g, err := loadGathering(ctx, tx, a, id)
	if err != nil {
		if errs.Is(err, errs.NotFound) {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	if g.Status != Scheduling || g.PollDecisionID == nil || *g.PollDecisionID != decisionID {
		return nil, nil, nil
	}
	return a, g, nil
}
