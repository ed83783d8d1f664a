package people

import (
	"context"
	"fmt"
	"strings"

	"commonground/internal/store"
)

// importState is what the people of a collective had before an import:
// their profiles, the tag lists they filled, the members who rank values
// here. The import fills only what is empty in it.
type importState struct {
	profiles map[int64]*profileRow      // by user
	tags     map[int64]map[TagKind]bool // by user: the kinds they have
	valued   map[int64]bool             // members who rank values here
}

// fillImport is the profile an import line leaves: the stored one (or an
// empty one) with the line's cells for fields that were empty. A filled
// field gets the narrower of its stored visibility and vis, never a wider
// one. It returns the fields filled, in page order, and how many of the
// line's cells were left alone because the person had filled that field.
func fillImport(st *importState, r *importRow, vis Visibility) (p *Profile, filled []Field, kept int) {
	old := st.profiles[r.userID]
	p = &Profile{UserID: r.userID, Visibility: DefaultVisibility()}
	if old != nil {
		p.DisplayName, p.Pronouns, p.Organisation = old.DisplayName, old.Pronouns, old.Organisation
		p.Department, p.RoleTitle, p.About = old.Department, old.RoleTitle, old.About
		p.Visibility = old.visibility()
	}
	text := map[Field]*string{FieldDisplayName: &p.DisplayName, FieldPronouns: &p.Pronouns, FieldOrganisation: &p.Organisation,
		FieldDepartment: &p.Department, FieldRoleTitle: &p.RoleTitle, FieldAbout: &p.About}
	for _, f := range Fields {
		var empty bool
		switch kind, isTag := tagKinds[f]; {
		case r.text[f] != "":
			empty = *text[f] == ""
			if empty {
				*text[f] = r.text[f]
			}
		case isTag && r.tags[kind] != nil:
			empty = !st.tags[r.userID][kind]
		case f == FieldValues && r.picks != nil:
			empty = !st.valued[r.memberID]
		default:
			continue // the line says nothing of f
		}
		if !empty {
			kept++
			continue
		}
		filled = append(filled, f)
		p.Visibility[f] = min(p.Visibility[f], vis)
	}
	return p, filled, kept
}

// tagKinds are the fields that are tag lists, with their kind.
var tagKinds = map[Field]TagKind{FieldSkills: TagSkill, FieldOffers: TagOffer, FieldNeeds: TagNeed}

// importTail is what an import's INSERT does to a person's existing row.
// It repeats the rules of fillImport in SQL, against the row as it is when
// written: a text field is set only while still empty, and a visibility
// only ever narrows. So a person who saves their profile while the import
// runs (PostgreSQL) keeps what they wrote.
var importTail = func() string {
	set := []string{"updated_at = excluded.updated_at"}
	for _, c := range []string{"display_name", "pronouns", "organisation", "department", "role_title", "about"} {
		set = append(set, fmt.Sprintf("%[1]s = CASE WHEN profiles.%[1]s = '' THEN excluded.%[1]s ELSE profiles.%[1]s END", c))
	}
	for _, f := range Fields {
		set = append(set, fmt.Sprintf("vis_%[1]s = CASE WHEN excluded.vis_%[1]s < profiles.vis_%[1]s THEN excluded.vis_%[1]s "+
			"ELSE profiles.vis_%[1]s END", f))
	}
	return " ON CONFLICT (user_id) DO UPDATE SET " + strings.Join(set, ", ")
}()

// maxParams keeps a statement under SQLite's limit on parameters (32,766)
// and PostgreSQL's (65,535).
const maxParams = 30_000

// insertBatched inserts rows with as few statements as the parameter
// limits allow: head ("INSERT INTO t (a, b) VALUES"), a tuple per row,
// then tail (an ON CONFLICT clause, or ""). done, when set, hears how many
// rows are written after each statement.
func insertBatched(ctx context.Context, tx *store.Tx, head, tail string, rows [][]any, done func(int)) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(rows[0])
	per := min(1000, maxParams/width)
	tuple := "(" + placeholders(width) + ")"
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(batch)*width)
		for _, r := range batch {
			args = append(args, r...)
		}
		q := head + " " + strings.TrimSuffix(strings.Repeat(tuple+", ", len(batch)), ", ") + tail
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return err
		}
		if done != nil {
			done(start + len(batch))
		}
	}
	return nil
}

// deleteBatched runs head ("DELETE FROM t WHERE id IN") over ids, in
// batches.
func deleteBatched(ctx context.Context, tx *store.Tx, head string, ids []any) error {
	const per = 1000
	for start := 0; start < len(ids); start += per {
		batch := ids[start:min(start+per, len(ids))]
		if _, err := tx.Exec(ctx, head+" ("+placeholders(len(batch))+")", batch...); err != nil {
			return err
		}
	}
	return nil
}

// bumpSharing moves data_version on in the collective and in every
// collective that shares a member with it: an import changes profiles,
// which show in all of a person's collectives. Bumping one collective too
// many only rebuilds an index; bumping one too few would serve a stale one.
func bumpSharing(ctx context.Context, tx *store.Tx, collectiveID int64) error {
	return bumpInOrder(ctx, tx, `SELECT m2.collective_id FROM members m1 JOIN members m2 ON m2.user_id = m1.user_id
		WHERE m1.collective_id = ?`, collectiveID)
}

// userCollectives lists the collectives of one account, for bumpInOrder:
// a profile shows in all of them.
const userCollectives = "SELECT collective_id FROM members WHERE user_id = ?"

// bumpInOrder moves data_version on in the collectives the query in
// selects (one collective_id column; args are its arguments), creating
// their rows on first use.
//
// On PostgreSQL it first locks the rows in collective_id order, and
// creates missing ones in that order too: two transactions bumping
// overlapping sets (an import and a person saving their profile) then
// queue behind each other instead of deadlocking, which an UPDATE … IN
// (…) alone, locking in whatever order its plan reads, could.
// SQLite has one writer at a time, so there is nothing to order.
func bumpInOrder(ctx context.Context, tx *store.Tx, in string, args ...any) error {
	if _, err := tx.Exec(ctx, `INSERT INTO people_state (collective_id, data_version)
		SELECT DISTINCT collective_id, 0 FROM (`+in+`) s WHERE 1 = 1 ORDER BY collective_id
		ON CONFLICT (collective_id) DO NOTHING`, args...); err != nil {
		return err
	}
	if tx.Dialect == store.Postgres {
		var locked []int64
		if err := tx.Select(ctx, &locked, `SELECT collective_id FROM people_state WHERE collective_id IN (`+in+`)
			ORDER BY collective_id FOR UPDATE`, args...); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, "UPDATE people_state SET data_version = data_version + 1 WHERE collective_id IN ("+in+")", args...)
	return err
}
