package commitment

import (
	"net/http"
	"net/url"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// kindWords are the kinds in words, by their stored value, for templates.
func kindWords() map[string]string {
	out := map[string]string{}
	for k, v := range kindLabel {
		out[string(k)] = v
	}
	return out
}

// requests lists the open requests for help (or, ?status=closed, the
// closed ones), newest first, a page at a time.
func (h *Handlers) requests(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	status := RequestOpen
	if r.URL.Query().Get("status") == RequestClosed {
		status = RequestClosed
	}
	page := web.PageParam(r.URL.Query())
	pg, err := h.S.Requests(r.Context(), a, status, page)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	link := func(n int) string {
		q := url.Values{}
		if status == RequestClosed {
			q.Set("status", status)
		}
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return collectiveBase(a) + "/requests"
		}
		return collectiveBase(a) + "/requests?" + q.Encode()
	}
	d := map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "Status": status, "Requests": pg.Items,
		"Kinds": kindWords(), "CanCommit": a.CanContribute()}
	if pg.Page > 1 {
		d["Prev"] = link(pg.Page - 1)
	}
	if pg.More {
		d["Next"] = link(pg.Page + 1)
	}
	p := h.page(a, "Requests for help")
	p.Data = d
	h.t.Render(w, r, http.StatusOK, "requests", p)
}

func (h *Handlers) newRequestForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Ask for help")
	p.Form = url.Values{"kind": {string(Introduce)}}
	h.renderNewRequest(w, r, a, p, http.StatusOK)
}

func (h *Handlers) renderNewRequest(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int) {
	goals, err := h.S.Measure.Goals(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	inds, err := h.S.Measure.Indicators(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Data = map[string]any{"Access": a, "C": collectiveBase(a), "KindChoices": kindChoices(), "Goals": goals,
		"Indicators": inds, "MaxWhat": MaxWhat}
	h.t.Render(w, r, status, "request_new", p)
}

func (h *Handlers) createRequest(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	in := RequestInput{What: r.PostFormValue("what"), Kind: Kind(r.PostFormValue("kind"))}
	var err error
	if in.GoalID, err = formID(r.PostForm, "goal_id"); err == nil {
		in.IndicatorID, err = formID(r.PostForm, "indicator_id")
	}
	var req *Request
	if err == nil {
		req, err = h.S.CreateRequest(r.Context(), a, in)
	}
	if err != nil {
		p := h.page(a, "Ask for help")
		h.failForm(w, r, err, p, func(status int) { h.renderNewRequest(w, r, a, p, status) })
		return
	}
	h.done(w, r, "Your request is posted; others can answer it by committing.", RequestLink(a, req.ID))
}

// request shows one request, the commitments that answer it, and "commit
// to this" for anyone but the one who asked while it is open.
func (h *Handlers) request(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "request")
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	ctx := r.Context()
	req, err := h.S.GetRequest(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	answers, err := h.S.RequestAnswers(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	mine := req.MemberID != nil && *req.MemberID == a.MemberID
	d := map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "Request": req, "Rows": h.rows(a, answers),
		"Kinds": kindWords(), "CanCommit": a.CanContribute(),
		"CanAnswer": req.Status == RequestOpen && a.CanContribute() && !mine && req.MemberID != nil,
		"CanClose":  req.Status == RequestOpen && ((mine && a.CanContribute()) || a.RequireSteward() == nil)}
	if req.GoalID != nil {
		if g, err := h.S.Measure.Goal(ctx, a, *req.GoalID); err == nil {
			d["GoalLink"], d["GoalTitle"] = collectiveBase(a)+"/goals/"+idText(g.ID), g.Title
		}
	}
	p := h.page(a, "Request: "+req.What)
	p.Data = d
	h.t.Render(w, r, http.StatusOK, "request", p)
}

func (h *Handlers) closeRequest(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "request")
	if !ok {
		return
	}
	if _, err := h.S.CloseRequest(r.Context(), a, id); err != nil {
		if errs.Is(err, errs.Conflict) {
			h.done(w, r, errs.Message(err), RequestLink(a, id))
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The request is closed; the promises already made stand.", RequestLink(a, id))
}
