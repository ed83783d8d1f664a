package collective

import (
	"net/http"
	"net/url"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

func (h *Handlers) registerInvitations() {
	h.Web.Page("GET /c/{collective}/invitations", h.invitations)
	h.Web.Form("POST /c/{collective}/invitations", h.invite)
	h.Web.Form("POST /c/{collective}/invitations/{id}/revoke", h.revoke)
	h.Web.PublicPage("GET /invite/{token}", h.invitation)
	h.Web.Form("POST /invite/{token}/accept", h.accept)
	h.Web.Form("POST /invite/{token}/decline", h.decline)
}

func (h *Handlers) invitations(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	h.renderInvitations(w, r, a, http.StatusOK, nil, nil)
}

func (h *Handlers) renderInvitations(w http.ResponseWriter, r *http.Request, a *Access, status int, created *Invitation, err error) {
	page := web.PageParam(r.URL.Query())
	list, total, lerr := h.S.Invitations(r.Context(), a, page)
	if lerr != nil {
		h.Web.Error(w, r, lerr)
		return
	}
	p := h.page(a, "Invitations")
	p.Form = url.Values{"roles": {auth.Member}}
	if err != nil {
		p.Form = r.PostForm
		p.Fail(err)
	}
	p.Data = map[string]any{"Access": a, "List": list, "Created": created, "Roles": auth.Roles(), "Now": h.S.DB.Now(),
		"Pager": web.Pager{Page: page, PerPage: PerPage, Total: total, Query: r.URL.Query()}}
	h.t.Render(w, r, status, "invitations", p)
}

func (h *Handlers) invite(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	inv, err := h.S.CreateInvitation(r.Context(), a, InviteInput{Email: r.PostFormValue("email"), Roles: r.PostForm["roles"]})
	if err != nil && inv == nil {
		if errs.Is(err, errs.Invalid) {
			h.renderInvitations(w, r, a, web.Status(err), nil, err)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	// The link is shown now or never: only its hash is kept.
	h.renderInvitations(w, r, a, http.StatusCreated, inv, err)
}

func (h *Handlers) revoke(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = h.S.RevokeInvitation(r.Context(), a, id)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The invitation was withdrawn; its link no longer works.", base(a)+"/invitations")
}

func (h *Handlers) invitation(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	v, err := h.S.InvitationByToken(r.Context(), token)
	if err != nil && !errs.Is(err, errs.Gone) {
		h.Web.Error(w, r, err)
		return
	}
	p := &web.Page{Title: "Invitation", Data: map[string]any{"Inv": v, "Token": token, "Next": "/invite/" + token}}
	status := http.StatusOK
	if err != nil {
		p.Error, status = errs.Message(err), web.Status(err)
	}
	h.t.Render(w, r, status, "invitation", p)
}

func (h *Handlers) accept(w http.ResponseWriter, r *http.Request) {
	slug, err := h.S.AcceptInvitation(r.Context(), r.PathValue("token"))
	if err != nil {
		if errs.Is(err, errs.Unauthorized) {
			web.Redirect(w, r, "/signin?next="+url.QueryEscape("/invite/"+r.PathValue("token")))
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, "Welcome! You are now a member.")
	web.Redirect(w, r, "/c/"+slug)
}

func (h *Handlers) decline(w http.ResponseWriter, r *http.Request) {
	if err := h.S.DeclineInvitation(r.Context(), r.PathValue("token")); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, "You declined the invitation.")
	web.Redirect(w, r, "/")
}
