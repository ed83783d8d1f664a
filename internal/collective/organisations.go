package collective

import (
	"context"
	"strconv"

	"commonground/internal/activity"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Organisations lists a collective's partner organisations with how many
// members are affiliated with each.
func (s *Service) Organisations(ctx context.Context, a *Access) ([]Organisation, error) {
	out := []Organisation{}
	err := s.DB.Select(ctx, &out, `SELECT o.id, o.name, o.website, o.description, o.created_at,
		(SELECT count(*) FROM affiliations f WHERE f.organisation_id = o.id) AS members
		FROM organisations o WHERE o.collective_id = ? ORDER BY o.sort_name`, a.Collective.ID)
	return out, err
}

// Organisation returns one organisation of the collective.
func (s *Service) Organisation(ctx context.Context, a *Access, id int64) (*Organisation, error) {
	var o Organisation
	err := s.DB.Get(ctx, &o, `SELECT o.id, o.name, o.website, o.description, o.created_at,
		(SELECT count(*) FROM affiliations f WHERE f.organisation_id = o.id) AS members
		FROM organisations o WHERE o.id = ? AND o.collective_id = ?`, id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no such organisation.", a.Collective.Name)
	}
	return &o, err
}

// OrganisationMembers lists the members affiliated with an organisation.
func (s *Service) OrganisationMembers(ctx context.Context, a *Access, id int64) ([]Member, error) {
	out := []Member{}
	err := s.DB.Select(ctx, &out, `SELECT `+memberCols+` FROM affiliations f
		JOIN members m ON m.id = f.member_id JOIN users u ON u.id = m.user_id
		WHERE f.organisation_id = ? AND m.collective_id = ? ORDER BY m.sort_name LIMIT 500`, id, a.Collective.ID)
	if err == nil && !a.IsSteward() {
		for i := range out {
			out[i].Email = ""
		}
	}
	return out, err
}

// CreateOrganisation adds a partner organisation (stewards only).
func (s *Service) CreateOrganisation(ctx context.Context, a *Access, in OrgInput) (*Organisation, error) {
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var o *Organisation
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		id, err := tx.Insert(ctx, `INSERT INTO organisations (collective_id, name, sort_name, website, description, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, a.Collective.ID, in.Name, sortName(in.Name), in.Website, in.Description, tx.Now)
		if store.IsUnique(err) {
			return errs.Field("name", "%s already has an organisation called %q.", a.Collective.Name, in.Name)
		}
		if err != nil {
			return err
		}
		o = &Organisation{ID: id, Name: in.Name, Website: in.Website, Description: in.Description, CreatedAt: tx.Now}
		return record(ctx, tx, a.Collective, a.User, "organisation.created", orgSubject(id), orgLink(a, id), activity.Everyone,
			name(a.User)+" added the partner organisation "+in.Name+".")
	})
	return o, err
}

// UpdateOrganisation changes an organisation (stewards only).
func (s *Service) UpdateOrganisation(ctx context.Context, a *Access, id int64, in OrgInput) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Exec(ctx, "UPDATE organisations SET name = ?, sort_name = ?, website = ?, description = ? WHERE id = ? AND collective_id = ?",
			in.Name, sortName(in.Name), in.Website, in.Description, id, a.Collective.ID)
		if store.IsUnique(err) {
			return errs.Field("name", "%s already has an organisation called %q.", a.Collective.Name, in.Name)
		}
		if err == nil && n == 0 {
			return errs.New(errs.NotFound, "%s has no such organisation.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		if err := touch(ctx, tx, a.Collective.ID, 0); err != nil { // the member list shows organisation names
			return err
		}
		return record(ctx, tx, a.Collective, a.User, "organisation.updated", orgSubject(id), orgLink(a, id), activity.Everyone,
			name(a.User)+" updated the partner organisation "+in.Name+".")
	})
}

// DeleteOrganisation removes an organisation and its members' affiliations
// to it (stewards only); the members stay.
func (s *Service) DeleteOrganisation(ctx context.Context, a *Access, id int64) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var orgName string
		err := tx.Get(ctx, &orgName, "SELECT name FROM organisations WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
		if store.NotFound(err) {
			return errs.New(errs.NotFound, "%s has no such organisation.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM affiliations WHERE organisation_id IN (SELECT id FROM organisations WHERE id = ? AND collective_id = ?)", id, a.Collective.ID); err != nil {
			return err
		}
		n, err := tx.Exec(ctx, "DELETE FROM organisations WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
		if err == nil && n == 0 {
			return errs.New(errs.NotFound, "%s has no such organisation.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		if err := touch(ctx, tx, a.Collective.ID, 0); err != nil {
			return err
		}
		return record(ctx, tx, a.Collective, a.User, "organisation.deleted", orgSubject(id), base(a)+"/organisations", activity.Everyone,
			name(a.User)+" removed the partner organisation "+orgName+".")
	})
}

func orgSubject(id int64) string { return "organisation:" + strconv.FormatInt(id, 10) }

func orgLink(a *Access, id int64) string {
	return base(a) + "/organisations/" + strconv.FormatInt(id, 10)
}
