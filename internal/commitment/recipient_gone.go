package commitment

import (
	"context"

	"commonground/internal/auth"
	"commonground/internal/store"
)

// recipientGone says whether nobody is left on c's recipient side who could
// confirm, judge or agree to release it: the member left, the organisation
// was deleted or has no contributing member but the committer, or (for the
// collective) no steward but the committer. Such a promise could never
// close and would count against its committer for ever, so the committer's
// own release closes it at once.
func recipientGone(ctx context.Context, tx *store.Tx, c *Commitment) (bool, error) {
	me := deref(c.CommitterMemberID)
	var n int
	var err error
	switch c.RecipientKind {
	case ToMember:
		if c.RecipientMemberID == nil {
			return true, nil
		}
		err = tx.Get(ctx, &n, "SELECT count(*) FROM member_roles WHERE member_id = ? AND role <> ?",
			*c.RecipientMemberID, auth.Observer)
	case ToOrganisation:
		if c.RecipientOrgID == nil {
			return true, nil
		}
		err = tx.Get(ctx, &n, `SELECT count(DISTINCT f.member_id) FROM affiliations f
			JOIN member_roles r ON r.member_id = f.member_id AND r.role <> ?
			WHERE f.organisation_id = ? AND f.member_id <> ?`, auth.Observer, *c.RecipientOrgID, me)
	default:
		err = tx.Get(ctx, &n, `SELECT count(*) FROM member_roles r JOIN members m ON m.id = r.member_id
			WHERE m.collective_id = ? AND r.role = ? AND m.id <> ?`, c.CollectiveID, auth.Steward, me)
	}
	return n == 0, err
}

// releaseAlone is the committer's release of an accepted promise whose
// recipient side is empty (see recipientGone): released at once, with no
// one to agree. ok is false when the usual rules apply.
func releaseAlone(ctx context.Context, tx *store.Tx, c *Commitment, action Action, side Side) (ok bool, err error) {
	if action != Release || side != SideCommitter || (c.State != Accepted && c.State != InProgress) {
		return false, nil
	}
	return recipientGone(ctx, tx, c)
}
