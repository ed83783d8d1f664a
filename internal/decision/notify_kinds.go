package decision

import "commonground/internal/activity"

// The notices decisions send, each its own kind so people choose how to
// hear of each.
const (
	// KindMentioned: someone mentioned you in a proposal's discussion.
	KindMentioned = "decision.mentioned"
	// KindOpened: a decision you may vote in has opened.
	KindOpened = "decision.opened"
	// KindClosing: a decision you have not voted in closes within a day.
	KindClosing = "decision.closing"
	// KindProxy: someone gave you their proxy.
	KindProxy = "decision.proxy"
	// KindReview: an outcome you recorded is due for review.
	KindReview = "decision.review"
)

// Being asked for something (a mention, a vote about to close, a review)
// goes at once; news of a decision opening can wait for the digest.
func init() {
	activity.RegisterKind(activity.Kind{Name: KindMentioned, Label: "Someone mentions you in a proposal's discussion",
		Default: activity.Immediately})
	activity.RegisterKind(activity.Kind{Name: KindOpened, Label: "A decision you may vote in opens", Default: activity.Daily})
	activity.RegisterKind(activity.Kind{Name: KindClosing, Label: "A decision you have not voted in closes within a day",
		Default: activity.Immediately})
	activity.RegisterKind(activity.Kind{Name: KindProxy, Label: "Someone gives you their proxy", Default: activity.Immediately})
	activity.RegisterKind(activity.Kind{Name: KindReview, Label: "An outcome you recorded is due for review", Default: activity.Immediately})
}
