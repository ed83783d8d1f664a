package gathering

import (
	"embed"
	"io/fs"

	"commonground/internal/collective"
	"commonground/internal/web"
)

//go:embed all:templates
var templateFS embed.FS

// Handlers serves the gathering pages, the API and the calendar files and
// feeds. Every rule is the service's; handlers only read forms and JSON and
// choose what to show.
type Handlers struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
	t           *web.Templates
}

// Register adds the pages, the API, the calendar routes, the OpenAPI
// fragment and the collective's navigation entry.
func (h *Handlers) Register() {
	sub, _ := fs.Sub(templateFS, "templates")
	h.t = h.Web.Templates(sub)
	h.registerPages()
	h.registerAPI()
}
