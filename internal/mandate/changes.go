package mandate

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Renew asks the collective, by a consent decision, to extend an active
// mandate's term to in.TermEnd. Any contributing member may ask (the
// holder or a steward, typically); one decision about a mandate is under
// way at a time.
func (s *Service) Renew(ctx context.Context, a *collective.Access, id int64, in RenewInput) (*Mandate, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	newEnd, err := day("term_end", "new end", in.TermEnd)
	if err != nil {
		return nil, err
	}
	days, err := closesIn(in.ClosesInDays)
	if err != nil {
		return nil, err
	}
	end := newEnd.Format(time.DateOnly)
	var m *Mandate
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if m, err = s.claim(ctx, tx, a, id, in.Version); err != nil {
			return err
		}
		cur, _ := time.Parse(time.DateOnly, m.TermEnd)
		if !newEnd.After(cur) {
			return errs.Field("term_end", "A renewal must end after the current term, which ends on %s.", m.TermEnd)
		}
		if newEnd.After(cur.AddDate(MaxTermYears, 0, 0)) {
			return errs.Field("term_end", "A renewal adds at most %d years to the term.", MaxTermYears)
		}
		title := "Renew " + m.HolderName + "'s " + RoleLabel(m.Role) + " mandate until " + end
		body := m.HolderName + "'s " + RoleLabel(m.Role) + " mandate ends on " + m.TermEnd + ". Renewed, it would end on " +
			end + ", with the same scope:\n\n" + m.Scope
		if _, err := s.decide(ctx, tx, a, m, Renew, title, body, days, end); err != nil {
			return err
		}
		return record(ctx, tx, a.Collective.ID, actorOf(a), activity.Everyone, "mandate.renewal_proposed", m.ID, Link(a, m.ID),
			actorName(a)+" proposed renewing "+m.HolderName+"'s "+RoleLabel(m.Role)+" mandate until "+end+".")
	})
	if err != nil {
		return nil, err
	}
	return s.reload(ctx, a, id)
}

// Revoke asks the collective, by a consent decision, to take an active
// mandate back before its term ends, saying why.
func (s *Service) Revoke(ctx context.Context, a *collective.Access, id int64, in RevokeInput) (*Mandate, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxReason {
		return nil, errs.Field("reason", "Say why the mandate should be revoked, in 1 to %d characters.", MaxReason)
	}
	days, err := closesIn(in.ClosesInDays)
	if err != nil {
		return nil, err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		m, err := s.claim(ctx, tx, a, id, in.Version)
		if err != nil {
			return err
		}
		title := "Revoke " + m.HolderName + "'s " + RoleLabel(m.Role) + " mandate"
		if _, err := s.decide(ctx, tx, a, m, Revoke, title, reason, days, ""); err != nil {
			return err
		}
		return record(ctx, tx, a.Collective.ID, actorOf(a), activity.Everyone, "mandate.revocation_proposed", m.ID, Link(a, m.ID),
			actorName(a)+" proposed revoking "+m.HolderName+"'s "+RoleLabel(m.Role)+" mandate.")
	})
	if err != nil {
		return nil, err
	}
	return s.reload(ctx, a, id)
}

// claim reads an active mandate with no decision under way and moves its
// version on inside tx, so two people asking at once start one decision.
func (s *Service) claim(ctx context.Context, tx *store.Tx, a *collective.Access, id, version int64) (*Mandate, error) {
	m, err := load(ctx, tx, a.Collective.ID, id)
	if err != nil {
		return nil, err
	}
	if m.PendingAction != "" && m.PendingDecisionID == nil {
		m.PendingAction = "" // its decision was deleted with its proposal: nothing is under way
	}
	switch {
	case version != 0 && version != m.Version:
		return nil, errs.New(errs.Conflict, "The mandate changed since you loaded it; look at it again and retry.")
	case m.Status != Active:
		return nil, errs.New(errs.Conflict, "Only an active mandate can be renewed or revoked; this one is %s.", m.Status)
	case m.PendingAction != "":
		return nil, errs.New(errs.Conflict, "A decision to %s this mandate is already open; wait for it to close.", m.PendingAction)
	}
	n, err := tx.Exec(ctx, `UPDATE mandates SET version = version + 1, pending_action = '', pending_decision_id = NULL,
		pending_term_end = '', updated_at = ? WHERE id = ? AND version = ?`, tx.Now, id, m.Version)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, errs.New(errs.Conflict, "The mandate changed since you loaded it; look at it again and retry.")
	}
	m.Version++
	return m, nil
}

// reload reads a mandate after a change.
func (s *Service) reload(ctx context.Context, a *collective.Access, id int64) (*Mandate, error) {
	return load(ctx, s.DB, a.Collective.ID, id)
}
