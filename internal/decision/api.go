package decision

// registerAPI adds the JSON endpoints and their OpenAPI fragment.
func (h *Handlers) registerAPI() {}
