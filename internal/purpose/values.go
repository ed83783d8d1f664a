package purpose

import (
	"context"
	"errors"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

const valueCols = `CASE WHEN p.member_id IS NULL THEN 'organisation' ELSE 'member' END AS kind,
	COALESCE(p.member_id, p.organisation_id) AS owner_id, COALESCE(mu.name, o.name, '') AS owner_name,
	v.version, v.gain, v.bring, v.note, v.author_id, ` + authorName + `, v.created_at`

const valueFrom = ` FROM value_propositions p JOIN value_versions v ON v.proposition_id = p.id
	LEFT JOIN members m ON m.id = p.member_id LEFT JOIN users mu ON mu.id = m.user_id
	LEFT JOIN organisations o ON o.id = p.organisation_id
	LEFT JOIN users u ON u.id = v.author_id`

// ownerColumn is the column of value_propositions that names o.
func ownerColumn(o Owner) string {
	if o.Kind == OwnerOrganisation {
		return "organisation_id"
	}
	return "member_id"
}

// ownerName returns the name of a member or organisation of a's
// collective, or NotFound when o names none.
func ownerName(ctx context.Context, q getter, a *collective.Access, o Owner) (string, error) {
	var name string
	switch o.Kind {
	case OwnerMember:
		err := q.Get(ctx, &name, `SELECT u.name FROM members m JOIN users u ON u.id = m.user_id
			WHERE m.id = ? AND m.collective_id = ?`, o.ID, a.Collective.ID)
		if store.NotFound(err) {
			return "", errs.New(errs.NotFound, "That person is not a member of %s.", a.Collective.Name)
		}
		return name, err
	case OwnerOrganisation:
		err := q.Get(ctx, &name, "SELECT name FROM organisations WHERE id = ? AND collective_id = ?", o.ID, a.Collective.ID)
		if store.NotFound(err) {
			return "", errs.New(errs.NotFound, "%s has no such organisation.", a.Collective.Name)
		}
		return name, err
	}
	return "", errs.Field("kind", "A value proposition belongs to a member or an organisation, not %q.", o.Kind)
}

// currentValue returns o's current value proposition, or one with Version
// 0 when o has written none.
func currentValue(ctx context.Context, q getter, a *collective.Access, o Owner) (*ValueProposition, error) {
	name, err := ownerName(ctx, q, a, o)
	if err != nil {
		return nil, err
	}
	var v ValueProposition
	err = q.Get(ctx, &v, `SELECT `+valueCols+valueFrom+` WHERE p.collective_id = ? AND p.`+ownerColumn(o)+` = ?
		AND v.version = p.current_version`, a.Collective.ID, o.ID)
	if store.NotFound(err) {
		return &ValueProposition{Kind: o.Kind, OwnerID: o.ID, OwnerName: name}, nil
	}
	return &v, err
}

// ValueProposition returns the current value proposition of a member or an
// organisation (Version 0 when they have written none).
func (s *Service) ValueProposition(ctx context.Context, a *collective.Access, o Owner) (*ValueProposition, error) {
	return currentValue(ctx, s.DB, a, o)
}

// ValuePropositions lists the current value propositions of the
// collective: members' first, then organisations', each by name.
func (s *Service) ValuePropositions(ctx context.Context, a *collective.Access) ([]ValueProposition, error) {
	out := []ValueProposition{}
	err := s.DB.Select(ctx, &out, `SELECT `+valueCols+valueFrom+` WHERE p.collective_id = ? AND v.version = p.current_version
		ORDER BY (p.member_id IS NULL), COALESCE(m.sort_name, o.sort_name), p.id`, a.Collective.ID)
	return out, err
}

// ValueVersion returns one version of o's value proposition.
func (s *Service) ValueVersion(ctx context.Context, a *collective.Access, o Owner, version int) (*ValueProposition, error) {
	name, err := ownerName(ctx, s.DB, a, o)
	if err != nil {
		return nil, err
	}
	var v ValueProposition
	err = s.DB.Get(ctx, &v, `SELECT `+valueCols+valueFrom+` WHERE p.collective_id = ? AND p.`+ownerColumn(o)+` = ?
		AND v.version = ?`, a.Collective.ID, o.ID, version)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "The value proposition of %s has no version %d.", name, version)
	}
	return &v, err
}

// ValueVersions lists every version of o's value proposition, newest first.
func (s *Service) ValueVersions(ctx context.Context, a *collective.Access, o Owner) ([]VersionInfo, error) {
	if _, err := ownerName(ctx, s.DB, a, o); err != nil {
		return nil, err
	}
	out := []VersionInfo{}
	err := s.DB.Select(ctx, &out, `SELECT v.version, v.note, v.author_id, `+authorName+`, v.created_at
		FROM value_propositions p JOIN value_versions v ON v.proposition_id = p.id LEFT JOIN users u ON u.id = v.author_id
		WHERE p.collective_id = ? AND p.`+ownerColumn(o)+` = ? ORDER BY v.version DESC`, a.Collective.ID, o.ID)
	return out, err
}

// ValueDiff compares two versions of o's value proposition as CharterDiff
// does the charter's.
func (s *Service) ValueDiff(ctx context.Context, a *collective.Access, o Owner, from, to int) ([]FieldDiff, error) {
	if from > to {
		from, to = to, from
	}
	if err := checkVersions(from, to); err != nil {
		return nil, err
	}
	older := &ValueProposition{}
	if from > 0 {
		var err error
		if older, err = s.ValueVersion(ctx, a, o, from); err != nil {
			return nil, err
		}
	}
	newer, err := s.ValueVersion(ctx, a, o, to)
	if err != nil {
		return nil, err
	}
	return diffFields(older.fields(), newer.fields()), nil
}

// mayEdit decides who changes a value proposition: a member their own
// (it is their voice, so not even a steward edits it for them); an
// organisation's, the members affiliated with it and the stewards, who
// add organisations and may speak for a partner before its people join.
// Observers and archived collectives change nothing.
func mayEdit(ctx context.Context, q getter, a *collective.Access, o Owner, name string) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	if o.Kind == OwnerMember {
		if o.ID != a.MemberID {
			return errs.New(errs.Forbidden, "Only %s can change their own value proposition.", name)
		}
		return nil
	}
	if a.IsSteward() {
		return nil
	}
	var n int
	if err := q.Get(ctx, &n, "SELECT count(*) FROM affiliations WHERE member_id = ? AND organisation_id = ?", a.MemberID, o.ID); err != nil {
		return err
	}
	if n == 0 {
		return errs.New(errs.Forbidden, "Only people with %s, or a steward, can change its value proposition.", name)
	}
	return nil
}

// MayEditValue reports whether the acting person may change o's value
// proposition, for a page to offer the form or not.
func (s *Service) MayEditValue(ctx context.Context, a *collective.Access, o Owner) (bool, error) {
	name, err := ownerName(ctx, s.DB, a, o)
	if err != nil {
		return false, err
	}
	err = mayEdit(ctx, s.DB, a, o, name)
	if errs.Is(err, errs.Forbidden) {
		return false, nil
	}
	return err == nil, err
}

// EditValue saves a new version of a member's or an organisation's value
// proposition and returns it; conflicts and unchanged saves work as in
// EditCharter.
func (s *Service) EditValue(ctx context.Context, a *collective.Access, o Owner, in ValueInput) (*ValueProposition, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	if err := in.normalise(); err != nil {
		return nil, err
	}
	var saved *ValueProposition
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		cur, err := currentValue(ctx, tx, a, o)
		if err != nil {
			return err
		}
		if err := mayEdit(ctx, tx, a, o, cur.OwnerName); err != nil {
			return err
		}
		if cur.Version > 0 && sameTexts(cur.fields(), in.proposition().fields()) {
			saved = cur
			return nil
		}
		if in.Base > cur.Version {
			return errs.Field("base", "The value proposition of %s has no version %d yet.", cur.OwnerName, in.Base)
		}
		if in.Base != cur.Version {
			return errStale
		}
		id, err := claimValueVersion(ctx, tx, a, o, cur.Version)
		if err != nil {
			return err
		}
		next := cur.Version + 1
		if _, err := tx.Exec(ctx, `INSERT INTO value_versions (proposition_id, version, gain, bring, note, author_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, next, in.Gain, in.Bring, in.Note, authorID(a), tx.Now); err != nil {
			return err
		}
		summary := actorName(a) + " updated the value proposition of " + cur.OwnerName + " (version " + strconv.Itoa(next) + ")."
		if o.Kind == OwnerMember {
			summary = actorName(a) + " updated their value proposition (version " + strconv.Itoa(next) + ")."
		}
		if in.Note != "" {
			summary += " " + quoteNote(in.Note)
		}
		if err := record(ctx, tx, a, "value_proposition.edited", o.subject(), valueLink(a, o), summary); err != nil {
			return err
		}
		saved = in.proposition()
		saved.Kind, saved.OwnerID, saved.OwnerName = o.Kind, o.ID, cur.OwnerName
		saved.Version, saved.Note, saved.CreatedAt = next, in.Note, tx.Now
		if a.User != nil {
			id := a.User.ID
			saved.AuthorID, saved.AuthorName = &id, a.User.Name
		}
		return nil
	})
	if errors.Is(err, errStale) {
		cur, rerr := currentValue(ctx, s.DB, a, o)
		if rerr != nil {
			return nil, rerr
		}
		return nil, conflict("the value proposition of "+cur.OwnerName, in.Base, cur.Version, cur.AuthorName,
			cur.fields(), in.proposition().fields())
	}
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// claimValueVersion moves o's proposition from version base to the next,
// creating it for a first version, and returns its id; errStale when
// another edit got there first.
func claimValueVersion(ctx context.Context, tx *store.Tx, a *collective.Access, o Owner, base int) (int64, error) {
	if base == 0 {
		var member, org any
		if o.Kind == OwnerMember {
			member = o.ID
		} else {
			org = o.ID
		}
		id, err := tx.Insert(ctx, `INSERT INTO value_propositions (collective_id, member_id, organisation_id, current_version)
			VALUES (?, ?, ?, 1) ON CONFLICT DO NOTHING`, a.Collective.ID, member, org)
		if store.NotFound(err) { // nothing inserted: the row exists now
			return 0, errStale
		}
		return id, err
	}
	var id int64
	if err := tx.Get(ctx, &id, "SELECT id FROM value_propositions WHERE collective_id = ? AND "+ownerColumn(o)+" = ?",
		a.Collective.ID, o.ID); err != nil {
		return 0, err
	}
	n, err := tx.Exec(ctx, "UPDATE value_propositions SET current_version = ? WHERE id = ? AND current_version = ?", base+1, id, base)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, errStale
	}
	return id, nil
}
