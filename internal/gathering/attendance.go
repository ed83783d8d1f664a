package gathering

import (
	"context"
	"time"

	"commonground/internal/collective"
)

// CheckIn records someone present (the host, the creator or a steward),
// from an hour before the start to the end of the day it ends; only
// invited members can be checked in.
func (s *Service) CheckIn(ctx context.Context, a *collective.Access, occurrenceID int64, in CheckInInput) (*Attendance, error) {
	return nil, errTodo
}

// UndoCheckIn takes a mistaken check-in back.
func (s *Service) UndoCheckIn(ctx context.Context, a *collective.Access, occurrenceID, memberID int64) error {
	return errTodo
}

// Attendance lists who came to one occurrence, with their organisations.
func (s *Service) Attendance(ctx context.Context, a *collective.Access, occurrenceID int64) ([]Attendance, error) {
	return nil, errTodo
}

// Tie is two members who attended the same gatherings: how often and for
// how many hours together. The trust feature reads these as network ties.
type Tie struct {
	A, B        int64 // member ids, A < B
	Gatherings  int64
	SharedHours float64
}

// SharedAttendance lists the ties of shared attendance in a collective
// between from and to.
func (s *Service) SharedAttendance(ctx context.Context, collectiveID int64, from, to time.Time) ([]Tie, error) {
	return nil, errTodo
}
