package commitment

import (
	"net/http"
	"net/url"

	"commonground/internal/collective"
	"commonground/internal/web"
)

// partForm edits the signed-in member's own part.
func (h *Handlers) partForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	part, err := h.S.MyPart(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "My part")
	p.Form = url.Values{"contribute": {part.Contribute}, "will_change": {part.WillChange}}
	h.renderPart(w, r, a, p, http.StatusOK)
}

func (h *Handlers) renderPart(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int) {
	p.Data = map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "MaxPart": MaxPart}
	h.t.Render(w, r, status, "part", p)
}

func (h *Handlers) savePart(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	_, err := h.S.SavePart(r.Context(), a, PartInput{Contribute: r.PostFormValue("contribute"), WillChange: r.PostFormValue("will_change")})
	if err != nil {
		p := h.page(a, "My part")
		h.failForm(w, r, err, p, func(status int) { h.renderPart(w, r, a, p, status) })
		return
	}
	h.done(w, r, "Your part is saved.", MemberLedgerLink(a, a.MemberID)+"#part")
}
