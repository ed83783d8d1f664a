package commitment

import "commonground/internal/activity"

// The notices the reminders send. Each is its own kind so that people
// choose how to hear of each: a committer may want their own due dates at
// once and other people's late promises in a digest.
const (
	// KindDueSoon: a promise you made is due within ReminderDueWithin.
	KindDueSoon = "commitment.due_soon"
	// KindOverdue: a promise you made is past its due date.
	KindOverdue = "commitment.overdue"
	// KindOverdueToYou: a promise made to you, your organisation or a
	// collective you steward is past its due date.
	KindOverdueToYou = "commitment.overdue_to_you"
	// KindConfirmWaiting: a promise to your side was marked done and waits
	// for your confirmation.
	KindConfirmWaiting = "commitment.confirm_waiting"
)

// A reminder is only useful on time, so the committer's own and the
// confirmation waiting go at once; someone else's late promise can wait
// for the daily digest.
func init() {
	activity.RegisterKind(activity.Kind{Name: KindDueSoon, Label: "A promise you made is due within two days",
		Default: activity.Immediately})
	activity.RegisterKind(activity.Kind{Name: KindOverdue, Label: "A promise you made is past its due date",
		Default: activity.Immediately})
	activity.RegisterKind(activity.Kind{Name: KindOverdueToYou,
		Label:   "A promise made to you or your organisation (or, for stewards, the collective) is past its due date",
		Default: activity.Daily})
	activity.RegisterKind(activity.Kind{Name: KindConfirmWaiting, Label: "A promise made to you is marked done and waits for your confirmation",
		Default: activity.Immediately})
}
