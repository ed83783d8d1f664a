package decision

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"commonground/internal/chart"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// outcomeRow is one entry of the decision log.
type outcomeRow struct {
	Outcome
	ProposalLink, DecisionLink, EditLink, MethodName, Result string
}

// log lists the collective's outcomes, newest first, searchable.
func (h *Handlers) log(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	oq := OutcomeQuery{Search: strings.TrimSpace(q.Get("q")), Page: web.PageParam(q)}
	pg, err := h.S.Outcomes(r.Context(), a, oq)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	rows := make([]outcomeRow, 0, len(pg.Items))
	for _, o := range pg.Items {
		row := outcomeRow{Outcome: o, Result: outcomeWords(o.Passed),
			EditLink: Base(a) + "/outcomes/" + idText(o.ID) + "/edit"}
		if o.ProposalID != nil {
			row.ProposalLink = ProposalLink(a, *o.ProposalID)
		}
		if o.DecisionID != nil {
			row.DecisionLink = DecisionLink(a, *o.DecisionID)
		}
		if mi, ok := Lookup(Method(o.Method)); ok {
			row.MethodName = mi.Name
		}
		rows = append(rows, row)
	}
	p := h.page(a, "Decision log")
	p.Form = url.Values{"q": {oq.Search}}
	d := h.data(a)
	d["Rows"], d["Search"] = rows, oq.Search
	d["Pager"] = web.Pager{Page: pg.Page, PerPage: PerPage, Total: pg.Total, Query: p.Form}
	csv := Base(a) + "/log.csv"
	if oq.Search != "" {
		csv += "?" + url.Values{"q": {oq.Search}}.Encode()
	}
	d["CSV"] = csv
	p.Data = d
	h.t.Render(w, r, http.StatusOK, "log", p)
}

// logCSV sends the whole decision log (filtered by ?q=) as a spreadsheet.
// The service decides who may read it: the headers go out with its first
// write, so a refusal (which writes nothing) is still an error page.
func (h *Handlers) logCSV(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	name := fmt.Sprintf("%s-decisions-%s.csv", a.Collective.Slug, time.Now().UTC().Format("2006-01-02"))
	cw := &csvHeaders{w: w, name: name}
	err := h.S.WriteOutcomesCSV(r.Context(), a, cw, strings.TrimSpace(r.URL.Query().Get("q")))
	// Once rows are written the status is sent; an error after that can
	// only cut the file short, which the missing last line shows.
	if err != nil && !cw.started {
		h.Web.Error(w, r, err)
	}
}

// csvHeaders sets the CSV headers just before the first byte is written.
type csvHeaders struct {
	w       http.ResponseWriter
	name    string
	started bool
}

func (c *csvHeaders) Write(b []byte) (int, error) {
	if !c.started {
		c.started = true
		h := c.w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+c.name+`"`)
		h.Set("Cache-Control", "no-store")
	}
	return c.w.Write(b)
}

// editOutcomeForm asks for an outcome's corrected statement or review date.
func (h *Handlers) editOutcomeForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "outcome")
	if !ok {
		return
	}
	o, err := h.S.Outcome(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Change the outcome")
	p.Form = url.Values{"statement": {o.Statement}, "review_on": {o.ReviewOn}}
	h.renderOutcomeEdit(w, r, a, o, p, http.StatusOK)
}

func (h *Handlers) renderOutcomeEdit(w http.ResponseWriter, r *http.Request, a *collective.Access, o *Outcome, p *web.Page, status int) {
	d := h.data(a)
	d["O"], d["MaxStatement"] = o, MaxStatement
	p.Data = d
	h.t.Render(w, r, status, "outcome_edit", p)
}

// editOutcome saves the corrected outcome.
func (h *Handlers) editOutcome(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "outcome")
	if !ok {
		return
	}
	in := OutcomeInput{Statement: strings.TrimSpace(r.PostForm.Get("statement")), ReviewOn: strings.TrimSpace(r.PostForm.Get("review_on"))}
	if err := h.S.UpdateOutcome(r.Context(), a, id, in); err != nil {
		o, oerr := h.S.Outcome(r.Context(), a, id)
		if oerr != nil {
			h.Web.Error(w, r, oerr)
			return
		}
		p := h.page(a, "Change the outcome")
		h.failForm(w, r, err, p, func(status int) { h.renderOutcomeEdit(w, r, a, o, p, status) })
		return
	}
	h.done(w, r, "The outcome is changed.", Base(a)+"/log")
}

// power shows how spread decision power is: totals, concentration in
// words, people and organisations, and the trend by month.
func (h *Handlers) power(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	pw, err := h.S.Power(r.Context(), a, PowerQuery{})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d := h.data(a)
	d["P"] = pw
	d["ProposalsGini"], d["VotesGini"] = fmt.Sprintf("%.2f", pw.ProposalsGini), fmt.Sprintf("%.2f", pw.VotesGini)
	d["GiniWords"] = giniWords(pw.ProposalsGini)
	if pw.Proposals > 0 && pw.Members > 0 {
		d["Half"] = fmt.Sprintf("Half of all proposals came from %d of %d members (%.0f %%).", pw.HalfCount, pw.Members, pw.HalfShare*100)
	}
	if len(pw.Months) > 0 {
		l := chart.Line{Title: "Proposals and proposers per month", Unit: "per month", ID: "power-trend",
			Series: []chart.Series{{Name: "Proposals"}, {Name: "People proposing"}}}
		for _, m := range pw.Months {
			t, err := time.Parse("2006-01", m.Month)
			if err != nil {
				continue
			}
			l.Series[0].Points = append(l.Series[0].Points, chart.Point{T: t, V: float64(m.Proposals)})
			l.Series[1].Points = append(l.Series[1].Points, chart.Point{T: t, V: float64(m.Proposers)})
		}
		d["Chart"], d["Table"] = l.HTML(), l.Table()
	}
	p := h.page(a, "Decision power")
	p.Data = d
	h.t.Render(w, r, http.StatusOK, "power", p)
}

// giniWords says what a Gini coefficient of proposals means.
func giniWords(g float64) string {
	switch {
	case g < 0.3:
		return "Proposing is widely shared."
	case g < 0.5:
		return "Proposing is somewhat concentrated."
	case g < 0.7:
		return "Proposing is concentrated in a few hands."
	}
	return "Proposing is highly concentrated: very few members propose."
}

// proxies lists the proxies the viewer gave and received, with a form to
// give one for a topic.
func (h *Handlers) proxies(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	h.renderProxies(w, r, a, h.page(a, "Proxies"), http.StatusOK)
}

func (h *Handlers) renderProxies(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int) {
	list, err := h.S.Proxies(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d := h.data(a)
	if err := h.memberChoices(r, a, d); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d["L"], d["MaxTopic"] = list, MaxTopic
	d["GivenDecisions"], d["GivenTopics"] = splitProxies(list.Given)
	d["HeldDecisions"], d["HeldTopics"] = splitProxies(list.Received)
	p.Data = d
	h.t.Render(w, r, status, "proxies", p)
}

// splitProxies parts proxies into those for one decision and those for a
// topic, which the proxies page lists apart.
func splitProxies(ps []Proxy) (decisions, topics []Proxy) {
	for _, x := range ps {
		if x.DecisionID != nil {
			decisions = append(decisions, x)
		} else {
			topics = append(topics, x)
		}
	}
	return decisions, topics
}

// giveProxy lets another member vote for the viewer on a topic (or in one
// decision, when the form names it).
func (h *Handlers) giveProxy(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	to, err := formID(f, "to_member_id")
	if err == nil && to == 0 {
		err = errs.Field("to_member_id", "Choose who votes for you.")
	}
	var dec int64
	if err == nil {
		dec, err = formID(f, "decision_id")
	}
	if err == nil && dec == 0 && strings.TrimSpace(f.Get("topic")) == "" {
		err = errs.Field("topic", "Name the topic your proxy covers.")
	}
	if err == nil {
		_, err = h.S.Delegate(r.Context(), a, ProxyInput{ToMemberID: to, DecisionID: dec, Topic: strings.TrimSpace(f.Get("topic"))})
	}
	if err != nil {
		p := h.page(a, "Proxies")
		h.failForm(w, r, err, p, func(status int) { h.renderProxies(w, r, a, p, status) })
		return
	}
	h.done(w, r, "Your proxy is given: they vote for you unless you vote yourself.", Base(a)+"/proxies")
}

// revokeProxy takes a proxy back.
func (h *Handlers) revokeProxy(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "proxy")
	if !ok {
		return
	}
	if err := h.S.RevokeProxy(r.Context(), a, id); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	to := Base(a) + "/proxies"
	if back := r.PostForm.Get("back"); strings.HasPrefix(back, Base(a)+"/") {
		to = back
	}
	h.done(w, r, "Your proxy is taken back; you vote for yourself again.", to)
}
