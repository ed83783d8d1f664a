package measure

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// registerCurvePages adds the "turn the curve" form and history.
func (h *Handlers) registerCurvePages(p string) {
	w := h.Web
	w.Page("GET "+p+"/indicators/{indicator}/curve-notes", h.curveForm)
	w.Form("POST "+p+"/indicators/{indicator}/curve-notes", h.saveCurve)
	w.PublicPage("GET "+p+"/indicators/{indicator}/curve-notes/history", h.curveHistory)
}

// curvePart is one of the four notes, as paragraphs.
type curvePart struct {
	Label string
	Paras []string
}

// curveView shows one version of the notes.
type curveView struct {
	Version int
	Saved   string // who saved it, and when
	Parts   []curvePart
	Orgs    []string
	Empty   bool
}

// curveLabels are the notes' names in Results-Based Accountability's words,
// in the order of CurveNotes' texts.
var curveLabels = [4]string{"The story behind the curve", "Partners with a role to play", "What works", "What we propose to do"}

func (n *CurveNotes) texts() [4]string {
	return [4]string{n.Story, n.Partners, n.WhatWorks, n.Proposal}
}

// paragraphs splits a note at blank lines, so what was typed as paragraphs
// reads as paragraphs without letting anyone write HTML.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (h *Handlers) curveView(ctx context.Context, a *collective.Access, n *CurveNotes) (*curveView, error) {
	v := &curveView{Version: n.Version, Empty: n.Empty()}
	if n.Version > 0 {
		v.Saved = "Version " + strconv.Itoa(n.Version) + ", saved by " + n.AuthorName + " on " + n.CreatedAt.UTC().Format("2 January 2006 at 15:04 UTC")
	}
	for i, t := range n.texts() {
		if ps := paragraphs(t); ps != nil {
			v.Parts = append(v.Parts, curvePart{curveLabels[i], ps})
		}
	}
	var err error
	v.Orgs, err = h.orgNames(ctx, a, n.PartnerOrgs)
	return v, err
}

// curveSection is the indicator page's "Turn the curve" section.
func (h *Handlers) curveSection(ctx context.Context, a *collective.Access, ind *Indicator) (*curveView, bool, error) {
	n, err := currentCurve(ctx, h.S.DB, ind.ID)
	if err != nil {
		return nil, false, err
	}
	v, err := h.curveView(ctx, a, n)
	return v, a.IsMember() && h.S.MayEditCurveNotes(ctx, a, ind) == nil, err
}

// curveFormData is the form page's data.
type curveFormData struct {
	Ind      *Indicator
	Link     string
	Orgs     []collective.Organisation
	Max      int
	Conflict *curveView // the current notes, when someone saved first
	Message  string
}

func (h *Handlers) curveForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	ctx := r.Context()
	ind, err := h.S.Indicator(ctx, a, id)
	if err == nil {
		err = h.S.MayEditCurveNotes(ctx, a, ind)
	}
	var n *CurveNotes
	if err == nil {
		n, err = h.S.CurveNotes(ctx, a, id)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Turn the curve: "+ind.Name)
	p.Form = map[string][]string{"base": {strconv.Itoa(n.Version)}, "story": {n.Story}, "partners": {n.Partners},
		"what_works": {n.WhatWorks}, "proposal": {n.Proposal}}
	for _, o := range n.PartnerOrgs {
		p.Form.Add("partner_organisations", strconv.FormatInt(o, 10))
	}
	h.renderCurveForm(w, r, a, ind, p, http.StatusOK, nil)
}

func (h *Handlers) renderCurveForm(w http.ResponseWriter, r *http.Request, a *collective.Access, ind *Indicator, p *web.Page, status int, conflict *curveView) {
	orgs, err := h.Collectives.Organisations(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Data = &curveFormData{Ind: ind, Link: indicatorLink(a, ind.ID), Orgs: orgs, Max: MaxCurveText, Conflict: conflict, Message: p.Error}
	h.t.Render(w, r, status, "curve_notes", p)
}

// saveCurve saves the notes. A refused save comes back in the form with
// what was typed; a conflict also shows the current notes and moves the
// hidden base on, so saving again over them is deliberate.
func (h *Handlers) saveCurve(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	ctx := r.Context()
	ind, err := h.S.Indicator(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	in := CurveNotesInput{Story: r.PostFormValue("story"), Partners: r.PostFormValue("partners"),
		WhatWorks: r.PostFormValue("what_works"), Proposal: r.PostFormValue("proposal")}
	in.Base, err = strconv.Atoi(r.PostFormValue("base"))
	if err != nil {
		err = errs.Field("base", "The form lost the version it started from; open it again.")
	}
	for _, s := range r.PostForm["partner_organisations"] {
		o, perr := strconv.ParseInt(s, 10, 64)
		if perr != nil && err == nil {
			err = errs.Field("partner_organisations", "Choose organisations from the list.")
		}
		in.PartnerOrgs = append(in.PartnerOrgs, o)
	}
	var n *CurveNotes
	if err == nil {
		n, err = h.S.EditCurveNotes(ctx, a, id, in)
	}
	if err != nil {
		p := h.page(a, "Turn the curve: "+ind.Name)
		p.Form = r.PostForm
		if cf, ok := AsCurveConflict(err); ok {
			p.Form.Set("base", strconv.Itoa(cf.Current.Version))
			p.Error = errs.Message(err)
			cv, verr := h.curveView(ctx, a, cf.Current)
			if verr != nil {
				h.Web.Error(w, r, verr)
				return
			}
			h.renderCurveForm(w, r, a, ind, p, http.StatusConflict, cv)
			return
		}
		if errs.Is(err, errs.Invalid) {
			p.Fail(err)
			h.renderCurveForm(w, r, a, ind, p, web.Status(err), nil)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	msg := "Version " + strconv.Itoa(n.Version) + " of the notes is saved."
	if n.Version == in.Base {
		msg = "Nothing changed, so no new version was made."
	}
	h.done(w, r, msg, indicatorLink(a, id)+"#curve-notes-heading")
}

func (h *Handlers) curveHistory(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	ctx := r.Context()
	ind, err := h.S.Indicator(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	list, err := h.S.CurveNotesHistory(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	views := make([]*curveView, len(list))
	for i := range list {
		if views[i], err = h.curveView(ctx, a, &list[i]); err != nil {
			h.Web.Error(w, r, err)
			return
		}
	}
	p := h.page(a, "History of the notes on "+ind.Name)
	p.Data = map[string]any{"Ind": ind, "Link": indicatorLink(a, id), "Versions": views, "Max": MaxCurveShown}
	h.t.Render(w, r, http.StatusOK, "curve_history", p)
}
