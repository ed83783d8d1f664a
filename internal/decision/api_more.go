package decision

import (
	"bytes"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// registerMore adds the decision log, power and proxy endpoints under c.
func (x *jsonAPI) registerMore(c string) {
	w := x.Web
	w.API("GET "+c+"/outcomes", x.listOutcomes)
	w.API("GET "+c+"/outcomes.csv", x.outcomesCSV)
	w.API("GET "+c+"/outcomes/{outcome}", x.getOutcome)
	w.API("PATCH "+c+"/outcomes/{outcome}", x.updateOutcome)
	w.API("GET "+c+"/power", x.power)
	w.API("GET "+c+"/proxies", x.listProxies)
	w.API("POST "+c+"/proxies", x.delegate)
	w.API("POST "+c+"/proxies/{proxy}/revoke", x.revokeProxy)
}

// listOutcomes is a page of the decision log, newest first, filtered by
// words (q).
func (x *jsonAPI) listOutcomes(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	page, err := apiPageNumber(q)
	if x.fail(w, r, err) {
		return
	}
	p, err := x.S.Outcomes(r.Context(), a, OutcomeQuery{Search: q.Get("q"), Page: page})
	if x.fail(w, r, err) {
		return
	}
	if p.Items == nil {
		p.Items = []Outcome{}
	}
	for i := range p.Items {
		utcOutcome(&p.Items[i])
	}
	web.JSON(w, http.StatusOK, p)
}

// outcomesCSV is the whole decision log (filtered by q) as CSV. It is
// written to memory first, so a refusal is still a problem document and
// never half a file.
func (x *jsonAPI) outcomesCSV(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if x.fail(w, r, x.S.WriteOutcomesCSV(r.Context(), a, &buf, r.URL.Query().Get("q"))) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+a.Collective.Slug+`-decisions.csv"`)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// getOutcome is one outcome of the decision log.
func (x *jsonAPI) getOutcome(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "outcome")
	if !ok {
		return
	}
	o, err := x.S.Outcome(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, utcOutcome(o))
}

// apiOutcomePatch corrects an outcome: absent fields stay as they are.
type apiOutcomePatch struct {
	Statement *string `json:"statement"`
	ReviewOn  *string `json:"review_on"`
}

// updateOutcome corrects an outcome's statement or review date.
func (x *jsonAPI) updateOutcome(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "outcome")
	if !ok {
		return
	}
	var b apiOutcomePatch
	if !x.decode(w, r, &b) {
		return
	}
	o, err := x.S.Outcome(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	in := OutcomeInput{Statement: o.Statement, ReviewOn: o.ReviewOn}
	if b.Statement != nil {
		in.Statement = *b.Statement
	}
	if b.ReviewOn != nil {
		in.ReviewOn = *b.ReviewOn
	}
	if x.fail(w, r, x.S.UpdateOutcome(r.Context(), a, id, in)) {
		return
	}
	if o, err = x.S.Outcome(r.Context(), a, id); x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, utcOutcome(o))
}

// power is how spread decision power is, over the last months (0 or
// absent: all time).
func (x *jsonAPI) power(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var months int
	if s := r.URL.Query().Get("months"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 1200 {
			x.fail(w, r, errs.Field("months", "months must be a whole number from 0 (all time) to 1200, not %q.", s))
			return
		}
		months = n
	}
	p, err := x.S.Power(r.Context(), a, PowerQuery{Months: months})
	if x.fail(w, r, err) {
		return
	}
	for _, l := range []*[]PowerRow{&p.People, &p.Organisations} {
		if *l == nil {
			*l = []PowerRow{}
		}
	}
	if p.Months == nil {
		p.Months = []PowerMonth{}
	}
	web.JSON(w, http.StatusOK, p)
}

// listProxies is the active proxies the caller gave and received.
func (x *jsonAPI) listProxies(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	x.answerProxies(w, r, a, http.StatusOK)
}

// answerProxies answers the caller's proxies.
func (x *jsonAPI) answerProxies(w http.ResponseWriter, r *http.Request, a *collective.Access, status int) {
	l, err := x.S.Proxies(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	for _, ps := range []*[]Proxy{&l.Given, &l.Received} {
		if *ps == nil {
			*ps = []Proxy{}
		}
		for i := range *ps {
			utcProxy(&(*ps)[i])
		}
	}
	web.JSON(w, status, l)
}

// delegate gives the caller's proxy to another member, for one decision
// or a topic.
func (x *jsonAPI) delegate(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b ProxyInput
	if !x.decode(w, r, &b) {
		return
	}
	p, err := x.S.Delegate(r.Context(), a, b)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/collectives/"+a.Collective.Slug+"/proxies/"+strconv.FormatInt(p.ID, 10))
	web.JSON(w, http.StatusCreated, utcProxy(p))
}

// revokeProxy takes a proxy back and answers the caller's proxies.
func (x *jsonAPI) revokeProxy(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "proxy")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.RevokeProxy(r.Context(), a, id)) {
		return
	}
	x.answerProxies(w, r, a, http.StatusOK)
}
