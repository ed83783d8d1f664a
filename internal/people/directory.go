package people

import (
	"context"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// DirectoryQuery asks for one page of the people directory. Text searches
// the names and every field the viewer may see; Organisation (exact, any
// case), Skill (a tag) and Value (a value's name or id) keep only people
// whose matching field the viewer may see.
type DirectoryQuery struct {
	Text         string `json:"q,omitempty"`
	Organisation string `json:"organisation,omitempty"`
	Skill        string `json:"skill,omitempty"`
	Value        string `json:"value,omitempty"`
	Page         int    `json:"page"`     // from 1
	PerPage      int    `json:"per_page"` // 1 to MaxPerPage; 0 is PerPage
}

// MaxPerPage bounds a directory page.
const MaxPerPage = 200

// Card is a person as the directory lists them: a short view, with only
// what the viewer may see.
type Card struct {
	MemberID     int64    `json:"member_id"`
	Name         string   `json:"name"`
	Pronouns     string   `json:"pronouns,omitempty"`
	Organisation string   `json:"organisation,omitempty"`
	RoleTitle    string   `json:"role_title,omitempty"`
	Skills       []string `json:"skills,omitempty"`
	TopValues    []string `json:"top_values,omitempty"` // the first three ranked values
	HasPhoto     bool     `json:"has_photo"`
}

// DirectoryPage is one page of the directory, in the order of the member
// list (account names), which is stable while people edit their profiles.
type DirectoryPage struct {
	People  []Card `json:"people"`
	Page    int    `json:"page"`
	PerPage int    `json:"per_page"`
	Total   int    `json:"total"`
	HasNext bool   `json:"has_next"`
}

// Directory lists the members of the collective with what the viewer may
// see of each. Search and filters run in SQL against the visibility
// columns, so a hidden field never makes a person match.
func (s *Service) Directory(ctx context.Context, a *collective.Access, q DirectoryQuery) (*DirectoryPage, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to see the people of %s.", a.Collective.Name)
	}
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PerPage < 1 {
		q.PerPage = PerPage
	}
	if q.PerPage > MaxPerPage {
		return nil, errs.Field("per_page", "At most %d people a page.", MaxPerPage)
	}
	w, err := s.directoryWhere(ctx, a, q)
	if err != nil {
		return nil, err
	}
	page := &DirectoryPage{People: []Card{}, Page: q.Page, PerPage: q.PerPage}
	offset := (q.Page - 1) * q.PerPage
	var views []*View
	if w.join == "" {
		// No search or filter: counting the collective's members reads
		// only the index on members, and the page is chosen there too.
		if err := s.DB.Get(ctx, &page.Total, "SELECT count(*) FROM members m WHERE "+w.where, w.args...); err != nil {
			return nil, err
		}
		if offset < page.Total {
			if views, err = s.directoryViews(ctx, a, w, q.PerPage, offset, []TagKind{TagSkill}, 3); err != nil {
				return nil, err
			}
		}
	} else {
		// A search or filter reads every member's row: do it once, for
		// the count and the page together.
		var ids []int64
		if err := s.DB.Select(ctx, &ids, "SELECT m.id FROM members m"+w.join+" WHERE "+w.where+" ORDER BY m.sort_name, m.id", w.args...); err != nil {
			return nil, err
		}
		page.Total = len(ids)
		if offset < len(ids) {
			ids = ids[offset:min(offset+q.PerPage, len(ids))]
			args := make([]any, len(ids))
			for i, id := range ids {
				args[i] = id
			}
			if views, err = s.viewsWhere(ctx, a, "m.id IN ("+placeholders(len(ids))+")", args, []TagKind{TagSkill}, 3); err != nil {
				return nil, err
			}
		}
	}
	for _, v := range views {
		c := Card{MemberID: v.MemberID, Name: v.Name, Pronouns: v.Pronouns, Organisation: v.Organisation,
			RoleTitle: v.RoleTitle, Skills: v.Skills, HasPhoto: v.HasPhoto}
		for _, rv := range v.Values {
			c.TopValues = append(c.TopValues, rv.Name)
		}
		page.People = append(page.People, c)
	}
	page.HasNext = offset+len(page.People) < page.Total
	return page, nil
}

// where is a directory query's filter: the joins it needs, the condition
// on members m (and profiles p) and its arguments.
type where struct {
	join, where string
	args        []any
}

// visible is the SQL condition that field f of the row's person is
// visible to the viewer: at their level for others, always for themself.
// A member with no profile row has the default visibility.
func visible(a *collective.Access, f Field) (string, []any) {
	return visibleAs(a, f, "p", "m.user_id")
}

// visibleAs is visible for the profile alias p and the person's account
// column user.
func visibleAs(a *collective.Access, f Field, p, user string) (string, []any) {
	var uid int64
	if a.User != nil {
		uid = a.User.ID
	}
	return "(COALESCE(" + p + ".vis_" + string(f) + ", 2) >= ? OR " + user + " = ?)", []any{int(othersLevel(a)), uid}
}

// directoryWhere turns the query's search and filters into SQL.
func (s *Service) directoryWhere(ctx context.Context, a *collective.Access, q DirectoryQuery) (*where, error) {
	w := &where{where: "m.collective_id = ?", args: []any{a.Collective.ID}}
	and := func(cond string, args ...any) {
		w.where += " AND " + cond
		w.args = append(w.args, args...)
	}
	needProfile := false
	if text := strings.TrimSpace(q.Text); text != "" {
		needProfile = true
		pat := containsPattern(text)
		// LIKE ignores case for ASCII in SQLite; PostgreSQL needs ILIKE,
		// which also folds other letters. Either way the search reads no
		// lower() copy of every about text.
		like := " LIKE ? ESCAPE '\\'"
		if s.DB.Dialect == store.Postgres {
			like = " ILIKE ? ESCAPE '\\'"
		}
		ors := []string{"m.sort_name" + like}
		args := []any{pat}
		for _, f := range []Field{FieldDisplayName, FieldOrganisation, FieldDepartment, FieldRoleTitle, FieldAbout} {
			cond, vargs := visible(a, f)
			ors = append(ors, "(p."+string(f)+like+" AND "+cond+")")
			args = append(append(args, pat), vargs...)
		}
		// The tags that match are found once, not per member: an
		// uncorrelated subquery is computed a single time.
		tagOrs := []string{}
		var tagArgs []any
		for _, k := range []struct {
			kind  TagKind
			field Field
		}{{TagSkill, FieldSkills}, {TagOffer, FieldOffers}, {TagNeed, FieldNeeds}} {
			cond, vargs := visibleAs(a, k.field, "tp", "t.user_id")
			tagOrs = append(tagOrs, "(t.kind = ? AND "+cond+")")
			tagArgs = append(append(tagArgs, string(k.kind)), vargs...)
		}
		ors = append(ors, "m.user_id IN (SELECT t.user_id FROM profile_tags t LEFT JOIN profiles tp ON tp.user_id = t.user_id WHERE t.tag"+
			like+" AND ("+strings.Join(tagOrs, " OR ")+"))")
		args = append(append(args, containsPattern(NormaliseTag(text))), tagArgs...)
		and("("+strings.Join(ors, " OR ")+")", args...)
	}
	if org := strings.TrimSpace(q.Organisation); org != "" {
		needProfile = true
		cond, vargs := visible(a, FieldOrganisation)
		and("lower(p.organisation) = lower(?) AND "+cond, append([]any{org}, vargs...)...)
	}
	if skill := NormaliseTag(q.Skill); skill != "" {
		needProfile = true
		cond, vargs := visible(a, FieldSkills)
		and("m.user_id IN (SELECT t.user_id FROM profile_tags t WHERE t.kind = 'skill' AND t.tag = ?) AND "+cond,
			append([]any{skill}, vargs...)...)
	}
	if value := strings.TrimSpace(q.Value); value != "" {
		id, err := s.termID(ctx, a, value)
		if err != nil {
			return nil, err
		}
		needProfile = true
		cond, vargs := visible(a, FieldValues)
		and("m.id IN (SELECT v.member_id FROM person_values v WHERE v.term_id = ?) AND "+cond,
			append([]any{id}, vargs...)...)
	}
	if needProfile {
		w.join = " LEFT JOIN profiles p ON p.user_id = m.user_id"
	}
	return w, nil
}

// termID finds a value of the collective by id or by name: an active or
// retired one, as proposals and declined values are not everyone's to see.
func (s *Service) termID(ctx context.Context, a *collective.Access, value string) (int64, error) {
	var ids []int64
	var err error
	if n, perr := strconv.ParseInt(value, 10, 64); perr == nil {
		err = s.DB.Select(ctx, &ids, "SELECT id FROM value_terms WHERE id = ? AND collective_id = ? AND status IN ('active', 'retired')", n, a.Collective.ID)
	} else {
		err = s.DB.Select(ctx, &ids, "SELECT id FROM value_terms WHERE sort_name = ? AND collective_id = ? AND status IN ('active', 'retired')", sortName(value), a.Collective.ID)
	}
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, errs.Field("value", "%q is not one of %s's values.", value, a.Collective.Name)
	}
	return ids[0], nil
}

// containsPattern makes a case-insensitive "contains" pattern for LIKE,
// escaping the wildcards people may type.
func containsPattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(strings.TrimSpace(q))) + "%"
}

// Organisations lists the organisations people of the collective give on
// their profiles, those the viewer may see, for the directory's filter.
// Spellings that differ only in case are listed once.
func (s *Service) Organisations(ctx context.Context, a *collective.Access) ([]string, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to see the people of %s.", a.Collective.Name)
	}
	cond, vargs := visible(a, FieldOrganisation)
	var orgs []string
	if err := s.DB.Select(ctx, &orgs, `SELECT DISTINCT p.organisation FROM members m JOIN profiles p ON p.user_id = m.user_id
		WHERE m.collective_id = ? AND p.organisation <> '' AND `+cond+" ORDER BY p.organisation",
		append([]any{a.Collective.ID}, vargs...)...); err != nil {
		return nil, err
	}
	out := []string{}
	seen := map[string]bool{}
	for _, o := range orgs {
		if k := strings.ToLower(o); !seen[k] {
			seen[k] = true
			out = append(out, o)
		}
	}
	return out, nil
}
