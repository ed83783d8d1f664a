package app

import (
	"context"

	"commonground/internal/activity"
	"commonground/internal/auth"
	"commonground/internal/collective"
)

// wireActivity wires the activity log: its feeds, pages and API. The log
// learns who a reader is from the collective service, which it may not
// import itself (the collective service records into it).
func (a *App) wireActivity() {
	h := &activity.Handlers{
		Log: &activity.Log{DB: a.DB},
		Web: a.Web,
		Reader: func(ctx context.Context, slug string) (activity.Reader, error) {
			acc, err := a.Collectives.Access(ctx, slug)
			if err != nil {
				return activity.Reader{}, err
			}
			return activityReader(acc.User, acc.Collective, acc.IsMember(), acc.Roles), nil
		},
		Memberships: func(ctx context.Context) ([]activity.Reader, error) {
			mine, err := a.Collectives.ListMine(ctx)
			if err != nil {
				return nil, err
			}
			out := make([]activity.Reader, len(mine))
			for i := range mine {
				out[i] = activityReader(auth.UserFrom(ctx), &mine[i].Collective, true, mine[i].Roles)
			}
			return out, nil
		},
		MemberUser: func(ctx context.Context, slug string, memberID int64) (int64, string, error) {
			acc, err := a.Collectives.Access(ctx, slug)
			if err != nil {
				return 0, "", err
			}
			m, err := a.Collectives.Member(ctx, acc, memberID)
			if err != nil {
				return 0, "", err
			}
			return m.UserID, m.Name, nil
		},
	}
	h.Register()
	a.Auth.BeforeDelete = append(a.Auth.BeforeDelete, activity.ForgetName)
}

func activityReader(u *auth.User, c *collective.Collective, member bool, roles []string) activity.Reader {
	r := activity.Reader{CollectiveID: c.ID, Slug: c.Slug, Name: c.Name, Archived: c.Archived(), Member: member, Roles: roles}
	if u != nil {
		r.UserID = u.ID
	}
	return r
}
