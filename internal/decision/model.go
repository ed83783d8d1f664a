// Package decision is shared power: proposals with a discussion thread,
// decisions on them by a method from the library in methods.go, named and
// anonymous ballots, proxies, two chambers, outcomes with review dates, the
// decision log and the power page. Tallies come from internal/vote.
//
// A decision lives through scheduled → open → closed (or cancelled). A
// ballot counts if and only if its transaction commits before the close
// does: voting reads the decision's status inside its write transaction,
// and closing changes it in another, so on both databases one of the two
// waits for the other.
//
// Closing runs the hooks other features register through internal/app (a
// consent outcome grants a mandate; a time poll sets a gathering's date),
// so this package imports neither.
package decision

import (
	"context"
	"time"

	"commonground/internal/store"
)

// Status is where a decision is.
type Status string

// The statuses of a decision.
const (
	Scheduled Status = "scheduled"
	Open      Status = "open"
	Closed    Status = "closed"
	Cancelled Status = "cancelled"
)

// ProposalStatus is where a proposal is.
type ProposalStatus string

// The statuses of a proposal.
const (
	Discussion ProposalStatus = "discussion" // talking, no decision open
	Deciding   ProposalStatus = "deciding"   // a decision is scheduled or open
	Decided    ProposalStatus = "decided"    // an outcome is recorded
	Withdrawn  ProposalStatus = "withdrawn"
)

// Electorate says who may vote.
type Electorate string

// The electorates.
const (
	AllMembers Electorate = "members" // every member who is not only an observer
	ByRole     Electorate = "role"    // members holding ElectorateRole
	Invited    Electorate = "invited" // the members listed in decision_voters
)

// ResultsShown says when voters may see the count.
type ResultsShown string

// When results are shown.
const (
	Always     ResultsShown = "always"
	AfterVote  ResultsShown = "after_vote"
	AfterClose ResultsShown = "after_close"
)

// Reasons says whether a ballot carries a reason.
type Reasons string

// The reason rules.
const (
	ReasonsOff        Reasons = "off"
	ReasonsOptional   Reasons = "optional"
	ReasonsRequired   Reasons = "required"
	ReasonsObjections Reasons = "objections" // required when the position is an objection
)

// Proposal is something a member puts to the collective.
type Proposal struct {
	ID             int64          `db:"id" json:"id"`
	CollectiveID   int64          `db:"collective_id" json:"-"`
	Title          string         `db:"title" json:"title"`
	Body           string         `db:"body" json:"body"`
	Topic          string         `db:"topic" json:"topic"`
	AuthorMemberID *int64         `db:"author_member_id" json:"author_member_id"`
	AuthorName     string         `db:"author_name" json:"author_name"`
	Status         ProposalStatus `db:"status" json:"status"`
	CommentCount   int            `db:"comment_count" json:"comment_count"`
	CreatedAt      time.Time      `db:"created_at" json:"created_at"`
	UpdatedAt      time.Time      `db:"updated_at" json:"updated_at"`
}

// Comment is one contribution to a proposal's discussion; ParentID makes it
// a reply. A deleted comment keeps its place (replies hang on it) but not
// its words.
type Comment struct {
	ID         int64      `db:"id" json:"id"`
	ProposalID int64      `db:"proposal_id" json:"proposal_id"`
	ParentID   *int64     `db:"parent_id" json:"parent_id"`
	MemberID   *int64     `db:"member_id" json:"member_id"`
	AuthorName string     `db:"author_name" json:"author_name"`
	Body       string     `db:"body" json:"body"`
	CreatedAt  time.Time  `db:"created_at" json:"created_at"`
	EditedAt   *time.Time `db:"edited_at" json:"edited_at"`
	DeletedAt  *time.Time `db:"deleted_at" json:"deleted_at"`
}

// Decision is one decision on a proposal.
type Decision struct {
	ID             int64        `db:"id" json:"id"`
	CollectiveID   int64        `db:"collective_id" json:"-"`
	ProposalID     int64        `db:"proposal_id" json:"proposal_id"`
	Method         Method       `db:"method" json:"method"`
	Question       string       `db:"question" json:"question"`
	Subject        string       `db:"subject" json:"subject,omitempty"`
	Electorate     Electorate   `db:"electorate" json:"electorate"`
	ElectorateRole string       `db:"electorate_role" json:"electorate_role,omitempty"`
	Anonymous      bool         `db:"anonymous" json:"anonymous"`
	ResultsShown   ResultsShown `db:"results_shown" json:"results_shown"`
	Reasons        Reasons      `db:"reasons" json:"reasons"`
	Seats          int          `db:"seats" json:"seats"`
	Quorum         int64        `db:"quorum" json:"quorum"`
	ThresholdNum   int64        `db:"threshold_num" json:"threshold_num"`
	ThresholdDen   int64        `db:"threshold_den" json:"threshold_den"`
	AtLeast        bool         `db:"at_least" json:"at_least"`
	MaxScore       int64        `db:"max_score" json:"max_score"`
	MaxDots        int64        `db:"max_dots" json:"max_dots"`
	STVRules       string       `db:"stv_rules" json:"stv_rules"`
	Weighted       bool         `db:"weighted" json:"weighted"`
	Proxies        bool         `db:"proxies" json:"proxies"`
	Chambers       bool         `db:"chambers" json:"chambers"`
	Status         Status       `db:"status" json:"status"`
	OpensAt        time.Time    `db:"opens_at" json:"opens_at"`
	ClosesAt       time.Time    `db:"closes_at" json:"closes_at"`
	ClosedAt       *time.Time   `db:"closed_at" json:"closed_at"`
	Seed           int64        `db:"seed" json:"-"` // shown in the final Results only: known early, it would tell how a tie will fall
	Turnout        int64        `db:"turnout" json:"turnout"`
	Passed         *bool        `db:"passed" json:"passed"`
	Result         string       `db:"result" json:"-"`
	Version        int64        `db:"version" json:"-"`
	CreatedBy      *int64       `db:"created_by" json:"-"`
	CreatedAt      time.Time    `db:"created_at" json:"created_at"`
	Options        []Option     `db:"-" json:"options"`
}

// Option is one of a decision's choices; a time poll's carry a time.
type Option struct {
	Position int        `db:"position" json:"position"`
	Label    string     `db:"label" json:"label"`
	StartsAt *time.Time `db:"starts_at" json:"starts_at,omitempty"`
}

// Choice is what a ballot says, in the shape of its method's BallotKind.
// It is stored as JSON; anonymous ballots hold nothing else.
type Choice struct {
	Position string  `json:"position,omitempty"` // PositionBallot: a key of the method's positions
	Option   *int    `json:"option,omitempty"`   // SingleBallot: an option's position
	Marks    []int64 `json:"marks,omitempty"`    // MarksBallot: per option, in option order
	// Ranks is per option, in option order: the number the voter gave it,
	// 1 best; 0 leaves it unranked; equal numbers rank options equal where
	// the method allows.
	Ranks []int `json:"ranks,omitempty"`
}

// Ballot is a named ballot as its voter and (where the rules allow) others
// see it.
type Ballot struct {
	DecisionID int64     `db:"decision_id" json:"decision_id"`
	MemberID   int64     `db:"member_id" json:"member_id"`
	VoterName  string    `db:"voter_name" json:"voter_name"`
	Choice     Choice    `db:"-" json:"choice"`
	ChoiceJSON string    `db:"choice" json:"-"`
	Reason     string    `db:"reason" json:"reason"`
	CastAt     time.Time `db:"cast_at" json:"cast_at"`
	UpdatedAt  time.Time `db:"updated_at" json:"updated_at"`
}

// Proxy is a member letting another vote for them, in one decision or on a
// topic, until revoked.
type Proxy struct {
	ID           int64  `db:"id" json:"id"`
	FromMemberID int64  `db:"from_member_id" json:"from_member_id"`
	FromName     string `db:"from_name" json:"from_name"`
	ToMemberID   int64  `db:"to_member_id" json:"to_member_id"`
	ToName       string `db:"to_name" json:"to_name"`
	DecisionID   *int64 `db:"decision_id" json:"decision_id"`
	Topic        string `db:"topic" json:"topic"`
	// Question and DecisionStatus describe the decision of a proxy for
	// one; both are empty for a topic proxy.
	Question       string     `db:"question" json:"question,omitempty"`
	DecisionStatus Status     `db:"decision_status" json:"decision_status,omitempty"`
	CreatedAt      time.Time  `db:"created_at" json:"created_at"`
	RevokedAt      *time.Time `db:"revoked_at" json:"revoked_at"`
}

// Outcome is what was decided, in words, with a date to review it.
type Outcome struct {
	ID                 int64      `db:"id" json:"id"`
	ProposalID         *int64     `db:"proposal_id" json:"proposal_id"`
	DecisionID         *int64     `db:"decision_id" json:"decision_id"`
	Title              string     `db:"title" json:"title"`
	Statement          string     `db:"statement" json:"statement"`
	Method             string     `db:"method" json:"method"`
	Passed             *bool      `db:"passed" json:"passed"`
	RecordedByMemberID *int64     `db:"recorded_by_member_id" json:"recorded_by_member_id"`
	RecordedByName     string     `db:"recorded_by_name" json:"recorded_by_name"`
	ReviewOn           string     `db:"review_on" json:"review_on"`
	CreatedAt          time.Time  `db:"created_at" json:"created_at"`
	UpdatedAt          time.Time  `db:"updated_at" json:"updated_at"`
	RemindedAt         *time.Time `db:"reminded_at" json:"-"`
}

// ClosedDecision is what close hooks learn about a decision that has just closed.
type ClosedDecision struct {
	CollectiveID int64
	DecisionID   int64
	ProposalID   int64
	Subject      string // as given when the decision was made
	Method       Method
	Passed       *bool    // consent and majority; nil where a method has no pass
	Winners      []Option // in the order the method elected them
	ClosedAt     time.Time
}

// CloseHook reacts to a decision closing, inside the closing transaction:
// an error rolls the close back.
type CloseHook func(ctx context.Context, tx *store.Tx, c ClosedDecision) error

// Limits on what people enter.
const (
	MaxTitle     = 200
	MaxBody      = 20000
	MaxTopic     = 60
	MaxComment   = 10000
	MaxQuestion  = 500
	MaxOption    = 200
	MaxOptions   = 100
	MaxReason    = 2000
	MaxStatement = 4000
	MaxSeats     = 50
	MaxWeight    = 1_000_000
	MaxScoreMax  = 100
	MaxDotsMax   = 1000
	PerPage      = 50
	// ReceiptLength is the length of an anonymous ballot's receipt code.
	ReceiptLength = 12
)
