package decision

// registerPages adds the proposal, decision, outcome and power pages.
func (h *Handlers) registerPages() {}
