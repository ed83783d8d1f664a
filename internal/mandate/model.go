// Package mandate is "generous authority": a role (facilitator, convener,
// or one the collective names) granted to one member by a consent
// decision, with a scope (what they may decide alone) and a term. Members
// renew or revoke it by decision too, say anonymously in feedback rounds
// how the authority is used, and are reminded before the term ends so the
// role can rotate.
//
// Every decision about a mandate is a decision of package decision, made
// with ProposeInTx in the mandate's own transaction and named by its
// Subject ("mandate:12:grant"); app registers DecisionClosed as a close
// hook, so decision never imports this package.
package mandate

import (
	"time"
)

// Status is where a mandate is.
type Status string

// The statuses of a mandate.
const (
	Proposed Status = "proposed" // the consent decision granting it is open
	Active   Status = "active"
	Declined Status = "declined" // the grant did not pass
	Ended    Status = "ended"    // its term ran out
	Revoked  Status = "revoked"  // a decision took it back
)

// Action is what a decision about a mandate does if it passes.
type Action string

// The actions.
const (
	Grant  Action = "grant"
	Renew  Action = "renew"
	Revoke Action = "revoke"
)

// Mandate is one role held by one person, as stored. The holder's name is
// kept beside the id, so a mandate reads right after they have left.
type Mandate struct {
	ID                 int64      `db:"id" json:"id"`
	CollectiveID       int64      `db:"collective_id" json:"-"`
	Role               string     `db:"role" json:"role"`
	HolderMemberID     *int64     `db:"holder_member_id" json:"holder_member_id"`
	HolderName         string     `db:"holder_name" json:"holder_name"`
	Scope              string     `db:"scope" json:"scope"`
	TermStart          string     `db:"term_start" json:"term_start"`
	TermEnd            string     `db:"term_end" json:"term_end"`
	Status             Status     `db:"status" json:"status"`
	PendingAction      Action     `db:"pending_action" json:"pending_action"`
	PendingDecisionID  *int64     `db:"pending_decision_id" json:"pending_decision_id"`
	PendingTermEnd     string     `db:"pending_term_end" json:"pending_term_end"`
	GrantedDecisionID  *int64     `db:"granted_decision_id" json:"granted_decision_id"`
	RotationRemindedAt *time.Time `db:"rotation_reminded_at" json:"-"`
	Version            int64      `db:"version" json:"version"`
	CreatedBy          *int64     `db:"created_by" json:"-"`
	CreatedAt          time.Time  `db:"created_at" json:"created_at"`
	UpdatedAt          time.Time  `db:"updated_at" json:"updated_at"`
}

const mandateCols = `id, collective_id, role, holder_member_id, holder_name, scope, term_start, term_end, status,
	pending_action, pending_decision_id, pending_term_end, granted_decision_id, rotation_reminded_at, version,
	created_by, created_at, updated_at`

// Input is a mandate as proposed. ClosesInDays is how long the consent
// decision on it stays open (0: DefaultClosesIn).
type Input struct {
	Role           string `json:"role"`
	HolderMemberID int64  `json:"holder_member_id"`
	Scope          string `json:"scope"`
	TermStart      string `json:"term_start"` // YYYY-MM-DD
	TermEnd        string `json:"term_end"`   // YYYY-MM-DD, after TermStart
	ClosesInDays   int    `json:"closes_in_days"`
}

// RenewInput asks the collective to extend a mandate's term. Version is
// the version the person saw (0: whatever it is now).
type RenewInput struct {
	Version      int64  `json:"version"`
	TermEnd      string `json:"term_end"`
	ClosesInDays int    `json:"closes_in_days"`
}

// RevokeInput asks the collective to take a mandate back, saying why.
type RevokeInput struct {
	Version      int64  `json:"version"`
	Reason       string `json:"reason"`
	ClosesInDays int    `json:"closes_in_days"`
}

// DecisionRef is one decision about a mandate, for its page.
type DecisionRef struct {
	ID       int64      `json:"id"`
	Action   Action     `json:"action"`
	Status   string     `json:"status"`
	Passed   *bool      `json:"passed"`
	ClosesAt time.Time  `json:"closes_at"`
	ClosedAt *time.Time `json:"closed_at"`
	Link     string     `json:"link"`
}

// Limits and timings.
const (
	MaxRole         = 60
	MaxScope        = 2000
	MaxReason       = 2000
	MaxComment      = 2000
	MaxTermYears    = 3
	DefaultClosesIn = 7  // days a decision about a mandate stays open
	MaxClosesIn     = 60 // days
	MaxRoundDays    = 30 // days a feedback round stays open, at most
	// RotationNotice is how long before its term ends a mandate is "up
	// for renewal" and its holder and the stewards are reminded.
	RotationNotice = 30 // days
)

// Name says what the decision was about.
func (d DecisionRef) Name() string {
	switch d.Action {
	case Grant:
		return "Grant"
	case Renew:
		return "Renewal"
	}
	return "Revocation"
}

// Words says how a closed decision ended.
func (d DecisionRef) Words() string {
	switch {
	case d.Status == "cancelled":
		return "cancelled"
	case d.Passed != nil && *d.Passed:
		return "passed"
	}
	return "did not pass"
}
