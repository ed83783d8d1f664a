package collective

import (
	"net/http"
	"strconv"
	"strings"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

func (h *Handlers) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if auth.UserFrom(ctx) == nil {
		h.t.Render(w, r, http.StatusOK, "landing", &web.Page{Title: "Welcome"})
		return
	}
	mine, err := h.S.ListMine(ctx)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	public, err := h.S.ListPublic(ctx, 20)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.t.Render(w, r, http.StatusOK, "home", &web.Page{Title: "My collectives", Data: map[string]any{"Mine": mine, "Public": public}})
}

func inputFrom(r *http.Request) Input {
	n, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("min_group_size")))
	if r.PostFormValue("min_group_size") != "" && n == 0 {
		n = -1 // not a number: let validation say so
	}
	return Input{Slug: r.PostFormValue("slug"), Name: r.PostFormValue("name"), Purpose: r.PostFormValue("purpose"),
		Visibility: r.PostFormValue("visibility"), MinGroupSize: n}
}

func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) {
	if auth.UserFrom(r.Context()) == nil {
		h.Web.Error(w, r, errs.New(errs.Unauthorized, "Please sign in."))
		return
	}
	h.t.Render(w, r, http.StatusOK, "new", &web.Page{Title: "Create a collective", Form: map[string][]string{"visibility": {"private"}, "min_group_size": {"5"}}})
}

func (h *Handlers) create(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r, h.Web) {
		return
	}
	c, err := h.S.Create(r.Context(), inputFrom(r))
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			p := &web.Page{Title: "Create a collective", Form: r.PostForm}
			p.Fail(err)
			h.t.Render(w, r, web.Status(err), "new", p)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, c.Name+" is ready. Invite people to join it.", "/c/"+c.Slug)
}

func (h *Handlers) overview(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	counts, err := h.S.Counts(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Overview")
	p.Data = map[string]any{"Access": a, "Counts": counts}
	h.t.Render(w, r, http.StatusOK, "overview", p)
}

func (h *Handlers) leave(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := h.S.Leave(r.Context(), a); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "You have left "+a.Collective.Name+".", "/")
}

func (h *Handlers) settings(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if !a.IsSteward() {
		h.Web.Error(w, r, errs.New(errs.Forbidden, "Only stewards can change the settings."))
		return
	}
	c := a.Collective
	p := h.page(a, "Settings")
	p.Form = map[string][]string{"name": {c.Name}, "purpose": {c.Purpose}, "visibility": {c.Visibility}, "min_group_size": {strconv.Itoa(c.MinGroupSize)}}
	p.Data = a
	h.t.Render(w, r, http.StatusOK, "settings", p)
}

func (h *Handlers) saveSettings(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := h.S.Update(r.Context(), a, inputFrom(r)); err != nil {
		if errs.Is(err, errs.Invalid) {
			p := h.page(a, "Settings")
			p.Form, p.Data = r.PostForm, a
			p.Fail(err)
			h.t.Render(w, r, web.Status(err), "settings", p)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "Settings saved.", base(a)+"/settings")
}

func (h *Handlers) archive(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	archive := r.PostFormValue("archived") == "true"
	if err := h.S.SetArchived(r.Context(), a, archive); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	msg := a.Collective.Name + " is restored."
	if archive {
		msg = a.Collective.Name + " is archived: everyone can still read it, nobody can change it."
	}
	h.done(w, r, msg, base(a))
}
