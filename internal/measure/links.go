package measure

import (
	"context"

	"commonground/internal/collective"
)

// Contribution is something of another feature linked to an indicator: an
// initiative that moves it, a commitment made toward it.
type Contribution struct {
	Kind  string `json:"kind"` // e.g. "initiative", "commitment"
	Title string `json:"title"`
	Link  string `json:"link"` // a path on this site
}

// ContributionSource answers what contributes to an indicator. The links
// live with the features that make them (action, commitment); internal/app
// wires those features in as sources, so measure imports none of them.
type ContributionSource interface {
	ContributionsTo(ctx context.Context, a *collective.Access, indicatorID int64) ([]Contribution, error)
}

// Contributions lists what every wired source links to the indicator, in
// the order the sources were wired.
func (s *Service) Contributions(ctx context.Context, a *collective.Access, indicatorID int64) ([]Contribution, error) {
	if _, err := s.Indicator(ctx, a, indicatorID); err != nil {
		return nil, err
	}
	out := []Contribution{}
	for _, src := range s.Sources {
		cs, err := src.ContributionsTo(ctx, a, indicatorID)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}
