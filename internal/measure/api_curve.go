package measure

import (
	"net/http"
	"time"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiCurve is an indicator's notes as JSON; saved_at and author are null
// while no version has been written.
type apiCurve struct {
	Version     int        `json:"version"`
	Story       string     `json:"story"`
	Partners    string     `json:"partners"`
	WhatWorks   string     `json:"what_works"`
	Proposal    string     `json:"proposal"`
	PartnerOrgs []int64    `json:"partner_organisations"`
	AuthorID    *int64     `json:"author_id"`
	AuthorName  *string    `json:"author_name"`
	SavedAt     *time.Time `json:"saved_at"`
}

func apiCurveJSON(n *CurveNotes) *apiCurve {
	out := &apiCurve{Version: n.Version, Story: n.Story, Partners: n.Partners, WhatWorks: n.WhatWorks,
		Proposal: n.Proposal, PartnerOrgs: n.PartnerOrgs, AuthorID: n.AuthorID}
	if out.PartnerOrgs == nil {
		out.PartnerOrgs = []int64{}
	}
	if n.Version > 0 {
		at, name := n.CreatedAt.UTC(), n.AuthorName
		out.SavedAt, out.AuthorName = &at, &name
	}
	return out
}

// apiCurveConflict is the 409 of a stale save: the problem document with
// the current notes and the ones sent, so a client loses nothing.
type apiCurveConflict struct {
	web.ProblemDoc
	Base    int       `json:"base"`
	Current *apiCurve `json:"current"`
	Yours   *apiCurve `json:"yours"`
}

// apiCurveBody is a save of the notes; base is the version it started
// from (0 when there were none), and is required so no save is blind.
type apiCurveBody struct {
	Base        *int    `json:"base"`
	Story       string  `json:"story"`
	Partners    string  `json:"partners"`
	WhatWorks   string  `json:"what_works"`
	Proposal    string  `json:"proposal"`
	PartnerOrgs []int64 `json:"partner_organisations"`
}

func (x *jsonAPI) getCurveNotes(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "indicator")
	if !ok {
		return
	}
	n, err := x.S.CurveNotes(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiCurveJSON(n))
}

func (x *jsonAPI) putCurveNotes(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "indicator")
	if !ok {
		return
	}
	var b apiCurveBody
	if err := web.DecodeJSON(r, &b); x.fail(w, r, err) {
		return
	}
	if b.Base == nil {
		x.fail(w, r, errsBaseMissing())
		return
	}
	n, err := x.S.EditCurveNotes(r.Context(), a, id, CurveNotesInput{Base: *b.Base, Story: b.Story, Partners: b.Partners,
		WhatWorks: b.WhatWorks, Proposal: b.Proposal, PartnerOrgs: b.PartnerOrgs})
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiCurveJSON(n))
}

// errsBaseMissing refuses a save that does not say what it started from.
func errsBaseMissing() error {
	return errs.Field("base", "Send base: the version your text started from (0 when there were no notes).")
}
