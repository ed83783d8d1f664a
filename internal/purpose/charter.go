package purpose

import (
	"context"
	"errors"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

const charterCols = `v.version, v.purpose, v.ambition, v.ambition_by, v.value_proposition, v.note, v.author_id, ` +
	authorName + `, v.created_at`

// Charter returns the current charter, or one with Version 0 when the
// collective has not written one yet. Anyone who can see the collective can
// read it (Access has already hidden a private collective from outsiders).
func (s *Service) Charter(ctx context.Context, a *collective.Access) (*Charter, error) {
	return currentCharter(ctx, s.DB, a.Collective.ID)
}

func currentCharter(ctx context.Context, q getter, collectiveID int64) (*Charter, error) {
	var c Charter
	err := q.Get(ctx, &c, `SELECT `+charterCols+` FROM charters h
		JOIN charter_versions v ON v.collective_id = h.collective_id AND v.version = h.current_version
		LEFT JOIN users u ON u.id = v.author_id WHERE h.collective_id = ?`, collectiveID)
	if store.NotFound(err) {
		return &Charter{}, nil
	}
	return &c, err
}

// CharterVersion returns one version of the charter.
func (s *Service) CharterVersion(ctx context.Context, a *collective.Access, version int) (*Charter, error) {
	var c Charter
	err := s.DB.Get(ctx, &c, `SELECT `+charterCols+` FROM charter_versions v LEFT JOIN users u ON u.id = v.author_id
		WHERE v.collective_id = ? AND v.version = ?`, a.Collective.ID, version)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "The charter of %s has no version %d.", a.Collective.Name, version)
	}
	return &c, err
}

// CharterVersions lists every version of the charter, newest first.
func (s *Service) CharterVersions(ctx context.Context, a *collective.Access) ([]VersionInfo, error) {
	out := []VersionInfo{}
	err := s.DB.Select(ctx, &out, `SELECT v.version, v.note, v.author_id, `+authorName+`, v.created_at
		FROM charter_versions v LEFT JOIN users u ON u.id = v.author_id
		WHERE v.collective_id = ? ORDER BY v.version DESC`, a.Collective.ID)
	return out, err
}

// CharterDiff compares two versions of the charter field by field, from
// the older to the newer; from 0 compares with an empty charter, so a first
// version shows as wholly inserted. Either order of from and to works.
func (s *Service) CharterDiff(ctx context.Context, a *collective.Access, from, to int) ([]FieldDiff, error) {
	if from > to {
		from, to = to, from
	}
	if err := checkVersions(from, to); err != nil {
		return nil, err
	}
	older := &Charter{}
	if from > 0 {
		var err error
		if older, err = s.CharterVersion(ctx, a, from); err != nil {
			return nil, err
		}
	}
	newer, err := s.CharterVersion(ctx, a, to)
	if err != nil {
		return nil, err
	}
	return diffFields(older.fields(), newer.fields()), nil
}

// EditCharter saves a new version of the charter (stewards only) and
// returns it. When the charter moved on since in.Base it returns a
// *ConflictError and writes nothing, unless what was sent is what the
// charter already says (a form sent twice). A save that changes no text
// makes no version and returns the current one.
func (s *Service) EditCharter(ctx context.Context, a *collective.Access, in CharterInput) (*Charter, error) {
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	if err := in.normalise(); err != nil {
		return nil, err
	}
	var saved *Charter
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		cur, err := currentCharter(ctx, tx, a.Collective.ID)
		if err != nil {
			return err
		}
		if sameTexts(cur.fields(), in.charter().fields()) && cur.Version > 0 {
			saved = cur
			return nil
		}
		if in.Base > cur.Version {
			return errs.Field("base", "The charter of %s has no version %d yet.", a.Collective.Name, in.Base)
		}
		if in.Base != cur.Version {
			return errStale
		}
		if err := checkAmbitionDate(in.AmbitionBy, cur.AmbitionBy, tx.Now); err != nil {
			return err
		}
		next := cur.Version + 1
		var n int64
		if cur.Version == 0 {
			n, err = tx.Exec(ctx, `INSERT INTO charters (collective_id, current_version) VALUES (?, 1) ON CONFLICT DO NOTHING`, a.Collective.ID)
		} else {
			n, err = tx.Exec(ctx, `UPDATE charters SET current_version = ? WHERE collective_id = ? AND current_version = ?`,
				next, a.Collective.ID, cur.Version)
		}
		if err != nil {
			return err
		}
		if n == 0 { // another edit claimed the number first (PostgreSQL; SQLite's writer is alone)
			return errStale
		}
		if _, err := tx.Exec(ctx, `INSERT INTO charter_versions (collective_id, version, purpose, ambition, ambition_by,
			value_proposition, note, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Collective.ID, next, in.Purpose, in.Ambition, in.AmbitionBy, in.ValueProposition, in.Note, authorID(a), tx.Now); err != nil {
			return err
		}
		summary := actorName(a) + " saved version " + strconv.Itoa(next) + " of the charter."
		if in.Note != "" {
			summary += " " + quoteNote(in.Note)
		}
		if err := record(ctx, tx, a, "charter.edited", "charter:"+strconv.FormatInt(a.Collective.ID, 10),
			charterVersionLink(a, next), summary); err != nil {
			return err
		}
		saved = in.charter()
		saved.Version, saved.Note, saved.CreatedAt = next, in.Note, tx.Now
		if a.User != nil {
			id := a.User.ID
			saved.AuthorID, saved.AuthorName = &id, a.User.Name
		}
		return nil
	})
	if errors.Is(err, errStale) {
		cur, rerr := currentCharter(ctx, s.DB, a.Collective.ID)
		if rerr != nil {
			return nil, rerr
		}
		return nil, conflict("the charter", in.Base, cur.Version, cur.AuthorName, cur.fields(), in.charter().fields())
	}
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// quoteNote puts an edit's note in a summary.
func quoteNote(note string) string { return "“" + note + "”" }
