package decision

// Method is a way of deciding. Every method the product offers is in
// Methods, with what its ballot holds and what it needs; pages, the API,
// validation and the tally all read this one table.
type Method string

// The methods.
const (
	Consent    Method = "consent"
	Advice     Method = "advice"
	SenseCheck Method = "sense_check"
	Gradients  Method = "gradients"
	Majority   Method = "majority"
	Approval   Method = "approval"
	Score      Method = "score"
	Dot        Method = "dot"
	Borda      Method = "borda"
	IRV        Method = "irv"
	STV        Method = "stv"
	Schulze    Method = "schulze"
	TimePoll   Method = "time_poll"
)

// BallotKind is the shape of a method's ballot (see Choice).
type BallotKind string

// The ballot shapes.
const (
	PositionBallot BallotKind = "position" // one of the method's positions
	SingleBallot   BallotKind = "single"   // one option
	MarksBallot    BallotKind = "marks"    // a number per option: 0/1 approvals, scores, dots
	RankedBallot   BallotKind = "ranked"   // a rank per option
)

// Position is one answer a position ballot offers.
type Position struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Objection marks the positions that block (consent) or veto
	// (gradients); with reasons "objections" they need a reason.
	Objection bool `json:"objection,omitempty"`
}

// MethodInfo describes a method.
type MethodInfo struct {
	Method    Method     `json:"method"`
	Name      string     `json:"name"`
	Summary   string     `json:"summary"`
	Ballot    BallotKind `json:"ballot"`
	Positions []Position `json:"positions,omitempty"`
	// Options says the decision needs options of its own (at least two);
	// position methods decide the proposal as written.
	Options bool `json:"options"`
	// MultiSeat methods elect Seats options.
	MultiSeat bool `json:"multi_seat"`
	// Strict methods need a strict ranking (no two options ranked equal).
	Strict bool `json:"strict,omitempty"`
	// Passes: the result says whether the proposal passed.
	Passes bool `json:"passes"`
	// DefaultReasons is the reason rule a new decision starts with.
	DefaultReasons Reasons `json:"default_reasons"`
}

// Methods is the library, in the order forms offer it.
var Methods = []MethodInfo{
	{Method: Consent, Name: "Consent", Ballot: PositionBallot, Passes: true, DefaultReasons: ReasonsObjections,
		Summary:   "Passes unless someone objects. An objection says why the proposal would harm the collective; stand aside to let it pass without you.",
		Positions: []Position{{"consent", "I consent", false}, {"stand_aside", "I stand aside", false}, {"object", "I object", true}}},
	{Method: Advice, Name: "Advice process", Ballot: PositionBallot, DefaultReasons: ReasonsRequired,
		Summary:   "The proposer decides, after hearing the advice of those the decision affects. Each person gives advice; the proposer records the decision as the outcome.",
		Positions: []Position{{"support", "I support it", false}, {"concern", "I have a concern", false}, {"no_view", "No view", false}}},
	{Method: SenseCheck, Name: "Sense check", Ballot: PositionBallot, DefaultReasons: ReasonsOptional,
		Summary:   "A quick reading of the room before deciding: does this look right?",
		Positions: []Position{{"looks_good", "Looks good", false}, {"not_sure", "Not sure", false}, {"concerned", "Concerned", false}}},
	{Method: Gradients, Name: "Gradients of agreement", Ballot: PositionBallot, DefaultReasons: ReasonsOptional,
		Summary: "Eight levels from full support to a veto, so the collective sees how strong its agreement is, not only whether it exists.",
		Positions: []Position{
			{"endorse", "1. I fully support it", false},
			{"minor_point", "2. I agree, with a minor point", false},
			{"reservations", "3. I support it with reservations", false},
			{"abstain", "4. I abstain", false},
			{"more_discussion", "5. We need more discussion", false},
			{"dislike_support", "6. I don't like it but will go along", false},
			{"serious_disagreement", "7. I seriously disagree", false},
			{"veto", "8. I veto it", true}}},
	{Method: Majority, Name: "Majority", Ballot: SingleBallot, Options: true, Passes: true, DefaultReasons: ReasonsOptional,
		Summary: "One choice each. The leading option wins if it passes the threshold (more than half by default) and enough people voted (the quorum)."},
	{Method: Approval, Name: "Approval", Ballot: MarksBallot, Options: true, MultiSeat: true, DefaultReasons: ReasonsOff,
		Summary: "Tick every option you could live with; the most approved wins."},
	{Method: Score, Name: "Score", Ballot: MarksBallot, Options: true, MultiSeat: true, DefaultReasons: ReasonsOff,
		Summary: "Give each option a score from 0 to the maximum; the highest total wins."},
	{Method: Dot, Name: "Dot vote", Ballot: MarksBallot, Options: true, MultiSeat: true, DefaultReasons: ReasonsOff,
		Summary: "Spread a fixed number of dots over the options, as many on one as you like."},
	{Method: Borda, Name: "Borda count", Ballot: RankedBallot, Options: true, MultiSeat: true, DefaultReasons: ReasonsOff,
		Summary: "Rank the options; each earns points for every option ranked below it."},
	{Method: IRV, Name: "Instant runoff", Ballot: RankedBallot, Options: true, Strict: true, DefaultReasons: ReasonsOff,
		Summary: "Rank the options; the last is dropped and its votes move to the next choice until one has a majority."},
	{Method: STV, Name: "Single transferable vote", Ballot: RankedBallot, Options: true, MultiSeat: true, Strict: true, DefaultReasons: ReasonsOff,
		Summary: "Rank the candidates to fill several seats in proportion: surpluses and the votes of those dropped move to next choices."},
	{Method: Schulze, Name: "Schulze (Condorcet)", Ballot: RankedBallot, Options: true, DefaultReasons: ReasonsOff,
		Summary: "Rank the options; the winner beats every other option head to head, through the strongest chain of preferences."},
	{Method: TimePoll, Name: "Time poll", Ballot: MarksBallot, Options: true, DefaultReasons: ReasonsOff,
		Summary: "Say which times suit you; the time most can make wins (for gatherings)."},
}

// Lookup returns the method's description.
func Lookup(m Method) (MethodInfo, bool) {
	for _, mi := range Methods {
		if mi.Method == m {
			return mi, true
		}
	}
	return MethodInfo{}, false
}

// PositionOf returns the method's position with key.
func (mi MethodInfo) PositionOf(key string) (Position, bool) {
	for _, p := range mi.Positions {
		if p.Key == key {
			return p, true
		}
	}
	return Position{}, false
}
