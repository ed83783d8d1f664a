package collective

import (
	"context"

	"commonground/internal/auth"
	"commonground/internal/store"
)

// GrantRoleInTx gives a member of the collective a role inside another
// feature's transaction (a mandate granted by decision gives its holder
// the facilitator role). Giving a role the member already holds changes
// nothing. The collective's version moves on, so cached Access and member
// pages show the role at once.
func GrantRoleInTx(ctx context.Context, tx *store.Tx, collectiveID, memberID int64, role string) error {
	var n int
	if err := tx.Get(ctx, &n, `SELECT count(*) FROM member_roles r JOIN members m ON m.id = r.member_id
		WHERE r.member_id = ? AND m.collective_id = ? AND r.role = ?`, memberID, collectiveID, role); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO member_roles (member_id, role) SELECT id, ? FROM members
		WHERE id = ? AND collective_id = ?`, role, memberID, collectiveID); err != nil {
		return err
	}
	return touch(ctx, tx, collectiveID, 0)
}

// RevokeRoleInTx takes a role from a member inside another feature's
// transaction (a mandate revoked or ended). Taking a role the member does
// not hold changes nothing; the steward role is never taken this way, so a
// collective keeps its stewards.
func RevokeRoleInTx(ctx context.Context, tx *store.Tx, collectiveID, memberID int64, role string) error {
	if role == auth.Steward {
		return nil
	}
	n, err := tx.Exec(ctx, `DELETE FROM member_roles WHERE member_id = ? AND role = ?
		AND member_id IN (SELECT id FROM members WHERE collective_id = ?)`, memberID, role, collectiveID)
	if err != nil || n == 0 {
		return err
	}
	return touch(ctx, tx, collectiveID, 0)
}
