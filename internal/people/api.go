package people

// registerAPI adds the people API and its OpenAPI fragment.
func (h *Handlers) registerAPI() {}
