package people

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// heldValue is a value a member ranks before the import: resolving the
// line's values follows SetMyValues, which lets a person keep ranking a
// value they hold.
type heldValue struct {
	MemberID int64 `db:"member_id"`
	TermID   int64 `db:"term_id"`
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
			if err := tx.Select(ctx, &hv, "SELECT member_id, term_id FROM person_values WHERE collective_id = ?", a.Collective.ID); err != nil {
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

// filledIn is one person an import filled in parts of, for their notice.
type filledIn struct {
	userID int64
	fields []Field
}

// loadImportState reads what the collective's people had before the
// import. On PostgreSQL it locks their profiles in user order first, so
// a person saving their profile meanwhile waits and what is read here is
// still true when the import writes.
func loadImportState(ctx context.Context, tx *store.Tx, collectiveID int64) (*importState, error) {
	const people = "SELECT user_id FROM members WHERE collective_id = ?"
	lock := ""
	if tx.Dialect == store.Postgres {
		lock = " ORDER BY user_id FOR UPDATE"
	}
	var stored []profileRow
	if err := tx.Select(ctx, &stored, "SELECT "+profileCols+" FROM profiles WHERE user_id IN ("+people+")"+lock, collectiveID); err != nil {
		return nil, err
	}
	st := &importState{profiles: make(map[int64]*profileRow, len(stored)), tags: map[int64]map[TagKind]bool{}, valued: map[int64]bool{}}
	for i := range stored {
		st.profiles[stored[i].UserID] = &stored[i]
	}
	var tags []struct {
		UserID int64   `db:"user_id"`
		Kind   TagKind `db:"kind"`
	}
	if err := tx.Select(ctx, &tags, "SELECT DISTINCT user_id, kind FROM profile_tags WHERE user_id IN ("+people+")", collectiveID); err != nil {
		return nil, err
	}
	for _, t := range tags {
		if st.tags[t.UserID] == nil {
			st.tags[t.UserID] = map[TagKind]bool{}
		}
		st.tags[t.UserID][t.Kind] = true
	}
	var valued []int64
	if err := tx.Select(ctx, &valued, "SELECT DISTINCT member_id FROM person_values WHERE collective_id = ?", collectiveID); err != nil {
		return nil, err
	}
	for _, m := range valued {
		st.valued[m] = true
	}
	return st, nil
}

// writeImport fills in what is empty for each checked row, in batches:
// one statement for hundreds of people, so 100,000 lines take seconds, not
// minutes of round trips. Rows go in user order, the order
// loadImportState locks in. It returns the people it filled in.
func writeImport(ctx context.Context, tx *store.Tx, collectiveID int64, rows []*importRow, vis Visibility, res *ImportResult,
	progress func(done, total int)) ([]filledIn, error) {
	st, err := loadImportState(ctx, tx, collectiveID)
	if err != nil {
		return nil, err
	}
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(x, y *importRow) int { return cmp.Compare(x.userID, y.userID) })
	var fills []filledIn
	profiles := make([][]any, 0, len(rows))
	tags := [][]any{}
	var values [][]any
	for _, r := range rows {
		p, filled, kept := fillImport(st, r, vis)
		res.Kept += kept
		if len(filled) == 0 {
			continue
		}
		if st.profiles[r.userID] == nil {
			res.Created++
		} else {
			res.Updated++
		}
		fills = append(fills, filledIn{r.userID, filled})
		profiles = append(profiles, profileArgs(p, tx.Now))
		for _, f := range filled {
			if kind, ok := tagKinds[f]; ok {
				for i, l := range r.tags[kind] {
					tags = append(tags, []any{r.userID, string(kind), NormaliseTag(l), l, i + 1})
				}
			}
			if f == FieldValues {
				for i, pk := range r.picks {
					values = append(values, []any{r.memberID, collectiveID, pk.TermID, i + 1, ""})
				}
			}
		}
	}
	err = insertBatched(ctx, tx, "INSERT INTO profiles ("+upsertCols+") VALUES", importTail, profiles, func(done int) {
		if progress != nil {
			progress(done, len(profiles))
		}
	})
	if err != nil {
		return nil, err
	}
	// The lists were empty when read; DO NOTHING keeps, rather than
	// fails on, a tag or value the person adds while the import runs.
	if err := insertBatched(ctx, tx, "INSERT INTO profile_tags (user_id, kind, tag, label, position) VALUES",
		" ON CONFLICT DO NOTHING", tags, nil); err != nil {
		return nil, err
	}
	if err := insertBatched(ctx, tx, "INSERT INTO person_values (member_id, collective_id, term_id, rank, why) VALUES",
		" ON CONFLICT DO NOTHING", values, nil); err != nil {
		return nil, err
	}
	if len(fills) == 0 {
		return nil, nil
	}
	return fills, bumpSharing(ctx, tx, collectiveID)
}
