package jobs

import (
	"context"

	"commonground/internal/auth"
	"commonground/internal/errs"
)

// StewardOf tells whether the signed-in person in ctx is a steward of a
// collective; the app wires it to the collective service, which jobs may
// not import.
type StewardOf func(ctx context.Context, collectiveID int64) (bool, error)

// See returns job id if the signed-in person may see it: its owner, a
// steward of its collective, or an instance admin. Anyone else is told
// there is no such job, so job IDs reveal nothing.
func (q *Queue) See(ctx context.Context, stewardOf StewardOf, id int64) (*Job, error) {
	u := auth.UserFrom(ctx)
	if u == nil {
		return nil, errs.New(errs.Unauthorized, "Please sign in first.")
	}
	j, err := q.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	ok, err := canSee(ctx, stewardOf, u, j)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errs.New(errs.NotFound, "No such job.")
	}
	return j, nil
}

func canSee(ctx context.Context, stewardOf StewardOf, u *auth.User, j *Job) (bool, error) {
	switch {
	case u.Admin, j.UserID != 0 && j.UserID == u.ID:
		return true, nil
	case j.CollectiveID != 0 && stewardOf != nil:
		return stewardOf(ctx, j.CollectiveID)
	}
	return false, nil
}
