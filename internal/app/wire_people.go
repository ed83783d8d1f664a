package app

import (
	"commonground/internal/people"
)

// wirePeople builds the people service on the job queue (groupings run as
// jobs) and registers its pages and API.
func (a *App) wirePeople() {
	a.People = &people.Service{DB: a.DB, Collectives: a.Collectives, Queue: a.Jobs}
	(&people.Handlers{S: a.People, Collectives: a.Collectives, Web: a.Web}).Register()
}
