package decision

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// proposalRow is one proposal of the list, with its latest decision in
// words.
type proposalRow struct {
	ProposalItem
	Link, StatusLabel, DecisionLink, DecisionStatus, MethodName string
	OpenNow                                                     bool
}

// proposals lists the collective's proposals: those with an open decision
// first, then the rest newest first; filtered by status and words.
func (h *Handlers) proposals(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	pq := ProposalQuery{Status: ProposalStatus(q.Get("status")), Search: strings.TrimSpace(q.Get("q")), Page: web.PageParam(q)}
	if _, known := statusLabel[pq.Status]; pq.Status != "" && !known {
		pq.Status = ""
	}
	pg, err := h.S.Proposals(r.Context(), a, pq)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	rows := make([]proposalRow, 0, len(pg.Items))
	for _, it := range pg.Items {
		row := proposalRow{ProposalItem: it, Link: ProposalLink(a, it.ID), StatusLabel: statusLabel[it.Status]}
		if d := it.Decision; d != nil {
			row.DecisionLink, row.DecisionStatus = DecisionLink(a, d.ID), decisionStatusLabel[d.Status]
			row.OpenNow = d.Status == Open
			if mi, ok := Lookup(d.Method); ok {
				row.MethodName = mi.Name
			}
		}
		rows = append(rows, row)
	}
	// Open decisions come first: they are what needs people now.
	slices.SortStableFunc(rows, func(x, y proposalRow) int {
		switch {
		case x.OpenNow && !y.OpenNow:
			return -1
		case y.OpenNow && !x.OpenNow:
			return 1
		}
		return 0
	})
	p := h.page(a, "Proposals and decisions")
	p.Form = url.Values{"status": {string(pq.Status)}, "q": {pq.Search}}
	d := h.data(a)
	d["Rows"], d["Statuses"], d["Filtered"] = rows, statusChoices(), pq.Status != "" || pq.Search != ""
	d["Pager"] = web.Pager{Page: pg.Page, PerPage: PerPage, Total: pg.Total, Query: p.Form}
	p.Data = d
	h.t.Render(w, r, http.StatusOK, "proposals", p)
}

// newProposalForm asks for a proposal and, optionally, a decision on it.
func (h *Handlers) newProposalForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "New proposal")
	p.Form = defaultDecisionForm(r)
	h.renderProposalForm(w, r, a, p, http.StatusOK)
}

// renderProposalForm shows the new-proposal form with the decision fields.
func (h *Handlers) renderProposalForm(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int) {
	d := h.data(a)
	if err := h.decisionFormData(r, a, d); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d["MaxTitle"], d["MaxBody"], d["MaxTopic"] = MaxTitle, MaxBody, MaxTopic
	p.Data = d
	h.t.Render(w, r, status, "proposal_new", p)
}

// createProposal puts the proposal, and the decision when asked, to the
// collective in one go.
func (h *Handlers) createProposal(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	in := proposalInput(r.PostForm)
	var dp *DecisionInput
	var err error
	if r.PostForm.Get("decide_now") != "" {
		var din DecisionInput
		din, err = h.decisionInput(r, a, r.PostForm)
		dp = &din
	}
	var prop *Proposal
	var dec *Decision
	if err == nil {
		prop, dec, err = h.S.Propose(r.Context(), a, in, dp)
	}
	if err != nil {
		p := h.page(a, "New proposal")
		h.failForm(w, r, err, p, func(status int) { h.renderProposalForm(w, r, a, p, status) })
		return
	}
	if dec != nil {
		h.done(w, r, "Your proposal is up and the decision on it has started.", DecisionLink(a, dec.ID))
		return
	}
	h.done(w, r, "Your proposal is up for discussion.", ProposalLink(a, prop.ID))
}

// proposalInput reads a proposal's words from a form.
func proposalInput(v url.Values) ProposalInput {
	return ProposalInput{Title: strings.TrimSpace(v.Get("title")), Body: strings.TrimSpace(v.Get("body")),
		Topic: strings.TrimSpace(v.Get("topic"))}
}

// commentRow is one comment of the thread with what the viewer may do.
type commentRow struct {
	Comment
	Depth           int
	CanEdit, Delete bool
	Paras           []string
	ParentName      string
}

// proposal shows a proposal, its thread, its decisions and outcomes.
func (h *Handlers) proposal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "proposal")
	if !ok {
		return
	}
	h.renderProposal(w, r, a, id, h.page(a, ""), http.StatusOK)
}

// renderProposal loads the proposal afresh and shows it; a refused comment
// comes back here with the message next to its form.
func (h *Handlers) renderProposal(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, p *web.Page, status int) {
	v, err := h.S.Proposal(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Title = v.Proposal.Title
	depth := map[int64]int{}
	names := map[int64]string{}
	rows := make([]commentRow, 0, len(v.Comments))
	for _, c := range v.Comments {
		row := commentRow{Comment: c, Paras: paragraphs(c.Body)}
		if c.ParentID != nil {
			row.Depth = min(depth[*c.ParentID]+1, 3)
			row.ParentName = names[*c.ParentID]
		}
		depth[c.ID], names[c.ID] = row.Depth, c.AuthorName
		own := c.MemberID != nil && *c.MemberID == a.MemberID && a.CanContribute()
		row.CanEdit = own && c.DeletedAt == nil
		row.Delete = (own || a.IsSteward()) && c.DeletedAt == nil
		rows = append(rows, row)
	}
	decs := make([]map[string]any, 0, len(v.Decisions))
	mandate := ""
	for _, dc := range v.Decisions {
		if mandate == "" {
			mandate = mandateLink(a, dc.Subject)
		}
		mi, _ := Lookup(dc.Method)
		decs = append(decs, map[string]any{"D": dc, "Link": DecisionLink(a, dc.ID), "Method": mi.Name,
			"Status": decisionStatusLabel[dc.Status], "Outcome": outcomeWords(dc.Passed)})
	}
	d := h.data(a)
	d["V"], d["P"], d["Comments"], d["Decisions"] = v, v.Proposal, rows, decs
	d["Paras"], d["Mandate"] = paragraphs(v.Proposal.Body), mandate
	d["StatusLabel"], d["Link"], d["MaxComment"] = statusLabel[v.Proposal.Status], ProposalLink(a, id), MaxComment
	d["CanComment"] = a.CanContribute() && v.Proposal.Status != Withdrawn
	// Withdrawing is for the author or a steward, also while a decision is
	// open (it is cancelled); the service checks it again.
	own := v.Proposal.AuthorMemberID != nil && *v.Proposal.AuthorMemberID == a.MemberID
	d["CanWithdraw"] = (own || a.IsSteward()) && a.CanContribute() &&
		(v.Proposal.Status == Discussion || v.Proposal.Status == Deciding)
	p.Data = d
	h.t.Render(w, r, status, "proposal", p)
}

// editProposalForm asks for the proposal's corrected words.
func (h *Handlers) editProposalForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "proposal")
	if !ok {
		return
	}
	v, err := h.S.Proposal(r.Context(), a, id)
	if err == nil && !v.CanEdit {
		err = errs.New(errs.Forbidden, "Only the proposer or a steward can change this proposal, and not while a decision on it is open.")
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Change the proposal")
	p.Form = url.Values{"title": {v.Proposal.Title}, "body": {v.Proposal.Body}, "topic": {v.Proposal.Topic}}
	h.renderProposalEdit(w, r, a, id, p, http.StatusOK)
}

func (h *Handlers) renderProposalEdit(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, p *web.Page, status int) {
	d := h.data(a)
	d["Link"], d["MaxTitle"], d["MaxBody"], d["MaxTopic"] = ProposalLink(a, id), MaxTitle, MaxBody, MaxTopic
	p.Data = d
	h.t.Render(w, r, status, "proposal_edit", p)
}

// editProposal saves the corrected words.
func (h *Handlers) editProposal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "proposal")
	if !ok {
		return
	}
	if err := h.S.UpdateProposal(r.Context(), a, id, proposalInput(r.PostForm)); err != nil {
		p := h.page(a, "Change the proposal")
		h.failForm(w, r, err, p, func(status int) { h.renderProposalEdit(w, r, a, id, p, status) })
		return
	}
	h.done(w, r, "The proposal is changed.", ProposalLink(a, id))
}

// withdrawProposal takes the proposal back.
func (h *Handlers) withdrawProposal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "proposal")
	if !ok {
		return
	}
	if err := h.S.WithdrawProposal(r.Context(), a, id); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The proposal is withdrawn.", ProposalLink(a, id))
}

// paragraphs splits what was typed at blank lines, so it reads as
// paragraphs without letting anyone write HTML.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
