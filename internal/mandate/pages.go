package mandate

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// maxHolderChoices caps the holder list on the form, so the page stays
// small; in a larger collective the form's name filter (?holder=, part of
// a name) narrows the list to whoever is meant.
const maxHolderChoices = 500

// registerPages adds the mandate pages and the navigation entry. Every page
// is HTML that works without JavaScript; every change is a POST form
// answered by a flash message and a redirect.
func (h *Handlers) registerPages() {
	w := h.Web
	w.AddNav(web.NavItem{Label: "Mandates", Path: "/mandates", Order: 9})
	const p = "/c/{collective}/mandates"
	w.Page("GET "+p, h.list)
	w.Page("GET "+p+"/new", h.newForm)
	w.Form("POST "+p, h.propose)
	w.Page("GET "+p+"/{mandate}", h.mandate)
	w.Form("POST "+p+"/{mandate}/renew", h.renew)
	w.Form("POST "+p+"/{mandate}/revoke", h.revoke)
	w.Form("POST "+p+"/{mandate}/feedback-rounds", h.openRound)
	w.Form("POST "+p+"/{mandate}/feedback-rounds/{round}/answers", h.answer)
}

func (h *Handlers) list(w http.ResponseWriter, r *http.Request) {
	a, _, ok := h.accessAnd(w, r, "")
	if !ok {
		return
	}
	l, err := h.S.Mandates(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := collective.Frame(a, "Mandates")
	p.Data = map[string]any{"Base": Base(a), "List": l, "CanPropose": a.CanContribute(), "Notice": RotationNotice}
	h.t.Render(w, r, http.StatusOK, "mandates", p)
}

func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) {
	a, _, ok := h.accessAnd(w, r, "")
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := collective.Frame(a, "Propose a mandate")
	today := h.S.DB.Now().UTC()
	p.Form = url.Values{"role": {"facilitator"}, "term_start": {today.Format(time.DateOnly)},
		"term_end": {today.AddDate(1, 0, -1).Format(time.DateOnly)}, "closes_in_days": {strconv.Itoa(DefaultClosesIn)}}
	h.renderNew(w, r, a, p, http.StatusOK)
}

func (h *Handlers) renderNew(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int) {
	var holders []collective.Member
	filter := strings.TrimSpace(r.URL.Query().Get("holder"))
	if len([]rune(filter)) > 200 {
		filter = string([]rune(filter)[:200])
	}
	more := false
	for page := 1; ; page++ {
		if len(holders) >= maxHolderChoices {
			more = true
			break
		}
		mp, err := h.Collectives.Members(r.Context(), a, collective.MemberQuery{Search: filter, Page: page})
		if err != nil {
			h.Web.Error(w, r, err)
			return
		}
		for _, m := range mp.Members {
			if len(m.Roles) > 0 && !(len(m.Roles) == 1 && m.Roles[0] == "observer") {
				holders = append(holders, m)
			}
		}
		if len(mp.Members) == 0 || page*len(mp.Members) >= mp.Total {
			break
		}
	}
	quorum, err := Quorum(r.Context(), h.S.DB, a.Collective)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Data = map[string]any{"Base": Base(a), "Holders": holders[:min(len(holders), maxHolderChoices)], "MaxRole": MaxRole,
		"MaxScope": MaxScope, "MaxClosesIn": MaxClosesIn, "HolderFilter": filter, "MoreHolders": more, "Quorum": quorum}
	h.t.Render(w, r, status, "new", p)
}

func (h *Handlers) propose(w http.ResponseWriter, r *http.Request) {
	a, _, ok := h.accessAnd(w, r, "")
	if !ok {
		return
	}
	in := Input{Role: r.PostFormValue("role"), Scope: r.PostFormValue("scope"), TermStart: r.PostFormValue("term_start"),
		TermEnd: r.PostFormValue("term_end")}
	var err error
	if in.HolderMemberID, err = formInt(r, "holder_member_id", "Choose the member who would hold the mandate."); err == nil {
		var days int64
		days, err = formInt(r, "closes_in_days", "The decision stays open 1 to 60 days.")
		in.ClosesInDays = int(days)
	}
	var m *Mandate
	if err == nil {
		m, err = h.S.Propose(r.Context(), a, in)
	}
	if err != nil {
		if !errs.Is(err, errs.Invalid) {
			h.Web.Error(w, r, err)
			return
		}
		p := collective.Frame(a, "Propose a mandate")
		p.Form = r.PostForm
		p.Fail(err)
		h.renderNew(w, r, a, p, web.Status(err))
		return
	}
	h.done(w, r, "Proposed. The collective decides by consent; the decision is open now.", Link(a, m.ID))
}

// formInt reads a whole number from a form field; empty reads as 0.
func formInt(r *http.Request, name, msg string) (int64, error) {
	s := strings.TrimSpace(r.PostFormValue(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errs.Field(name, "%s", msg)
	}
	return n, nil
}

func (h *Handlers) mandate(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "mandate")
	if !ok {
		return
	}
	h.renderMandate(w, r, a, id, collective.Frame(a, ""), "", http.StatusOK)
}

// renderMandate shows a mandate afresh; failed names the form whose
// refusal the page carries, so its message shows beside that form only.
func (h *Handlers) renderMandate(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, p *web.Page, failed string, status int) {
	v, err := h.S.Get(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Title = v.RoleLabel + ": " + v.HolderName
	now := h.S.DB.Now().UTC()
	renewTo := v.TermEnd
	if end, err := time.Parse(time.DateOnly, v.TermEnd); err == nil {
		renewTo = end.AddDate(1, 0, 0).Format(time.DateOnly)
	}
	if p.Form == nil {
		p.Form = url.Values{"term_end": {renewTo}, "closes_in_days": {strconv.Itoa(DefaultClosesIn)}, "days": {"14"}}
	}
	p.Data = map[string]any{"Base": Base(a), "V": v, "Failed": failed, "Questions": Questions, "Scores": []int{1, 2, 3, 4, 5},
		"MaxReason": MaxReason, "MaxComment": MaxComment, "MaxClosesIn": MaxClosesIn, "MaxRoundDays": MaxRoundDays,
		"Today": now.Format(time.DateOnly)}
	h.t.Render(w, r, status, "mandate", p)
}

// refused shows the mandate page again with a refused form's message, or
// the error page when the refusal is not about the form.
func (h *Handlers) refused(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, form string, err error) {
	if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.Conflict) {
		h.Web.Error(w, r, err)
		return
	}
	p := collective.Frame(a, "")
	p.Form = r.PostForm
	p.Fail(err)
	h.renderMandate(w, r, a, id, p, form, web.Status(err))
}

func (h *Handlers) renew(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "mandate")
	if !ok {
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	days, err := formInt(r, "closes_in_days", "The decision stays open 1 to 60 days.")
	if err == nil {
		_, err = h.S.Renew(r.Context(), a, id, RenewInput{Version: version, TermEnd: r.PostFormValue("term_end"), ClosesInDays: int(days)})
	}
	if err != nil {
		h.refused(w, r, a, id, "renew", err)
		return
	}
	h.done(w, r, "The renewal is put to the collective; members can consent or object until the decision closes.", Link(a, id))
}

func (h *Handlers) revoke(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "mandate")
	if !ok {
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	days, err := formInt(r, "closes_in_days", "The decision stays open 1 to 60 days.")
	if err == nil {
		_, err = h.S.Revoke(r.Context(), a, id, RevokeInput{Version: version, Reason: r.PostFormValue("reason"), ClosesInDays: int(days)})
	}
	if err != nil {
		h.refused(w, r, a, id, "revoke", err)
		return
	}
	h.done(w, r, "The revocation is put to the collective; members can consent or object until the decision closes.", Link(a, id))
}

func (h *Handlers) openRound(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "mandate")
	if !ok {
		return
	}
	days, err := formInt(r, "days", "A feedback round stays open 1 to 30 days.")
	if err == nil {
		_, err = h.S.OpenRound(r.Context(), a, id, int(days))
	}
	if err != nil {
		h.refused(w, r, a, id, "round", err)
		return
	}
	h.done(w, r, "Feedback round opened. Members answer anonymously.", Link(a, id))
}

func (h *Handlers) answer(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "mandate")
	if !ok {
		return
	}
	rid, err := collective.PathID(r, "round")
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	in := Answer{Comment: r.PostFormValue("comment")}
	for i, dst := range []*int{&in.Serves, &in.Listens, &in.Within} {
		*dst, _ = strconv.Atoi(r.PostFormValue(Questions[i].Key))
	}
	if err := h.S.Give(r.Context(), a, id, rid, in); err != nil {
		h.refused(w, r, a, id, "answer", err)
		return
	}
	h.done(w, r, "Thank you. Your answer is stored without your name.", Link(a, id))
}
