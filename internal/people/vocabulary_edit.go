package people

import (
	"context"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// ReviewValue lets a steward approve a proposed value (it becomes active)
// or decline it. The proposer's name stays on it either way.
func (s *Service) ReviewValue(ctx context.Context, a *collective.Access, id int64, approve bool) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		t, err := term(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if t.Status != TermProposed {
			return errs.New(errs.Conflict, "%q is not waiting for review: it is %s.", t.Name, t.Status)
		}
		// A declined proposal is told to stewards only: declining someone's
		// idea in front of everyone helps no one.
		status, verb, audience, summary := TermActive, "value.approved", activity.Everyone, actorName(a)+" approved the value "+t.Name
		if !approve {
			status, verb, audience, summary = TermDeclined, "value.declined", activity.Stewards, actorName(a)+" declined the value "+t.Name
		}
		return s.changeTerm(ctx, tx, a, t, "UPDATE value_terms SET status = ?, updated_at = ? WHERE id = ?",
			[]any{status, tx.Now, id}, audience, verb, summary)
	})
}

// UpdateValue lets a steward rename a value or change its description; a
// rename reaches every profile that ranks it, since profiles refer to the
// term, not its name.
func (s *Service) UpdateValue(ctx context.Context, a *collective.Access, id int64, in TermInput) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	if err := in.normalise(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		t, err := term(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if t.Name == in.Name && t.Description == in.Description {
			return nil
		}
		if err := checkFreeName(ctx, tx, a, in.Name, id); err != nil {
			return err
		}
		summary := actorName(a) + " edited the value " + in.Name
		if t.Name != in.Name {
			summary = actorName(a) + " renamed the value " + t.Name + " to " + in.Name
		}
		err = s.changeTerm(ctx, tx, a, &Term{Name: in.Name}, `UPDATE value_terms SET name = ?, sort_name = ?, description = ?,
			updated_at = ? WHERE id = ?`, []any{in.Name, sortName(in.Name), in.Description, tx.Now, id},
			activity.Everyone, "value.updated", summary)
		if store.IsUnique(err) {
			return duplicateName(a, in.Name, TermActive)
		}
		return err
	})
}

// SetValueStatus lets a steward retire an active value ("retired") or bring
// back a retired or declined one ("active"). A retired value stays on the
// profiles that rank it but cannot be newly picked. Setting the status a
// value already has changes nothing.
func (s *Service) SetValueStatus(ctx context.Context, a *collective.Access, id int64, status string) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	if status != TermActive && status != TermRetired {
		return errs.Field("status", "A value can be set to active or retired, not %q.", status)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		t, err := term(ctx, tx, a, id)
		if err != nil {
			return err
		}
		switch {
		case t.Status == status:
			return nil
		case t.Status == TermProposed:
			return errs.New(errs.Conflict, "%q is waiting for review; approve or decline it instead.", t.Name)
		case status == TermRetired && t.Status != TermActive:
			return errs.New(errs.Conflict, "Only an active value can be retired; %q is %s.", t.Name, t.Status)
		}
		verb, summary := "value.retired", actorName(a)+" retired the value "+t.Name
		if status == TermActive {
			verb, summary = "value.restored", actorName(a)+" restored the value "+t.Name
		}
		return s.changeTerm(ctx, tx, a, t, "UPDATE value_terms SET status = ?, updated_at = ? WHERE id = ?",
			[]any{status, tx.Now, id}, activity.Everyone, verb, summary)
	})
}

// changeTerm runs one update of term t, records it and bumps the
// collective, since matching reads the vocabulary's names and statuses.
func (s *Service) changeTerm(ctx context.Context, tx *store.Tx, a *collective.Access, t *Term, query string, args []any,
	audience activity.Audience, verb, summary string) error {
	if _, err := tx.Exec(ctx, query, args...); err != nil {
		return err
	}
	if err := record(ctx, tx, a, audience, verb, t.Name, valuesLink(a), summary); err != nil {
		return err
	}
	return bumpCollective(ctx, tx, a.Collective.ID)
}
