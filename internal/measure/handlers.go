package measure

import (
	"commonground/internal/collective"
	"commonground/internal/web"
)

// Handlers serves the measurement pages and API. Every rule is the
// service's; handlers only read forms and JSON and choose what to show.
// The pages are registered in pages.go, the API in api.go.
type Handlers struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
	t           *web.Templates
}

// Register adds the pages, the API and its OpenAPI fragment.
func (h *Handlers) Register() {
	h.registerPages()
	h.registerAPI()
}
