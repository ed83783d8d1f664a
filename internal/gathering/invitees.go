package gathering

import (
	"context"

	"commonground/internal/store"
)

// invitedIn reports, inside tx or on the database (q), whether a member is
// invited to a gathering: everyone is when InviteEveryone; else the member
// named, or anyone with an organisation named.
func invitedIn(ctx context.Context, q querier, gatheringID, memberID int64) (bool, error) {
	return false, errTodo
}

// inviteeUsers lists the accounts of everyone invited (for announcements).
func inviteeUsers(ctx context.Context, q querier, g *Gathering) ([]int64, error) { return nil, errTodo }

// querier is what both *store.DB and *store.Tx offer for reads.
type querier interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
	Select(ctx context.Context, dest any, query string, args ...any) error
}

var (
	_ querier = (*store.DB)(nil)
	_ querier = (*store.Tx)(nil)
)
