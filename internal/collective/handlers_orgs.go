package collective

import (
	"net/http"
	"strconv"

	"commonground/internal/errs"
	"commonground/internal/web"
)

func (h *Handlers) registerOrganisations() {
	h.Web.PublicPage("GET /c/{collective}/organisations", h.organisations)
	h.Web.Form("POST /c/{collective}/organisations", h.createOrganisation)
	h.Web.PublicPage("GET /c/{collective}/organisations/{org}", h.organisation)
	h.Web.Form("POST /c/{collective}/organisations/{org}", h.updateOrganisation)
	h.Web.Form("POST /c/{collective}/organisations/{org}/delete", h.deleteOrganisation)
}

func orgInput(r *http.Request) OrgInput {
	return OrgInput{Name: r.PostFormValue("name"), Website: r.PostFormValue("website"), Description: r.PostFormValue("description")}
}

func (h *Handlers) organisations(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	h.renderOrganisations(w, r, a, http.StatusOK, nil)
}

func (h *Handlers) renderOrganisations(w http.ResponseWriter, r *http.Request, a *Access, status int, err error) {
	orgs, lerr := h.S.Organisations(r.Context(), a)
	if lerr != nil {
		h.Web.Error(w, r, lerr)
		return
	}
	p := h.page(a, "Organisations")
	p.Data = map[string]any{"Access": a, "Orgs": orgs}
	if err != nil {
		p.Form = r.PostForm
		p.Fail(err)
	}
	h.t.Render(w, r, status, "organisations", p)
}

func (h *Handlers) createOrganisation(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	o, err := h.S.CreateOrganisation(r.Context(), a, orgInput(r))
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			h.renderOrganisations(w, r, a, web.Status(err), err)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, o.Name+" was added.", base(a)+"/organisations")
}

func (h *Handlers) organisation(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	h.renderOrganisation(w, r, a, http.StatusOK, nil)
}

func (h *Handlers) renderOrganisation(w http.ResponseWriter, r *http.Request, a *Access, status int, err error) {
	id, perr := pathID(r, "org")
	if perr != nil {
		h.Web.Error(w, r, perr)
		return
	}
	o, oerr := h.S.Organisation(r.Context(), a, id)
	if oerr != nil {
		h.Web.Error(w, r, oerr)
		return
	}
	members, merr := h.S.OrganisationMembers(r.Context(), a, id)
	if merr != nil {
		h.Web.Error(w, r, merr)
		return
	}
	p := h.page(a, o.Name)
	p.Data = map[string]any{"Access": a, "Org": o, "Members": members}
	p.Form = map[string][]string{"name": {o.Name}, "website": {o.Website}, "description": {o.Description}}
	if err != nil {
		p.Form = r.PostForm
		p.Fail(err)
	}
	h.t.Render(w, r, status, "organisation", p)
}

func (h *Handlers) updateOrganisation(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "org")
	if err == nil {
		err = h.S.UpdateOrganisation(r.Context(), a, id, orgInput(r))
	}
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			h.renderOrganisation(w, r, a, web.Status(err), err)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "Organisation saved.", base(a)+"/organisations/"+strconv.FormatInt(id, 10))
}

func (h *Handlers) deleteOrganisation(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "org")
	if err == nil {
		err = h.S.DeleteOrganisation(r.Context(), a, id)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The organisation was deleted; its members stay.", base(a)+"/organisations")
}
