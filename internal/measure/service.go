package measure

import (
	"context"
	"strconv"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Service holds the rules of shared measurement; pages, the API and the CLI
// all call it with the Access the collective service gave them.
//
// Who may do what: anyone who may see the collective reads goals,
// indicators, measurements and analyses (observers included); members who
// contribute report measurements for an organisation they are affiliated
// with; stewards edit goals and indicators and report for any organisation.
type Service struct {
	DB *store.DB
	// Collectives answers which organisations a member is with.
	Collectives *collective.Service
	// Sources say what other features link to an indicator; app wires them.
	Sources []ContributionSource
	// BeforeGoalDelete runs inside the transaction that deletes a goal, so
	// features that count things per goal (commitment's board) fold them
	// away at once; app wires them.
	BeforeGoalDelete []func(ctx context.Context, tx *store.Tx, collectiveID, goalID int64) error
}

// record writes an activity entry, for everyone in the collective, inside tx.
func record(ctx context.Context, tx *store.Tx, a *collective.Access, verb, subject, link, summary string) error {
	var actor int64
	if a.User != nil {
		actor = a.User.ID
	}
	return activity.Record(ctx, tx, activity.Entry{CollectiveID: a.Collective.ID, ActorID: actor, Verb: verb,
		Subject: subject, Summary: summary, Link: link, Audience: activity.Everyone})
}

// actorName is how the person acting appears in a summary.
func actorName(a *collective.Access) string {
	if a.User == nil {
		return "Someone"
	}
	return a.User.Name
}

func base(a *collective.Access) string { return "/c/" + a.Collective.Slug }

func goalLink(a *collective.Access, id int64) string {
	return base(a) + "/goals/" + strconv.FormatInt(id, 10)
}

func indicatorLink(a *collective.Access, id int64) string {
	return base(a) + "/indicators/" + strconv.FormatInt(id, 10)
}

const goalCols = "id, title, description, position, created_at, updated_at"

// Goals lists a collective's goals in their order.
func (s *Service) Goals(ctx context.Context, a *collective.Access) ([]Goal, error) {
	out := []Goal{}
	err := s.DB.Select(ctx, &out, "SELECT "+goalCols+" FROM measure_goals WHERE collective_id = ? ORDER BY position, id", a.Collective.ID)
	return out, err
}

// Goal returns one goal of the collective.
func (s *Service) Goal(ctx context.Context, a *collective.Access, id int64) (*Goal, error) {
	var g Goal
	err := s.DB.Get(ctx, &g, "SELECT "+goalCols+" FROM measure_goals WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no such goal.", a.Collective.Name)
	}
	return &g, err
}

// CreateGoal adds a goal (stewards only).
func (s *Service) CreateGoal(ctx context.Context, a *collective.Access, in GoalInput) (*Goal, error) {
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var g *Goal
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		id, err := tx.Insert(ctx, `INSERT INTO measure_goals (collective_id, title, description, position, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, a.Collective.ID, in.Title, in.Description, in.Position, tx.Now, tx.Now)
		if err != nil {
			return err
		}
		g = &Goal{ID: id, Title: in.Title, Description: in.Description, Position: in.Position, CreatedAt: tx.Now, UpdatedAt: tx.Now}
		return record(ctx, tx, a, "goal.created", "goal:"+strconv.FormatInt(id, 10), goalLink(a, id),
			actorName(a)+" added the goal "+in.Title+".")
	})
	return g, err
}

// UpdateGoal changes a goal (stewards only).
func (s *Service) UpdateGoal(ctx context.Context, a *collective.Access, id int64, in GoalInput) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Exec(ctx, "UPDATE measure_goals SET title = ?, description = ?, position = ?, updated_at = ? WHERE id = ? AND collective_id = ?",
			in.Title, in.Description, in.Position, tx.Now, id, a.Collective.ID)
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.New(errs.NotFound, "%s has no such goal.", a.Collective.Name)
		}
		return record(ctx, tx, a, "goal.updated", "goal:"+strconv.FormatInt(id, 10), goalLink(a, id),
			actorName(a)+" updated the goal "+in.Title+".")
	})
}

// DeleteGoal removes a goal (stewards only). A goal that still has
// indicators is refused, so no measurements are lost by one click.
func (s *Service) DeleteGoal(ctx context.Context, a *collective.Access, id int64) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var title string
		err := tx.Get(ctx, &title, "SELECT title FROM measure_goals WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "%s has no such goal.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		var n int
		if err := tx.Get(ctx, &n, "SELECT count(*) FROM measure_indicators WHERE goal_id = ?", id); err != nil {
			return err
		}
		if n > 0 {
			return errs.New(errs.Conflict, "The goal %s still has %d indicators; move or delete them first.", title, n)
		}
		for _, hook := range s.BeforeGoalDelete {
			if err := hook(ctx, tx, a.Collective.ID, id); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, "DELETE FROM measure_goals WHERE id = ?", id); err != nil {
			return err
		}
		return record(ctx, tx, a, "goal.deleted", "goal:"+strconv.FormatInt(id, 10), base(a)+"/goals",
			actorName(a)+" removed the goal "+title+".")
	})
}
