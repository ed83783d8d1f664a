package gathering

// registerAPI adds the API under /api/v1/collectives/{collective}/gatherings,
// the calendar files and the feeds at /calendar/{token}.
func (h *Handlers) registerAPI() {}
