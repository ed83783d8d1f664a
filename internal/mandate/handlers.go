package mandate

import (
	"embed"
	"io/fs"
	"net/http"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

//go:embed all:templates
var templateFS embed.FS

// Handlers serves the mandate pages and API. Every rule is the service's;
// handlers only read forms and JSON and choose what to show.
type Handlers struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
	t           *web.Templates
}

// Register adds the pages, the API, the OpenAPI fragment and the
// collective's navigation entry.
func (h *Handlers) Register() {
	sub, _ := fs.Sub(templateFS, "templates")
	h.t = h.Web.Templates(sub)
	h.registerPages()
	h.registerAPI()
}

// accessAnd loads the collective and, when name is not "", the positive
// number named in the path; on failure it has already answered.
func (h *Handlers) accessAnd(w http.ResponseWriter, r *http.Request, name string) (*collective.Access, int64, bool) {
	a, ok := collective.PageAccess(w, r, h.Web, h.Collectives)
	if !ok {
		return nil, 0, false
	}
	if a.User == nil {
		h.Web.Error(w, r, errs.New(errs.Unauthorized, "Sign in to see the mandates of %s.", a.Collective.Name))
		return nil, 0, false
	}
	if name == "" {
		return a, 0, true
	}
	id, err := collective.PathID(r, name)
	if err != nil {
		h.Web.Error(w, r, err)
		return nil, 0, false
	}
	return a, id, true
}

// done answers a successful form post: a flash message and a redirect.
func (h *Handlers) done(w http.ResponseWriter, r *http.Request, msg, to string) {
	h.Web.Flash(r, msg)
	web.Redirect(w, r, to)
}
