package commitment

import (
	"context"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// CreateInTx makes a commitment inside the caller's transaction, with the
// same rules as Create: another feature (a gathering's outcome) can then
// record the commitment and its own row together, or neither. The parties
// are read through the services on the database, not tx, as Create does.
func (s *Service) CreateInTx(ctx context.Context, tx *store.Tx, a *collective.Access, in Input) (*Commitment, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	p, err := s.check(ctx, a, &in)
	if err != nil {
		return nil, err
	}
	if in.DueOn != "" && in.DueOn < tx.Now.UTC().Format(time.DateOnly) {
		return nil, errs.Field("due_on", "The due date %s is in the past; choose today or later.", in.DueOn)
	}
	if p.request != nil { // checked again here: it may have closed meanwhile
		if _, err := openRequest(ctx, tx, a, *p.request); err != nil {
			return nil, err
		}
	}
	me, uid := a.MemberID, a.User.ID
	c := &Commitment{CollectiveID: a.Collective.ID, CommitterMemberID: &me, CommitterName: a.User.Name,
		CommitterOrgID: p.orgID, CommitterOrgName: p.orgName, RecipientKind: in.RecipientKind,
		RecipientMemberID: p.recMember, RecipientOrgID: p.recOrg, RecipientName: p.recName, What: in.What,
		Kind: in.Kind, SizeUnit: in.SizeUnit, SizeAmount: p.amount, DueOn: in.DueOn, GoalID: p.goal,
		IndicatorID: p.indicator, RequestID: p.request, State: Proposed, Version: 1, CreatedBy: &uid,
		CreatedAt: tx.Now, UpdatedAt: tx.Now}
	id, err := tx.Insert(ctx, `INSERT INTO commitments (collective_id, committer_member_id, committer_name,
		committer_org_id, committer_org_name, recipient_kind, recipient_member_id, recipient_org_id, recipient_name,
		what, kind, size_unit, size_amount, due_on, goal_id, indicator_id, request_id, state, version, created_by,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
		c.CollectiveID, me, c.CommitterName, c.CommitterOrgID, c.CommitterOrgName, c.RecipientKind,
		c.RecipientMemberID, c.RecipientOrgID, c.RecipientName, c.What, c.Kind, c.SizeUnit, c.SizeAmount, c.DueOn,
		c.GoalID, c.IndicatorID, c.RequestID, c.State, uid, tx.Now, tx.Now)
	if err != nil {
		return nil, err
	}
	c.ID = id
	if err := addEvent(ctx, tx, a, c.ID, Created, "", Proposed, ""); err != nil {
		return nil, err
	}
	if err := countCreated(ctx, tx, c); err != nil {
		return nil, err
	}
	err = record(ctx, tx, a, activity.Everyone, "commitment.created", subject(c.ID), Link(a, c.ID),
		c.Committer()+" promised "+c.RecipientName+": "+c.What+".")
	if err != nil {
		return nil, err
	}
	return c, nil
}
