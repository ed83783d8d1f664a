package commitment

// registerPages adds the commitment pages and the navigation entry.
func (h *Handlers) registerPages() {}
