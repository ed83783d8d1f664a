package measure

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// CurveNotes are the "turn the curve" notes of an indicator, in the words
// of Results-Based Accountability: the story behind the curve, the partners
// with a role to play, what works, and what the collective proposes to do.
// Every save is a new version; Version 0 means none has been written.
type CurveNotes struct {
	Version     int       `db:"version" json:"version"`
	Story       string    `db:"story" json:"story"`
	Partners    string    `db:"partners" json:"partners"`
	WhatWorks   string    `db:"what_works" json:"what_works"`
	Proposal    string    `db:"proposal" json:"proposal"`
	PartnerOrgs []int64   `db:"-" json:"partner_organisations"`
	AuthorID    *int64    `db:"author_id" json:"author_id"`
	AuthorName  string    `db:"author_name" json:"author_name"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
}

// Empty reports whether no note has any text or partner.
func (n *CurveNotes) Empty() bool {
	return n.Story == "" && n.Partners == "" && n.WhatWorks == "" && n.Proposal == "" && len(n.PartnerOrgs) == 0
}

func (n *CurveNotes) same(o *CurveNotes) bool {
	return n.Story == o.Story && n.Partners == o.Partners && n.WhatWorks == o.WhatWorks &&
		n.Proposal == o.Proposal && slices.Equal(n.PartnerOrgs, o.PartnerOrgs)
}

// CurveNotesInput is a save of the notes, based on the version the person
// started from (0 for none yet).
type CurveNotesInput struct {
	Base                                 int
	Story, Partners, WhatWorks, Proposal string
	PartnerOrgs                          []int64
}

// Limits on the notes: each text is a few paragraphs, not a report.
const (
	MaxCurveText  = 4000
	MaxCurveOrgs  = 50
	MaxCurveShown = 100 // versions listed in the history
)

// CurveConflictError refuses a save whose base version is no longer
// current. It carries the current notes and the text that was sent, so the
// form and API clients can show both and nothing typed is lost.
type CurveConflictError struct {
	Base    int         `json:"base"`
	Current *CurveNotes `json:"current"`
	Yours   *CurveNotes `json:"yours"`
	err     *errs.Error
}

func (e *CurveConflictError) Error() string { return e.err.Error() }

// Unwrap lets errs.Code and errs.Message see the conflict's code and message.
func (e *CurveConflictError) Unwrap() error { return e.err }

// AsCurveConflict returns the CurveConflictError in err, if there is one.
func AsCurveConflict(err error) (*CurveConflictError, bool) {
	var c *CurveConflictError
	ok := errors.As(err, &c)
	return c, ok
}

// errCurveStale leaves the write transaction when the base moved on; the
// conflict is built after it, since a failed PostgreSQL transaction cannot
// be read from.
var errCurveStale = errors.New("measure: the curve notes moved on")

const curveCols = `v.version, v.story, v.partners, v.what_works, v.proposal, v.author_id,
	COALESCE(u.name, '` + auth.FormerMember + `') AS author_name, v.created_at`

// CurveNotes returns the current notes of an indicator (Version 0 when
// there are none). Anyone who can see the collective reads them.
func (s *Service) CurveNotes(ctx context.Context, a *collective.Access, indicatorID int64) (*CurveNotes, error) {
	if _, err := indicatorIn(ctx, s.DB, a, indicatorID); err != nil {
		return nil, err
	}
	return currentCurve(ctx, s.DB, indicatorID)
}

func currentCurve(ctx context.Context, r reader, indicatorID int64) (*CurveNotes, error) {
	list := []CurveNotes{}
	if err := r.Select(ctx, &list, `SELECT `+curveCols+` FROM measure_curve_notes h
		JOIN measure_curve_note_versions v ON v.indicator_id = h.indicator_id AND v.version = h.current_version
		LEFT JOIN users u ON u.id = v.author_id WHERE h.indicator_id = ?`, indicatorID); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return &CurveNotes{PartnerOrgs: []int64{}}, nil
	}
	if err := curveOrgs(ctx, r, indicatorID, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// CurveNotesHistory lists the versions of an indicator's notes, newest
// first, at most MaxCurveShown of them.
func (s *Service) CurveNotesHistory(ctx context.Context, a *collective.Access, indicatorID int64) ([]CurveNotes, error) {
	if _, err := indicatorIn(ctx, s.DB, a, indicatorID); err != nil {
		return nil, err
	}
	list := []CurveNotes{}
	if err := s.DB.Select(ctx, &list, `SELECT `+curveCols+` FROM measure_curve_note_versions v
		LEFT JOIN users u ON u.id = v.author_id WHERE v.indicator_id = ?
		ORDER BY v.version DESC LIMIT `+strconv.Itoa(MaxCurveShown), indicatorID); err != nil {
		return nil, err
	}
	return list, curveOrgs(ctx, s.DB, indicatorID, list)
}

// curveOrgs fills the partner organisations of some versions with one query.
func curveOrgs(ctx context.Context, r reader, indicatorID int64, list []CurveNotes) error {
	var rows []struct {
		Version int   `db:"version"`
		Org     int64 `db:"organisation_id"`
	}
	if err := r.Select(ctx, &rows, `SELECT version, organisation_id FROM measure_curve_note_orgs
		WHERE indicator_id = ? ORDER BY version, organisation_id`, indicatorID); err != nil {
		return err
	}
	for i := range list {
		list[i].PartnerOrgs = []int64{}
		for _, x := range rows {
			if x.Version == list[i].Version {
				list[i].PartnerOrgs = append(list[i].PartnerOrgs, x.Org)
			}
		}
	}
	return nil
}

// MayEditCurveNotes says whether the person may edit an indicator's notes:
// stewards; and members (not observers) who are with an organisation that
// contributes to the indicator, or with any organisation when the indicator
// names no contributors, since they are the people who report its values.
func (s *Service) MayEditCurveNotes(ctx context.Context, a *collective.Access, ind *Indicator) error {
	if a.IsSteward() {
		return a.RequireSteward() // refuses in an archived collective
	}
	if err := a.RequireContributor(); err != nil {
		return err
	}
	m, err := s.Collectives.Member(ctx, a, a.MemberID)
	if err != nil {
		return err
	}
	for _, o := range m.Organisations {
		if len(ind.Contributors) == 0 || slices.Contains(ind.Contributors, o.ID) {
			return nil
		}
	}
	return errs.New(errs.Forbidden, "Stewards and members of the organisations contributing to %s edit its notes.", ind.Name)
}

// normalise trims the texts, checks the limits and the partner
// organisations, and sorts those so equal sets compare equal.
func (s *Service) normaliseCurve(ctx context.Context, a *collective.Access, in *CurveNotesInput) (*CurveNotes, error) {
	n := &CurveNotes{Story: strings.TrimSpace(in.Story), Partners: strings.TrimSpace(in.Partners),
		WhatWorks: strings.TrimSpace(in.WhatWorks), Proposal: strings.TrimSpace(in.Proposal)}
	for _, f := range []struct{ name, text string }{{"story", n.Story}, {"partners", n.Partners},
		{"what_works", n.WhatWorks}, {"proposal", n.Proposal}} {
		if err := checkText(f.name, f.text, MaxCurveText, false); err != nil {
			return nil, err
		}
	}
	if in.Base < 0 {
		return nil, errs.Field("base", "A version is a number from 0 up.")
	}
	orgs := slices.Clone(in.PartnerOrgs)
	slices.Sort(orgs)
	orgs = slices.Compact(orgs)
	if len(orgs) > MaxCurveOrgs {
		return nil, errs.Field("partner_organisations", "Name at most %d organisations.", MaxCurveOrgs)
	}
	if len(orgs) > 0 {
		known, err := s.Collectives.Organisations(ctx, a)
		if err != nil {
			return nil, err
		}
		for _, id := range orgs {
			if !slices.ContainsFunc(known, func(o collective.Organisation) bool { return o.ID == id }) {
				return nil, errs.Field("partner_organisations", "Choose organisations of %s.", a.Collective.Name)
			}
		}
	}
	n.PartnerOrgs = append([]int64{}, orgs...)
	return n, nil
}

// EditCurveNotes saves a new version of an indicator's notes and returns
// it. When the notes moved on since in.Base it returns a
// *CurveConflictError and writes nothing, unless what was sent is what the
// notes already say (a form sent twice). A save that changes nothing makes
// no version and returns the current one.
func (s *Service) EditCurveNotes(ctx context.Context, a *collective.Access, indicatorID int64, in CurveNotesInput) (*CurveNotes, error) {
	ind, err := indicatorIn(ctx, s.DB, a, indicatorID)
	if err != nil {
		return nil, err
	}
	if err := s.MayEditCurveNotes(ctx, a, ind); err != nil {
		return nil, err
	}
	yours, err := s.normaliseCurve(ctx, a, &in)
	if err != nil {
		return nil, err
	}
	var saved *CurveNotes
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		cur, err := currentCurve(ctx, tx, indicatorID)
		if err != nil {
			return err
		}
		if cur.same(yours) {
			saved = cur
			return nil
		}
		if in.Base > cur.Version {
			return errs.Field("base", "The notes of %s have no version %d yet.", ind.Name, in.Base)
		}
		if in.Base != cur.Version {
			return errCurveStale
		}
		next := cur.Version + 1
		var n int64
		if cur.Version == 0 {
			n, err = tx.Exec(ctx, `INSERT INTO measure_curve_notes (indicator_id, current_version) VALUES (?, 1) ON CONFLICT DO NOTHING`, indicatorID)
		} else {
			n, err = tx.Exec(ctx, `UPDATE measure_curve_notes SET current_version = ? WHERE indicator_id = ? AND current_version = ?`,
				next, indicatorID, cur.Version)
		}
		if err != nil {
			return err
		}
		if n == 0 { // another save claimed the number first (PostgreSQL; SQLite's writer is alone)
			return errCurveStale
		}
		var author any
		if a.User != nil {
			author = a.User.ID
		}
		if _, err := tx.Exec(ctx, `INSERT INTO measure_curve_note_versions (indicator_id, version, story, partners,
			what_works, proposal, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			indicatorID, next, yours.Story, yours.Partners, yours.WhatWorks, yours.Proposal, author, tx.Now); err != nil {
			return err
		}
		for _, org := range yours.PartnerOrgs {
			if _, err := tx.Exec(ctx, `INSERT INTO measure_curve_note_orgs (indicator_id, version, organisation_id) VALUES (?, ?, ?)`,
				indicatorID, next, org); err != nil {
				return err
			}
		}
		if err := record(ctx, tx, a, "indicator.curve_notes_edited", indicatorSubject(indicatorID),
			indicatorLink(a, indicatorID)+"/curve-notes/history",
			actorName(a)+" saved version "+strconv.Itoa(next)+" of the notes on "+ind.Name+"."); err != nil {
			return err
		}
		saved = yours
		saved.Version, saved.CreatedAt = next, tx.Now
		if a.User != nil {
			id := a.User.ID
			saved.AuthorID, saved.AuthorName = &id, a.User.Name
		}
		return nil
	})
	if errors.Is(err, errCurveStale) {
		cur, rerr := currentCurve(ctx, s.DB, indicatorID)
		if rerr != nil {
			return nil, rerr
		}
		return nil, &CurveConflictError{Base: in.Base, Current: cur, Yours: yours, err: errs.New(errs.Conflict,
			"%s saved version %d of the notes after you started from version %d. Your text is kept: compare it with version %d and save again.",
			cur.AuthorName, cur.Version, in.Base, cur.Version)}
	}
	if err != nil {
		return nil, err
	}
	return saved, nil
}
