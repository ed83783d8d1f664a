package people

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// View is what one viewer sees of one member in a collective: every field
// the member's visibilities let them see, and nothing of the others (an
// empty string or list, left out of JSON). The name is always there: it is
// the display name when that is visible and set, else the account name,
// which everyone who may list the members sees anyway.
type View struct {
	MemberID     int64         `json:"member_id"`
	Name         string        `json:"name"`
	Self         bool          `json:"self"`
	DisplayName  string        `json:"display_name,omitempty"`
	Pronouns     string        `json:"pronouns,omitempty"`
	Organisation string        `json:"organisation,omitempty"`
	Department   string        `json:"department,omitempty"`
	RoleTitle    string        `json:"role_title,omitempty"`
	About        string        `json:"about,omitempty"`
	Skills       []string      `json:"skills,omitempty"`
	Offers       []string      `json:"offers,omitempty"`
	Needs        []string      `json:"needs,omitempty"`
	HasPhoto     bool          `json:"has_photo"`
	Values       []RankedValue `json:"values,omitempty"`
	Answers      []Answer      `json:"answers,omitempty"`
	// Visibility is shown to the person themself only, so the page can say
	// who sees each field.
	Visibility map[Field]Visibility `json:"visibility,omitempty"`
}

// Person is what the viewer in a may see of the member memberID. A member
// of another collective, or an unknown id, is NotFound.
func (s *Service) Person(ctx context.Context, a *collective.Access, memberID int64) (*View, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to see people's profiles.")
	}
	var m []struct {
		UserID int64  `db:"user_id"`
		Name   string `db:"name"`
	}
	if err := s.DB.Select(ctx, &m, `SELECT m.user_id, u.name FROM members m JOIN users u ON u.id = m.user_id
		WHERE m.id = ? AND m.collective_id = ?`, memberID, a.Collective.ID); err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return nil, errs.New(errs.NotFound, "That person is not a member of %s.", a.Collective.Name)
	}
	p, err := loadProfile(ctx, s.DB, m[0].UserID)
	if err != nil {
		return nil, err
	}
	level := LevelFor(a, m[0].UserID)
	v := viewOf(p, level, memberID, m[0].Name)
	if level.Shows(p.Visibility[FieldValues]) {
		if v.Values, err = valuesOf(ctx, s.DB, a.Collective.ID, memberID); err != nil {
			return nil, err
		}
	}
	if v.Answers, err = s.answersOf(ctx, a, memberID, level); err != nil {
		return nil, err
	}
	return v, nil
}

// viewOf keeps of p what level shows.
func viewOf(p *Profile, level Level, memberID int64, account string) *View {
	v := &View{MemberID: memberID, Name: account, Self: level == Level(OnlyMe)}
	show := func(f Field) bool { return level.Shows(p.Visibility[f]) }
	pick := func(f Field, s string) string {
		if show(f) {
			return s
		}
		return ""
	}
	pickList := func(f Field, l []string) []string {
		if show(f) && len(l) > 0 {
			return l
		}
		return nil
	}
	v.DisplayName = pick(FieldDisplayName, p.DisplayName)
	if v.DisplayName != "" {
		v.Name = v.DisplayName
	}
	v.Pronouns, v.Organisation = pick(FieldPronouns, p.Pronouns), pick(FieldOrganisation, p.Organisation)
	v.Department, v.RoleTitle = pick(FieldDepartment, p.Department), pick(FieldRoleTitle, p.RoleTitle)
	v.About = pick(FieldAbout, p.About)
	v.Skills, v.Offers, v.Needs = pickList(FieldSkills, p.Skills), pickList(FieldOffers, p.Offers), pickList(FieldNeeds, p.Needs)
	v.HasPhoto = p.PhotoFileID != nil && show(FieldPhoto)
	if v.Self {
		v.Visibility = p.Visibility
	}
	return v
}
