package jobs

import (
	"io/fs"
	"net/http"
	"strconv"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

func fsSub(fsys fs.FS, dir string) (fs.FS, error) { return fs.Sub(fsys, dir) }

// jobsCursor is the position after the last job of a page.
type jobsCursor struct {
	Before int64 `json:"b"`
}

func (h *Handlers) apiList(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	var c jobsCursor
	if err := h.Web.ReadCursor(q.Get("cursor"), &c); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	limit := 50
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			h.Web.Error(w, r, errs.Field("limit", "The limit must be a whole number from 1 to 200."))
			return
		}
		limit = n
	}
	items, next, err := h.Q.List(r.Context(), u.ID, ListParams{All: u.Admin, Before: c.Before, Limit: limit})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	out := web.List[Job]{Items: items}
	if out.Items == nil {
		out.Items = []Job{}
	}
	if next != 0 {
		out.Next = h.Web.SignCursor(jobsCursor{Before: next})
	}
	web.JSON(w, http.StatusOK, out)
}

func (h *Handlers) apiShow(w http.ResponseWriter, r *http.Request) {
	if _, ok := auth.RequireUser(h.Web, w, r); !ok {
		return
	}
	id, err := jobID(r)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	j, err := h.Q.See(r.Context(), h.StewardOf, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, j)
}
