package people

import (
	"context"
	"strings"

	"commonground/internal/store"
)

// mergeImport is the profile an import line leaves: the stored one (or an
// empty one) with the fields the line fills. A person without a profile
// gets vis on those fields; one with a profile keeps their visibilities.
func mergeImport(old *profileRow, r *importRow, vis Visibility) *Profile {
	p := &Profile{UserID: r.userID, Visibility: DefaultVisibility()}
	if old != nil {
		p.DisplayName, p.Pronouns, p.Organisation = old.DisplayName, old.Pronouns, old.Organisation
		p.Department, p.RoleTitle, p.About = old.Department, old.RoleTitle, old.About
		p.Visibility = old.visibility()
	}
	text := map[Field]*string{FieldDisplayName: &p.DisplayName, FieldPronouns: &p.Pronouns, FieldOrganisation: &p.Organisation,
		FieldDepartment: &p.Department, FieldRoleTitle: &p.RoleTitle, FieldAbout: &p.About}
	filled := []Field{}
	for f, s := range r.text {
		*text[f] = s
		filled = append(filled, f)
	}
	for kind := range r.tags {
		filled = append(filled, map[TagKind]Field{TagSkill: FieldSkills, TagOffer: FieldOffers, TagNeed: FieldNeeds}[kind])
	}
	if r.picks != nil {
		filled = append(filled, FieldValues)
	}
	if old == nil {
		for _, f := range filled {
			p.Visibility[f] = vis
		}
	}
	return p
}

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
	const sharing = `SELECT DISTINCT m2.collective_id FROM members m1 JOIN members m2 ON m2.user_id = m1.user_id
		WHERE m1.collective_id = ?`
	if err := bumpCollective(ctx, tx, collectiveID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO people_state (collective_id, data_version) SELECT collective_id, 0 FROM (`+sharing+`) s
		WHERE collective_id <> ? ON CONFLICT (collective_id) DO NOTHING`, collectiveID, collectiveID); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, "UPDATE people_state SET data_version = data_version + 1 WHERE collective_id <> ? AND collective_id IN ("+
		sharing+")", collectiveID, collectiveID)
	return err
}
