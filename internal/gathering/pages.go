package gathering

// registerPages adds the gathering pages under /c/{collective}/gatherings.
func (h *Handlers) registerPages() {}
