package collective

import (
	"context"
	"strings"

	"commonground/internal/store"
)

// addMember inserts a membership with roles inside tx.
func addMember(ctx context.Context, tx *store.Tx, collectiveID, userID int64, name string, roles []string) (int64, error) {
	id, err := tx.Insert(ctx, "INSERT INTO members (collective_id, user_id, sort_name, joined_at) VALUES (?, ?, ?, ?)",
		collectiveID, userID, sortName(name), tx.Now)
	if err != nil {
		return 0, err
	}
	if err := touch(ctx, tx, collectiveID, 1); err != nil {
		return 0, err
	}
	return id, setRoles(ctx, tx, id, roles)
}

// touch records a change to a collective's member list: its version moves
// on (so cached pages of the old list are never served again, by any
// instance) and its member count by delta.
func touch(ctx context.Context, tx *store.Tx, collectiveID int64, delta int) error {
	_, err := tx.Exec(ctx, "UPDATE collectives SET version = version + 1, member_count = member_count + ? WHERE id = ?", delta, collectiveID)
	return err
}

func setRoles(ctx context.Context, tx *store.Tx, memberID int64, roles []string) error {
	if _, err := tx.Exec(ctx, "DELETE FROM member_roles WHERE member_id = ?", memberID); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := tx.Exec(ctx, "INSERT INTO member_roles (member_id, role) VALUES (?, ?)", memberID, r); err != nil {
			return err
		}
	}
	return nil
}

// sortName is the key members are listed and searched by.
func sortName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// likePattern makes a case-insensitive "contains" pattern, escaping the
// wildcards people may type.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(strings.TrimSpace(q))) + "%"
}

// countStewards counts the stewards of a collective inside tx.
func countStewards(ctx context.Context, tx *store.Tx, collectiveID int64) (int, error) {
	var n int
	err := tx.Get(ctx, &n, `SELECT count(*) FROM member_roles r JOIN members m ON m.id = r.member_id
		WHERE m.collective_id = ? AND r.role = 'steward'`, collectiveID)
	return n, err
}

// inList returns "?, ?, ?" and the arguments for an IN clause.
func inList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", "), args
}

// fillMembers loads roles and affiliations for a page of members with two
// queries, rather than two per member.
func (s *Service) fillMembers(ctx context.Context, ms []Member) error {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]int64, len(ms))
	byID := make(map[int64]*Member, len(ms))
	for i := range ms {
		ids[i] = ms[i].ID
		ms[i].Roles = []string{}
		ms[i].Organisations = []OrgRef{}
		byID[ms[i].ID] = &ms[i]
	}
	marks, args := inList(ids)
	var roles []struct {
		MemberID int64  `db:"member_id"`
		Role     string `db:"role"`
	}
	if err := s.DB.Select(ctx, &roles, "SELECT member_id, role FROM member_roles WHERE member_id IN ("+marks+") ORDER BY role", args...); err != nil {
		return err
	}
	for _, r := range roles {
		byID[r.MemberID].Roles = append(byID[r.MemberID].Roles, r.Role)
	}
	var orgs []struct {
		MemberID int64 `db:"member_id"`
		OrgRef
	}
	if err := s.DB.Select(ctx, &orgs, `SELECT a.member_id, o.id, o.name FROM affiliations a
		JOIN organisations o ON o.id = a.organisation_id WHERE a.member_id IN (`+marks+`) ORDER BY o.sort_name`, args...); err != nil {
		return err
	}
	for _, o := range orgs {
		byID[o.MemberID].Organisations = append(byID[o.MemberID].Organisations, o.OrgRef)
	}
	return nil
}
