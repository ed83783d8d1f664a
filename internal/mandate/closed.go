package mandate

import (
	"context"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/decision"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// DecisionClosed is the close hook app registers on the decision service:
// inside the transaction that closes a decision about a mandate it grants,
// renews or revokes the mandate, or leaves it as it was when the decision
// did not pass. Decisions about anything else are not its business. A
// decision that is no longer the mandate's pending one changes nothing.
func (s *Service) DecisionClosed(ctx context.Context, tx *store.Tx, c decision.ClosedDecision) error {
	return s.settle(ctx, tx, c, false)
}

// DecisionCancelled is the cancel hook: a cancelled decision about a
// mandate settles nothing, so a proposed mandate is declined and an active
// one stays as it was, with nothing pending any more.
func (s *Service) DecisionCancelled(ctx context.Context, tx *store.Tx, c decision.ClosedDecision) error {
	c.Passed = nil
	return s.settle(ctx, tx, c, true)
}

// settle applies the end of the decision pending on a mandate.
func (s *Service) settle(ctx context.Context, tx *store.Tx, c decision.ClosedDecision, cancelled bool) error {
	id, act, ok := parseSubject(c.Subject)
	if !ok {
		return nil
	}
	m, err := load(ctx, tx, c.CollectiveID, id)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if m.PendingDecisionID == nil || *m.PendingDecisionID != c.DecisionID || m.PendingAction != act {
		return nil
	}
	var slug string
	if err := tx.Get(ctx, &slug, "SELECT slug FROM collectives WHERE id = ?", c.CollectiveID); err != nil {
		return err
	}
	passed := c.Passed != nil && *c.Passed
	status, end, granted := m.Status, m.TermEnd, m.GrantedDecisionID
	verb, summary := "", ""
	who := m.HolderName + "'s " + RoleLabel(m.Role) + " mandate"
	switch {
	case act == Grant && passed:
		status, granted = Active, &c.DecisionID
		verb, summary = "mandate.granted", "The collective granted "+m.HolderName+" the "+RoleLabel(m.Role)+" mandate until "+m.TermEnd+"."
	case act == Grant:
		status = Declined
		verb, summary = "mandate.declined", "The collective did not grant "+m.HolderName+" the "+RoleLabel(m.Role)+" mandate."
	case act == Renew && passed:
		// A renewal that passes after the term ran out starts it again.
		status, end = Active, m.PendingTermEnd
		verb, summary = "mandate.renewed", "The collective renewed "+who+" until "+end+"."
	case act == Renew:
		verb, summary = "mandate.renewal_declined", "The collective did not renew "+who+"; it still ends on "+m.TermEnd+"."
	case act == Revoke && passed && m.Status == Active:
		status = Revoked
		verb, summary = "mandate.revoked", "The collective revoked "+who+"."
	case act == Revoke && passed:
		verb, summary = "mandate.revoked", "The collective revoked "+who+", which had already "+string(m.Status)+"."
	default:
		verb, summary = "mandate.revocation_declined", "The collective did not revoke "+who+"."
	}
	if cancelled {
		verb, summary = "mandate.decision_cancelled", "The decision to "+string(act)+" "+who+" was cancelled; nothing changed."
		if act == Grant {
			verb, summary = "mandate.declined", "The decision to grant "+m.HolderName+" the "+RoleLabel(m.Role)+" mandate was cancelled."
		}
	}
	reminded := m.RotationRemindedAt
	if end != m.TermEnd {
		reminded = nil // the new end gets its own reminder
	}
	n, err := tx.Exec(ctx, `UPDATE mandates SET status = ?, term_end = ?, granted_decision_id = ?, rotation_reminded_at = ?,
		pending_action = '', pending_decision_id = NULL, pending_term_end = '', version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, status, end, granted, reminded, tx.Now, m.ID, m.Version)
	if err != nil {
		return err
	}
	if n == 0 {
		return errs.New(errs.Conflict, "The mandate changed while the decision closed; close it again.")
	}
	switch {
	case status == Active && m.Status != Active:
		err = grantRole(ctx, tx, m)
	case status != Active && m.Status == Active:
		err = dropRole(ctx, tx, m)
	}
	if err != nil {
		return err
	}
	return record(ctx, tx, c.CollectiveID, 0, activity.Everyone, verb, m.ID, linkIn(slug, m.ID), summary)
}

// grantRole gives the holder the mandate's role, when it is one a
// mandate grants (ByMandate); any other role is carried by the mandate
// alone.
func grantRole(ctx context.Context, tx *store.Tx, m *Mandate) error {
	if m.HolderMemberID == nil || !grants(m.Role) {
		return nil
	}
	return collective.GrantRoleInTx(ctx, tx, m.CollectiveID, *m.HolderMemberID, m.Role)
}

// dropRole takes the role away from a holder whose mandate stopped, unless
// another active mandate still gives it to them.
func dropRole(ctx context.Context, tx *store.Tx, m *Mandate) error {
	if m.HolderMemberID == nil || !grants(m.Role) {
		return nil
	}
	var others int
	if err := tx.Get(ctx, &others, `SELECT count(*) FROM mandates WHERE holder_member_id = ? AND role = ? AND status = 'active'
		AND id <> ?`, *m.HolderMemberID, m.Role, m.ID); err != nil {
		return err
	}
	if others > 0 {
		return nil
	}
	return collective.RevokeRoleInTx(ctx, tx, m.CollectiveID, *m.HolderMemberID, m.Role)
}
