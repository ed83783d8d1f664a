package decision

import (
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// listProposals lists the collective's proposals, newest first, 50 a page,
// filtered by status and words.
func (x *jsonAPI) listProposals(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	page, err := apiPageNumber(q)
	if x.fail(w, r, err) {
		return
	}
	status := ProposalStatus(q.Get("status"))
	switch status {
	case "", Discussion, Deciding, Decided, Withdrawn:
	default:
		x.fail(w, r, errs.Field("status", "status must be discussion, deciding, decided or withdrawn, not %q.", string(status)))
		return
	}
	p, err := x.S.Proposals(r.Context(), a, ProposalQuery{Status: status, Search: q.Get("q"), Page: page})
	if x.fail(w, r, err) {
		return
	}
	if p.Items == nil {
		p.Items = []ProposalItem{}
	}
	for i := range p.Items {
		utcProposal(&p.Items[i].Proposal)
		if p.Items[i].Decision != nil {
			utcDecision(p.Items[i].Decision)
		}
	}
	web.JSON(w, http.StatusOK, p)
}

// apiProposalBody is a new proposal, with a decision on it at once when
// decision is given.
type apiProposalBody struct {
	Title    string           `json:"title"`
	Body     string           `json:"body"`
	Topic    string           `json:"topic"`
	Decision *apiDecisionBody `json:"decision"`
}

// createProposal puts a proposal to the collective and answers it with its
// thread and address.
func (x *jsonAPI) createProposal(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b apiProposalBody
	if !x.decode(w, r, &b) {
		return
	}
	var d *DecisionInput
	if b.Decision != nil {
		in, err := b.Decision.input("decision.")
		if x.fail(w, r, err) {
			return
		}
		d = &in
	}
	p, _, err := x.S.Propose(r.Context(), a, ProposalInput{Title: b.Title, Body: b.Body, Topic: b.Topic}, d)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", x.proposalPath(a, p.ID))
	x.answerProposal(w, r, a, p.ID, http.StatusCreated)
}

func (x *jsonAPI) proposalPath(a *collective.Access, id int64) string {
	return "/api/v1/collectives/" + a.Collective.Slug + "/proposals/" + strconv.FormatInt(id, 10)
}

// getProposal is one proposal with its thread, decisions and outcomes.
func (x *jsonAPI) getProposal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "proposal")
	if !ok {
		return
	}
	x.answerProposal(w, r, a, id, http.StatusOK)
}

// answerProposal answers proposal id as the caller sees it.
func (x *jsonAPI) answerProposal(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, status int) {
	v, err := x.S.Proposal(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	utcProposal(&v.Proposal)
	if v.Comments == nil {
		v.Comments = []Comment{}
	}
	for i := range v.Comments {
		utcComment(&v.Comments[i])
	}
	if v.Decisions == nil {
		v.Decisions = []Decision{}
	}
	for i := range v.Decisions {
		utcDecision(&v.Decisions[i])
	}
	if v.Outcomes == nil {
		v.Outcomes = []Outcome{}
	}
	for i := range v.Outcomes {
		utcOutcome(&v.Outcomes[i])
	}
	web.JSON(w, status, v)
}

// apiProposalPatch corrects a proposal: absent fields stay as they are.
type apiProposalPatch struct {
	Title *string `json:"title"`
	Body  *string `json:"body"`
	Topic *string `json:"topic"`
}

// updateProposal corrects a proposal's words.
func (x *jsonAPI) updateProposal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "proposal")
	if !ok {
		return
	}
	var b apiProposalPatch
	if !x.decode(w, r, &b) {
		return
	}
	v, err := x.S.Proposal(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	in := ProposalInput{Title: v.Proposal.Title, Body: v.Proposal.Body, Topic: v.Proposal.Topic}
	for _, f := range []struct{ from, to *string }{{b.Title, &in.Title}, {b.Body, &in.Body}, {b.Topic, &in.Topic}} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	if x.fail(w, r, x.S.UpdateProposal(r.Context(), a, id, in)) {
		return
	}
	x.answerProposal(w, r, a, id, http.StatusOK)
}

// withdrawProposal takes a proposal back; an open decision on it is
// cancelled.
func (x *jsonAPI) withdrawProposal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "proposal")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.WithdrawProposal(r.Context(), a, id)) {
		return
	}
	x.answerProposal(w, r, a, id, http.StatusOK)
}

// listComments is a proposal's discussion in thread order.
func (x *jsonAPI) listComments(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "proposal")
	if !ok {
		return
	}
	v, err := x.S.Proposal(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	out := web.List[Comment]{Items: v.Comments}
	if out.Items == nil {
		out.Items = []Comment{}
	}
	for i := range out.Items {
		utcComment(&out.Items[i])
	}
	web.JSON(w, http.StatusOK, out)
}

// apiCommentBody is a comment, or a reply to parent_id.
type apiCommentBody struct {
	Body     string `json:"body"`
	ParentID int64  `json:"parent_id"`
}

// addComment adds a comment or a reply to a proposal's discussion.
func (x *jsonAPI) addComment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "proposal")
	if !ok {
		return
	}
	var b apiCommentBody
	if !x.decode(w, r, &b) {
		return
	}
	c, err := x.S.AddComment(r.Context(), a, id, b.ParentID, b.Body)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", x.proposalPath(a, id)+"/comments/"+strconv.FormatInt(c.ID, 10))
	web.JSON(w, http.StatusCreated, utcComment(c))
}

// apiCommentPatch is a comment's corrected words.
type apiCommentPatch struct {
	Body string `json:"body"`
}

// commentOf reads the comment in the path and checks it belongs to the
// proposal in the path, so a comment cannot be reached through another
// proposal's address.
func (x *jsonAPI) commentOf(w http.ResponseWriter, r *http.Request) (*collective.Access, int64, *Comment, bool) {
	a, pid, ok := x.accessID(w, r, "proposal")
	if !ok {
		return nil, 0, nil, false
	}
	cid, err := collective.PathID(r, "comment")
	if x.fail(w, r, err) {
		return nil, 0, nil, false
	}
	v, err := x.S.Proposal(r.Context(), a, pid)
	if x.fail(w, r, err) {
		return nil, 0, nil, false
	}
	for i := range v.Comments {
		if v.Comments[i].ID == cid {
			return a, pid, &v.Comments[i], true
		}
	}
	x.fail(w, r, errs.New(errs.NotFound, "There is no comment %d on this proposal.", cid))
	return nil, 0, nil, false
}

// editComment corrects one's own comment and answers it.
func (x *jsonAPI) editComment(w http.ResponseWriter, r *http.Request) {
	a, pid, c, ok := x.commentOf(w, r)
	if !ok {
		return
	}
	var b apiCommentPatch
	if !x.decode(w, r, &b) {
		return
	}
	if x.fail(w, r, x.S.EditComment(r.Context(), a, c.ID, b.Body)) {
		return
	}
	x.answerComment(w, r, a, pid, c.ID)
}

// deleteComment removes a comment's words; it keeps its place.
func (x *jsonAPI) deleteComment(w http.ResponseWriter, r *http.Request) {
	a, _, c, ok := x.commentOf(w, r)
	if !ok {
		return
	}
	if x.fail(w, r, x.S.DeleteComment(r.Context(), a, c.ID)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// answerComment answers one comment of a proposal as it now reads.
func (x *jsonAPI) answerComment(w http.ResponseWriter, r *http.Request, a *collective.Access, pid, cid int64) {
	v, err := x.S.Proposal(r.Context(), a, pid)
	if x.fail(w, r, err) {
		return
	}
	for i := range v.Comments {
		if v.Comments[i].ID == cid {
			web.JSON(w, http.StatusOK, utcComment(&v.Comments[i]))
			return
		}
	}
	x.fail(w, r, errs.New(errs.NotFound, "There is no comment %d on this proposal.", cid))
}

// startDecision opens (or schedules) a decision on a proposal.
func (x *jsonAPI) startDecision(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "proposal")
	if !ok {
		return
	}
	var b apiDecisionBody
	if !x.decode(w, r, &b) {
		return
	}
	in, err := b.input("")
	if x.fail(w, r, err) {
		return
	}
	d, err := x.S.StartDecision(r.Context(), a, id, in)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", x.decisionPath(a, d.ID))
	x.answerDecision(w, r, a, d.ID, http.StatusCreated)
}
