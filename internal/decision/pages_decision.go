package decision

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// decision shows a decision: the question, the method, timing, turnout,
// the ballot form when the viewer may vote, and the results when the rules
// show them.
func (h *Handlers) decision(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "decision")
	if !ok {
		return
	}
	h.renderDecision(w, r, a, id, h.page(a, ""), http.StatusOK, "")
}

// renderDecision loads the decision afresh and renders it. receipt is an
// anonymous ballot's receipt code, shown on this one answer only: it is
// never put in the session or a redirect, where it would sit beside the
// voter's name.
func (h *Handlers) renderDecision(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, p *web.Page, status int, receipt string) {
	ctx := r.Context()
	v, err := h.S.Decision(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	res, err := h.S.Results(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	dec := &v.Decision
	p.Title = dec.Question
	if p.Form == nil && v.MyBallot != nil {
		p.Form = ballotForm(dec, v.MyBallot)
	}
	d := h.data(a)
	d["V"], d["D"], d["Info"], d["Link"] = v, dec, v.Info, DecisionLink(a, id)
	d["ProposalLink"], d["Status"], d["Receipt"] = ProposalLink(a, dec.ProposalID), decisionStatusLabel[dec.Status], receipt
	d["Ballot"] = ballotFields(dec, v.Info, p)
	d["BallotKind"], d["MarkMax"], d["BallotHint"] = ballotKind(dec, v.Info)
	d["ReasonRule"] = reasonWords[dec.Reasons]
	d["ShowReason"] = dec.Reasons != ReasonsOff
	d["MaxReason"], d["MaxStatement"] = MaxReason, MaxStatement
	d["Results"] = h.resultsView(a, dec, v.Info, res)
	d["Advice"] = dec.Method == Advice
	d["Mandate"] = mandateLink(a, dec.Subject)
	d["ProxyOK"] = dec.Proxies && !dec.Anonymous && dec.Status == Open && a.CanContribute() && !v.Voted && v.MyProxy == nil
	if d["ProxyOK"] == true {
		if err := h.memberChoices(r, a, d); err != nil {
			h.Web.Error(w, r, err)
			return
		}
	}
	p.Data = d
	h.t.Render(w, r, status, "decision", p)
}

// reasonWords says each reason rule to the voter.
var reasonWords = map[Reasons]string{
	ReasonsOff:        "",
	ReasonsOptional:   "Optional: why you chose this.",
	ReasonsRequired:   "Required: say why you chose this.",
	ReasonsObjections: "Required if you object: say why the proposal would harm the collective. Optional otherwise.",
}

// ballotKind says which inputs the ballot uses, their highest number and
// how to fill them in.
func ballotKind(d *Decision, mi MethodInfo) (kind string, max int64, hint string) {
	n := int64(len(d.Options))
	switch {
	case mi.Ballot == PositionBallot:
		return "position", 0, "Choose one answer."
	case mi.Ballot == SingleBallot:
		return "single", 0, "Choose one option."
	case d.Method == TimePoll:
		return "check", 1, "Tick every time that suits you."
	case d.Method == Approval:
		return "check", 1, "Tick every option you could live with."
	case d.Method == Score:
		return "number", d.MaxScore, fmt.Sprintf("Give each option a score from 0 to %d; blank counts as 0.", d.MaxScore)
	case d.Method == Dot:
		return "number", d.MaxDots, fmt.Sprintf("Spread up to %d dots over the options, as many on one as you like; blank counts as 0.", d.MaxDots)
	case mi.Strict:
		return "rank", n, "Number the options in your order: 1 = first choice, 2 = second, and so on, each number once. Leave blank to not rank an option."
	}
	return "rank", n, "Number the options in your order: 1 = first choice, 2 = second, and so on; give two options the same number to rank them equal. Leave blank to not rank an option."
}

// ballotField is one option of the ballot form.
type ballotField struct {
	Name, Label, Value, Hint string
	Checked                  bool
}

// ballotFields lays out the ballot form for the method: one field per
// position or option, with what the viewer typed or last cast.
func ballotFields(d *Decision, mi MethodInfo, p *web.Page) []ballotField {
	var out []ballotField
	switch mi.Ballot {
	case PositionBallot:
		for _, pos := range mi.Positions {
			out = append(out, ballotField{Name: "position", Label: pos.Label, Value: pos.Key, Checked: p.Value("position") == pos.Key})
		}
	case SingleBallot:
		for _, o := range d.Options {
			v := strconv.Itoa(o.Position)
			out = append(out, ballotField{Name: "option", Label: o.Label, Value: v, Checked: p.Value("option") == v})
		}
	case MarksBallot:
		for _, o := range d.Options {
			name := "mark-" + strconv.Itoa(o.Position)
			out = append(out, ballotField{Name: name, Label: o.Label, Value: p.Value(name), Checked: p.Value(name) == "1"})
		}
	case RankedBallot:
		for _, o := range d.Options {
			name := "rank-" + strconv.Itoa(o.Position)
			out = append(out, ballotField{Name: name, Label: o.Label, Value: p.Value(name)})
		}
	}
	return out
}

// ballotForm puts a cast ballot back into the form, to change it.
func ballotForm(d *Decision, b *Ballot) url.Values {
	v := url.Values{"reason": {b.Reason}, "position": {b.Choice.Position}}
	if b.Choice.Option != nil {
		v.Set("option", strconv.Itoa(*b.Choice.Option))
	}
	for i, o := range d.Options {
		pos := strconv.Itoa(o.Position)
		if i < len(b.Choice.Marks) {
			v.Set("mark-"+pos, strconv.FormatInt(b.Choice.Marks[i], 10))
		}
		if i < len(b.Choice.Ranks) && b.Choice.Ranks[i] > 0 {
			v.Set("rank-"+pos, strconv.Itoa(b.Choice.Ranks[i]))
		}
	}
	return v
}

// voteInput reads a ballot from the form in the shape of the method.
func voteInput(d *Decision, mi MethodInfo, v url.Values) (VoteInput, error) {
	in := VoteInput{Reason: strings.TrimSpace(v.Get("reason"))}
	switch mi.Ballot {
	case PositionBallot:
		if in.Choice.Position = v.Get("position"); in.Choice.Position == "" {
			return in, errs.Field("position", "Choose your answer.")
		}
	case SingleBallot:
		s := v.Get("option")
		n, err := strconv.Atoi(s)
		if err != nil {
			return in, errs.Field("option", "Choose one option.")
		}
		in.Choice.Option = &n
	case MarksBallot:
		for _, o := range d.Options {
			name := "mark-" + strconv.Itoa(o.Position)
			n, err := formInt(v, name, 1_000_000)
			if err != nil {
				return in, errs.Field(name, "Enter a whole number of 0 or more for “%s”.", o.Label)
			}
			in.Choice.Marks = append(in.Choice.Marks, n)
		}
	case RankedBallot:
		for _, o := range d.Options {
			name := "rank-" + strconv.Itoa(o.Position)
			n, err := formInt(v, name, int64(len(d.Options)))
			if err != nil {
				return in, errs.Field(name, "Rank “%s” with a number from 1 to %d, or leave it blank.", o.Label, len(d.Options))
			}
			in.Choice.Ranks = append(in.Choice.Ranks, int(n))
		}
	}
	return in, nil
}

// decisionAction runs one of the decision's forms: vote, replace, close,
// cancel, outcome or proxy.
func (h *Handlers) decisionAction(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "decision")
	if !ok {
		return
	}
	ctx, f := r.Context(), r.PostForm
	link := DecisionLink(a, id)
	switch r.PathValue("action") {
	case "vote", "replace":
		v, err := h.S.Decision(ctx, a, id)
		if err != nil {
			h.Web.Error(w, r, err)
			return
		}
		in, err := voteInput(&v.Decision, v.Info, f)
		var rc *Receipt
		if err == nil {
			if r.PathValue("action") == "replace" {
				err = h.S.ReplaceAnonymous(ctx, a, id, f.Get("receipt"), in)
			} else {
				rc, err = h.S.Vote(ctx, a, id, in)
			}
		}
		if err != nil {
			h.failDecision(w, r, a, id, err)
			return
		}
		if rc != nil && rc.Code != "" {
			p := h.page(a, "")
			p.Flash = "Your ballot is cast. Keep your receipt code below."
			h.renderDecision(w, r, a, id, p, http.StatusOK, rc.Code)
			return
		}
		msg := "Your vote is counted."
		if r.PathValue("action") == "replace" {
			msg = "Your ballot is replaced; the old one no longer counts."
		}
		h.done(w, r, msg, link)
	case "close":
		h.simple(w, r, a, id, h.S.Close(ctx, a, id), "Voting is closed and the result is counted.")
	case "cancel":
		h.simple(w, r, a, id, h.S.Cancel(ctx, a, id), "The decision is cancelled; its ballots are not counted.")
	case "outcome":
		in := OutcomeInput{Statement: strings.TrimSpace(f.Get("statement")), ReviewOn: strings.TrimSpace(f.Get("review_on"))}
		switch f.Get("go_ahead") {
		case "yes":
			in.Passed = new(true)
		case "no":
			in.Passed = new(false)
		}
		_, err := h.S.RecordOutcome(ctx, a, id, in)
		h.simple(w, r, a, id, err, "The outcome is recorded in the decision log.")
	case "proxy":
		to, err := formID(f, "to_member_id")
		if err == nil && to == 0 {
			err = errs.Field("to_member_id", "Choose who votes for you.")
		}
		if err == nil {
			_, err = h.S.Delegate(ctx, a, ProxyInput{ToMemberID: to, DecisionID: id})
		}
		h.simple(w, r, a, id, err, "Your proxy is given: they vote for you unless you vote yourself.")
	default:
		h.Web.Error(w, r, errs.New(errs.NotFound, "There is nothing at that address."))
	}
}

// formFields are the decision page's fields other than the ballot's.
var formFields = map[string]bool{"choice": true, "reason": true, "receipt": true, "statement": true, "review_on": true,
	"go_ahead": true, "to_member_id": true}

// simple answers one of the decision's forms: the flash and the decision
// page on success, the page again with the message otherwise.
func (h *Handlers) simple(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, err error, msg string) {
	if err != nil {
		h.failDecision(w, r, a, id, err)
		return
	}
	h.done(w, r, msg, DecisionLink(a, id))
}

// failDecision shows the decision again with a refused form's message and
// what was typed; refusals that are not about the form get the error page.
func (h *Handlers) failDecision(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, err error) {
	if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.Conflict) {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "")
	// A mistyped receipt is not put back: the page is not a place to keep it.
	p.Form = url.Values{}
	for k, v := range r.PostForm {
		if k != "receipt" {
			p.Form[k] = v
		}
	}
	p.Fail(err)
	// A refusal about the ballot as a whole (an unknown option, a tie in
	// a strict ranking) is shown on the ballot's fieldset.
	for f, msg := range p.Errors {
		switch {
		case f == "passed": // the advice process's "do you go ahead"
			delete(p.Errors, f)
			p.Errors["go_ahead"] = msg
		case !formFields[f] && !strings.HasPrefix(f, "mark-") && !strings.HasPrefix(f, "rank-"):
			delete(p.Errors, f)
			p.Errors["choice"] = msg
		}
	}
	h.renderDecision(w, r, a, id, p, web.Status(err), "")
}
