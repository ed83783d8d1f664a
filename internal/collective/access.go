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
// does not leak. Every page of every feature starts here, so the answer is
// cached per person and collective and checked against the collective's
// version, which every change to its settings or its members moves on.
func (s *Service) Access(ctx context.Context, slug string) (*Access, error) {
	user := auth.UserFrom(ctx)
	var uid int64 // no account has id 0, so anonymous visitors match no membership
	if user != nil {
		uid = user.ID
	}
	var version int64
	err := s.DB.Get(ctx, &version, "SELECT version FROM collectives WHERE slug = ?", slug)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "There is no collective at that address.")
	}
	if err != nil {
		return nil, err
	}
	key := accessKey{uid, slug}
	a, ok := s.cache().access.get(key)
	if !ok || a.Collective.Version != version {
		if a, err = s.loadAccess(ctx, slug, uid); err != nil {
			return nil, err
		}
		s.cache().access.put(key, a)
	}
	if a.Collective.Visibility != "public" && !a.IsMember() {
		return nil, errs.New(errs.NotFound, "There is no collective at that address.")
	}
	access := *a // the cached value is shared; the user is this request's
	access.User = user
	return &access, nil
}

// loadAccess reads the collective, the membership and its roles in one query.
func (s *Service) loadAccess(ctx context.Context, slug string, uid int64) (*Access, error) {
	var rows []struct {
		Collective
		MemberID *int64  `db:"member_id"`
		Role     *string `db:"role"`
	}
	if err := s.DB.Select(ctx, &rows, `SELECT `+collectiveCols+`, m.id AS member_id, r.role FROM collectives c
		LEFT JOIN members m ON m.collective_id = c.id AND m.user_id = ?
		LEFT JOIN member_roles r ON r.member_id = m.id
		WHERE c.slug = ?`, uid, slug); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, errs.New(errs.NotFound, "There is no collective at that address.")
	}
	c := rows[0].Collective
	a := &Access{Collective: &c, Roles: []string{}}
	for _, row := range rows {
		if row.MemberID != nil {
			a.MemberID = *row.MemberID
		}
		if row.Role != nil {
			a.Roles = append(a.Roles, *row.Role)
		}
	}
	slices.Sort(a.Roles)
	return a, nil
}
