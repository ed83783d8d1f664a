package gathering

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// person is one invited member on the live view: their answer and whether
// they are checked in.
type person struct {
	MemberID  int64
	Name      string
	Answer    string
	CheckedIn bool
	Online    bool
}

func (h *Handlers) livePage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	h.renderLive(w, r, a, gid, occ, collective.Frame(a, ""), "", http.StatusOK)
}

// renderLive shows the host's view of one date: the agenda with planned
// times, check-in, outcome capture and the minutes. Only those who manage
// the gathering see it.
func (h *Handlers) renderLive(w http.ResponseWriter, r *http.Request, a *collective.Access, gid, occ int64, p *web.Page, failed string, status int) {
	ctx := r.Context()
	v, err := h.S.View(ctx, a, gid, occ)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if !v.CanManage {
		h.Web.Error(w, r, errs.New(errs.Forbidden, "Only the host, whoever planned it or a steward can host %q.", v.Gathering.Title))
		return
	}
	g, err := h.S.Get(ctx, a, gid)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	o := v.Occurrence
	if o == nil || o.GatheringID != gid {
		h.Web.Error(w, r, errs.New(errs.NotFound, "There is no such date of this gathering."))
		return
	}
	people, err := h.invitedPeople(r, a, g, o.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	outcomes, err := h.S.Outcomes(ctx, a, o.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	members, err := h.memberChoices(r, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	orgs, err := h.Collectives.Organisations(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Title = "Hosting " + g.Title
	if p.Form == nil {
		p.Form = url.Values{"kind": {string(Opportunity)}}
	}
	if _, typed := p.Form["minutes"]; !typed {
		// A refused outcome keeps the saved minutes in their form.
		p.Form.Set("minutes", o.Minutes)
	}
	present := 0
	for _, pe := range people {
		if pe.CheckedIn {
			present++
		}
	}
	p.Data = map[string]any{"Base": Base(a), "G": g, "O": o, "Link": GatheringLink(a, gid), "DateLink": Link(a, gid, o.ID),
		"When": whenText(o.StartsAt, o.EndsAt, g.TimeZone), "Agenda": plannedAgenda(g.Agenda, o.StartsAt, g.TimeZone),
		"People": people, "Present": present, "Outcomes": outcomes, "Kinds": OutcomeKinds, "Members": members, "Orgs": orgs,
		"Hybrid": g.Format == Hybrid, "Failed": failed, "MaxText": MaxText, "MaxMinutes": MaxMinutes,
		"KindLabel": kindLabels()}
	h.t.Render(w, r, status, "live", p)
}

// kindLabels maps outcome kinds to their labels, for the templates.
func kindLabels() map[OutcomeKind]string {
	m := make(map[OutcomeKind]string, len(OutcomeKinds))
	for _, k := range OutcomeKinds {
		m[k.Kind] = k.Label
	}
	return m
}

// invitedPeople lists everyone invited to g with their answer for the
// occurrence and whether they are checked in, by name; people checked in
// or answering who are no longer invited are listed too, so an undo stays
// possible.
func (h *Handlers) invitedPeople(r *http.Request, a *collective.Access, g *Gathering, occ int64) ([]person, error) {
	ctx := r.Context()
	byID := map[int64]*person{}
	add := func(id int64, name string) *person {
		if pe, ok := byID[id]; ok {
			return pe
		}
		pe := &person{MemberID: id, Name: name}
		byID[id] = pe
		return pe
	}
	if g.InviteEveryone {
		all, err := h.memberChoices(r, a)
		if err != nil {
			return nil, err
		}
		for _, m := range all {
			add(num2(m.Value), m.Label)
		}
	} else {
		for _, inv := range g.Invitees {
			if inv.MemberID != 0 {
				add(inv.MemberID, inv.Name)
				continue
			}
			ms, err := h.Collectives.OrganisationMembers(ctx, a, inv.OrganisationID)
			if err != nil {
				return nil, err
			}
			for _, m := range ms {
				add(m.ID, m.Name)
			}
		}
	}
	regs, err := h.S.Registrations(ctx, a, occ)
	if err != nil {
		return nil, err
	}
	for _, reg := range regs {
		add(reg.MemberID, reg.Name).Answer = rsvpLabel[reg.Status]
	}
	att, err := h.S.Attendance(ctx, a, occ)
	if err != nil {
		return nil, err
	}
	for _, at := range att {
		pe := add(at.MemberID, at.Name)
		pe.CheckedIn, pe.Online = true, at.Online
	}
	out := make([]person, 0, len(byID))
	for _, pe := range byID {
		out = append(out, *pe)
	}
	slices.SortFunc(out, func(x, y person) int {
		if c := strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)); c != 0 {
			return c
		}
		return int(x.MemberID - y.MemberID)
	})
	return out, nil
}

// refusedOnLive shows the live view again with a refused form's message.
func (h *Handlers) refusedOnLive(w http.ResponseWriter, r *http.Request, a *collective.Access, gid, occ int64, form string, err error) {
	p := collective.Frame(a, "")
	h.pageFail(w, r, err, p, func(status int) { h.renderLive(w, r, a, gid, occ, p, form, status) })
}

func (h *Handlers) checkInPage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	in := CheckInInput{MemberID: num2(r.PostFormValue("member_id")), Online: r.PostFormValue("online") != ""}
	at, err := h.S.CheckIn(r.Context(), a, occ, in)
	if errs.FieldOf(err) != "" {
		// The person is a button, not a field: the message goes above the list.
		err = errs.New(errs.Invalid, "%s", errs.Message(err))
	}
	if err != nil {
		h.refusedOnLive(w, r, a, gid, occ, "checkin", err)
		return
	}
	h.pageDone(w, r, at.Name+" is checked in.", Link(a, gid, occ)+"/live#attendance")
}

func (h *Handlers) undoCheckInPage(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := h.pageIDs(w, r, "gathering", "occurrence", "member")
	if !ok {
		return
	}
	if err := h.S.UndoCheckIn(r.Context(), a, ids[1], ids[2]); err != nil {
		h.refusedOnLive(w, r, a, ids[0], ids[1], "checkin", err)
		return
	}
	h.pageDone(w, r, "The check-in is taken back.", Link(a, ids[0], ids[1])+"/live#attendance")
}

func (h *Handlers) outcomePage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	v := r.PostForm
	in := OutcomeInput{Kind: OutcomeKind(v.Get("kind")), Text: strings.TrimSpace(v.Get("text")),
		DueOn: strings.TrimSpace(v.Get("due_on"))}
	var err error
	if in.DecisionID, err = formNumber(v, "decision_id", 1<<62); err == nil {
		in.RecipientMemberID = num2(v.Get("recipient_member_id"))
		in.RecipientOrgID = num2(v.Get("recipient_organisation_id"))
		_, err = h.S.AddOutcome(r.Context(), a, occ, in)
	}
	err = formField(err)
	if err != nil {
		h.refusedOnLive(w, r, a, gid, occ, "outcome", err)
		return
	}
	to := Link(a, gid, occ) + "/live#outcomes"
	if r.PostFormValue("from") == "report" {
		to = Link(a, gid, occ) + "/report#outcomes"
	}
	h.pageDone(w, r, "Written down: "+kindLabel(in.Kind)+".", to)
}

func (h *Handlers) deleteOutcomePage(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := h.pageIDs(w, r, "gathering", "occurrence", "outcome")
	if !ok {
		return
	}
	// The outcome must be one of this date's, as the URL says.
	outs, err := h.S.Outcomes(r.Context(), a, ids[1])
	if err == nil && !slices.ContainsFunc(outs, func(o Outcome) bool { return o.ID == ids[2] }) {
		err = errs.New(errs.NotFound, "There is no such outcome of this date.")
	}
	if err == nil {
		err = h.S.DeleteOutcome(r.Context(), a, ids[2])
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.pageDone(w, r, "The outcome is taken back.", Link(a, ids[0], ids[1])+"/live#outcomes")
}

func (h *Handlers) minutesPage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	if err := h.S.SetMinutes(r.Context(), a, occ, r.PostFormValue("minutes")); err != nil {
		h.refusedOnLive(w, r, a, gid, occ, "minutes", err)
		return
	}
	h.pageDone(w, r, "The minutes are saved.", Link(a, gid, occ)+"/live#minutes")
}
