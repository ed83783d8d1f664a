package purpose

import (
	"html/template"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// purpose is the collective's purpose page: the charter, the endorsement
// roll and the value propositions.
func (h *Handlers) purpose(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	c, err := h.S.Charter(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	roll, err := h.S.Endorsements(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	values, err := h.S.ValuePropositions(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	var members, orgs []valueSummary
	for _, v := range values {
		s := valueSummary{Name: v.OwnerName, Link: valueLink(a, v.Owner()), Gain: textHTML(v.Gain), Bring: textHTML(v.Bring), Version: v.Version}
		if v.Kind == OwnerMember {
			members = append(members, s)
		} else {
			orgs = append(orgs, s)
		}
	}
	// Whose value propositions the viewer may write: their own and their
	// organisations'.
	var mine []ownerLink
	if a.CanContribute() {
		mine = append(mine, ownerLink{"your own", valueLink(a, MemberOwner(a.MemberID))})
		if m, err := h.Collectives.Member(ctx, a, a.MemberID); err == nil {
			for _, o := range m.Organisations {
				mine = append(mine, ownerLink{o.Name + "’s", valueLink(a, OrganisationOwner(o.ID))})
			}
		}
	}
	p := h.page(a, "Purpose")
	p.Data = map[string]any{
		"Access": a, "Charter": c, "Purpose": textHTML(c.Purpose), "Ambition": textHTML(c.Ambition),
		"Value": textHTML(c.ValueProposition), "Roll": roll, "Members": members, "Orgs": orgs, "Mine": mine,
		"Link": Link(a), "CanWithdraw": roll.Mine > 0 && a.IsMember() && !a.Collective.Archived(),
	}
	h.t.Render(w, r, http.StatusOK, "purpose", p)
}

// valueSummary is one value proposition on the purpose page.
type valueSummary struct {
	Name, Link  string
	Gain, Bring template.HTML
	Version     int
}

type ownerLink struct{ Name, Link string }

// editCharterForm shows the charter in a form, with the version it starts
// from hidden in it.
func (h *Handlers) editCharterForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireSteward(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	c, err := h.S.Charter(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Edit the charter")
	p.Form = map[string][]string{"base": {strconv.Itoa(c.Version)}, "purpose": {c.Purpose}, "ambition": {c.Ambition},
		"ambition_by": {c.AmbitionBy}, "value_proposition": {c.ValueProposition}}
	if c.Version == 0 {
		// A collective states its purpose when it is made: offer it as a start.
		p.Form.Set("purpose", a.Collective.Purpose)
	}
	h.renderCharterForm(w, r, a, p, http.StatusOK, nil)
}

func (h *Handlers) renderCharterForm(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int, conflict *conflictView) {
	p.Data = map[string]any{"Access": a, "Link": Link(a), "Conflict": conflict, "Max": map[string]int{
		"Purpose": MaxPurpose, "Ambition": MaxAmbition, "Value": MaxValueProposition, "Note": MaxNote}}
	h.t.Render(w, r, status, "charter_edit", p)
}

// saveCharter saves a steward's edit. A refused edit comes back in the
// form with what was typed; a conflict also shows the current text and the
// diff to it, and moves the hidden base on so saving again is deliberate.
func (h *Handlers) saveCharter(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	base, err := formBase(r)
	var c *Charter
	if err == nil {
		c, err = h.S.EditCharter(r.Context(), a, CharterInput{Base: base, Purpose: r.PostFormValue("purpose"),
			Ambition: r.PostFormValue("ambition"), AmbitionBy: r.PostFormValue("ambition_by"),
			ValueProposition: r.PostFormValue("value_proposition"), Note: r.PostFormValue("note")})
	}
	if err != nil {
		p := h.page(a, "Edit the charter")
		p.Form = r.PostForm
		if cf, ok := AsConflict(err); ok {
			p.Form.Set("base", strconv.Itoa(cf.Current))
			p.Error = errs.Message(err)
			h.renderCharterForm(w, r, a, p, http.StatusConflict, newConflictView(cf))
			return
		}
		if errs.Is(err, errs.Invalid) {
			p.Fail(err)
			h.renderCharterForm(w, r, a, p, web.Status(err), nil)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	msg := "Version " + strconv.Itoa(c.Version) + " of the charter is saved."
	if c.Version == base {
		msg = "Nothing changed, so no new version was made."
	}
	h.done(w, r, msg, Link(a))
}

func (h *Handlers) charterVersions(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	list, err := h.S.CharterVersions(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Charter history")
	p.Data = map[string]any{"Access": a, "Link": Link(a), "Versions": list, "Choices": versionChoices(list),
		"DiffAction": Link(a) + "/charter/diff", "VersionBase": Link(a) + "/charter/versions/"}
	h.t.Render(w, r, http.StatusOK, "versions", p)
}

func (h *Handlers) charterVersion(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	n, err := pathNumber(r, "version")
	var c, cur *Charter
	if err == nil {
		c, err = h.S.CharterVersion(r.Context(), a, int(n))
	}
	if err == nil {
		cur, err = h.S.Charter(r.Context(), a)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Charter, version "+strconv.Itoa(c.Version))
	p.Data = versionData(a, "the charter", Link(a), Link(a)+"/charter", c.Version, cur.Version,
		c.AuthorName, c.Note, c.CreatedAt, textViews(c.fields()))
	h.t.Render(w, r, http.StatusOK, "version", p)
}

func (h *Handlers) charterDiff(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	cur, err := h.S.Charter(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	list, err := h.S.CharterVersions(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	from, to, err := diffRange(r, cur.Version)
	var fds []FieldDiff
	if err == nil && to > 0 {
		fds, err = h.S.CharterDiff(r.Context(), a, from, to)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Changes to the charter")
	p.Data = diffData(a, "the charter", Link(a), Link(a)+"/charter", from, to, list, diffViews(fds))
	h.t.Render(w, r, http.StatusOK, "diff", p)
}

// endorse records the viewer's endorsement of the version the page showed.
func (h *Handlers) endorse(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		err = errs.Field("version", "Say which version of the charter you endorse.")
	} else {
		err = h.S.Endorse(r.Context(), a, v)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "You endorse version "+strconv.Itoa(v)+" of the charter.", Link(a)+"#endorsements")
}

func (h *Handlers) withdraw(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := h.S.WithdrawEndorsement(r.Context(), a); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "Your endorsement is withdrawn.", Link(a)+"#endorsements")
}
