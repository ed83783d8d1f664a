package gathering

import (
	"context"
	"time"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// Input is a gathering as a form or the API gives it. Times are wall-clock
// times in TimeZone ("2006-01-02T15:04"), so a weekly 10:00 stays at 10:00
// across a daylight-saving change.
type Input struct {
	Title          string         `json:"title"`
	Intention      string         `json:"intention"`
	Format         Format         `json:"format"`
	Place          string         `json:"place"`
	Link           string         `json:"link"`
	TimeZone       string         `json:"time_zone"`
	Start          string         `json:"start"` // local; "" while a time poll decides
	End            string         `json:"end"`   // local, after Start
	Repeat         RepeatInput    `json:"repeat"`
	Capacity       int64          `json:"capacity"`
	Registration   bool           `json:"registration"`
	InviteEveryone bool           `json:"invite_everyone"`
	Members        []int64        `json:"invite_members"`
	Organisations  []int64        `json:"invite_organisations"`
	HostMemberID   int64          `json:"host_member_id"` // 0: whoever creates it
	Agenda         []AgendaInput  `json:"agenda"`
	Prereads       []PrereadInput `json:"prereads"`
	// When the date is open: candidate starts (local, like Start) for a
	// time poll, the length each would last, and when the poll closes.
	CandidateStarts []string `json:"candidate_starts"`
	DurationMinutes int64    `json:"duration_minutes"`
	PollCloses      string   `json:"poll_closes"` // local
}

// RepeatInput is a recurrence as people choose it; it becomes an RRULE.
type RepeatInput struct {
	Every    Every  `json:"every"`    // "" for a single date
	Interval int    `json:"interval"` // every n weeks or months; 0 means 1
	Count    int    `json:"count"`    // 0: until Until, or open-ended
	Until    string `json:"until"`    // a local date, YYYY-MM-DD, or ""
}

// Every is the kind of recurrence.
type Every string

// Recurrences offered (RFC 5545 FREQ=WEEKLY, FREQ=MONTHLY;BYDAY=2TU and
// FREQ=MONTHLY;BYMONTHDAY=15).
const (
	Weekly         Every = "week"
	MonthlyWeekday Every = "month_weekday" // e.g. the second Tuesday
	MonthlyDate    Every = "month_date"    // e.g. the 15th
)

// AgendaInput is an agenda item as entered.
type AgendaInput struct {
	Title         string `json:"title"`
	OwnerMemberID int64  `json:"owner_member_id"`
	Minutes       int64  `json:"minutes"`
	Notes         string `json:"notes"`
}

// PrereadInput is a pre-read as entered.
type PrereadInput struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// OccurrenceInput moves one date of a recurring gathering.
type OccurrenceInput struct {
	Start string `json:"start"` // local, in the gathering's time zone
	End   string `json:"end"`
}

// RSVPInput answers an invitation for one occurrence.
type RSVPInput struct {
	Status RSVP `json:"status"` // going or declined
	Online bool `json:"online"` // for hybrid gatherings
}

// CheckInInput records one person present.
type CheckInInput struct {
	MemberID int64 `json:"member_id"`
	Online   bool  `json:"online"`
}

// OutcomeInput records what emerged. A commitment outcome creates the
// commitment through the commitment service (the recorder promises);
// a decision outcome names an existing decision or none.
type OutcomeInput struct {
	Kind       OutcomeKind `json:"kind"`
	Text       string      `json:"text"`
	DecisionID int64       `json:"decision_id"`
	// For a commitment: to whom (one of the two), and by when.
	RecipientMemberID int64  `json:"recipient_member_id"`
	RecipientOrgID    int64  `json:"recipient_organisation_id"`
	DueOn             string `json:"due_on"`
}

// ListQuery pages through occurrences.
type ListQuery struct {
	Past bool      // past ones, latest first; otherwise upcoming, soonest first
	Mine bool      // only those I am invited to or registered for
	Page int       // from 1
	From time.Time // zero: now
}

// Listed is one occurrence in a list, with its gathering's title.
type Listed struct {
	Occurrence
	Title          string `db:"title" json:"title"`
	Intention      string `db:"intention" json:"intention"`
	Format         Format `db:"format" json:"format"`
	TimeZone       string `db:"time_zone" json:"time_zone"`
	Recurring      bool   `db:"recurring" json:"recurring"`
	GatheringState Status `db:"gathering_status" json:"gathering_status"`
	Capacity       int64  `db:"capacity" json:"capacity"`
	MyStatus       RSVP   `db:"my_status" json:"my_status,omitempty"`
}

// ListPage is one page of a list.
type ListPage struct {
	Items []Listed `json:"items"`
	Page  int      `json:"page"`
	More  bool     `json:"more"`
}

// View is one occurrence with its gathering, for its page.
type View struct {
	Gathering  *Gathering    `json:"gathering"`
	Occurrence *Occurrence   `json:"occurrence"`
	Mine       *Registration `json:"mine,omitempty"` // my answer, if any
	CanManage  bool          `json:"can_manage"`     // host, creator or steward
	Invited    bool          `json:"invited"`
	PollLink   string        `json:"poll_link,omitempty"`
}

// Report is an occurrence's closing report.
type Report struct {
	View          *View        `json:"view"`
	Attendees     []Attendance `json:"attendees"`
	Organisations []OrgCount   `json:"organisations"`
	Outcomes      []Outcome    `json:"outcomes"`
	ByKind        []KindCount  `json:"outcomes_by_kind"`
	PersonHours   float64      `json:"person_hours"`
	PerPersonHour float64      `json:"outcomes_per_person_hour"`
}

// OrgCount is how many came from one organisation.
type OrgCount struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

// KindCount is how many outcomes of one kind.
type KindCount struct {
	Kind  OutcomeKind `json:"kind"`
	Label string      `json:"label"`
	Count int64       `json:"count"`
}

// Scheduler opens the time poll that sets an open date; app wires the
// decision service in, so this package does not import it.
type Scheduler interface {
	OpenTimePoll(ctx context.Context, tx *store.Tx, a *collective.Access, p TimePoll) (decisionID int64, err error)
	// DecisionLink is the path of a decision's page.
	DecisionLink(a *collective.Access, decisionID int64) string
	// DecisionQuestion is a decision's question, or a NotFound error when
	// the collective has no such decision.
	DecisionQuestion(ctx context.Context, a *collective.Access, decisionID int64) (string, error)
}

// TimePoll is the poll a gathering with an open date asks for.
type TimePoll struct {
	Question string
	Details  string
	Starts   []time.Time // UTC
	Duration time.Duration
	ClosesAt time.Time
	Subject  string  // "gathering:ID", which PollClosed reads back
	Voters   []int64 // member ids invited to vote; nil: every member
}

// ClosedPoll is what the decision feature tells when a time poll closes.
type ClosedPoll struct {
	CollectiveID int64
	DecisionID   int64
	Subject      string
	Winner       *time.Time // nil when no time won
	ClosedAt     time.Time
}

// Commitments creates commitments made at a gathering, inside the
// outcome's transaction; app wires the commitment service in.
type Commitments interface {
	CommitInTx(ctx context.Context, tx *store.Tx, a *collective.Access, c NewCommitment) (id int64, link string, err error)
	// CommitmentLink is the path of a commitment's page.
	CommitmentLink(a *collective.Access, id int64) string
}

// NewCommitment is a commitment made at a gathering by the person
// recording it, to a member or an organisation.
type NewCommitment struct {
	What              string
	RecipientMemberID int64
	RecipientOrgID    int64
	DueOn             string // YYYY-MM-DD or ""
}
