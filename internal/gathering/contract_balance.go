package gathering

import "time"

// Cost and balance. A gathering's cost is person-hours: for a past date the
// people checked in times its length; for a coming one the people going.
// Its yield is outcomes per person-hour. A person says how long their
// working week is and how much of it they keep for their own work (their
// focus budget); gatherings may take the rest, and a week whose gatherings
// take more brings a gentle warning. Weeks run Monday to Sunday in UTC:
// collectives have no time zone of their own.

// The week of someone who set nothing: 40 hours, 32 of them kept for their
// own work, which leaves 8 for gatherings.
const (
	DefaultWeekMinutes  = 40 * 60
	DefaultFocusMinutes = 32 * 60
)

// Focus is what a person says of their week, in minutes.
type Focus struct {
	WeekMinutes  int64 // their working week
	FocusMinutes int64 // of it, the time kept for their own work
}

// Week is one ISO week of a person's gatherings.
type Week struct {
	Start    time.Time `json:"start"`          // Monday 00:00 UTC
	Planned  float64   `json:"planned_hours"`  // going, not yet held
	Attended float64   `json:"attended_hours"` // checked in
	Budget   float64   `json:"budget_hours"`   // what the week leaves for gatherings: week − focus
	Over     bool      `json:"over"`           // planned + attended > budget
}

// PersonalBalance is one person's hours in gatherings week by week.
type PersonalBalance struct {
	WeekMinutes      int64  `json:"week_minutes"`      // their working week
	FocusMinutes     int64  `json:"focus_minutes"`     // kept for their own work
	GatheringMinutes int64  `json:"gathering_minutes"` // what that leaves for gatherings
	BudgetSet        bool   `json:"budget_set"`        // false: the defaults
	Weeks            []Week `json:"weeks"`
	Warning          string `json:"warning,omitempty"` // this or next week over budget
}

// SeriesYield is a recurring gathering's cost against what it yielded.
type SeriesYield struct {
	GatheringID   int64   `json:"gathering_id"`
	Title         string  `json:"title"`
	Held          int64   `json:"held"` // past occurrences not cancelled
	PersonHours   float64 `json:"person_hours"`
	Outcomes      int64   `json:"outcomes"`
	PerPersonHour float64 `json:"outcomes_per_person_hour"`
}

// BalanceQuery picks the window of the collective's balance.
type BalanceQuery struct {
	From, To time.Time // zero: the last 12 months to now
}

// CollectiveBalance is the collective's time in gatherings and what it
// yielded, for everyone to see: weekly person-hours, how many people went
// past their budget each week (never who), and the recurring gatherings
// that yield least first.
type CollectiveBalance struct {
	From, To      time.Time        `json:"-"`
	PersonHours   float64          `json:"person_hours"`
	Outcomes      int64            `json:"outcomes"`
	PerPersonHour float64          `json:"outcomes_per_person_hour"`
	Weeks         []CollectiveWeek `json:"weeks"`
	Series        []SeriesYield    `json:"series"` // least yield first
}

// CollectiveWeek is one week of the collective's gatherings.
type CollectiveWeek struct {
	Start       time.Time `json:"start"`
	PersonHours float64   `json:"person_hours"`
	People      int64     `json:"people"`      // who spent any time in gatherings
	OverBudget  int64     `json:"over_budget"` // how many went past their budget
}
