package decision

import (
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// registerDecisions adds the decision endpoints under c: reading one,
// voting and changing a vote, closing and cancelling as POST actions, the
// results, and recording the outcome.
func (x *jsonAPI) registerDecisions(c string) {
	w := x.Web
	w.API("GET "+c+"/decisions/{decision}", x.getDecision)
	w.API("POST "+c+"/decisions/{decision}/vote", x.vote)
	w.API("POST "+c+"/decisions/{decision}/change", x.change)
	w.API("POST "+c+"/decisions/{decision}/close", x.closeDecision)
	w.API("POST "+c+"/decisions/{decision}/cancel", x.cancelDecision)
	w.API("GET "+c+"/decisions/{decision}/results", x.results)
	w.API("POST "+c+"/decisions/{decision}/outcome", x.recordOutcome)
}

func (x *jsonAPI) decisionPath(a *collective.Access, id int64) string {
	return "/api/v1/collectives/" + a.Collective.Slug + "/decisions/" + strconv.FormatInt(id, 10)
}

// getDecision is a decision as the caller sees it.
func (x *jsonAPI) getDecision(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "decision")
	if !ok {
		return
	}
	x.answerDecision(w, r, a, id, http.StatusOK)
}

// answerDecision answers decision id as the caller sees it.
func (x *jsonAPI) answerDecision(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, status int) {
	v, err := x.view(r, a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, status, v)
}

// view reads decision id as the caller sees it, times in UTC.
func (x *jsonAPI) view(r *http.Request, a *collective.Access, id int64) (*DecisionView, error) {
	v, err := x.S.Decision(r.Context(), a, id)
	if err != nil {
		return nil, err
	}
	utcDecision(&v.Decision)
	utcProposal(&v.Proposal)
	if v.MyBallot != nil {
		utcBallot(v.MyBallot)
	}
	if v.MyProxy != nil {
		utcProxy(v.MyProxy)
	}
	return v, nil
}

// apiVoted is what a vote answers: the decision as the voter now sees it
// and, in an anonymous decision, the receipt code, shown this once.
type apiVoted struct {
	Decision *DecisionView `json:"decision"`
	Receipt  string        `json:"receipt,omitempty"`
}

// vote casts (or, in a named decision, changes) the caller's ballot.
func (x *jsonAPI) vote(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "decision")
	if !ok {
		return
	}
	var b VoteInput
	if !x.decode(w, r, &b) {
		return
	}
	rc, err := x.S.Vote(r.Context(), a, id, b)
	if x.fail(w, r, err) {
		return
	}
	x.answerVoted(w, r, a, id, rc)
}

// answerVoted answers a vote with the decision and the receipt, if any.
func (x *jsonAPI) answerVoted(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, rc *Receipt) {
	v, err := x.view(r, a, id)
	if x.fail(w, r, err) {
		return
	}
	out := apiVoted{Decision: v}
	if rc != nil {
		out.Receipt = rc.Code
	}
	web.JSON(w, http.StatusOK, out)
}

// apiChangeBody changes a ballot: in an anonymous decision the receipt
// code shown at the vote says which ballot is replaced.
type apiChangeBody struct {
	Receipt string `json:"receipt"`
	Choice  Choice `json:"choice"`
	Reason  string `json:"reason"`
}

// change changes the caller's ballot: a named one as vote does, an
// anonymous one through its receipt (the old ballot is never shown).
func (x *jsonAPI) change(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "decision")
	if !ok {
		return
	}
	var b apiChangeBody
	if !x.decode(w, r, &b) {
		return
	}
	v, err := x.S.Decision(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	in := VoteInput{Choice: b.Choice, Reason: b.Reason}
	if !v.Decision.Anonymous {
		if b.Receipt != "" {
			x.fail(w, r, errs.Field("receipt", "This decision is not anonymous: its ballots have no receipt; send choice and reason alone."))
			return
		}
		rc, err := x.S.Vote(r.Context(), a, id, in)
		if x.fail(w, r, err) {
			return
		}
		x.answerVoted(w, r, a, id, rc)
		return
	}
	if b.Receipt == "" {
		x.fail(w, r, errs.Field("receipt", "Send the receipt code you were shown when you voted; it says which anonymous ballot to replace."))
		return
	}
	if x.fail(w, r, x.S.ReplaceAnonymous(r.Context(), a, id, b.Receipt, in)) {
		return
	}
	x.answerVoted(w, r, a, id, nil)
}

// closeDecision closes an open decision now and answers it, counted.
func (x *jsonAPI) closeDecision(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "decision")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.Close(r.Context(), a, id)) {
		return
	}
	x.answerDecision(w, r, a, id, http.StatusOK)
}

// cancelDecision stops a decision before it closes.
func (x *jsonAPI) cancelDecision(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "decision")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.Cancel(r.Context(), a, id)) {
		return
	}
	x.answerDecision(w, r, a, id, http.StatusOK)
}

// results is the count as the caller may see it now.
func (x *jsonAPI) results(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "decision")
	if !ok {
		return
	}
	res, err := x.S.Results(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	for i := range res.Ballots {
		utcBallot(&res.Ballots[i])
	}
	web.JSON(w, http.StatusOK, res)
}

// recordOutcome records what a closed decision decided.
func (x *jsonAPI) recordOutcome(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "decision")
	if !ok {
		return
	}
	var b OutcomeInput
	if !x.decode(w, r, &b) {
		return
	}
	o, err := x.S.RecordOutcome(r.Context(), a, id, b)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/collectives/"+a.Collective.Slug+"/outcomes/"+strconv.FormatInt(o.ID, 10))
	web.JSON(w, http.StatusCreated, utcOutcome(o))
}
