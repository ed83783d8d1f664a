package mandate

import "commonground/internal/activity"

// KindRotation: a mandate you hold, or one in a collective you steward,
// ends within RotationNotice days.
const KindRotation = "mandate.rotation"

// A month's notice is enough for the daily digest; nobody needs it at once.
func init() {
	activity.RegisterKind(activity.Kind{Name: KindRotation,
		Label: "A mandate you hold (or, for stewards, one in your collective) ends within 30 days", Default: activity.Daily})
}
