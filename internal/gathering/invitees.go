package gathering

import (
	"context"

	"commonground/internal/store"
)

// invitedIn reports, inside tx or on the database (q), whether a member is
// invited to a gathering: everyone is when InviteEveryone; else the member
// named, or anyone with an organisation named. A member of another
// collective is never invited, nor is an observer (see contributes).
func invitedIn(ctx context.Context, q querier, gatheringID, memberID int64) (bool, error) {
	var n int
	err := q.Get(ctx, &n, `SELECT COUNT(*) FROM gatherings g
		JOIN members m ON m.id = ? AND m.collective_id = g.collective_id
		WHERE g.id = ? AND `+contributes+` AND (g.invite_everyone
			OR EXISTS (SELECT 1 FROM gathering_invitees i WHERE i.gathering_id = g.id AND i.member_id = m.id)
			OR EXISTS (SELECT 1 FROM gathering_invitees i JOIN affiliations af ON af.organisation_id = i.organisation_id
				WHERE i.gathering_id = g.id AND af.member_id = m.id))`, memberID, gatheringID)
	return n > 0, err
}

// contributes is the SQL condition that member m holds a role other than
// observer. Observers read only: they cannot answer or be checked in, so
// an invitation (and its e-mail asking for an answer) would mislead them.
// They are never invited, even when named or with an organisation named;
// they still read every gathering.
const contributes = `EXISTS (SELECT 1 FROM member_roles mr WHERE mr.member_id = m.id AND mr.role <> 'observer')`

// invitedCond is the SQL condition that member m is invited to a
// gathering; its arguments are invitedArgs. Everyone is when the gathering
// invites everyone; else the members named and everyone with an
// organisation named; never an observer (see contributes).
const invitedCond = `m.collective_id = ? AND ` + contributes + ` AND (?
			OR EXISTS (SELECT 1 FROM gathering_invitees i WHERE i.gathering_id = ? AND i.member_id = m.id)
			OR EXISTS (SELECT 1 FROM gathering_invitees i JOIN affiliations af ON af.organisation_id = i.organisation_id
				WHERE i.gathering_id = ? AND af.member_id = m.id))`

// invitedArgs are invitedCond's arguments for g.
func invitedArgs(g *Gathering) []any {
	return []any{g.CollectiveID, g.InviteEveryone, g.ID, g.ID}
}

// inviteeMembers lists the member ids of everyone invited (the voters of a
// time poll), ordered by id.
func inviteeMembers(ctx context.Context, q querier, g *Gathering) ([]int64, error) {
	var ids []int64
	err := q.Select(ctx, &ids, `SELECT m.id FROM members m WHERE `+invitedCond+` ORDER BY m.id`, invitedArgs(g)...)
	return ids, err
}

// querier is what both *store.DB and *store.Tx offer for reads.
type querier interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
	Select(ctx context.Context, dest any, query string, args ...any) error
}

var (
	_ querier = (*store.DB)(nil)
	_ querier = (*store.Tx)(nil)
)
