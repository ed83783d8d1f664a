package app

import (
	"context"
	"time"

	"commonground/internal/collective"
	"commonground/internal/commitment"
	"commonground/internal/decision"
	"commonground/internal/gathering"
	"commonground/internal/store"
)

// gatheringScheduler lets the gathering feature open time polls and name
// decisions without importing the decision feature.
type gatheringScheduler struct{ d *decision.Service }

// OpenTimePoll proposes "When shall we meet?" as a time poll, one option a
// candidate start, voted by the invitees (or every member).
func (s gatheringScheduler) OpenTimePoll(ctx context.Context, tx *store.Tx, a *collective.Access, p gathering.TimePoll) (int64, error) {
	in := decision.DecisionInput{Method: decision.TimePoll, Question: p.Question, ClosesAt: p.ClosesAt, Subject: p.Subject,
		Electorate: decision.AllMembers}
	if p.Voters != nil {
		in.Electorate, in.Invited = decision.Invited, p.Voters
	}
	for _, t := range p.Starts {
		t := t
		in.Options = append(in.Options, decision.OptionInput{Label: t.UTC().Format(time.RFC3339), StartsAt: &t})
	}
	_, id, err := s.d.ProposeInTx(ctx, tx, a, decision.ProposalInput{Title: p.Question, Body: p.Details}, in)
	return id, err
}

// DecisionLink is the path of a decision's page.
func (s gatheringScheduler) DecisionLink(a *collective.Access, id int64) string {
	return decision.DecisionLink(a, id)
}

// DecisionQuestion reads a decision's question as the viewer may see it.
func (s gatheringScheduler) DecisionQuestion(ctx context.Context, a *collective.Access, id int64) (string, error) {
	v, err := s.d.Decision(ctx, a, id)
	if err != nil {
		return "", err
	}
	return v.Decision.Question, nil
}

// gatheringCommitments lets the gathering feature record commitments made
// at a gathering without importing the commitment feature.
type gatheringCommitments struct{ c *commitment.Service }

// CommitInTx makes the commitment inside the outcome's transaction: the
// person recording it promises to do what was said, with no size, to a
// member or an organisation (the commitment service checks both).
func (s gatheringCommitments) CommitInTx(ctx context.Context, tx *store.Tx, a *collective.Access, n gathering.NewCommitment) (int64, string, error) {
	in := commitment.Input{What: n.What, Kind: commitment.Do, SizeUnit: commitment.NoSize, DueOn: n.DueOn,
		RecipientKind: commitment.ToMember, RecipientMemberID: n.RecipientMemberID}
	if n.RecipientOrgID != 0 {
		in.RecipientKind, in.RecipientMemberID, in.RecipientOrgID = commitment.ToOrganisation, 0, n.RecipientOrgID
	}
	c, err := s.c.CreateInTx(ctx, tx, a, in)
	if err != nil {
		return 0, "", err
	}
	return c.ID, commitment.Link(a, c.ID), nil
}

// CommitmentLink is the path of a commitment's page.
func (s gatheringCommitments) CommitmentLink(a *collective.Access, id int64) string {
	return commitment.Link(a, id)
}
