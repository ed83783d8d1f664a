package collective

import (
	"context"
	"slices"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Access is what the person acting may do in one collective. Every feature
// asks for it first, so a rule about roles lives in one place.
type Access struct {
	Collective *Collective
	User       *auth.User // nil when nobody is signed in
	MemberID   int64      // 0 when the person is not a member
	Roles      []string
}

// Has reports whether the person holds role.
func (a *Access) Has(role string) bool { return slices.Contains(a.Roles, role) }

// IsMember reports whether the person belongs to the collective.
func (a *Access) IsMember() bool { return a.MemberID != 0 }

// IsSteward reports whether the person runs the collective.
func (a *Access) IsSteward() bool { return a.Has(auth.Steward) }

// CanContribute reports whether the person may add and change their own
// things: any member who is not only an observer, in a collective that is
// not archived.
func (a *Access) CanContribute() bool {
	if !a.IsMember() || a.Collective.Archived() {
		return false
	}
	return slices.ContainsFunc(a.Roles, func(r string) bool { return r != auth.Observer })
}

// RequireSteward returns Forbidden unless the person is a steward and the
// collective is open for changes.
func (a *Access) RequireSteward() error {
	if !a.IsSteward() {
		return errs.New(errs.Forbidden, "Only stewards of %s can do this.", a.Collective.Name)
	}
	if a.Collective.Archived() {
		return errs.New(errs.Forbidden, "%s is archived; restore it in its settings first.", a.Collective.Name)
	}
	return nil
}

// RequireContributor returns Forbidden unless CanContribute.
func (a *Access) RequireContributor() error {
	switch {
	case !a.IsMember():
		return errs.New(errs.Forbidden, "Only members of %s can do this.", a.Collective.Name)
	case a.Collective.Archived():
		return errs.New(errs.Forbidden, "%s is archived; a steward can restore it.", a.Collective.Name)
	case !a.CanContribute():
		return errs.New(errs.Forbidden, "Observers can read but not change anything.")
	}
	return nil
}

// Access loads the collective named by slug and the acting person's roles in
// it. A private collective is NotFound to anyone outside it, so its existence
// does not leak.
func (s *Service) Access(ctx context.Context, slug string) (*Access, error) {
	var c Collective
	err := s.DB.Get(ctx, &c, "SELECT id, slug, name, purpose, visibility, min_group_size, created_at, archived_at FROM collectives WHERE slug = ?", slug)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "There is no collective at that address.")
	}
	if err != nil {
		return nil, err
	}
	a := &Access{Collective: &c, User: auth.UserFrom(ctx), Roles: []string{}}
	if a.User != nil {
		var rows []struct {
			MemberID int64   `db:"id"`
			Role     *string `db:"role"`
		}
		if err := s.DB.Select(ctx, &rows, `SELECT m.id, r.role FROM members m
			LEFT JOIN member_roles r ON r.member_id = m.id
			WHERE m.collective_id = ? AND m.user_id = ?`, c.ID, a.User.ID); err != nil {
			return nil, err
		}
		for _, row := range rows {
			a.MemberID = row.MemberID
			if row.Role != nil {
				a.Roles = append(a.Roles, *row.Role)
			}
		}
		slices.Sort(a.Roles)
	}
	if c.Visibility != "public" && !a.IsMember() {
		return nil, errs.New(errs.NotFound, "There is no collective at that address.")
	}
	return a, nil
}
