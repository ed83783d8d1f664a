// Package commitment keeps the promises members of a collective make to
// each other, to organisations and to the whole collective: what, of what
// kind and size, by when, toward which goal or indicator; their states from
// proposed to kept; requests for help that others answer by committing;
// each member's "my part"; and the ledger of what each person and
// organisation gave and received, counted apart.
//
// The state machine (see Transition):
//
//	proposed ──accept──▶ accepted ──start──▶ in_progress
//	   │                   │  ▲                 │
//	   │ decline/withdraw  │  └─(mark_done sets done_at; still open)
//	   ▼                   ▼                    ▼
//	released ◀──release (asked by one side, agreed by the other)
//	kept ◀──confirm── accepted | in_progress   (the recipient's side only)
//	not_kept ◀──not_kept── accepted | in_progress (the recipient's side only)
//
// Only the recipient's side confirms a promise kept: the member it was made
// to, a member of the organisation it was made to, or a steward when it was
// made to the whole collective. The committer may mark it done and so ask
// for confirmation.
package commitment

// State is where a commitment is.
type State string

// The states.
const (
	Proposed   State = "proposed"
	Accepted   State = "accepted"
	InProgress State = "in_progress"
	Kept       State = "kept"
	NotKept    State = "not_kept"
	Released   State = "released"
)

// States lists every state in the order boards show them.
var States = []State{Proposed, Accepted, InProgress, Kept, NotKept, Released}

// Open reports whether the promise is still to be kept.
func (s State) Open() bool { return s == Proposed || s == Accepted || s == InProgress }

// Action is a transition people ask for.
type Action string

// The actions.
const (
	Accept   Action = "accept"   // recipient's side: proposed → accepted
	Decline  Action = "decline"  // recipient's side: proposed → released
	Withdraw Action = "withdraw" // committer: proposed → released
	Start    Action = "start"    // committer: accepted → in_progress
	MarkDone Action = "mark_done"
	Confirm  Action = "confirm"  // recipient's side: accepted | in_progress → kept
	Broken   Action = "not_kept" // recipient's side: accepted | in_progress → not_kept
	Release  Action = "release"  // either side asks; the other side's release agrees → released
	// A committer whose recipient side is empty (the member left, the
	// organisation is gone or has nobody contributing) releases alone, at once.
	// CancelRelease takes back one's own request to release.
	CancelRelease Action = "cancel_release"
)

// Actions lists every action.
var Actions = []Action{Accept, Decline, Withdraw, Start, MarkDone, Confirm, Broken, Release, CancelRelease}

// Kind is what sort of promise it is.
type Kind string

// The kinds.
const (
	Do        Kind = "do"
	Give      Kind = "give"
	Share     Kind = "share"
	Introduce Kind = "introduce"
	Teach     Kind = "teach"
	ShowUp    Kind = "show_up"
)

// Kinds lists every kind.
var Kinds = []Kind{Do, Give, Share, Introduce, Teach, ShowUp}

// Unit is what a size counts: hours (stored in minutes), money (stored in
// minor units, cents) or a count; "" for no size.
type Unit string

// The units.
const (
	NoSize Unit = ""
	Hours  Unit = "hours"
	Money  Unit = "money"
	Count  Unit = "count"
)

// RecipientKind is whom a promise is made to.
type RecipientKind string

// The recipients.
const (
	ToMember       RecipientKind = "member"
	ToOrganisation RecipientKind = "organisation"
	ToCollective   RecipientKind = "collective"
)

// Limits on what people enter. A size beyond these is absurd, not
// generous: refused with a message.
const (
	MaxWhat       = 500
	MaxNote       = 500
	MaxPart       = 4000
	MaxHours      = 10_000        // one promise of hours
	MaxMoneyMinor = 1_000_000_000 // 10,000,000.00 in minor units
	MaxCount      = 1_000_000
	PerPage       = 50
)
