package purpose

import (
	"context"
	"strconv"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Endorser is one member on the endorsement roll.
type Endorser struct {
	MemberID   int64      `db:"member_id" json:"member_id"`
	Name       string     `db:"name" json:"name"`
	Version    int        `db:"version" json:"version"` // the version they endorsed; 0 for none
	EndorsedAt *time.Time `db:"endorsed_at" json:"endorsed_at,omitempty"`
	// CanEndorse is false for observers, who read only: the page shows
	// them apart rather than as holding out.
	CanEndorse bool `db:"can_endorse" json:"can_endorse"`
}

// Roll is who stands behind the charter: every member in one of three
// lists, each by name.
type Roll struct {
	Version int        `json:"version"`        // the current version (0: no charter yet)
	Current []Endorser `json:"current"`        // endorsed the current version
	Earlier []Endorser `json:"earlier"`        // endorsed an earlier version only
	Not     []Endorser `json:"not_endorsed"`   // have not endorsed any version
	Mine    int        `json:"mine,omitempty"` // the version the viewer endorsed; 0 for none
}

// Endorse records that the acting member endorses version of the charter,
// which must be the current one: endorsing what one has not read would
// mean nothing, so an older version is a Conflict naming the current one.
// Any member but an observer may endorse; endorsing again is harmless.
func (s *Service) Endorse(ctx context.Context, a *collective.Access, version int) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var current int
		err := tx.Get(ctx, &current, "SELECT current_version FROM charters WHERE collective_id = ?", a.Collective.ID)
		if store.NotFound(err) {
			return errs.Field("version", "%s has no charter to endorse yet.", a.Collective.Name)
		}
		if err != nil {
			return err
		}
		if version != current {
			return errs.New(errs.Conflict, "The charter is at version %d now, not %d; read version %d before you endorse it.",
				current, version, current)
		}
		var had []int
		if err := tx.Select(ctx, &had, "SELECT version FROM charter_endorsements WHERE member_id = ?", a.MemberID); err != nil {
			return err
		}
		if len(had) == 1 && had[0] == current {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO charter_endorsements (member_id, collective_id, version, endorsed_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (member_id) DO UPDATE SET version = excluded.version, endorsed_at = excluded.endorsed_at`,
			a.MemberID, a.Collective.ID, current, tx.Now); err != nil {
			return err
		}
		return record(ctx, tx, a, "charter.endorsed", "charter:"+strconv.FormatInt(a.Collective.ID, 10), Link(a),
			actorName(a)+" endorsed version "+strconv.Itoa(current)+" of the charter.")
	})
}

// WithdrawEndorsement takes back the acting member's endorsement, of
// whichever version; withdrawing none is harmless. Any member may, even
// one who has become an observer since endorsing.
func (s *Service) WithdrawEndorsement(ctx context.Context, a *collective.Access) error {
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "Only members of %s can do this.", a.Collective.Name)
	}
	if a.Collective.Archived() {
		return errs.New(errs.Forbidden, "%s is archived; a steward can restore it.", a.Collective.Name)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var had []int
		if err := tx.Select(ctx, &had, "SELECT version FROM charter_endorsements WHERE member_id = ?", a.MemberID); err != nil {
			return err
		}
		if len(had) == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, "DELETE FROM charter_endorsements WHERE member_id = ?", a.MemberID); err != nil {
			return err
		}
		return record(ctx, tx, a, "charter.endorsement_withdrawn", "charter:"+strconv.FormatInt(a.Collective.ID, 10), Link(a),
			actorName(a)+" withdrew their endorsement of version "+strconv.Itoa(had[0])+" of the charter.")
	})
}

// Endorsements returns the roll: who endorsed the current version, who an
// earlier one, and who has not, over all members of the collective.
func (s *Service) Endorsements(ctx context.Context, a *collective.Access) (*Roll, error) {
	roll := &Roll{Current: []Endorser{}, Earlier: []Endorser{}, Not: []Endorser{}}
	err := s.DB.Get(ctx, &roll.Version, "SELECT COALESCE(MAX(current_version), 0) FROM charters WHERE collective_id = ?", a.Collective.ID)
	if err != nil {
		return nil, err
	}
	var all []Endorser
	err = s.DB.Select(ctx, &all, `SELECT m.id AS member_id, u.name, COALESCE(e.version, 0) AS version, e.endorsed_at,
		EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role <> ?) AS can_endorse
		FROM members m JOIN users u ON u.id = m.user_id
		LEFT JOIN charter_endorsements e ON e.member_id = m.id
		WHERE m.collective_id = ? ORDER BY m.sort_name, m.id`, auth.Observer, a.Collective.ID)
	if err != nil {
		return nil, err
	}
	for _, e := range all {
		switch {
		case e.Version == 0:
			roll.Not = append(roll.Not, e)
		case e.Version == roll.Version:
			roll.Current = append(roll.Current, e)
		default:
			roll.Earlier = append(roll.Earlier, e)
		}
		if e.MemberID == a.MemberID {
			roll.Mine = e.Version
		}
	}
	return roll, nil
}
