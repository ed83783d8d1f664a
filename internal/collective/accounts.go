package collective

import (
	"context"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// SyncName keeps the members' sort key in step when someone renames
// themselves; the app wires it to the account service.
func (s *Service) SyncName(ctx context.Context, userID int64, name string) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE members SET sort_name = ? WHERE user_id = ?", sortName(name), userID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE collectives SET version = version + 1 WHERE id IN (SELECT collective_id FROM members WHERE user_id = ?)", userID)
		return err
	})
}

// BeforeAccountDelete refuses while the person is the only steward of an
// active collective that has other members (it would be left without
// anyone to run it), and otherwise ends their memberships, inside the
// transaction that deletes the account.
func (s *Service) BeforeAccountDelete(ctx context.Context, tx *store.Tx, userID int64) error {
	var names []string
	err := tx.Select(ctx, &names, `SELECT c.name FROM members m JOIN collectives c ON c.id = m.collective_id
		WHERE m.user_id = ? AND c.archived_at IS NULL
		AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role = 'steward')
		AND NOT EXISTS (SELECT 1 FROM members o JOIN member_roles r ON r.member_id = o.id
			WHERE o.collective_id = c.id AND o.id <> m.id AND r.role = 'steward')
		AND EXISTS (SELECT 1 FROM members o WHERE o.collective_id = c.id AND o.id <> m.id)
		ORDER BY c.name`, userID)
	if err != nil {
		return err
	}
	if len(names) > 0 {
		return errs.New(errs.Conflict, "You are the only steward of %s. Make another member a steward first, or archive it.", names[0])
	}
	var left []Collective
	if err := tx.Select(ctx, &left, `SELECT `+collectiveCols+` FROM collectives c
		WHERE c.id IN (SELECT collective_id FROM members WHERE user_id = ?) ORDER BY c.id`, userID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE collectives SET version = version + 1, member_count = member_count - 1
		WHERE id IN (SELECT collective_id FROM members WHERE user_id = ?)`, userID); err != nil {
		return err
	}
	for i := range left {
		// The account is anonymised in this transaction, so the entry
		// names nobody.
		if err := record(ctx, tx, &left[i], &auth.User{ID: userID}, "member.left", "", "/c/"+left[i].Slug+"/members",
			activity.Everyone, "A member left "+left[i].Name+" when they deleted their account."); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, "DELETE FROM members WHERE user_id = ?", userID)
	return err
}

// Membership is one entry in a person's data export.
type Membership struct {
	Collective    string   `json:"collective"`
	Slug          string   `json:"slug"`
	Roles         []string `json:"roles"`
	Organisations []OrgRef `json:"organisations"`
}

// ExportMemberships lists a person's memberships for their data download.
func (s *Service) ExportMemberships(ctx context.Context, userID int64) (any, error) {
	var rows []struct {
		Member
		Collective string `db:"collective"`
		Slug       string `db:"slug"`
	}
	if err := s.DB.Select(ctx, &rows, `SELECT `+memberCols+`, c.name AS collective, c.slug FROM members m
		JOIN users u ON u.id = m.user_id JOIN collectives c ON c.id = m.collective_id WHERE m.user_id = ? ORDER BY c.name`, userID); err != nil {
		return nil, err
	}
	ms := make([]Member, len(rows))
	for i := range rows {
		ms[i] = rows[i].Member
	}
	if err := s.fillMembers(ctx, ms); err != nil {
		return nil, err
	}
	out := make([]Membership, len(rows))
	for i, r := range rows {
		out[i] = Membership{Collective: r.Collective, Slug: r.Slug, Roles: ms[i].Roles, Organisations: ms[i].Organisations}
	}
	return out, nil
}
