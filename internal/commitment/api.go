package commitment

// registerAPI adds the commitment API and its OpenAPI fragment.
func (h *Handlers) registerAPI() {}
