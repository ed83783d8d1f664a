package people

import (
	"context"
	"strings"

	"commonground/internal/collective"
)

// dirRow is a member with their profile as the directory reads it; a
// member without a profile row reads as empty with default visibilities.
type dirRow struct {
	MemberID     int64  `db:"member_id"`
	UserID       int64  `db:"user_id"`
	Name         string `db:"name"`
	DisplayName  string `db:"display_name"`
	Pronouns     string `db:"pronouns"`
	Organisation string `db:"organisation"`
	Department   string `db:"department"`
	RoleTitle    string `db:"role_title"`
	About        string `db:"about"`
	PhotoFileID  *int64 `db:"photo_file_id"`
	visRow
}

var dirCols = func() string {
	cols := []string{"m.id AS member_id", "m.user_id", "u.name", "p.photo_file_id"}
	for _, c := range []string{"display_name", "pronouns", "organisation", "department", "role_title", "about"} {
		cols = append(cols, "COALESCE(p."+c+", '') AS "+c)
	}
	for _, f := range Fields {
		cols = append(cols, "COALESCE(p.vis_"+string(f)+", 2) AS vis_"+string(f))
	}
	return strings.Join(cols, ", ")
}()

// directoryViews reads limit members from offset that match w, in the
// member list's order, and makes each a View for the viewer in a: with the
// tags of kinds and the values ranked up to maxRank (0: none). Answers are
// left out.
//
// The page's member ids are chosen first, in a subquery that reads only
// what the filters need: SQLite computes every row an OFFSET skips, so
// skipping over ids alone (from the index on members) keeps deep pages
// cheap.
func (s *Service) directoryViews(ctx context.Context, a *collective.Access, w *where, limit, offset int, kinds []TagKind, maxRank int) ([]*View, error) {
	return s.viewsWhere(ctx, a, "m.id IN (SELECT m.id FROM members m"+w.join+" WHERE "+w.where+
		" ORDER BY m.sort_name, m.id LIMIT ? OFFSET ?)", append(append([]any{}, w.args...), limit, offset), kinds, maxRank)
}

// viewsWhere reads the members that cond (on members m) selects, in the
// member list's order, as directoryViews does.
func (s *Service) viewsWhere(ctx context.Context, a *collective.Access, cond string, args []any, kinds []TagKind, maxRank int) ([]*View, error) {
	var rows []dirRow
	if err := s.DB.Select(ctx, &rows, "SELECT "+dirCols+` FROM members m JOIN users u ON u.id = m.user_id
		LEFT JOIN profiles p ON p.user_id = m.user_id WHERE `+cond+" ORDER BY m.sort_name, m.id", args...); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	users, members := make([]any, len(rows)), make([]any, len(rows))
	for i, r := range rows {
		users[i], members[i] = r.UserID, r.MemberID
	}
	tags, err := s.tagsOf(ctx, users, kinds)
	if err != nil {
		return nil, err
	}
	values := map[int64][]RankedValue{}
	if maxRank > 0 {
		if values, err = s.rankedOf(ctx, members, maxRank); err != nil {
			return nil, err
		}
	}
	views := make([]*View, len(rows))
	for i, r := range rows {
		p := &Profile{UserID: r.UserID, DisplayName: r.DisplayName, Pronouns: r.Pronouns, PhotoFileID: r.PhotoFileID,
			Organisation: r.Organisation, Department: r.Department, RoleTitle: r.RoleTitle, About: r.About,
			Visibility: r.visibility()}
		if t := tags[r.UserID]; t != nil {
			p.Skills, p.Offers, p.Needs = t[TagSkill], t[TagOffer], t[TagNeed]
		}
		level := LevelFor(a, r.UserID)
		v := viewOf(p, level, r.MemberID, r.Name)
		if level.Shows(p.Visibility[FieldValues]) {
			v.Values = values[r.MemberID]
		}
		views[i] = v
	}
	return views, nil
}

// placeholders is "?, ?, …" for n arguments.
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// tagsOf reads the tags of kinds of the accounts users, in order.
func (s *Service) tagsOf(ctx context.Context, users []any, kinds []TagKind) (map[int64]map[TagKind][]string, error) {
	out := map[int64]map[TagKind][]string{}
	if len(kinds) == 0 {
		return out, nil
	}
	args := append([]any{}, users...)
	for _, k := range kinds {
		args = append(args, string(k))
	}
	var rows []struct {
		UserID int64   `db:"user_id"`
		Kind   TagKind `db:"kind"`
		Label  string  `db:"label"`
	}
	if err := s.DB.Select(ctx, &rows, "SELECT user_id, kind, label FROM profile_tags WHERE user_id IN ("+placeholders(len(users))+
		") AND kind IN ("+placeholders(len(kinds))+") ORDER BY user_id, kind, position", args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if out[r.UserID] == nil {
			out[r.UserID] = map[TagKind][]string{}
		}
		out[r.UserID][r.Kind] = append(out[r.UserID][r.Kind], r.Label)
	}
	return out, nil
}

// rankedOf reads the values the members rank up to maxRank, in order.
func (s *Service) rankedOf(ctx context.Context, members []any, maxRank int) (map[int64][]RankedValue, error) {
	var rows []struct {
		MemberID int64  `db:"member_id"`
		TermID   int64  `db:"term_id"`
		Name     string `db:"name"`
		Rank     int    `db:"rank"`
		Why      string `db:"why"`
	}
	if err := s.DB.Select(ctx, &rows, `SELECT v.member_id, v.term_id, t.name, v.rank, v.why FROM person_values v
		JOIN value_terms t ON t.id = v.term_id WHERE v.member_id IN (`+placeholders(len(members))+`) AND v.rank <= ?
		ORDER BY v.member_id, v.rank`, append(append([]any{}, members...), maxRank)...); err != nil {
		return nil, err
	}
	out := map[int64][]RankedValue{}
	for _, r := range rows {
		out[r.MemberID] = append(out[r.MemberID], RankedValue{TermID: r.TermID, Name: r.Name, Rank: r.Rank, Why: r.Why})
	}
	return out, nil
}
