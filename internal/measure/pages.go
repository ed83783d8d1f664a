package measure

// registerPages adds the scorecard, indicator and reporting pages.
func (h *Handlers) registerPages() {}
