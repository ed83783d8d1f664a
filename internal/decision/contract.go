package decision

// This file holds the shapes the pages, the API and the mandate feature
// read; the functions that fill them live in the files named beside them.

import (
	"time"

	"commonground/internal/vote"
)

// ProposalInput is what a member writes when proposing.
type ProposalInput struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	Topic string `json:"topic"`
}

// OptionInput is one option of a new decision.
type OptionInput struct {
	Label    string     `json:"label"`
	StartsAt *time.Time `json:"starts_at,omitempty"` // time polls only
}

// DecisionInput is everything a new decision is set up with (decisions.go
// checks it). Zero values take the method's defaults.
type DecisionInput struct {
	Method         Method
	Question       string
	Options        []OptionInput
	Electorate     Electorate
	ElectorateRole string
	Invited        []int64         // member ids, electorate "invited"
	Weights        map[int64]int64 // member id → weight, when Weighted
	Weighted       bool
	Anonymous      bool
	ResultsShown   ResultsShown
	Reasons        Reasons
	Seats          int
	Quorum         int64
	ThresholdNum   int64
	ThresholdDen   int64
	AtLeast        bool
	MaxScore       int64
	MaxDots        int64
	STVRules       string // "meek" (default) or "wigm"
	Proxies        bool
	Chambers       bool
	OpensAt        *time.Time // nil: now
	ClosesAt       time.Time
	// Subject names what a close hook acts on; only other features set it
	// (through ProposeInTx), never a form.
	Subject string
}

// VoteInput is a ballot as cast.
type VoteInput struct {
	Choice Choice `json:"choice"`
	Reason string `json:"reason"`
}

// Receipt is what an anonymous voter keeps to replace their ballot later;
// only its hash is stored. Named ballots get none.
type Receipt struct {
	Code string `json:"receipt,omitempty"`
}

// ProxyInput names the delegate and the scope: one decision or a topic.
type ProxyInput struct {
	ToMemberID int64  `json:"to_member_id"`
	DecisionID int64  `json:"decision_id,omitempty"`
	Topic      string `json:"topic,omitempty"`
}

// ProxyList is the proxies a member gave and received (active ones).
type ProxyList struct {
	Given    []Proxy `json:"given"`
	Received []Proxy `json:"received"`
}

// OutcomeInput is an outcome as recorded or corrected.
type OutcomeInput struct {
	Statement string `json:"statement"`
	ReviewOn  string `json:"review_on"` // YYYY-MM-DD or ""
	// Passed is the proposer's decision under the advice process; other
	// methods take it from the result.
	Passed *bool `json:"passed,omitempty"`
}

// ProposalQuery filters the proposal list.
type ProposalQuery struct {
	Status ProposalStatus // "" for all
	Search string
	Page   int // from 1
}

// ProposalItem is one row of the proposal list.
type ProposalItem struct {
	Proposal
	// Decision is the latest decision on the proposal, if any.
	Decision *Decision `json:"decision,omitempty"`
}

// ProposalPage is one page of proposals, newest first.
type ProposalPage struct {
	Items []ProposalItem `json:"items"`
	Total int            `json:"total"`
	Page  int            `json:"page"`
	Pages int            `json:"pages"`
}

// ProposalView is a proposal with its thread, decisions and outcomes.
type ProposalView struct {
	Proposal  Proposal   `json:"proposal"`
	Comments  []Comment  `json:"comments"` // thread order: each reply after its parent
	Decisions []Decision `json:"decisions"`
	Outcomes  []Outcome  `json:"outcomes"`
	CanEdit   bool       `json:"can_edit"`   // the author or a steward, while no decision is open
	CanDecide bool       `json:"can_decide"` // may start a decision
}

// DecisionView is a decision as the viewer sees it.
type DecisionView struct {
	Decision   Decision   `json:"decision"`
	Proposal   Proposal   `json:"proposal"`
	Info       MethodInfo `json:"method_info"`
	Electorate int64      `json:"electorate"` // how many may vote now
	CanVote    bool       `json:"can_vote"`
	WhyNot     string     `json:"why_not,omitempty"` // why the viewer cannot vote, in a sentence
	Voted      bool       `json:"voted"`
	MyBallot   *Ballot    `json:"my_ballot,omitempty"` // named decisions only
	VotingFor  []string   `json:"voting_for,omitempty"`
	MyProxy    *Proxy     `json:"my_proxy,omitempty"` // the proxy the viewer gave that covers this decision
	CanClose   bool       `json:"can_close"`
	CanCancel  bool       `json:"can_cancel"`
	CanRecord  bool       `json:"can_record"` // may record the outcome
}

// PositionCount is how many ballots took one position.
type PositionCount struct {
	Position Position `json:"position"`
	Count    int64    `json:"count"`
}

// Objection is an objection as the results show it; Name is empty in an
// anonymous decision.
type Objection struct {
	Name   string `json:"name,omitempty"`
	Reason string `json:"reason"`
}

// Results is the count of a decision, live or final.
type Results struct {
	DecisionID int64 `json:"decision_id"`
	// Visible says whether the viewer may see the count now; when not,
	// Hidden says why and only the turnout is filled.
	Visible    bool   `json:"visible"`
	Hidden     string `json:"hidden,omitempty"`
	Final      bool   `json:"final"`
	Turnout    int64  `json:"turnout"`    // people who voted themselves
	Counted    int64  `json:"counted"`    // ballots counted, with proxies and weights
	Electorate int64  `json:"electorate"` // who could vote
	QuorumMet  *bool  `json:"quorum_met,omitempty"`
	// Seed settled ties by lot; set in the final result only.
	Seed   int64  `json:"seed,omitempty"`
	Passed *bool  `json:"passed,omitempty"`
	Note   string `json:"note,omitempty"` // why it passed or not, in a sentence
	// Positions counts position ballots (consent, advice, sense check,
	// gradients) in the method's order.
	Positions  []PositionCount `json:"positions,omitempty"`
	Objections []Objection     `json:"objections,omitempty"`
	// Tally is the engine's result for option methods (candidates are the
	// options by position); Chambers holds one per chamber
	// ("individuals", "organisations") when the decision has two.
	Tally          *vote.Result            `json:"tally,omitempty"`
	Chambers       map[string]*vote.Result `json:"chambers,omitempty"`
	ChambersPassed *bool                   `json:"chambers_passed,omitempty"`
	// Blocks says how each organisation's block voted, or that it
	// abstained (its representatives split evenly).
	Blocks []Block `json:"blocks,omitempty"`
	// Explanation is the count in sentences: rounds, transfers, ties.
	Explanation []string `json:"explanation,omitempty"`
	// Ballots are the named ballots with their reasons, when visible;
	// Reasons the reasons of anonymous ballots, in random-key order.
	Ballots []Ballot `json:"ballots,omitempty"`
	Reasons []string `json:"reasons,omitempty"`
}

// Block is one organisation's block vote in the organisations' chamber.
type Block struct {
	Organisation string `json:"organisation"`
	Voters       int    `json:"voters"`
	Abstained    bool   `json:"abstained"`
}

// OutcomeQuery filters the decision log.
type OutcomeQuery struct {
	Search string
	Page   int
}

// OutcomePage is one page of the decision log, newest first.
type OutcomePage struct {
	Items []Outcome `json:"items"`
	Total int       `json:"total"`
	Page  int       `json:"page"`
	Pages int       `json:"pages"`
}

// PowerQuery chooses the window of the power page.
type PowerQuery struct {
	Months int // the last N months, 0 for all time
}

// PowerRow is what one person or organisation did with power.
type PowerRow struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Proposals  int64  `json:"proposals"`
	Votes      int64  `json:"votes"`
	Objections int64  `json:"objections"`
	Decisive   int64  `json:"decisive_objections"`
}

// PowerMonth is one month of the power trend.
type PowerMonth struct {
	Month         string  `json:"month"` // YYYY-MM
	Proposals     int64   `json:"proposals"`
	Votes         int64   `json:"votes"`
	Proposers     int     `json:"proposers"`
	ProposalsGini float64 `json:"proposals_gini"`
}

// Power is how spread decision power is in a collective.
type Power struct {
	Members       int          `json:"members"`
	Proposals     int64        `json:"proposals"`
	Votes         int64        `json:"votes"`
	Objections    int64        `json:"objections"`
	Decisive      int64        `json:"decisive_objections"`
	ProposalsGini float64      `json:"proposals_gini"` // over all members, zeros included
	VotesGini     float64      `json:"votes_gini"`
	HalfCount     int          `json:"half_count"` // fewest members behind half of the proposals
	HalfShare     float64      `json:"half_share"` // HalfCount ÷ Members
	People        []PowerRow   `json:"people"`
	Organisations []PowerRow   `json:"organisations"`
	Months        []PowerMonth `json:"months"`
}
