package decision

import (
	"embed"
	"io/fs"
	"net/http"

	"commonground/internal/collective"
	"commonground/internal/web"
)

//go:embed all:templates
var templateFS embed.FS

// Handlers serves the decision pages and API. Every rule is the
// service's; handlers only read forms and JSON and choose what to show.
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

// access loads the collective in the path and what the viewer may do
// there; on failure it has already answered.
func (h *Handlers) access(w http.ResponseWriter, r *http.Request) (*collective.Access, bool) {
	return collective.PageAccess(w, r, h.Web, h.Collectives)
}

// page starts a page inside the collective's frame.
func (h *Handlers) page(a *collective.Access, title string) *web.Page {
	return collective.Frame(a, title)
}

// done answers a successful form post: a flash message and a redirect.
func (h *Handlers) done(w http.ResponseWriter, r *http.Request, msg, to string) {
	h.Web.Flash(r, msg)
	web.Redirect(w, r, to)
}
