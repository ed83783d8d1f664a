package commitment

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/measure"
)

// ContributionsTo lists the open and kept commitments toward an indicator,
// for its page (commitment is one of measure's ContributionSources).
func (s *Service) ContributionsTo(ctx context.Context, a *collective.Access, indicatorID int64) ([]measure.Contribution, error) {
	var rows []struct {
		ID   int64  `db:"id"`
		What string `db:"what"`
		Name string `db:"committer_name"`
	}
	if err := s.DB.Select(ctx, &rows, `SELECT id, what, committer_name FROM commitments
		WHERE collective_id = ? AND indicator_id = ? AND state IN ('accepted', 'in_progress', 'kept')
		ORDER BY id DESC LIMIT 50`, a.Collective.ID, indicatorID); err != nil {
		return nil, err
	}
	out := make([]measure.Contribution, len(rows))
	for i, r := range rows {
		out[i] = measure.Contribution{Kind: "commitment", Title: r.Name + ": " + r.What, Link: Link(a, r.ID)}
	}
	return out, nil
}
