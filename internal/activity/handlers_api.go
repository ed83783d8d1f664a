package activity

import (
	"net/http"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// collectiveAPI answers GET /api/v1/collectives/{collective}/activity.
func (h *Handlers) collectiveAPI(w http.ResponseWriter, r *http.Request) {
	if auth.UserFrom(r.Context()) == nil {
		h.Web.Error(w, r, errs.New(errs.Unauthorized, "Send a bearer token or sign in."))
		return
	}
	rd, err := h.Reader(r.Context(), r.PathValue("collective"))
	var f filter
	if err == nil {
		f, err = h.parse(r, rd.Slug)
	}
	var page *Page
	if err == nil {
		page, err = h.Log.Collective(r.Context(), rd, f.Query)
	}
	h.answer(w, r, page, err)
}

// personAPI answers GET /api/v1/activity: the signed-in person's feed.
func (h *Handlers) personAPI(w http.ResponseWriter, r *http.Request) {
	u := auth.UserFrom(r.Context())
	if u == nil {
		h.Web.Error(w, r, errs.New(errs.Unauthorized, "Send a bearer token or sign in."))
		return
	}
	f, err := h.parse(r, "")
	var page *Page
	if err == nil {
		page, err = h.person(r.Context(), u.ID, f.Query)
	}
	h.answer(w, r, page, err)
}

func (h *Handlers) answer(w http.ResponseWriter, r *http.Request, page *Page, err error) {
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	out := web.List[Item]{Items: page.Items}
	if page.Next != 0 {
		out.Next = h.Web.SignCursor(cursor{Before: page.Next})
	}
	web.JSON(w, http.StatusOK, out)
}
