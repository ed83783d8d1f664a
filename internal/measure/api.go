package measure

// registerAPI adds the JSON endpoints under /api/v1/collectives/{collective}.
func (h *Handlers) registerAPI() {}
