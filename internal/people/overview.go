package people

import (
	"context"
	"sort"

	"commonground/internal/collective"
)

// Overview says which values unite a collective, as far as the viewer may
// see: only people whose values are visible to them count.
type Overview struct {
	// People is how many people with at least one value were counted.
	People int         `json:"people"`
	Terms  []TermShare `json:"terms"`
}

// TermShare is how widely one value is held.
type TermShare struct {
	TermID int64  `db:"term_id" json:"term_id"`
	Name   string `db:"name" json:"name"`
	Status string `db:"status" json:"status"`
	// People is how many rank it; TopThree how many rank it 1, 2 or 3.
	People   int `db:"people" json:"people"`
	TopThree int `db:"top_three" json:"top_three"`
	// Score weighs each ranking by 11 - rank, so a first place counts 10
	// and a tenth 1: a value many hold dearly beats one many hold lightly.
	Score int `db:"score" json:"score"`
	// Share is People over the overview's People, 0 to 1.
	Share float64 `json:"share"`
}

// overviewWhere picks the rankings the viewer may count: a person's values
// count when their values' visibility reaches the viewer's level for
// others, or when they are the viewer's own. A missing profile has the
// default visibility (members of the collective).
const overviewWhere = ` JOIN members m ON m.id = pv.member_id LEFT JOIN profiles p ON p.user_id = m.user_id
	WHERE pv.collective_id = ? AND (pv.member_id = ? OR COALESCE(p.vis_values, 2) >= ?)`

// ValuesOverview counts, for each value of the collective that anyone
// visible to the viewer ranks, how many rank it, how many put it in their
// top three and its rank-weighted score; highest score first.
func (s *Service) ValuesOverview(ctx context.Context, a *collective.Access) (*Overview, error) {
	if err := needUser(a); err != nil {
		return nil, err
	}
	args := []any{a.Collective.ID, a.MemberID, int(othersLevel(a))}
	out := &Overview{Terms: []TermShare{}}
	if err := s.DB.Get(ctx, &out.People, "SELECT count(DISTINCT pv.member_id) FROM person_values pv"+overviewWhere, args...); err != nil {
		return nil, err
	}
	if err := s.DB.Select(ctx, &out.Terms, `SELECT t.id AS term_id, t.name, t.status, count(*) AS people,
		sum(CASE WHEN pv.rank <= 3 THEN 1 ELSE 0 END) AS top_three, sum(11 - pv.rank) AS score
		FROM person_values pv JOIN value_terms t ON t.id = pv.term_id`+overviewWhere+" GROUP BY t.id, t.name, t.status", args...); err != nil {
		return nil, err
	}
	for i := range out.Terms {
		if out.People > 0 {
			out.Terms[i].Share = float64(out.Terms[i].People) / float64(out.People)
		}
	}
	sort.Slice(out.Terms, func(i, j int) bool {
		x, y := out.Terms[i], out.Terms[j]
		if x.Score != y.Score {
			return x.Score > y.Score
		}
		if x.People != y.People {
			return x.People > y.People
		}
		return sortName(x.Name) < sortName(y.Name)
	})
	return out, nil
}
