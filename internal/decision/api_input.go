package decision

import (
	"strconv"

	"commonground/internal/errs"
)

// apiDecisionBody is a new decision as the API takes it; zero values take
// the method's defaults, as on the form. Times are RFC 3339 strings read
// here, so a bad one is refused naming its field.
type apiDecisionBody struct {
	Method         string           `json:"method"`
	Question       string           `json:"question"`
	Options        []apiOptionBody  `json:"options"`
	Electorate     string           `json:"electorate"`
	ElectorateRole string           `json:"electorate_role"`
	Invited        []int64          `json:"invited"`
	Weighted       bool             `json:"weighted"`
	Weights        map[string]int64 `json:"weights"`
	Anonymous      bool             `json:"anonymous"`
	ResultsShown   string           `json:"results_shown"`
	Reasons        string           `json:"reasons"`
	Seats          int              `json:"seats"`
	Quorum         int64            `json:"quorum"`
	Threshold      *apiThreshold    `json:"threshold"`
	MaxScore       int64            `json:"max_score"`
	MaxDots        int64            `json:"max_dots"`
	STVRules       string           `json:"stv_rules"`
	Proxies        bool             `json:"proxies"`
	Chambers       bool             `json:"chambers"`
	OpensAt        string           `json:"opens_at"`
	ClosesAt       string           `json:"closes_at"`
}

// apiOptionBody is one option; starts_at only for a time poll.
type apiOptionBody struct {
	Label    string `json:"label"`
	StartsAt string `json:"starts_at"`
}

// apiThreshold is a majority's threshold: more than (or, with at_least, at
// least) num/den of the votes.
type apiThreshold struct {
	Num     int64 `json:"num"`
	Den     int64 `json:"den"`
	AtLeast bool  `json:"at_least"`
}

// input turns the body into the service's input; prefix is put before the
// field names of its errors ("decision." inside a new proposal).
func (b *apiDecisionBody) input(prefix string) (DecisionInput, error) {
	in := DecisionInput{Method: Method(b.Method), Question: b.Question, Electorate: Electorate(b.Electorate),
		ElectorateRole: b.ElectorateRole, Invited: b.Invited, Weighted: b.Weighted, Anonymous: b.Anonymous,
		ResultsShown: ResultsShown(b.ResultsShown), Reasons: Reasons(b.Reasons), Seats: b.Seats, Quorum: b.Quorum,
		MaxScore: b.MaxScore, MaxDots: b.MaxDots, STVRules: b.STVRules, Proxies: b.Proxies, Chambers: b.Chambers}
	if b.Threshold != nil {
		in.ThresholdNum, in.ThresholdDen, in.AtLeast = b.Threshold.Num, b.Threshold.Den, b.Threshold.AtLeast
	}
	for i, o := range b.Options {
		at, err := apiTime(prefix+"options."+strconv.Itoa(i)+".starts_at", o.StartsAt)
		if err != nil {
			return in, err
		}
		in.Options = append(in.Options, OptionInput{Label: o.Label, StartsAt: at})
	}
	if len(b.Weights) > 0 {
		in.Weights = make(map[int64]int64, len(b.Weights))
		for k, v := range b.Weights {
			id, err := strconv.ParseInt(k, 10, 64)
			if err != nil || id < 1 {
				return in, errs.Field(prefix+"weights", "weights are keyed by member id (a whole number from 1), not %q.", k)
			}
			in.Weights[id] = v
		}
	}
	opens, err := apiTime(prefix+"opens_at", b.OpensAt)
	if err != nil {
		return in, err
	}
	in.OpensAt = opens
	if b.ClosesAt == "" {
		return in, errs.Field(prefix+"closes_at", "Say when the decision closes: closes_at, a time as RFC 3339 (2026-05-01T18:00:00Z).")
	}
	closes, err := apiTime(prefix+"closes_at", b.ClosesAt)
	if err != nil {
		return in, err
	}
	in.ClosesAt = *closes
	return in, nil
}
