package app

import (
	"commonground/internal/commitment"
)

// wireCommitments builds the commitment service on the measure service (a
// commitment may serve a goal or an indicator, and the indicator page lists
// the commitments toward it) and registers its pages and API.
func (a *App) wireCommitments() {
	a.Commitments = &commitment.Service{DB: a.DB, Collectives: a.Collectives, Measure: a.Measure}
	a.Measure.Sources = append(a.Measure.Sources, a.Commitments)
	(&commitment.Handlers{S: a.Commitments, Collectives: a.Collectives, Web: a.Web}).Register()
}
