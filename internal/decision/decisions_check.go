package decision

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Defaults of a new decision's fields left at zero.
const (
	defaultMaxScore = 5
	defaultMaxDots  = 10
)

// checked is a decision input made ready to store.
type checked struct {
	d       *Decision
	options []OptionInput
	invited []int64         // members, electorate "invited"
	weights map[int64]int64 // member → weight, when weighted
	voters  int64           // the electorate's size
	votes   int64           // what the electorate's ballots add up to: voters, or their weights when weighted
}

// checkDecision checks in against the method library and the collective
// and fills in the defaults; p is the proposal it decides.
func checkDecision(ctx context.Context, tx *store.Tx, a *collective.Access, p *Proposal, in DecisionInput) (*checked, error) {
	mi, found := Lookup(in.Method)
	if !found {
		var ms []string
		for _, m := range Methods {
			ms = append(ms, string(m.Method))
		}
		return nil, errs.Field("method", "Choose a method: %s.", strings.Join(ms, ", "))
	}
	if strings.TrimSpace(in.Question) == "" {
		in.Question = clip(p.Title, MaxQuestion)
	}
	if err := text(&in.Question, "question", "the question", MaxQuestion, true); err != nil {
		return nil, err
	}
	c := &checked{}
	var err error
	if c.options, err = checkOptions(mi, in.Options); err != nil {
		return nil, err
	}
	d := &Decision{CollectiveID: a.Collective.ID, ProposalID: p.ID, Method: in.Method, Question: in.Question,
		Subject: in.Subject, Electorate: in.Electorate, ElectorateRole: in.ElectorateRole, Anonymous: in.Anonymous,
		ResultsShown: in.ResultsShown, Reasons: in.Reasons, Seats: in.Seats, Quorum: in.Quorum, AtLeast: in.AtLeast,
		STVRules: "meek", Weighted: in.Weighted, Proxies: in.Proxies, Chambers: in.Chambers, Version: 1}
	c.d = d
	if err := checkCounting(mi, &in, d, len(c.options)); err != nil {
		return nil, err
	}
	if err := checkTimes(&in, d, tx.Now); err != nil {
		return nil, err
	}
	if err := checkSecrecy(mi, &in, d); err != nil {
		return nil, err
	}
	if err := c.checkElectorate(ctx, tx, a, in); err != nil {
		return nil, err
	}
	if d.Quorum < 0 {
		return nil, errs.Field("quorum", "The quorum cannot be negative; 0 means no quorum.")
	}
	// The count compares the quorum with the weights counted when the
	// decision is weighted (tally.go), so the check does too.
	if d.Weighted && d.Quorum > c.votes {
		return nil, errs.Field("quorum", "The quorum (%d) is more than the %d votes the weights of the people who may vote add up to.",
			d.Quorum, c.votes)
	}
	if !d.Weighted && d.Quorum > c.voters {
		return nil, errs.Field("quorum", "The quorum (%d) is more than the %d people who may vote.", d.Quorum, c.voters)
	}
	if d.Chambers {
		if !mi.Options && d.Method != Consent {
			return nil, errs.Field("chambers", "%s has no outcome for two chambers to pass; choose consent or a method with options.", mi.Name)
		}
	}
	return c, nil
}

// checkOptions checks the options an option method needs; position
// methods take none.
func checkOptions(mi MethodInfo, in []OptionInput) ([]OptionInput, error) {
	if !mi.Options {
		if len(in) > 0 {
			return nil, errs.Field("options", "%s decides the proposal as written; it takes no options.", mi.Name)
		}
		return nil, nil
	}
	if len(in) < 2 || len(in) > MaxOptions {
		return nil, errs.Field("options", "%s needs 2 to %d options; this has %d.", mi.Name, MaxOptions, len(in))
	}
	out := make([]OptionInput, len(in))
	seen := map[string]int{}
	for i, o := range in {
		if strings.TrimSpace(o.Label) == "" {
			return nil, errs.Field("options", "Option %d has no label; give every option one.", i+1)
		}
		if err := text(&o.Label, "options", fmt.Sprintf("option %d", i+1), MaxOption, true); err != nil {
			return nil, err
		}
		key := strings.ToLower(o.Label)
		if j, dup := seen[key]; dup {
			return nil, errs.Field("options", "Options %d and %d are both “%s”; give each option its own label.", j+1, i+1, o.Label)
		}
		seen[key] = i
		if mi.Method == TimePoll {
			if o.StartsAt == nil {
				return nil, errs.Field("options", "Option %d (“%s”) needs a time: a time poll asks which times suit people.", i+1, o.Label)
			}
			t := o.StartsAt.UTC().Truncate(time.Second)
			o.StartsAt = &t
		} else {
			o.StartsAt = nil
		}
		out[i] = o
	}
	return out, nil
}

// checkCounting checks seats, scores, dots, threshold and STV rules,
// keeping each only for the methods that use it.
func checkCounting(mi MethodInfo, in *DecisionInput, d *Decision, options int) error {
	if d.Seats == 0 {
		d.Seats = 1
	}
	if mi.MultiSeat {
		if d.Seats < 1 || d.Seats > MaxSeats {
			return errs.Field("seats", "Choose 1 to %d seats.", MaxSeats)
		}
		if d.Seats >= options {
			return errs.Field("seats", "Filling %d seats from %d options leaves nothing to choose; choose fewer seats than options.",
				d.Seats, options)
		}
	} else if d.Seats != 1 {
		return errs.Field("seats", "%s chooses one option; seats must be 1.", mi.Name)
	}
	switch d.Method {
	case Score:
		d.MaxScore = in.MaxScore
		if d.MaxScore == 0 {
			d.MaxScore = defaultMaxScore
		}
		if d.MaxScore < 1 || d.MaxScore > MaxScoreMax {
			return errs.Field("max_score", "The highest score must be 1 to %d.", MaxScoreMax)
		}
	case Dot:
		d.MaxDots = in.MaxDots
		if d.MaxDots == 0 {
			d.MaxDots = defaultMaxDots
		}
		if d.MaxDots < 1 || d.MaxDots > MaxDotsMax {
			return errs.Field("max_dots", "Each person may have 1 to %d dots.", MaxDotsMax)
		}
	case Majority:
		d.ThresholdNum, d.ThresholdDen = in.ThresholdNum, in.ThresholdDen
		if !(d.ThresholdNum == 0 && d.ThresholdDen == 0) && !(d.ThresholdNum > 0 && d.ThresholdNum <= d.ThresholdDen) {
			return errs.Field("threshold", "Give the threshold as a share: above 0 and at most the whole (for example 2 of 3), or 0 of 0 for more than half.")
		}
	case STV:
		switch in.STVRules {
		case "", "meek":
		case "wigm":
			d.STVRules = "wigm"
		default:
			return errs.Field("stv_rules", "Choose meek or wigm as the STV rules.")
		}
	}
	if d.Method != Majority {
		d.AtLeast = false
	}
	return nil
}

// checkTimes checks when voting opens and closes (whole seconds, UTC).
func checkTimes(in *DecisionInput, d *Decision, now time.Time) error {
	d.OpensAt = now
	if in.OpensAt != nil && in.OpensAt.After(now) {
		d.OpensAt = in.OpensAt.UTC().Truncate(time.Second)
	}
	if in.ClosesAt.IsZero() {
		return errs.Field("closes_at", "Say when voting closes.")
	}
	d.ClosesAt = in.ClosesAt.UTC().Truncate(time.Second)
	if !d.ClosesAt.After(now) {
		return errs.Field("closes_at", "The closing time %s has passed; choose a time in the future.", when(d.ClosesAt))
	}
	if !d.ClosesAt.After(d.OpensAt) {
		return errs.Field("closes_at", "Voting must close after it opens (%s).", when(d.OpensAt))
	}
	d.Status = Open
	if d.OpensAt.After(now) {
		d.Status = Scheduled
	}
	return nil
}

// checkSecrecy checks the reason rule and when results show, and refuses
// what would link an anonymous ballot to its voter.
func checkSecrecy(mi MethodInfo, in *DecisionInput, d *Decision) error {
	switch d.Reasons {
	case "":
		d.Reasons = mi.DefaultReasons
	case ReasonsOff, ReasonsOptional, ReasonsRequired, ReasonsObjections:
	default:
		return errs.Field("reasons", "Choose the reasons rule: off, optional, required or objections.")
	}
	switch d.ResultsShown {
	case "":
		d.ResultsShown = Always
		if d.Anonymous {
			d.ResultsShown = AfterClose
		}
	case Always, AfterVote, AfterClose:
	default:
		return errs.Field("results_shown", "Choose when results show: always, after_vote or after_close.")
	}
	if !d.Anonymous {
		return nil
	}
	switch {
	case d.ResultsShown != AfterClose:
		return errs.Field("results_shown", "An anonymous decision shows results only after voting closes, so a running count cannot tell who voted how.")
	case d.Proxies:
		return errs.Field("proxies", "An anonymous decision takes no proxies: a proxy ties a ballot to the people behind it.")
	case d.Weighted:
		return errs.Field("weighted", "An anonymous decision takes no weights: a weight would tell whose ballot is whose.")
	}
	return nil
}

// checkElectorate checks who may vote, the invited and the weights.
func (c *checked) checkElectorate(ctx context.Context, tx *store.Tx, a *collective.Access, in DecisionInput) error {
	d := c.d
	switch d.Electorate {
	case "":
		d.Electorate = AllMembers
	case AllMembers, Invited:
	case ByRole:
		if d.ElectorateRole == "" || d.ElectorateRole == auth.Observer || !auth.KnownRole(d.ElectorateRole) {
			return errs.Field("electorate_role", "Choose the role whose holders vote: %s.", roleNames())
		}
	default:
		return errs.Field("electorate", "Choose who votes: members, role or invited.")
	}
	if d.Electorate != ByRole {
		d.ElectorateRole = ""
	}
	if d.Electorate == Invited {
		if len(in.Invited) == 0 {
			return errs.Field("invited", "Invite at least one member to vote.")
		}
		for _, id := range in.Invited {
			if slices.Contains(c.invited, id) {
				continue
			}
			var roles []string
			if err := tx.Select(ctx, &roles, `SELECT r.role FROM members m JOIN member_roles r ON r.member_id = m.id
				WHERE m.id = ? AND m.collective_id = ?`, id, a.Collective.ID); err != nil {
				return err
			}
			if !slices.ContainsFunc(roles, func(r string) bool { return r != auth.Observer }) {
				return errs.Field("invited", "Member %d is not a voting member of %s; invite members who are not only observers.",
					id, a.Collective.Name)
			}
			c.invited = append(c.invited, id)
		}
		c.voters = int64(len(c.invited))
	} else {
		var err error
		if c.voters, err = electorateSize(ctx, tx, d); err != nil {
			return err
		}
	}
	if c.voters == 0 {
		return errs.Field("electorate_role", "Nobody holds the role %s, so nobody could vote.", roleLabel(d.ElectorateRole))
	}
	c.votes = c.voters
	if !d.Weighted {
		return nil
	}
	c.weights = map[int64]int64{}
	for id, w := range in.Weights {
		if w < 0 || w > MaxWeight {
			return errs.Field("weights", "Weights are whole numbers from 0 to %d.", MaxWeight)
		}
		var n int
		if err := tx.Get(ctx, &n, "SELECT count(*) FROM members WHERE id = ? AND collective_id = ?", id, a.Collective.ID); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("weights", "Member %d is not a member of %s.", id, a.Collective.Name)
		}
		c.weights[id] = w
	}
	return c.weighVotes(ctx, tx, d)
}

// weighVotes sets c.votes to the electorate's total weight: one for each
// voter, the given weight for those weighted (weights given to members
// outside the electorate count for nothing).
func (c *checked) weighVotes(ctx context.Context, tx *store.Tx, d *Decision) error {
	ids := make([]int64, 0, len(c.weights))
	for id := range c.weights {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var in []int64
	if d.Electorate == Invited {
		for _, id := range ids {
			if slices.Contains(c.invited, id) {
				in = append(in, id)
			}
		}
	} else if len(ids) > 0 {
		w, args := electorateWhere(d)
		if err := tx.Select(ctx, &in, "SELECT m.id FROM members m WHERE "+w+" AND m.id IN ("+placeholders(len(ids))+")",
			append(args, anys(ids)...)...); err != nil {
			return err
		}
	}
	for _, id := range in {
		c.votes += c.weights[id] - 1
	}
	return nil
}
