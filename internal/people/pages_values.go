package people

import (
	"net/http"
	"slices"
	"strconv"

	"commonground/internal/chart"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// valueSlot is one rank of the values editor.
type valueSlot struct {
	Rank               int
	ValueName, WhyName string
}

// valueSlots are the editor's ten ranks; the form names are value1..value10
// and why1..why10, so the form works without JavaScript.
var valueSlots = func() []valueSlot {
	s := make([]valueSlot, MaxValues)
	for i := range s {
		n := strconv.Itoa(i + 1)
		s[i] = valueSlot{Rank: i + 1, ValueName: "value" + n, WhyName: "why" + n}
	}
	return s
}()

func (h *Handlers) editValues(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.ownMember(w, r, a) {
		return
	}
	h.renderValues(w, r, a, http.StatusOK, nil)
}

// renderValues shows the values editor: the stored ranks, or what was sent
// with failed's message.
func (h *Handlers) renderValues(w http.ResponseWriter, r *http.Request, a *collective.Access, status int, failed error) {
	ctx := r.Context()
	mine, err := h.S.MyValues(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	terms, err := h.S.Vocabulary(ctx, a, TermActive)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	// A retired value the person already ranks stays a choice for them.
	names := make([]string, 0, len(terms)+len(mine))
	active := map[string]bool{}
	for _, t := range terms {
		names = append(names, t.Name)
		active[t.Name] = true
	}
	for _, v := range mine {
		if !active[v.Name] {
			names = append(names, v.Name)
		}
	}
	p := h.page(a, "My values")
	p.Form = map[string][]string{}
	for _, v := range mine {
		if v.Rank >= 1 && v.Rank <= MaxValues {
			p.Form.Set("value"+strconv.Itoa(v.Rank), v.Name)
			p.Form.Set("why"+strconv.Itoa(v.Rank), v.Why)
		}
	}
	if failed != nil {
		p.Form = r.PostForm
		p.Fail(failed)
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Slots": valueSlots, "Names": names, "MaxWhy": MaxWhy,
		"Self": PersonLink(a, a.MemberID), "ValuesPage": "/c/" + a.Collective.Slug + "/values"}
	h.t.Render(w, r, status, "values_edit", p)
}

func (h *Handlers) saveValues(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	picks := make([]ValuePick, 0, MaxValues)
	for _, s := range valueSlots {
		picks = append(picks, ValuePick{Name: r.PostFormValue(s.ValueName), Why: r.PostFormValue(s.WhyName)})
	}
	if err := h.S.SetMyValues(r.Context(), a, picks); err != nil {
		if !errs.Is(err, errs.Invalid) {
			h.Web.Error(w, r, err)
			return
		}
		h.renderValues(w, r, a, web.Status(err), err)
		return
	}
	h.done(w, r, "Your values are saved.", PersonLink(a, a.MemberID))
}

// valuesPage is the collective's page of values.
func valuesPage(a *collective.Access) string { return valuesLink(a) }

func (h *Handlers) values(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	h.renderVocabulary(w, r, a, http.StatusOK, nil)
}

// renderVocabulary shows the values overview, the vocabulary, the
// stewards' review and edit forms and the propose form, with failed's
// message on the form the post came from.
func (h *Handlers) renderVocabulary(w http.ResponseWriter, r *http.Request, a *collective.Access, status int, failed error) {
	ctx := r.Context()
	active, err := h.S.Vocabulary(ctx, a, TermActive)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	// Stewards see every proposal; a member sees their own.
	proposed, err := h.S.Vocabulary(ctx, a, TermProposed)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	var retired []Term
	if a.IsSteward() {
		if retired, err = h.S.Vocabulary(ctx, a, TermRetired); err != nil {
			h.Web.Error(w, r, err)
			return
		}
	}
	// Stewards see every declined value, to restore one if need be; a
	// member sees their own proposals a steward declined.
	declined, err := h.S.Vocabulary(ctx, a, TermDeclined)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	ov, err := h.S.ValuesOverview(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	bars := overviewChart(a, ov)
	p := h.page(a, "Values")
	// Each term's edit form has its own field names (name-ID), so a refused
	// rename keeps what was typed in that form and the others keep theirs.
	p.Form = map[string][]string{}
	for _, list := range [][]Term{active, proposed, retired} {
		for _, t := range list {
			id := strconv.FormatInt(t.ID, 10)
			p.Form.Set("name-"+id, t.Name)
			p.Form.Set("description-"+id, t.Description)
		}
	}
	if failed != nil {
		for k, v := range r.PostForm {
			p.Form[k] = v
		}
		p.Fail(failed)
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Action": valuesPage(a), "Active": active, "Proposed": proposed,
		"Retired": retired, "Declined": declined, "Steward": a.IsSteward() && !a.Collective.Archived(), "Member": a.IsMember(),
		"Overview": ov, "Chart": bars.HTML(), "Table": bars.Table(), "MaxName": MaxValueName, "MaxDesc": MaxValueDesc,
		"Editing": r.PostFormValue("term")}
	h.t.Render(w, r, status, "values", p)
}

// overviewLimit is how many values the chart shows; the rest are few
// people's, and a longer chart stops being read.
const overviewLimit = 15

// overviewChart draws which values unite the collective: the values held
// by most people, longest bar first; among equals, the one held more
// dearly (the higher rank-weighted score) first.
func overviewChart(a *collective.Access, ov *Overview) chart.Bars {
	terms := slices.Clone(ov.Terms)
	slices.SortStableFunc(terms, func(x, y TermShare) int {
		if x.People != y.People {
			return y.People - x.People
		}
		return y.Score - x.Score
	})
	c := chart.Bars{Title: "Values that unite " + a.Collective.Name, Unit: "people",
		LabelHeader: "Value", ValueHeader: "People who rank it", DetailHeader: "Of them, in their top three"}
	for _, t := range terms[:min(len(terms), overviewLimit)] {
		c.Bars = append(c.Bars, chart.Bar{Label: t.Name, Value: float64(t.People), Detail: strconv.Itoa(t.TopThree)})
	}
	return c
}

// termInput reads the name and description of a value.
func termInput(r *http.Request) TermInput {
	return TermInput{Name: r.PostFormValue("name"), Description: r.PostFormValue("description")}
}

// proposeValue adds a value: proposed by a member, or active at once when
// a steward adds it (the service decides).
func (h *Handlers) proposeValue(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	t, err := h.S.ProposeValue(r.Context(), a, termInput(r))
	if err != nil {
		h.failVocabulary(w, r, a, err)
		return
	}
	msg := "Thank you: " + t.Name + " is proposed; a steward will review it."
	if t.Status == TermActive {
		msg = t.Name + " is added to the values."
	}
	h.done(w, r, msg, valuesPage(a))
}

// failVocabulary shows the values page again with a refused form's input
// and message, or the error page for anything else.
func (h *Handlers) failVocabulary(w http.ResponseWriter, r *http.Request, a *collective.Access, err error) {
	if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.Conflict) {
		h.Web.Error(w, r, err)
		return
	}
	h.renderVocabulary(w, r, a, web.Status(err), err)
}

func (h *Handlers) updateValue(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "value")
	if !ok {
		return
	}
	n := strconv.FormatInt(id, 10)
	in := TermInput{Name: r.PostFormValue("name-" + n), Description: r.PostFormValue("description-" + n)}
	if err := h.S.UpdateValue(r.Context(), a, id, in); err != nil {
		// The message belongs next to this term's field, not the propose
		// form's field of the same name.
		if f := errs.FieldOf(err); f != "" {
			err = &errs.Error{Code: errs.Code(err), Field: f + "-" + n, Message: errs.Message(err)}
		}
		h.failVocabulary(w, r, a, err)
		return
	}
	h.done(w, r, "The value is saved.", valuesPage(a))
}

func (h *Handlers) reviewValue(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "value")
	if !ok {
		return
	}
	approve := r.PostFormValue("decision") == "approve"
	if !approve && r.PostFormValue("decision") != "decline" {
		h.Web.Error(w, r, errs.New(errs.Invalid, "Choose to approve or decline the value."))
		return
	}
	if err := h.S.ReviewValue(r.Context(), a, id, approve); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	msg := "The value is approved: members can now pick it."
	if !approve {
		msg = "The value is declined."
	}
	h.done(w, r, msg, valuesPage(a))
}

func (h *Handlers) valueStatus(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "value")
	if !ok {
		return
	}
	status := r.PostFormValue("status")
	if err := h.S.SetValueStatus(r.Context(), a, id, status); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	msg := "The value is retired: it stays on profiles that rank it but cannot be newly picked."
	if status == TermActive {
		msg = "The value is restored."
	}
	h.done(w, r, msg, valuesPage(a))
}
