package decision

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// The decision form offers every setting at once, each with a hint saying
// which methods use it: without JavaScript the form cannot hide what the
// chosen method ignores, and the service refuses what does not fit.

// thresholds are the majority thresholds a form offers.
var thresholds = []choice{
	{Value: "", Label: "More than half (the default)"},
	{Value: "2/3", Label: "Two thirds"},
	{Value: "3/4", Label: "Three quarters"},
	{Value: "1/1", Label: "Everyone who votes"},
}

var resultsChoices = []choice{
	{Value: string(AfterVote), Label: "To each voter once they have voted"},
	{Value: string(Always), Label: "To everyone, while voting goes on"},
	{Value: string(AfterClose), Label: "Only when voting closes"},
}

var reasonChoices = []choice{
	{Value: "", Label: "The method's usual rule"},
	{Value: string(ReasonsOff), Label: "No reasons"},
	{Value: string(ReasonsOptional), Label: "A reason may be given"},
	{Value: string(ReasonsRequired), Label: "Every voter gives a reason"},
	{Value: string(ReasonsObjections), Label: "Objections must give a reason"},
}

var stvChoices = []choice{
	{Value: "meek", Label: "Meek (the default): surpluses pass on in exact shares"},
	{Value: "wigm", Label: "Weighted inclusive Gregory: the quota stays fixed"},
}

var electorateChoices = []choice{
	{Value: string(AllMembers), Label: "Every member (observers do not vote)"},
	{Value: string(ByRole), Label: "The members holding a role"},
	{Value: string(Invited), Label: "The members chosen below"},
}

// defaultDecisionForm is the decision form before anyone types: consent,
// every member, closing in a week.
func defaultDecisionForm(r *http.Request) url.Values {
	closes := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour)
	return url.Values{"method": {string(Consent)}, "electorate": {string(AllMembers)},
		"results_shown": {string(AfterVote)}, "stv_rules": {"meek"}, "seats": {"1"}, "max_score": {"5"}, "max_dots": {"10"},
		"closes_at": {localInput(r, closes)}}
}

// decisionFormData adds what the decision fields offer: the methods, the
// roles and the members who may be invited.
func (h *Handlers) decisionFormData(r *http.Request, a *collective.Access, d map[string]any) error {
	members, err := h.memberList(r, a)
	if err != nil {
		return err
	}
	d["Methods"], d["Roles"], d["Members"] = Methods, roleChoices(), members
	d["Thresholds"], d["ResultsChoices"], d["ReasonChoices"] = thresholds, resultsChoices, reasonChoices
	d["STVChoices"], d["ElectorateChoices"] = stvChoices, electorateChoices
	d["MaxQuestion"], d["MaxSeats"], d["MaxScoreMax"], d["MaxDotsMax"] = MaxQuestion, MaxSeats, MaxScoreMax, MaxDotsMax
	return nil
}

// decisionInput reads the decision fields of a form; the service checks
// what they mean together.
func (h *Handlers) decisionInput(r *http.Request, a *collective.Access, v url.Values) (DecisionInput, error) {
	in := DecisionInput{Method: Method(v.Get("method")), Question: strings.TrimSpace(v.Get("question")),
		Electorate: Electorate(v.Get("electorate")), ElectorateRole: v.Get("electorate_role"),
		Anonymous: v.Get("anonymous") != "", ResultsShown: ResultsShown(v.Get("results_shown")),
		Reasons: Reasons(v.Get("reasons")), STVRules: v.Get("stv_rules"), AtLeast: v.Get("at_least") != "",
		Proxies: v.Get("proxies") != "", Chambers: v.Get("chambers") != "", Weighted: v.Get("weighted") != ""}
	mi, ok := Lookup(in.Method)
	if !ok {
		return in, errs.Field("method", "Choose how to decide.")
	}
	if in.Electorate != ByRole {
		in.ElectorateRole = ""
	}
	if in.Electorate == Invited {
		for _, s := range v["invited"] {
			id, err := formID(url.Values{"invited": {s}}, "invited")
			if err != nil {
				return in, err
			}
			in.Invited = append(in.Invited, id)
		}
	}
	seats, err := formInt(v, "seats", MaxSeats)
	if err != nil {
		return in, err
	}
	if mi.MultiSeat {
		in.Seats = int(seats) // the others elect one whatever the field says
	}
	if in.Quorum, err = formInt(v, "quorum", 1_000_000_000); err != nil {
		return in, err
	}
	if in.Method == Score {
		if in.MaxScore, err = formInt(v, "max_score", MaxScoreMax); err != nil {
			return in, err
		}
	}
	if in.Method == Dot {
		if in.MaxDots, err = formInt(v, "max_dots", MaxDotsMax); err != nil {
			return in, err
		}
	}
	if t := v.Get("threshold"); t != "" && in.Method == Majority {
		if _, err := fmt.Sscanf(t, "%d/%d", &in.ThresholdNum, &in.ThresholdDen); err != nil {
			return in, errs.Field("threshold", "Choose a threshold from the list.")
		}
	}
	if in.OpensAt, err = formTime(r, v, "opens_at"); err != nil {
		return in, err
	}
	closes, err := formTime(r, v, "closes_at")
	if err != nil {
		return in, err
	}
	if closes == nil {
		return in, errs.Field("closes_at", "Say when voting closes.")
	}
	in.ClosesAt = *closes
	if mi.Options {
		if in.Options, err = optionLines(r, v.Get("options"), in.Method == TimePoll); err != nil {
			return in, err
		}
	}
	in.Weights, err = h.formWeights(r, a, v)
	return in, err
}

// optionLines reads the options, one a line; a time poll's lines start
// with the date and time they offer.
func optionLines(r *http.Request, text string, times bool) ([]OptionInput, error) {
	var out []OptionInput
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		o := OptionInput{Label: line}
		if times {
			t, err := lineTime(r, line)
			if err != nil {
				return nil, errs.Field("options", "Line %d: start each time with its date and time, such as 2026-12-01 18:00.", i+1)
			}
			o.StartsAt = &t
		}
		out = append(out, o)
	}
	return out, nil
}

// lineTime reads the date and time a time poll's line starts with.
func lineTime(r *http.Request, line string) (time.Time, error) {
	const n = len("2006-01-02 15:04")
	if len(line) < n {
		return time.Time{}, errs.New(errs.Invalid, "no time")
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", line[:n], viewerZone(r))
	if err != nil {
		t, err = time.ParseInLocation(dateTimeLayout, line[:n], viewerZone(r))
	}
	return t, err
}

// decideForm asks how to decide a proposal.
func (h *Handlers) decideForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "proposal")
	if !ok {
		return
	}
	v, err := h.S.Proposal(r.Context(), a, id)
	if err == nil && !v.CanDecide {
		err = errs.New(errs.Forbidden, "Only the proposer, a facilitator or a steward can start a decision on this proposal, and only when none is open.")
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Start a decision")
	p.Form = defaultDecisionForm(r)
	p.Form.Set("question", v.Proposal.Title)
	h.renderDecide(w, r, a, v.Proposal, p, http.StatusOK)
}

func (h *Handlers) renderDecide(w http.ResponseWriter, r *http.Request, a *collective.Access, prop Proposal, p *web.Page, status int) {
	d := h.data(a)
	if err := h.decisionFormData(r, a, d); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d["P"], d["Link"] = prop, ProposalLink(a, prop.ID)
	p.Data = d
	h.t.Render(w, r, status, "decide", p)
}

// decide starts the decision the form describes.
func (h *Handlers) decide(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "proposal")
	if !ok {
		return
	}
	in, err := h.decisionInput(r, a, r.PostForm)
	var dec *Decision
	if err == nil {
		dec, err = h.S.StartDecision(r.Context(), a, id, in)
	}
	if err != nil {
		v, verr := h.S.Proposal(r.Context(), a, id)
		if verr != nil {
			h.Web.Error(w, r, verr)
			return
		}
		p := h.page(a, "Start a decision")
		h.failForm(w, r, err, p, func(status int) { h.renderDecide(w, r, a, v.Proposal, p, status) })
		return
	}
	msg := "The decision is open for votes."
	if dec.Status == Scheduled {
		msg = "The decision is scheduled; voting opens at the time you chose."
	}
	h.done(w, r, msg, DecisionLink(a, dec.ID))
}
