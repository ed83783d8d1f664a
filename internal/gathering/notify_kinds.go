package gathering

import "commonground/internal/activity"

// Notice kinds.
const (
	KindInvited   = "gathering.invited"
	KindChanged   = "gathering.changed"
	KindCancelled = "gathering.cancelled"
	KindPlace     = "gathering.place" // a place came free from the waiting list
)

// Invitations and changes go at once: they carry calendar entries, and a
// date moved tomorrow is no news in a weekly digest.
func init() {
	activity.RegisterKind(activity.Kind{Name: KindInvited, Label: "You are invited to a gathering", Default: activity.Immediately})
	activity.RegisterKind(activity.Kind{Name: KindChanged, Label: "A gathering you are invited to changed", Default: activity.Immediately})
	activity.RegisterKind(activity.Kind{Name: KindCancelled, Label: "A gathering you are invited to was cancelled", Default: activity.Immediately})
	activity.RegisterKind(activity.Kind{Name: KindPlace, Label: "A place came free for you at a gathering", Default: activity.Immediately})
}
