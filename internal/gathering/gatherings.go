package gathering

import (
	"context"

	"commonground/internal/collective"
)

// Create plans a gathering (any contributing member). With a Start it is
// planned and its occurrences are made; with CandidateStarts instead, a
// time poll is opened through the Scheduler and the gathering waits in
// Scheduling until PollClosed sets its date. Invitees hear through announce.
func (s *Service) Create(ctx context.Context, a *collective.Access, in Input) (*Gathering, error) {
	return nil, errTodo
}

// Update changes a gathering (its host, its creator or a steward), with
// the version read, raising SEQUENCE. Changed dates remake the coming
// occurrences (past ones and moved ones stay); a capacity below the number
// already going is refused.
func (s *Service) Update(ctx context.Context, a *collective.Access, id int64, in Input, version int64) (*Gathering, error) {
	return nil, errTodo
}

// Cancel calls the whole gathering off (host, creator or steward); coming
// occurrences are cancelled and invitees told.
func (s *Service) Cancel(ctx context.Context, a *collective.Access, id int64) error { return errTodo }

// Get reads a gathering with its invitees, agenda and pre-reads; people
// not invited still see it (gatherings are open to the collective to read).
func (s *Service) Get(ctx context.Context, a *collective.Access, id int64) (*Gathering, error) {
	return nil, errTodo
}
