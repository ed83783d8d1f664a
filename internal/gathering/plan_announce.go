package gathering

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// announceEdit tells everyone of an edit to g: those newly invited by it
// (not invited before, and not the host, who heard as host) get an
// invitation, since "changed" would be news of something they never had;
// everyone else gets what (a change, or the invitation when the edit set
// the date). before is who was invited before the edit.
func (s *Service) announceEdit(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering, what Announcement,
	before []invitedPerson) error {
	if s.Notify == nil || g.Status == Scheduling || what != AnnounceChanged {
		return s.announce(ctx, tx, a, g, what, nil)
	}
	people, err := announced(ctx, tx, g)
	if err != nil {
		return err
	}
	known := map[int64]bool{}
	for _, p := range before {
		known[p.UserID] = true
	}
	if g.HostMemberID != nil {
		var host int64
		if err := tx.Get(ctx, &host, "SELECT user_id FROM members WHERE id = ?", *g.HostMemberID); err != nil {
			return err
		}
		known[host] = true
	}
	var fresh, told []invitee
	for _, p := range people {
		if known[p.ID] {
			told = append(told, p)
		} else {
			fresh = append(fresh, p)
		}
	}
	if len(fresh) > 0 {
		if err := s.send(ctx, tx, a, g, AnnounceInvited, nil, fresh, false); err != nil {
			return err
		}
	}
	return s.send(ctx, tx, a, g, AnnounceChanged, nil, told, false)
}
