package people

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// heldValue is a value a member ranks before the import; its sentence is
// kept when the import ranks the value again.
type heldValue struct {
	MemberID int64  `db:"member_id"`
	TermID   int64  `db:"term_id"`
	Why      string `db:"why"`
}

// findPeople finds each row's member by e-mail and resolves its values
// with the rules SetMyValues uses, adding a bad line for each failure.
func findPeople(ctx context.Context, tx *store.Tx, a *collective.Access, rows []*importRow, res *ImportResult) error {
	var members []struct {
		ID     int64  `db:"id"`
		UserID int64  `db:"user_id"`
		Email  string `db:"email"`
	}
	if err := tx.Select(ctx, &members, `SELECT m.id, m.user_id, u.email FROM members m JOIN users u ON u.id = m.user_id
		WHERE m.collective_id = ? AND u.deleted_at IS NULL`, a.Collective.ID); err != nil {
		return err
	}
	byEmail := make(map[string]int, len(members))
	for i, m := range members {
		byEmail[strings.ToLower(m.Email)] = i
	}
	var terms map[string]Term
	held := map[int64][]int64{}
	for _, r := range rows {
		i, ok := byEmail[r.email]
		if !ok {
			res.Bad = append(res.Bad, LineError{r.line, fmt.Sprintf("no member of %s has the e-mail %s; invite them first.",
				a.Collective.Name, r.email)})
			continue
		}
		r.memberID, r.userID = members[i].ID, members[i].UserID
		if r.values == nil {
			continue
		}
		if terms == nil {
			var err error
			if terms, err = termsTx(ctx, tx, a.Collective.ID); err != nil {
				return err
			}
			var hv []heldValue
			if err := tx.Select(ctx, &hv, "SELECT member_id, term_id, why FROM person_values WHERE collective_id = ?", a.Collective.ID); err != nil {
				return err
			}
			for _, h := range hv {
				held[h.MemberID] = append(held[h.MemberID], h.TermID)
			}
		}
		seen := map[int64]bool{}
		for _, name := range r.values {
			t, err := resolvePick(ctx, tx, a.Collective.ID, ValuePick{Name: name}, terms, held[r.memberID])
			if err == nil && seen[t.ID] {
				err = errs.Field("values", "%s is in the list twice; rank each value once.", t.Name)
			}
			if err != nil {
				if errs.Code(err) != errs.Invalid {
					return err
				}
				res.Bad = append(res.Bad, LineError{r.line, errs.Message(err)})
				break
			}
			seen[t.ID] = true
			r.picks = append(r.picks, ValuePick{Name: t.Name, TermID: t.ID})
		}
	}
	return nil
}

// writeImport writes checked rows in batches: one statement for hundreds
// of people, so 100,000 lines take seconds, not minutes of round trips.
func writeImport(ctx context.Context, tx *store.Tx, collectiveID int64, rows []*importRow, vis Visibility, res *ImportResult, progress func(done, total int)) error {
	var stored []profileRow
	if err := tx.Select(ctx, &stored, "SELECT "+profileCols+` FROM profiles
		WHERE user_id IN (SELECT user_id FROM members WHERE collective_id = ?)`, collectiveID); err != nil {
		return err
	}
	byUser := make(map[int64]*profileRow, len(stored))
	for i := range stored {
		byUser[stored[i].UserID] = &stored[i]
	}
	why := map[[2]int64]string{}
	if slices.ContainsFunc(rows, func(r *importRow) bool { return r.picks != nil }) {
		var hv []heldValue
		if err := tx.Select(ctx, &hv, "SELECT member_id, term_id, why FROM person_values WHERE collective_id = ?", collectiveID); err != nil {
			return err
		}
		for _, h := range hv {
			why[[2]int64{h.MemberID, h.TermID}] = h.Why
		}
	}
	profiles := make([][]any, 0, len(rows))
	tags := map[TagKind][][]any{}
	tagUsers := map[TagKind][]any{}
	var values [][]any
	var valueMembers []any
	for _, r := range rows {
		p := mergeImport(byUser[r.userID], r, vis)
		if byUser[r.userID] == nil {
			res.Created++
		} else {
			res.Updated++
		}
		profiles = append(profiles, profileArgs(p, tx.Now))
		for kind, labels := range r.tags {
			tagUsers[kind] = append(tagUsers[kind], r.userID)
			for i, l := range labels {
				tags[kind] = append(tags[kind], []any{r.userID, string(kind), NormaliseTag(l), l, i + 1})
			}
		}
		if r.picks != nil {
			valueMembers = append(valueMembers, r.memberID)
			for i, pk := range r.picks {
				values = append(values, []any{r.memberID, collectiveID, pk.TermID, i + 1, why[[2]int64{r.memberID, pk.TermID}]})
			}
		}
	}
	err := insertBatched(ctx, tx, "INSERT INTO profiles ("+upsertCols+") VALUES", upsertTail, profiles, func(done int) {
		if progress != nil {
			progress(done, len(rows))
		}
	})
	if err != nil {
		return err
	}
	for _, kind := range []TagKind{TagSkill, TagOffer, TagNeed} {
		if err := deleteBatched(ctx, tx, "DELETE FROM profile_tags WHERE kind = '"+string(kind)+"' AND user_id IN", tagUsers[kind]); err != nil {
			return err
		}
		if err := insertBatched(ctx, tx, "INSERT INTO profile_tags (user_id, kind, tag, label, position) VALUES", "", tags[kind], nil); err != nil {
			return err
		}
	}
	if err := deleteBatched(ctx, tx, "DELETE FROM person_values WHERE member_id IN", valueMembers); err != nil {
		return err
	}
	if err := insertBatched(ctx, tx, "INSERT INTO person_values (member_id, collective_id, term_id, rank, why) VALUES", "", values, nil); err != nil {
		return err
	}
	return bumpSharing(ctx, tx, collectiveID)
}
