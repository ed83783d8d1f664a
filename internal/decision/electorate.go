package decision

import (
	"context"
	"strings"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
)

// electorateWhere is the condition, on members m, of the people who may
// vote in d: members who are not only observers, narrowed to a role or to
// the invited.
func electorateWhere(d *Decision) (string, []any) {
	w := "m.collective_id = ? AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role <> 'observer')"
	args := []any{d.CollectiveID}
	switch d.Electorate {
	case ByRole:
		w += " AND EXISTS (SELECT 1 FROM member_roles r2 WHERE r2.member_id = m.id AND r2.role = ?)"
		args = append(args, d.ElectorateRole)
	case Invited:
		w += " AND EXISTS (SELECT 1 FROM decision_voters v WHERE v.decision_id = ? AND v.member_id = m.id)"
		args = append(args, d.ID)
	}
	return w, args
}

// electorateSize counts who may vote in d now.
func electorateSize(ctx context.Context, q querier, d *Decision) (int64, error) {
	w, args := electorateWhere(d)
	var n int64
	err := q.Get(ctx, &n, "SELECT count(*) FROM members m WHERE "+w, args...)
	return n, err
}

// voter is a member of the electorate as the count reads them.
type voter struct {
	MemberID int64  `db:"id"`
	Name     string `db:"name"`
}

// electorate lists who may vote in d, by member id.
func electorate(ctx context.Context, q querier, d *Decision) ([]voter, error) {
	w, args := electorateWhere(d)
	var vs []voter
	err := q.Select(ctx, &vs, "SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE "+w+" ORDER BY m.id",
		args...)
	return vs, err
}

// weights returns the weights of d's voters (absent means 1); nil when d
// is not weighted.
func weights(ctx context.Context, q querier, d *Decision) (map[int64]int64, error) {
	if !d.Weighted {
		return nil, nil
	}
	var rows []struct {
		MemberID int64 `db:"member_id"`
		Weight   int64 `db:"weight"`
	}
	if err := q.Select(ctx, &rows, "SELECT member_id, weight FROM decision_voters WHERE decision_id = ?", d.ID); err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.MemberID] = r.Weight
	}
	return out, nil
}

// weightOf is a member's weight under ws (1 when unweighted or unlisted).
func weightOf(ws map[int64]int64, memberID int64) int64 {
	if w, found := ws[memberID]; found {
		return w
	}
	return 1
}

// voterWeight returns the weight the member votes with in d, or an error
// saying why they may not vote (not in the electorate, an observer, …).
func (s *Service) voterWeight(ctx context.Context, q querier, a *collective.Access, d *Decision, memberID int64) (int64, error) {
	if memberID == 0 {
		return 0, errs.New(errs.Forbidden, "Only members of %s can vote.", a.Collective.Name)
	}
	w, args := electorateWhere(d)
	var n int
	if err := q.Get(ctx, &n, "SELECT count(*) FROM members m WHERE m.id = ? AND "+w, append([]any{memberID}, args...)...); err != nil {
		return 0, err
	}
	if n == 0 {
		var roles []string
		if err := q.Select(ctx, &roles, "SELECT role FROM member_roles WHERE member_id = ?", memberID); err != nil {
			return 0, err
		}
		switch {
		case len(roles) == 0 || (len(roles) == 1 && roles[0] == auth.Observer):
			return 0, errs.New(errs.Forbidden, "Observers can read but not vote.")
		case d.Electorate == ByRole:
			return 0, errs.New(errs.Forbidden, "Only members with the role %s can vote in this decision.", roleLabel(d.ElectorateRole))
		case d.Electorate == Invited:
			return 0, errs.New(errs.Forbidden, "Only the people invited can vote in this decision.")
		}
		return 0, errs.New(errs.Forbidden, "You cannot vote in this decision.")
	}
	if !d.Weighted {
		return 1, nil
	}
	var ws []int64
	if err := q.Select(ctx, &ws, "SELECT weight FROM decision_voters WHERE decision_id = ? AND member_id = ?", d.ID, memberID); err != nil {
		return 0, err
	}
	if len(ws) == 0 {
		return 1, nil
	}
	return ws[0], nil
}

// roleLabel is a role's name as people read it.
func roleLabel(name string) string {
	for _, r := range auth.Roles() {
		if r.Name == name {
			return r.Label
		}
	}
	return name
}

// roleNames lists the registered roles a decision can be limited to.
func roleNames() string {
	var names []string
	for _, r := range auth.Roles() {
		if r.Name != auth.Observer {
			names = append(names, r.Name)
		}
	}
	return strings.Join(names, ", ")
}

// chamberOrgs lists the member's organisations that vote as a block in d:
// in an anonymous decision only those with at least the collective's
// minimum group size of people in the electorate.
func (s *Service) chamberOrgs(ctx context.Context, q querier, a *collective.Access, d *Decision, memberID int64) ([]int64, error) {
	if !d.Chambers {
		return nil, nil
	}
	var orgs []int64
	if err := q.Select(ctx, &orgs, "SELECT organisation_id FROM affiliations WHERE member_id = ? ORDER BY organisation_id",
		memberID); err != nil {
		return nil, err
	}
	if !d.Anonymous || len(orgs) == 0 {
		return orgs, nil
	}
	w, args := electorateWhere(d)
	var rows []struct {
		Org int64 `db:"organisation_id"`
		N   int   `db:"n"`
	}
	if err := q.Select(ctx, &rows, `SELECT f.organisation_id, count(*) AS n FROM affiliations f JOIN members m ON m.id = f.member_id
		WHERE f.organisation_id IN (`+placeholders(len(orgs))+`) AND `+w+` GROUP BY f.organisation_id ORDER BY f.organisation_id`,
		append(anys(orgs), args...)...); err != nil {
		return nil, err
	}
	var out []int64
	for _, r := range rows {
		if r.N >= a.Collective.MinGroupSize {
			out = append(out, r.Org)
		}
	}
	return out, nil
}

// anys turns ids into query arguments.
func anys(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
