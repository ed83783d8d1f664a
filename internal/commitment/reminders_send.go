package commitment

import (
	"context"
	"slices"

	"commonground/internal/store"
)

// The reminders' words: they say what was promised, to whom, by when, and
// what the reader can do next.

func sendDueSoon(ctx context.Context, s *Service, tx *store.Tx, r *remindRow) error {
	users, err := committerUsers(ctx, tx, r)
	if err != nil {
		return err
	}
	return notify(ctx, s, tx, r, users, KindDueSoon, "Due on "+r.DueOn+": "+r.what(),
		"You promised "+r.RecipientName+": "+r.what()+". It is due on "+r.DueOn+". When it is done, mark it done so "+
			r.RecipientName+" can confirm it; if you cannot keep it, ask to be released.")
}

func sendOverdue(ctx context.Context, s *Service, tx *store.Tx, r *remindRow) error {
	mine, err := committerUsers(ctx, tx, r)
	if err != nil {
		return err
	}
	if err := notify(ctx, s, tx, r, mine, KindOverdue, "Past its due date: "+r.what(),
		"You promised "+r.RecipientName+": "+r.what()+". It was due on "+r.DueOn+" and is still open. Mark it done "+
			"when it is, or ask to be released if you cannot keep it."); err != nil {
		return err
	}
	theirs, err := recipientUsers(ctx, tx, r, mine)
	if err != nil {
		return err
	}
	return notify(ctx, s, tx, r, theirs, KindOverdueToYou, r.CommitterName+"'s promise is past its due date: "+r.what(),
		r.committer()+" promised "+r.RecipientName+": "+r.what()+". It was due on "+r.DueOn+" and is still open. "+
			"You may ask how it is going, or agree to release it.")
}

func sendConfirm(ctx context.Context, s *Service, tx *store.Tx, r *remindRow) error {
	mine, err := committerUsers(ctx, tx, r)
	if err != nil {
		return err
	}
	theirs, err := recipientUsers(ctx, tx, r, mine)
	if err != nil {
		return err
	}
	done := ""
	if r.DoneAt != nil {
		done = " on " + r.DoneAt.UTC().Format("2006-01-02")
	}
	return notify(ctx, s, tx, r, theirs, KindConfirmWaiting, r.CommitterName+" marked a promise done: "+r.what(),
		r.committer()+" promised "+r.RecipientName+": "+r.what()+", and marked it done"+done+". Only your side can "+
			"confirm it kept (or say it was not kept); until then it counts as open.")
}

// The people to remind are read from the collective's membership tables in
// the job's transaction: the job acts for nobody, so it has no Access to
// ask the collective service with, and a member who left since is simply
// not found.

// committerUsers is the account of the member who promised.
func committerUsers(ctx context.Context, tx *store.Tx, r *remindRow) ([]int64, error) {
	var out []int64
	if r.CommitterMemberID == nil {
		return out, nil
	}
	err := tx.Select(ctx, &out, "SELECT user_id FROM members WHERE id = ?", *r.CommitterMemberID)
	return out, err
}

// recipientUsers are the accounts of the recipient's side: the member, the
// members of the organisation, or the collective's stewards; never the
// committer's own (a steward who promised the collective is not asked to
// confirm themself).
func recipientUsers(ctx context.Context, tx *store.Tx, r *remindRow, committer []int64) ([]int64, error) {
	var out []int64
	var err error
	switch r.RecipientKind {
	case ToMember:
		if r.RecipientMemberID != nil {
			err = tx.Select(ctx, &out, "SELECT user_id FROM members WHERE id = ?", *r.RecipientMemberID)
		}
	case ToOrganisation:
		if r.RecipientOrgID != nil {
			err = tx.Select(ctx, &out, `SELECT m.user_id FROM affiliations f JOIN members m ON m.id = f.member_id
				WHERE f.organisation_id = ? ORDER BY m.user_id`, *r.RecipientOrgID)
		}
	case ToCollective:
		err = tx.Select(ctx, &out, `SELECT m.user_id FROM members m JOIN member_roles k ON k.member_id = m.id
			WHERE m.collective_id = ? AND k.role = 'steward' ORDER BY m.user_id`, r.CollectiveID)
	}
	return slices.DeleteFunc(out, func(id int64) bool { return slices.Contains(committer, id) }), err
}
