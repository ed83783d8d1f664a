package commitment

import (
	"net/http"
	"net/url"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// newForm asks what the member promises, to whom, by when and toward which
// goal. ?to= (a member), ?org= (an organisation) or ?request= (a request to
// answer) fill in the recipient; ?find= narrows the list of members.
func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	p := h.page(a, "Make a commitment")
	p.Form = url.Values{"kind": {string(Do)}, "recipient_kind": {string(ToMember)}, "request_id": {q.Get("request")},
		"find": {q.Get("find")}}
	switch {
	case q.Get("org") != "":
		p.Form.Set("recipient_kind", string(ToOrganisation))
		p.Form.Set("recipient_org_id", q.Get("org"))
	case q.Get("to") == "collective":
		p.Form.Set("recipient_kind", string(ToCollective))
	case q.Get("to") != "":
		p.Form.Set("recipient_member_id", q.Get("to"))
	}
	h.renderNew(w, r, a, p, http.StatusOK)
}

// renderNew shows the form with its choices: the members (one page by
// name, narrowed by find), the organisations, the viewer's own
// organisations, the goals and indicators, and the request answered.
func (h *Handlers) renderNew(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int) {
	ctx := r.Context()
	d := map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "Kinds": kindChoices(),
		"MaxWhat": MaxWhat, "Units": []choice{{"", "No size"}, {string(Hours), "Hours"}, {string(Money), "Money"}, {string(Count), "Count"}}}
	p.Data = d
	fail := func(err error) { h.Web.Error(w, r, err) }
	if reqID, err := formID(p.Form, "request_id"); err != nil || reqID != 0 {
		if err != nil {
			fail(errs.New(errs.NotFound, "%s has no such request.", a.Collective.Name))
			return
		}
		req, err := h.S.GetRequest(ctx, a, reqID)
		if err != nil {
			fail(err)
			return
		}
		d["Request"], d["RequestLink"] = req, collectiveBase(a)+"/requests/"+idText(req.ID)
	}
	members, err := h.Collectives.Members(ctx, a, collective.MemberQuery{Search: strings.TrimSpace(p.Value("find"))})
	if err != nil {
		fail(err)
		return
	}
	var people []choice
	chosen := p.Value("recipient_member_id")
	for _, m := range members.Members {
		if m.ID != a.MemberID {
			people = append(people, choice{idText(m.ID), m.Name})
		}
	}
	if id, err := formID(p.Form, "recipient_member_id"); err == nil && id != 0 && id != a.MemberID &&
		!containsValue(people, chosen) {
		if m, err := h.Collectives.Member(ctx, a, id); err == nil {
			people = append([]choice{{idText(m.ID), m.Name}}, people...)
		}
	}
	orgs, err := h.Collectives.Organisations(ctx, a)
	if err != nil {
		fail(err)
		return
	}
	me, err := h.Collectives.Member(ctx, a, a.MemberID)
	if err != nil {
		fail(err)
		return
	}
	goals, err := h.S.Measure.Goals(ctx, a)
	if err != nil {
		fail(err)
		return
	}
	inds, err := h.S.Measure.Indicators(ctx, a)
	if err != nil {
		fail(err)
		return
	}
	d["People"], d["MoreMembers"], d["Orgs"], d["MyOrgs"] = people, members.Total > len(members.Members), orgs, me.Organisations
	d["Goals"], d["Indicators"] = goals, inds
	h.t.Render(w, r, status, "new", p)
}

// containsValue reports whether v is one of the choices.
func containsValue(cs []choice, v string) bool {
	for _, c := range cs {
		if c.Value == v {
			return true
		}
	}
	return false
}

// create makes the commitment the form describes.
func (h *Handlers) create(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	in, err := commitmentInput(r.PostForm)
	var c *Commitment
	if err == nil {
		c, err = h.S.Create(r.Context(), a, in)
	}
	if err != nil {
		p := h.page(a, "Make a commitment")
		h.failForm(w, r, err, p, func(status int) { h.renderNew(w, r, a, p, status) })
		return
	}
	h.done(w, r, "Your promise to "+c.RecipientName+" is made; they are asked to accept it.", Link(a, c.ID))
}

// commitmentInput reads the form; the service checks the rest.
func commitmentInput(v url.Values) (Input, error) {
	in := Input{What: v.Get("what"), Kind: Kind(v.Get("kind")), SizeUnit: Unit(v.Get("size_unit")), Size: v.Get("size"),
		DueOn: v.Get("due_on"), RecipientKind: RecipientKind(v.Get("recipient_kind"))}
	var err error
	for _, f := range []struct {
		name string
		to   *int64
	}{{"request_id", &in.RequestID}, {"recipient_member_id", &in.RecipientMemberID},
		{"recipient_org_id", &in.RecipientOrgID}, {"for_org_id", &in.ForOrgID}, {"goal_id", &in.GoalID}, {"indicator_id", &in.IndicatorID}} {
		if *f.to, err = formID(v, f.name); err != nil {
			return in, err
		}
	}
	if in.RequestID != 0 {
		return in, nil // the request names the recipient
	}
	switch in.RecipientKind {
	case ToMember:
		if in.RecipientMemberID == 0 {
			return in, errs.Field("recipient_member_id", "Choose the member you promise to.")
		}
	case ToOrganisation:
		if in.RecipientOrgID == 0 {
			return in, errs.Field("recipient_org_id", "Choose the organisation you promise to.")
		}
	}
	return in, nil
}
