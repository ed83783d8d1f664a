package commitment

import (
	"net/http"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// eventRow is one step of the history in words.
type eventRow struct {
	*Event
	Words string
}

// actionWords says what each recorded action did.
var actionWords = map[string]string{
	string(Created): "made the promise", string(Accept): "accepted", string(Decline): "declined",
	string(Withdraw): "withdrew it", string(Start): "started on it", string(MarkDone): "marked it done",
	string(Confirm): "confirmed it kept", string(Broken): "marked it not kept", string(Release): "asked to release it",
	string(CancelRelease): "took back the request to release",
}

// commitment shows one promise, its history and exactly the actions the
// viewer may take now.
func (h *Handlers) commitment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "commitment")
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	h.renderCommitment(w, r, a, id, h.page(a, ""), http.StatusOK)
}

// renderCommitment loads the commitment afresh (after a refusal too, so a
// stale version shows what it is now) and renders its page.
func (h *Handlers) renderCommitment(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, p *web.Page, status int) {
	ctx := r.Context()
	c, err := h.S.Get(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	events, err := h.S.History(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	side, err := h.viewerSide(ctx, a, c)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	hist := make([]eventRow, len(events))
	for i := range events {
		e := &events[i]
		words := actionWords[e.Action]
		if e.Action == string(Release) && e.ToState == string(Released) {
			words = "agreed to release it"
		}
		hist[i] = eventRow{Event: e, Words: words}
	}
	p.Title = "Commitment: " + c.What
	if len([]rune(p.Title)) > 80 {
		p.Title = string([]rune(p.Title)[:79]) + "…"
	}
	d := map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "Row": h.rows(a, []Commitment{*c})[0],
		"History": hist, "Buttons": buttons(c, side), "Side": side, "MaxNote": MaxNote,
		"CanCommit": a.CanContribute()}
	if c.OnTime != nil {
		d["OnTime"] = "Kept after its due date"
		if *c.OnTime {
			d["OnTime"] = "Kept on time"
		}
	}
	if c.GoalID != nil {
		d["GoalLink"] = collectiveBase(a) + "/goals/" + idText(*c.GoalID)
	}
	if c.IndicatorID != nil {
		d["IndicatorLink"] = collectiveBase(a) + "/indicators/" + idText(*c.IndicatorID)
	}
	if c.RequestID != nil {
		d["RequestLink"] = collectiveBase(a) + "/requests/" + idText(*c.RequestID)
	}
	if c.CommitterMemberID != nil {
		d["CommitterLedger"] = collectiveBase(a) + "/ledger/members/" + idText(*c.CommitterMemberID)
	}
	switch {
	case c.RecipientMemberID != nil:
		d["RecipientLedger"] = collectiveBase(a) + "/ledger/members/" + idText(*c.RecipientMemberID)
	case c.RecipientOrgID != nil:
		d["RecipientLedger"] = collectiveBase(a) + "/ledger/organisations/" + idText(*c.RecipientOrgID)
	}
	if c.ReleaseAskedBy != "" {
		who := c.Committer()
		if c.ReleaseAskedBy == SideRecipient {
			who = c.RecipientName
		}
		d["ReleaseAsked"] = who
	}
	p.Data = d
	h.t.Render(w, r, status, "commitment", p)
}

// transition applies one action from a button on the commitment's page.
// The form carries the version the viewer saw: if the promise changed
// since, the page is shown again as it is now, with the message.
func (h *Handlers) transition(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "commitment")
	if !ok {
		return
	}
	action := Action(r.PathValue("action"))
	version, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("version")), 10, 64)
	if err != nil || version <= 0 {
		err = errs.New(errs.Conflict, "The form did not say which version of the promise you saw; reload it and try again.")
	}
	var c *Commitment
	if err == nil {
		c, err = h.S.Transition(r.Context(), a, id, action, version, strings.TrimSpace(r.PostFormValue("note")))
	}
	if err != nil {
		if errs.Is(err, errs.NotFound) || errs.Is(err, errs.Unauthorized) {
			h.Web.Error(w, r, err)
			return
		}
		p := h.page(a, "")
		p.Error = errs.Message(err)
		if f := errs.FieldOf(err); f != "" {
			p.Fail(err)
			p.Form = r.PostForm
		}
		h.renderCommitment(w, r, a, id, p, web.Status(err))
		return
	}
	msg := actionDone[action]
	if action == Release {
		msg = "You asked to release the promise; the other side is to agree."
		if c.State == Released {
			msg = "The promise is released."
		}
	}
	h.done(w, r, msg, Link(a, id))
}
