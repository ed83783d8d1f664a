package people

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// directory is the people directory: search, filters, one page of cards.
func (h *Handlers) directory(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	dq := DirectoryQuery{Text: q.Get("q"), Organisation: q.Get("organisation"), Skill: q.Get("skill"),
		Value: q.Get("value"), Page: web.PageParam(q)}
	p := h.page(a, "People")
	p.Form = q
	status := http.StatusOK
	page, err := h.S.Directory(ctx, a, dq)
	if errs.Is(err, errs.Invalid) {
		// A filter naming a value the collective does not have: say so
		// next to the filter and list nobody.
		p.Fail(err)
		status = web.Status(err)
		page, err = &DirectoryPage{People: []Card{}, Page: 1, PerPage: PerPage}, nil
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	orgs, err := h.S.Organisations(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	terms, err := h.S.Vocabulary(ctx, a, TermActive)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	filtered := dq.Text != "" || dq.Organisation != "" || dq.Skill != "" || dq.Value != ""
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Slug": a.Collective.Slug, "Page": page, "Orgs": orgs,
		"Terms": terms, "Filtered": filtered, "Steward": a.IsSteward(), "Member": a.IsMember(),
		"Pager": web.Pager{Page: page.Page, PerPage: page.PerPage, Total: page.Total, Query: q}}
	h.t.Render(w, r, status, "directory", p)
}

// exportCSV sends the directory as CSV, with what the viewer may see.
func (h *Handlers) exportCSV(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	if !a.IsMember() {
		h.Web.Error(w, r, errs.New(errs.Forbidden, "Only members of %s can export its people directory.", a.Collective.Name))
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+a.Collective.Slug+`-people.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	// Once rows are going out the status is sent; a failure part way can
	// only cut the file short, and is logged.
	if err := h.S.ExportCSV(r.Context(), a, w); err != nil {
		h.Web.Log.Error("people: export", "collective", a.Collective.ID, "err", err)
	}
}

// me sends the viewer to their own page, or to the editor when they are
// not a member here (which then explains why they cannot keep one).
func (h *Handlers) me(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	if !a.IsMember() {
		web.Redirect(w, r, Base(a)+"/me/edit")
		return
	}
	web.Redirect(w, r, PersonLink(a, a.MemberID))
}

// fieldRow is one profile field on the person's own page, with who sees it.
type fieldRow struct {
	Label, Value string
	List         []string
	Who          string
	Set          bool
}

// person is one member's profile, as far as the viewer may see it.
func (h *Handlers) person(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "member")
	if !ok {
		return
	}
	v, err := h.S.Person(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, v.Name)
	var own []fieldRow
	if v.Self {
		own = ownFields(v)
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "View": v, "Own": own,
		"PhotoURL": PersonLink(a, v.MemberID) + "/photo", "MatchesURL": PersonLink(a, v.MemberID) + "/matches",
		"MayMatch": a.IsMember() && (v.Self || a.IsSteward()), "ValuesWho": visibilityWords(v.Visibility[FieldValues])}
	h.t.Render(w, r, http.StatusOK, "person", p)
}

// ownFields lists every field of the person's own profile with who may
// see it, so they can check at a glance what others see.
func ownFields(v *View) []fieldRow {
	text := map[Field]string{FieldDisplayName: v.DisplayName, FieldPronouns: v.Pronouns, FieldOrganisation: v.Organisation,
		FieldDepartment: v.Department, FieldRoleTitle: v.RoleTitle, FieldAbout: v.About}
	lists := map[Field][]string{FieldSkills: v.Skills, FieldOffers: v.Offers, FieldNeeds: v.Needs}
	var rows []fieldRow
	for _, f := range Fields {
		row := fieldRow{Label: f.Label(), Who: visibilityWords(v.Visibility[f])}
		switch f {
		case FieldPhoto:
			row.Set = v.HasPhoto
			if v.HasPhoto {
				row.Value = "Uploaded"
			}
		case FieldValues:
			row.Set = len(v.Values) > 0
			row.Value = strconv.Itoa(len(v.Values)) + " ranked"
		case FieldSkills, FieldOffers, FieldNeeds:
			row.List, row.Set = lists[f], len(lists[f]) > 0
		default:
			row.Value, row.Set = text[f], text[f] != ""
		}
		rows = append(rows, row)
	}
	return rows
}

// personView serves a person's sub-pages: their photo and their matches.
func (h *Handlers) personView(w http.ResponseWriter, r *http.Request) {
	switch r.PathValue("view") {
	case "photo":
		h.photo(w, r)
	case "matches":
		h.matches(w, r)
	default:
		h.Web.Error(w, r, errs.New(errs.NotFound, "There is nothing at this address."))
	}
}

// photo sends a member's photo if the viewer may see it; NotFound
// otherwise, as if there were none.
func (h *Handlers) photo(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "member")
	if !ok {
		return
	}
	f, err := h.S.Photo(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	ct := f.ContentType
	if ct == "" {
		ct = http.DetectContentType(f.Data)
	}
	// Private and no-cache: who may see a photo depends on who asks and
	// changes when the person hides or removes it, so every view asks again
	// (a shared browser's next account included). The ETag spares the bytes
	// when the check passes and the photo is the same.
	etag := `"` + f.SHA256 + `"`
	if f.SHA256 == "" {
		etag = `"file-` + strconv.FormatInt(f.ID, 10) + `"`
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Header().Set("ETag", etag)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	_, _ = w.Write(f.Data)
}

// etagMatches reports whether an If-None-Match header names etag (weakly,
// as RFC 9110 compares for GET), or is "*".
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// matchesQuery reads the filters of the "find collaborators" page.
func matchesQuery(q url.Values) (MatchQuery, error) {
	k, err := formInt(q.Get("k"), "k", DefaultMatches, 1, MaxMatches)
	return MatchQuery{K: k, Organisation: q.Get("organisation"), Skill: q.Get("skill"), Value: q.Get("value")}, err
}

// matches is "find collaborators" for a member: their own, or anyone's
// for a steward.
func (h *Handlers) matches(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "member")
	if !ok {
		return
	}
	ctx := r.Context()
	v, err := h.S.Person(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	title := "Find collaborators"
	if !v.Self {
		title = "Collaborators for " + v.Name
	}
	p := h.page(a, title)
	p.Form = r.URL.Query()
	status := http.StatusOK
	mq, err := matchesQuery(p.Form)
	var list []Match
	if err == nil {
		list, err = h.S.Matches(ctx, a, id, mq)
	}
	if errs.Is(err, errs.Invalid) {
		p.Fail(err)
		status, err = web.Status(err), nil
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	orgs, err := h.S.Organisations(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	terms, err := h.S.Vocabulary(ctx, a, TermActive)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if p.Form.Get("k") == "" {
		p.Form.Set("k", strconv.Itoa(DefaultMatches))
	}
	views := make([]matchView, len(list))
	for i, m := range list {
		views[i] = matchView{Match: m, Link: PersonLink(a, m.MemberID), ScoreText: pct(m.Score),
			ValuesText: pct(m.ValueSimilarity), ComplText: pct(m.Complementarity)}
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "View": v, "Matches": views, "Orgs": orgs, "Terms": terms,
		"Action": PersonLink(a, id) + "/matches", "MaxMatches": MaxMatches, "HasValues": len(v.Values) > 0 || !v.Self}
	h.t.Render(w, r, status, "matches", p)
}

// matchView is a match ready to show: the scores as percentages and the
// candidate's page.
type matchView struct {
	Match
	Link                             string
	ScoreText, ValuesText, ComplText string
}

// pct writes a score from 0 to 1 as a whole percentage.
func pct(x float64) string { return strconv.Itoa(int(x*100+0.5)) + "%" }
