package people

// registerPages adds the people pages and the navigation entry.
func (h *Handlers) registerPages() {}
