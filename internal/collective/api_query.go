package collective

import (
	"context"

	"commonground/internal/auth"
	"commonground/internal/errs"
)

// The API pages its lists by keyset rather than by page number: a cursor
// holds the sort key of the last item shown, so the next page starts right
// after it however deep it is, and nothing is skipped or shown twice when
// people join or leave between two requests.

// apiCursor is what a signed cursor carries: which list it belongs to, and
// the last item's sort key (name, for lists by name) and id.
type apiCursor struct {
	K string `json:"k"`
	N string `json:"n,omitempty"`
	I int64  `json:"i"`
}

// Cursor kinds, one per list, so a cursor from one list is refused by another.
const (
	cursorCollectives   = "collectives"
	cursorMembers       = "members"
	cursorOrganisations = "organisations"
	cursorInvitations   = "invitations"
)

// apiMine lists the caller's collectives by id, after the id given.
func (s *Service) apiMine(ctx context.Context, afterID int64, limit int) ([]Mine, error) {
	u, err := signedIn(ctx)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Mine
		RoleList string `db:"roles"`
	}
	q := `SELECT ` + collectiveCols + `, c.member_count AS members,
		COALESCE((SELECT ` + s.aggRoles() + ` FROM member_roles r WHERE r.member_id = m.id), '') AS roles
		FROM members m JOIN collectives c ON c.id = m.collective_id
		WHERE m.user_id = ? AND c.id > ? ORDER BY c.id LIMIT ?`
	if err := s.DB.Select(ctx, &rows, q, u.ID, afterID, limit); err != nil {
		return nil, err
	}
	out := make([]Mine, len(rows))
	for i, r := range rows {
		out[i] = r.Mine
		out[i].Roles = splitRoles(r.RoleList)
	}
	return out, nil
}

// apiMemberQuery filters and pages the member list of the API.
type apiMemberQuery struct {
	Search string // part of a name (or, for stewards, an e-mail address)
	Role   string // only members holding this role
	After  apiCursor
	Limit  int
}

// apiMembers returns up to q.Limit members after the cursor, by name, and
// the sort name of the last one. E-mail addresses are for stewards only,
// as on the members page.
func (s *Service) apiMembers(ctx context.Context, a *Access, q apiMemberQuery) ([]Member, string, error) {
	if q.Role != "" && !auth.KnownRole(q.Role) {
		return nil, "", errs.Field("role", "%q is not a role here.", q.Role)
	}
	where := "m.collective_id = ?"
	args := []any{a.Collective.ID}
	if q.After.I != 0 {
		where += " AND (m.sort_name, m.id) > (?, ?)"
		args = append(args, q.After.N, q.After.I)
	}
	if q.Search != "" {
		if a.IsSteward() {
			where += ` AND (m.sort_name LIKE ? ESCAPE '\' OR lower(u.email) LIKE ? ESCAPE '\')`
			args = append(args, likePattern(q.Search), likePattern(q.Search))
		} else {
			where += ` AND m.sort_name LIKE ? ESCAPE '\'`
			args = append(args, likePattern(q.Search))
		}
	}
	if q.Role != "" {
		where += " AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role = ?)"
		args = append(args, q.Role)
	}
	var rows []struct {
		SortName string `db:"sort_name"`
		Member
	}
	if err := s.DB.Select(ctx, &rows, "SELECT m.sort_name, "+memberCols+" FROM members m JOIN users u ON u.id = m.user_id WHERE "+
		where+" ORDER BY m.sort_name, m.id LIMIT ?", append(args, q.Limit)...); err != nil {
		return nil, "", err
	}
	ms := make([]Member, len(rows))
	last := ""
	for i, r := range rows {
		ms[i] = r.Member
		last = r.SortName
	}
	if err := s.fillMembers(ctx, ms); err != nil {
		return nil, "", err
	}
	if !a.IsSteward() {
		for i := range ms {
			ms[i].Email = ""
		}
	}
	return ms, last, nil
}

// orgRow is an organisation with its sort key, for the next cursor.
type orgRow struct {
	SortName string `db:"sort_name"`
	Organisation
}

// apiOrganisations lists a collective's organisations by name after the
// cursor; anyone who may see the collective may see them.
func (s *Service) apiOrganisations(ctx context.Context, a *Access, after apiCursor, limit int) ([]orgRow, error) {
	where := "o.collective_id = ?"
	args := []any{a.Collective.ID}
	if after.I != 0 {
		where += " AND (o.sort_name, o.id) > (?, ?)"
		args = append(args, after.N, after.I)
	}
	out := []orgRow{}
	err := s.DB.Select(ctx, &out, `SELECT o.sort_name, o.id, o.name, o.website, o.description, o.created_at,
		(SELECT count(*) FROM affiliations f WHERE f.organisation_id = o.id) AS members
		FROM organisations o WHERE `+where+` ORDER BY o.sort_name, o.id LIMIT ?`, append(args, limit)...)
	return out, err
}

// apiInvitations lists a collective's invitations, newest first, before the
// id given (0: from the newest); stewards only, as on the page.
func (s *Service) apiInvitations(ctx context.Context, a *Access, beforeID int64, limit int) ([]Invitation, error) {
	if !a.IsSteward() { // stewards may still read them once archived
		return nil, errs.New(errs.Forbidden, "Only stewards of %s can see its invitations.", a.Collective.Name)
	}
	where := "i.collective_id = ?"
	args := []any{a.Collective.ID}
	if beforeID != 0 {
		where += " AND i.id < ?"
		args = append(args, beforeID)
	}
	out := []Invitation{}
	err := s.DB.Select(ctx, &out, `SELECT i.id, i.email, i.roles, COALESCE(u.name, '') AS invited_by, i.created_at, i.expires_at, i.status, i.answered_at
		FROM invitations i LEFT JOIN users u ON u.id = i.invited_by
		WHERE `+where+` ORDER BY i.id DESC LIMIT ?`, append(args, limit)...)
	return out, err
}
