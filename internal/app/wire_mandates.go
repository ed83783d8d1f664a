package app

// wireMandates builds the mandate service on the decision service and
// registers its close hook (a consent outcome grants, renews or revokes a
// mandate).
func (a *App) wireMandates() {}
