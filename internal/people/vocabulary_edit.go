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
	status := TermActive
	if !approve {
		status = TermDeclined
	}
	return s.stewardEdit(ctx, a, id, func(tx *store.Tx, t *Term) error {
		if t.Status != TermProposed {
			return errs.New(errs.Conflict, "%q is not waiting for review: it is %s.", t.Name, t.Status)
		}
		return s.moveTx(ctx, tx, a, t, status)
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
	return s.stewardEdit(ctx, a, id, func(tx *store.Tx, t *Term) error { return s.updateTx(ctx, tx, a, t, in) })
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
	return s.stewardEdit(ctx, a, id, func(tx *store.Tx, t *Term) error {
		if t.Status == TermProposed {
			return errs.New(errs.Conflict, "%q is waiting for review; approve or decline it instead.", t.Name)
		}
		return s.moveTx(ctx, tx, a, t, status)
	})
}

// TermEdit is a steward's change to one value: nil fields stay as they are.
// Status moves a proposed value to active (approve) or declined, an active
// one to retired, a retired or declined one back to active.
type TermEdit struct {
	Name        *string
	Description *string
	Status      *string
}

// EditValue applies a whole TermEdit in one transaction, so a refused
// status move leaves the name and description as they were too. The rename
// comes first: approving a proposal under a better name announces only the
// new one.
func (s *Service) EditValue(ctx context.Context, a *collective.Access, id int64, e TermEdit) (*Term, error) {
	var out *Term
	err := s.stewardEdit(ctx, a, id, func(tx *store.Tx, t *Term) error {
		if e.Status != nil {
			if err := checkMove(t, *e.Status); err != nil {
				return err
			}
		}
		if e.Name != nil || e.Description != nil {
			in := TermInput{Name: t.Name, Description: t.Description}
			if e.Name != nil {
				in.Name = *e.Name
			}
			if e.Description != nil {
				in.Description = *e.Description
			}
			if err := in.normalise(); err != nil {
				return err
			}
			if err := s.updateTx(ctx, tx, a, t, in); err != nil {
				return err
			}
			t.Name, t.Description = in.Name, in.Description
		}
		if e.Status != nil {
			if err := s.moveTx(ctx, tx, a, t, *e.Status); err != nil {
				return err
			}
		}
		var err error
		out, err = term(ctx, tx, a, id)
		return err
	})
	return out, err
}

// stewardEdit runs change on term id of a's collective in one write, for
// stewards only.
func (s *Service) stewardEdit(ctx context.Context, a *collective.Access, id int64, change func(tx *store.Tx, t *Term) error) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		t, err := term(ctx, tx, a, id)
		if err != nil {
			return err
		}
		return change(tx, t)
	})
}

// checkMove says why t may not move to status; nil when it may (or is
// there already).
func checkMove(t *Term, status string) error {
	switch {
	case t.Status == status:
		return nil
	case t.Status == TermProposed && status == TermRetired:
		return errs.New(errs.Conflict, "%q is waiting for review; approve (active) or decline it instead.", t.Name)
	case status == TermActive, status == TermRetired && t.Status == TermActive, status == TermDeclined && t.Status == TermProposed:
		return nil
	case status == TermRetired:
		return errs.New(errs.Conflict, "Only an active value can be retired; %q is %s.", t.Name, t.Status)
	case status == TermDeclined:
		return errs.New(errs.Conflict, "%q is %s; only a proposed value can be declined.", t.Name, t.Status)
	}
	return errs.Field("status", "Choose active, retired or declined, not %q.", status)
}

// moveTx moves t to status inside tx and records it. Approving a proposal
// and retiring or restoring a value are news to everyone; declining one is
// told to stewards only: declining someone's idea in front of everyone
// helps no one, and the proposer sees it on the values page.
func (s *Service) moveTx(ctx context.Context, tx *store.Tx, a *collective.Access, t *Term, status string) error {
	if err := checkMove(t, status); err != nil || t.Status == status {
		return err
	}
	verb, audience, summary := "value.restored", activity.Everyone, actorName(a)+" restored the value "+t.Name
	switch {
	case t.Status == TermProposed && status == TermActive:
		verb, summary = "value.approved", actorName(a)+" approved the value "+t.Name
	case status == TermDeclined:
		verb, audience, summary = "value.declined", activity.Stewards, actorName(a)+" declined the value "+t.Name
	case status == TermRetired:
		verb, summary = "value.retired", actorName(a)+" retired the value "+t.Name
	}
	return s.changeTerm(ctx, tx, a, t, "UPDATE value_terms SET status = ?, updated_at = ? WHERE id = ?",
		[]any{status, tx.Now, t.ID}, audience, verb, summary)
}

// updateTx renames or describes t inside tx; in is normalised. A change
// to a proposal or a declined value is told to stewards only, as the
// value itself is not yet (or no longer) everyone's.
func (s *Service) updateTx(ctx context.Context, tx *store.Tx, a *collective.Access, t *Term, in TermInput) error {
	if t.Name == in.Name && t.Description == in.Description {
		return nil
	}
	if err := checkFreeName(ctx, tx, a, in.Name, t.ID); err != nil {
		return err
	}
	summary := actorName(a) + " edited the value " + in.Name
	if t.Name != in.Name {
		summary = actorName(a) + " renamed the value " + t.Name + " to " + in.Name
	}
	audience := activity.Everyone
	if t.Status == TermProposed || t.Status == TermDeclined {
		audience = activity.Stewards
	}
	err := s.changeTerm(ctx, tx, a, &Term{Name: in.Name}, `UPDATE value_terms SET name = ?, sort_name = ?, description = ?,
		updated_at = ? WHERE id = ?`, []any{in.Name, sortName(in.Name), in.Description, tx.Now, t.ID},
		audience, "value.updated", summary)
	if store.IsUnique(err) {
		return duplicateName(a, &nameHolder{Name: in.Name, Status: TermActive})
	}
	return err
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
