package collective

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

func (h *Handlers) registerMembers() {
	h.Web.PublicPage("GET /c/{collective}/members", h.members)
	h.Web.PublicPage("GET /c/{collective}/members/{member}", h.member)
	h.Web.Form("POST /c/{collective}/members/{member}/roles", h.saveRoles)
	h.Web.Form("POST /c/{collective}/members/{member}/affiliations", h.saveAffiliations)
	h.Web.Form("POST /c/{collective}/members/{member}/remove", h.remove)
}

func (h *Handlers) members(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	mq := MemberQuery{Search: q.Get("q"), Role: q.Get("role"), Page: web.PageParam(q)}
	if len(mq.Search) > 200 {
		mq.Search = mq.Search[:200]
	}
	p := h.page(a, "Members")
	list, err := h.S.Members(r.Context(), a, mq)
	roleInvalid := errs.Is(err, errs.Invalid)
	if roleInvalid {
		p.Fail(err)
		list = &MemberPage{Page: 1, Members: []Member{}}
	} else if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	viewer := web.ViewerFrom(r.Context())
	tz := ""
	if viewer != nil {
		tz = viewer.TimeZone
	}
	content, err := list.Rendered(tz, func() (template.HTML, error) {
		return h.t.Fragment("members-content", h.membersContent(a, mq, list, viewer, roleInvalid))
	})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Data = map[string]any{"Content": content}
	h.t.Render(w, r, http.StatusOK, "members", p)
}

// membersContent is everything the members-content template reads; it
// must not depend on anything outside the page's cache key and time zone.
func (h *Handlers) membersContent(a *Access, mq MemberQuery, list *MemberPage, viewer *web.Viewer, roleInvalid bool) map[string]any {
	type option struct {
		Name, Label string
		Selected    bool
	}
	var options []option
	for _, role := range auth.Roles() {
		options = append(options, option{role.Name, role.Label, role.Name == mq.Role})
	}
	query := url.Values{}
	if mq.Search != "" {
		query.Set("q", mq.Search)
	}
	if mq.Role != "" && !roleInvalid {
		query.Set("role", mq.Role)
	}
	return map[string]any{"Slug": a.Collective.Slug, "Steward": a.IsSteward(), "Viewer": viewer, "List": list,
		"Search": mq.Search, "RoleOptions": options, "RoleInvalid": roleInvalid,
		"Pager": web.Pager{Page: list.Page, PerPage: PerPage, Total: list.Total, Query: query}}
}

func (h *Handlers) member(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	h.renderMember(w, r, a, http.StatusOK, nil)
}

// renderMember shows one member with the forms the viewer may use; err, if
// given, is shown next to its field.
func (h *Handlers) renderMember(w http.ResponseWriter, r *http.Request, a *Access, status int, err error) {
	id, perr := pathID(r, "member")
	if perr != nil {
		h.Web.Error(w, r, perr)
		return
	}
	m, merr := h.S.Member(r.Context(), a, id)
	if merr != nil {
		h.Web.Error(w, r, merr)
		return
	}
	orgs, oerr := h.S.Organisations(r.Context(), a)
	if oerr != nil {
		h.Web.Error(w, r, oerr)
		return
	}
	affiliated := map[int64]bool{}
	for _, o := range m.Organisations {
		affiliated[o.ID] = true
	}
	self := a.User != nil && m.UserID == a.User.ID
	p := h.page(a, m.Name)
	p.Data = map[string]any{"Access": a, "Member": m, "Roles": auth.Roles(), "Orgs": orgs, "Affiliated": affiliated,
		"Self": self, "CanAffiliate": (self && a.CanContribute()) || (a.IsSteward() && !a.Collective.Archived())}
	if err != nil {
		p.Fail(err)
	}
	h.t.Render(w, r, status, "member", p)
}

// memberAction runs a change to the member in the path. A refused field
// shows on the member's page; success goes to the page next(id) names.
func (h *Handlers) memberAction(w http.ResponseWriter, r *http.Request, msg string,
	act func(a *Access, id int64) error, next func(a *Access, id int64) string) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "member")
	if err == nil {
		err = act(a, id)
	}
	switch {
	case errs.Is(err, errs.Invalid):
		h.renderMember(w, r, a, web.Status(err), err)
	case err != nil:
		h.Web.Error(w, r, err)
	default:
		h.done(w, r, msg, next(a, id))
	}
}

func memberPath(a *Access, id int64) string { return base(a) + "/members/" + strconv.FormatInt(id, 10) }

func (h *Handlers) saveRoles(w http.ResponseWriter, r *http.Request) {
	h.memberAction(w, r, "Roles saved.", func(a *Access, id int64) error {
		return h.S.SetRoles(r.Context(), a, id, r.PostForm["roles"])
	}, memberPath)
}

func (h *Handlers) saveAffiliations(w http.ResponseWriter, r *http.Request) {
	h.memberAction(w, r, "Organisations saved.", func(a *Access, id int64) error {
		var orgIDs []int64
		for _, v := range r.PostForm["organisations"] {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return errs.Field("organisations", "Choose organisations from the list.")
			}
			orgIDs = append(orgIDs, n)
		}
		return h.S.SetAffiliations(r.Context(), a, id, orgIDs)
	}, memberPath)
}

func (h *Handlers) remove(w http.ResponseWriter, r *http.Request) {
	h.memberAction(w, r, "The member was removed.", func(a *Access, id int64) error {
		return h.S.Remove(r.Context(), a, id)
	}, func(a *Access, _ int64) string { return base(a) + "/members" })
}
