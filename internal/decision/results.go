package decision

import (
	"context"
	"encoding/json"
	"fmt"

	"commonground/internal/collective"
)

// Results returns the count as the viewer may see it: the stored result of
// a closed decision, or the live count when the rules show it.
func (s *Service) Results(ctx context.Context, a *collective.Access, id int64) (*Results, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	d, err := loadDecision(ctx, s.DB, a, id)
	if err != nil {
		return nil, err
	}
	if d.Status == Closed && d.Result != "" {
		var r Results
		if err := json.Unmarshal([]byte(d.Result), &r); err != nil {
			return nil, fmt.Errorf("decision %d: stored result: %w", id, err)
		}
		if !d.Anonymous {
			if r.Ballots, err = ballotList(ctx, s.DB, id); err != nil {
				return nil, err
			}
		}
		return &r, nil
	}
	hidden := &Results{DecisionID: id, Turnout: d.Turnout}
	if hidden.Electorate, err = electorateSize(ctx, s.DB, d); err != nil {
		return nil, err
	}
	switch {
	case d.Status == Cancelled:
		hidden.Hidden = "This decision was cancelled; its ballots were not counted."
		return hidden, nil
	case d.Status == Scheduled:
		hidden.Hidden = "Voting opens on " + when(d.OpensAt) + "."
		return hidden, nil
	case d.Anonymous || d.ResultsShown == AfterClose:
		// Anonymous decisions never count live: the count would change as
		// each ballot arrives and could tell who voted how.
		hidden.Hidden = "Results are shown when voting closes on " + when(d.ClosesAt) + "."
		return hidden, nil
	case d.ResultsShown == AfterVote:
		var n int
		if err := s.DB.Get(ctx, &n, "SELECT count(*) FROM decision_turnout WHERE decision_id = ? AND member_id = ?",
			id, a.MemberID); err != nil {
			return nil, err
		}
		if n == 0 {
			hidden.Hidden = "Results are shown once you have voted, or when voting closes on " + when(d.ClosesAt) + "."
			return hidden, nil
		}
	}
	p, err := loadProposal(ctx, s.DB, a, d.ProposalID)
	if err != nil {
		return nil, err
	}
	r, _, err := s.count(ctx, s.DB, a, d, p, nil)
	if err != nil {
		return nil, fmt.Errorf("decision %d: live count: %w", id, err)
	}
	if !d.Anonymous {
		if r.Ballots, err = ballotList(ctx, s.DB, id); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ballotList reads a named decision's ballots in member order, as the
// count lists them.
func ballotList(ctx context.Context, q querier, id int64) ([]Ballot, error) {
	var bs []Ballot
	if err := q.Select(ctx, &bs, `SELECT decision_id, member_id, voter_name, choice, reason, cast_at, updated_at FROM ballots
		WHERE decision_id = ? ORDER BY member_id`, id); err != nil {
		return nil, err
	}
	for i := range bs {
		if err := json.Unmarshal([]byte(bs[i].ChoiceJSON), &bs[i].Choice); err != nil {
			return nil, fmt.Errorf("decision %d: ballot of member %d: %w", id, bs[i].MemberID, err)
		}
		bs[i].CastAt, bs[i].UpdatedAt = bs[i].CastAt.UTC(), bs[i].UpdatedAt.UTC()
	}
	return bs, nil
}
