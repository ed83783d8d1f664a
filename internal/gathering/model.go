// Package gathering holds intentional gatherings: what should be different
// afterwards, who is invited, agenda, registration with a waiting list,
// attendance, what emerged, the cost in person-hours against the outcomes,
// and calendars (iCalendar files, feeds, invitations by e-mail).
//
// A gathering is the plan; each of its dates is an occurrence. A single
// gathering has one occurrence; a recurring one (an RFC 5545 rule) has one
// per date up to a horizon that a daily job moves on. Registrations,
// attendance, minutes and outcomes belong to an occurrence, so "this week's
// meeting" has its own RSVPs and report.
package gathering

import (
	"time"
)

// Format is how people take part.
type Format string

// Formats.
const (
	InPerson Format = "in_person"
	Online   Format = "online"
	Hybrid   Format = "hybrid"
)

// Status is where a gathering stands. A past gathering is still planned:
// the past is read from its dates, not stored.
type Status string

// Statuses.
const (
	Scheduling Status = "scheduling" // the date is open: a time poll decides it
	Planned    Status = "planned"
	Cancelled  Status = "cancelled"
)

// Gathering is the plan: one date or a recurring rule.
type Gathering struct {
	ID             int64     `db:"id" json:"id"`
	CollectiveID   int64     `db:"collective_id" json:"-"`
	UID            string    `db:"uid" json:"uid"`
	Title          string    `db:"title" json:"title"`
	Intention      string    `db:"intention" json:"intention"`
	Format         Format    `db:"format" json:"format"`
	Place          string    `db:"place" json:"place,omitempty"`
	Link           string    `db:"link" json:"link,omitempty"`
	TimeZone       string    `db:"time_zone" json:"time_zone"`
	StartsAt       time.Time `db:"starts_at" json:"starts_at"` // the first occurrence, UTC
	EndsAt         time.Time `db:"ends_at" json:"ends_at"`
	RRule          string    `db:"rrule" json:"rrule,omitempty"` // "" for a single date
	Capacity       int64     `db:"capacity" json:"capacity"`     // 0: no limit
	Registration   bool      `db:"registration" json:"registration"`
	InviteEveryone bool      `db:"invite_everyone" json:"invite_everyone"`
	Status         Status    `db:"status" json:"status"`
	PollDecisionID *int64    `db:"poll_decision_id" json:"poll_decision_id,omitempty"`
	HostMemberID   *int64    `db:"host_member_id" json:"host_member_id,omitempty"`
	HostName       string    `db:"host_name" json:"host_name"`
	Sequence       int64     `db:"sequence" json:"sequence"`
	Version        int64     `db:"version" json:"version"`
	CreatedBy      *int64    `db:"created_by" json:"-"`
	CreatedAt      time.Time `db:"created_at" json:"created_at"`
	UpdatedAt      time.Time `db:"updated_at" json:"updated_at"`

	// Filled by Get, not stored in this row.
	Invitees []Invitee    `db:"-" json:"invitees"`
	Agenda   []AgendaItem `db:"-" json:"agenda"`
	Prereads []Preread    `db:"-" json:"prereads"`
}

// Duration is how long each occurrence lasts.
func (g *Gathering) Duration() time.Duration { return g.EndsAt.Sub(g.StartsAt) }

// Recurring reports whether the gathering repeats.
func (g *Gathering) Recurring() bool { return g.RRule != "" }

// Invitee is a person or an organisation (everyone with it) invited.
type Invitee struct {
	MemberID       int64  `db:"member_id" json:"member_id,omitempty"`
	OrganisationID int64  `db:"organisation_id" json:"organisation_id,omitempty"`
	Name           string `db:"name" json:"name"`
}

// AgendaItem is one item with an owner and a time box.
type AgendaItem struct {
	ID            int64  `db:"id" json:"id"`
	Position      int64  `db:"position" json:"position"`
	Title         string `db:"title" json:"title"`
	OwnerMemberID *int64 `db:"owner_member_id" json:"owner_member_id,omitempty"`
	OwnerName     string `db:"owner_name" json:"owner_name,omitempty"`
	Minutes       int64  `db:"minutes" json:"minutes"`
	Notes         string `db:"notes" json:"notes,omitempty"`
}

// Preread is something to read before the gathering.
type Preread struct {
	ID    int64  `db:"id" json:"id"`
	Title string `db:"title" json:"title"`
	URL   string `db:"url" json:"url"`
}

// OccurrenceStatus is whether one date takes place.
type OccurrenceStatus string

// Occurrence statuses.
const (
	OccurrencePlanned   OccurrenceStatus = "planned"
	OccurrenceCancelled OccurrenceStatus = "cancelled"
)

// Occurrence is one date of a gathering.
type Occurrence struct {
	ID           int64            `db:"id" json:"id"`
	GatheringID  int64            `db:"gathering_id" json:"gathering_id"`
	CollectiveID int64            `db:"collective_id" json:"-"`
	RecurrenceID time.Time        `db:"recurrence_id" json:"recurrence_id"` // the date the rule gives, UTC
	StartsAt     time.Time        `db:"starts_at" json:"starts_at"`
	EndsAt       time.Time        `db:"ends_at" json:"ends_at"`
	Status       OccurrenceStatus `db:"status" json:"status"`
	Moved        bool             `db:"moved" json:"moved"`
	Minutes      string           `db:"minutes" json:"minutes,omitempty"`
	ClosedAt     *time.Time       `db:"closed_at" json:"closed_at,omitempty"`
	Going        int64            `db:"going" json:"going"`
	Waiting      int64            `db:"waiting" json:"waiting"`
	Attended     int64            `db:"attended" json:"attended"`
}

// Hours is the occurrence's length in hours.
func (o *Occurrence) Hours() float64 { return o.EndsAt.Sub(o.StartsAt).Hours() }

// RSVP is an answer to an invitation.
type RSVP string

// Answers. Waiting is given, not chosen: a "going" past capacity waits.
const (
	Going    RSVP = "going"
	Waiting  RSVP = "waiting"
	Declined RSVP = "declined"
)

// Registration is one person's answer for one occurrence.
type Registration struct {
	OccurrenceID int64      `db:"occurrence_id" json:"occurrence_id"`
	MemberID     int64      `db:"member_id" json:"member_id"`
	Name         string     `db:"name" json:"name"`
	Status       RSVP       `db:"status" json:"status"`
	Online       bool       `db:"online" json:"online"`
	WaitingSince *time.Time `db:"waiting_since" json:"waiting_since,omitempty"`
	UpdatedAt    time.Time  `db:"updated_at" json:"updated_at"`
}

// Attendance is one person checked in at one occurrence.
type Attendance struct {
	OccurrenceID int64     `db:"occurrence_id" json:"occurrence_id"`
	MemberID     int64     `db:"member_id" json:"member_id"`
	Name         string    `db:"name" json:"name"`
	Organisation string    `db:"organisation" json:"organisation,omitempty"`
	Online       bool      `db:"online" json:"online"`
	CheckedInAt  time.Time `db:"checked_in_at" json:"checked_in_at"`
}

// OutcomeKind is what emerged.
type OutcomeKind string

// Outcome kinds, in the order pages list them.
const (
	DecisionTaken  OutcomeKind = "decision"
	CommitmentMade OutcomeKind = "commitment"
	Opportunity    OutcomeKind = "opportunity"
	Breakthrough   OutcomeKind = "breakthrough"
	Request        OutcomeKind = "request"
	OpenQuestion   OutcomeKind = "question"
)

// OutcomeKinds lists the kinds with their labels, for forms and reports.
var OutcomeKinds = []struct {
	Kind  OutcomeKind
	Label string
}{
	{DecisionTaken, "Decision taken"},
	{CommitmentMade, "Commitment made"},
	{Opportunity, "Opportunity"},
	{Breakthrough, "Breakthrough"},
	{Request, "Request"},
	{OpenQuestion, "Open question"},
}

// Outcome is one thing that emerged at an occurrence.
type Outcome struct {
	ID           int64       `db:"id" json:"id"`
	OccurrenceID int64       `db:"occurrence_id" json:"occurrence_id"`
	Kind         OutcomeKind `db:"kind" json:"kind"`
	Text         string      `db:"text" json:"text"`
	DecisionID   *int64      `db:"decision_id" json:"decision_id,omitempty"`
	CommitmentID *int64      `db:"commitment_id" json:"commitment_id,omitempty"`
	MemberID     *int64      `db:"member_id" json:"-"`
	AuthorName   string      `db:"author_name" json:"author_name"`
	CreatedAt    time.Time   `db:"created_at" json:"created_at"`
	Link         string      `db:"-" json:"link,omitempty"` // the decision's or commitment's page
}

// Limits on what people enter.
const (
	MaxTitle     = 200
	MaxIntention = 2000
	MaxPlace     = 300
	MaxLink      = 1000
	MaxAgenda    = 50
	MaxPrereads  = 20
	MaxText      = 4000  // an outcome, an agenda item's notes
	MaxMinutes   = 50000 // the minutes of an occurrence
	MaxDuration  = 7 * 24 * time.Hour
	// MaxOccurrences caps how many dates a rule may make at once; an
	// open-ended rule is kept HorizonDays ahead by the extend job.
	MaxOccurrences = 520
	HorizonDays    = 400
	PageSize       = 25
)
