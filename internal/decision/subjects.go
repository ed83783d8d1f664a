package decision

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// BySubject lists a's collective's decisions made about subjects (as
// ProposeInTx named them), oldest first, without their stored results, for
// the feature that owns the subjects to show. That feature decides who
// may see them.
func (s *Service) BySubject(ctx context.Context, a *collective.Access, subjects ...string) ([]Decision, error) {
	out := []Decision{}
	if len(subjects) == 0 {
		return out, nil
	}
	args := []any{a.Collective.ID}
	for _, sub := range subjects {
		args = append(args, sub)
	}
	if err := s.DB.Select(ctx, &out, "SELECT "+decisionCols+" FROM decisions WHERE collective_id = ? AND subject IN ("+
		placeholders(len(subjects))+") ORDER BY id", args...); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Result = ""
		utc(&out[i])
	}
	return out, nil
}

// runCancelHooks tells the OnCancel hooks that decision d was cancelled.
func (s *Service) runCancelHooks(ctx context.Context, tx *store.Tx, d *Decision) error {
	c := ClosedDecision{CollectiveID: d.CollectiveID, DecisionID: d.ID, ProposalID: d.ProposalID, Subject: d.Subject,
		Method: d.Method, ClosedAt: tx.Now}
	for _, h := range s.OnCancel {
		if err := h(ctx, tx, c); err != nil {
			return err
		}
	}
	return nil
}
