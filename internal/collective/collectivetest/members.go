// Package collectivetest makes members for the tests of every feature,
// straight in the database, so a test's fixture starts from known people
// without going through invitations.
package collectivetest

import (
	"context"
	"strings"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/store"
)

// AddMember makes the account u a member of the collective with the given
// roles, affiliated with the organisation org when it is not 0, and moves
// the collective's version on (its cached Access goes stale, as when a
// member joins). It returns the membership's id.
func AddMember(t testing.TB, db *store.DB, collectiveID int64, u *auth.User, org int64, roles ...string) int64 {
	t.Helper()
	var id int64
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		var err error
		id, err = tx.Insert(ctx, "INSERT INTO members (collective_id, user_id, sort_name, joined_at) VALUES (?, ?, ?, ?)",
			collectiveID, u.ID, strings.ToLower(u.Name), tx.Now)
		if err != nil {
			return err
		}
		for _, r := range roles {
			if _, err := tx.Exec(ctx, "INSERT INTO member_roles (member_id, role) VALUES (?, ?)", id, r); err != nil {
				return err
			}
		}
		if org != 0 {
			if _, err := tx.Exec(ctx, "INSERT INTO affiliations (member_id, organisation_id) VALUES (?, ?)", id, org); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, "UPDATE collectives SET member_count = member_count + 1, version = version + 1 WHERE id = ?", collectiveID)
		return err
	})
	if err != nil {
		t.Fatalf("add %s to collective %d: %v", u.Name, collectiveID, err)
	}
	return id
}
