package measure

import (
	"net/http"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// Goals and indicators are the stewards': every form here asks the
// service, which refuses anyone else with its own message.

func (h *Handlers) newGoalForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireSteward(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "New goal")
	p.Form = map[string][]string{}
	h.renderGoal(w, r, a, p, http.StatusOK, 0)
}

func (h *Handlers) editGoalForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "goal")
	if !ok {
		return
	}
	if err := a.RequireSteward(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	g, err := h.S.Goal(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Edit the goal")
	p.Form = map[string][]string{"title": {g.Title}, "description": {g.Description}, "position": {strconv.Itoa(g.Position)}}
	h.renderGoal(w, r, a, p, http.StatusOK, id)
}

func (h *Handlers) renderGoal(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int, id int64) {
	action := base(a) + "/goals"
	if id > 0 {
		action += "/" + strconv.FormatInt(id, 10)
	}
	p.Data = map[string]any{"Access": a, "Action": action, "ID": id, "Back": base(a) + "/scorecard", "MaxTitle": MaxTitle, "MaxText": MaxText}
	h.t.Render(w, r, status, "goal_edit", p)
}

func goalInput(r *http.Request) (GoalInput, error) {
	pos, err := formInt(r, "position")
	return GoalInput{Title: r.PostFormValue("title"), Description: r.PostFormValue("description"), Position: pos}, err
}

// formInt reads an optional whole number.
func formInt(r *http.Request, name string) (int, error) {
	s := strings.TrimSpace(r.PostFormValue(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, errs.Field(name, "Enter a whole number from 0, or leave it empty.")
	}
	return n, nil
}

// failForm shows a refused form again with what was typed, or the error
// page when the refusal is not about the form (not allowed, not found).
func (h *Handlers) failForm(w http.ResponseWriter, r *http.Request, err error, p *web.Page, render func(status int)) {
	if !errs.Is(err, errs.Invalid) {
		h.Web.Error(w, r, err)
		return
	}
	p.Form = r.PostForm
	p.Fail(err)
	render(web.Status(err))
}

func (h *Handlers) createGoal(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	in, err := goalInput(r)
	var g *Goal
	if err == nil {
		g, err = h.S.CreateGoal(r.Context(), a, in)
	}
	if err != nil {
		p := h.page(a, "New goal")
		h.failForm(w, r, err, p, func(status int) { h.renderGoal(w, r, a, p, status, 0) })
		return
	}
	h.done(w, r, "The goal "+g.Title+" is added.", base(a)+"/scorecard#goal-"+strconv.FormatInt(g.ID, 10))
}

func (h *Handlers) updateGoal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "goal")
	if !ok {
		return
	}
	in, err := goalInput(r)
	if err == nil {
		err = h.S.UpdateGoal(r.Context(), a, id, in)
	}
	if err != nil {
		p := h.page(a, "Edit the goal")
		h.failForm(w, r, err, p, func(status int) { h.renderGoal(w, r, a, p, status, id) })
		return
	}
	h.done(w, r, "The goal is saved.", base(a)+"/scorecard#goal-"+strconv.FormatInt(id, 10))
}

func (h *Handlers) deleteGoal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "goal")
	if !ok {
		return
	}
	if err := h.S.DeleteGoal(r.Context(), a, id); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The goal is deleted.", base(a)+"/scorecard")
}

func (h *Handlers) newIndicatorForm(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	if err := a.RequireSteward(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "New indicator")
	p.Form = map[string][]string{"goal": {r.URL.Query().Get("goal")}, "direction": {Higher}, "kind": {Population}, "frequency": {"monthly"}}
	h.renderIndicatorForm(w, r, a, p, http.StatusOK, 0)
}

func (h *Handlers) editIndicatorForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	if err := a.RequireSteward(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	ind, err := h.S.Indicator(r.Context(), a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Edit "+ind.Name)
	p.Form = map[string][]string{"goal": {strconv.FormatInt(ind.GoalID, 10)}, "name": {ind.Name}, "unit": {ind.Unit},
		"direction": {ind.Direction}, "kind": {ind.Kind}, "baseline": {ind.BaselineText}, "baseline_date": {deref(ind.BaselineDate)},
		"target": {ind.TargetText}, "target_date": {deref(ind.TargetDate)}, "frequency": {ind.Frequency},
		"definition": {ind.Definition}, "data_source": {ind.DataSource}, "position": {strconv.Itoa(ind.Position)},
		"dimensions": {dimensionsText(ind.Dimensions)}}
	if ind.Additive {
		p.Form.Set("additive", "on")
	}
	for _, c := range ind.Contributors {
		p.Form.Add("contributors", strconv.FormatInt(c, 10))
	}
	h.renderIndicatorForm(w, r, a, p, http.StatusOK, id)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// dimensionsText writes dimensions one a line, "Name: value, value".
func dimensionsText(ds []Dimension) string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Name + ": " + strings.Join(d.Values, ", ")
	}
	return strings.Join(lines, "\n")
}

// parseDimensions reads what dimensionsText writes.
func parseDimensions(s string) ([]Dimension, error) {
	var out []Dimension
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		name, vals, ok := strings.Cut(line, ":")
		if !ok {
			return nil, errs.Field("dimensions", "Write each dimension on its own line as “Name: value, value”; %q has no colon.", line)
		}
		d := Dimension{Name: strings.TrimSpace(name)}
		for _, v := range strings.Split(vals, ",") {
			d.Values = append(d.Values, strings.TrimSpace(v))
		}
		out = append(out, d)
	}
	return out, nil
}

func (h *Handlers) renderIndicatorForm(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int, id int64) {
	goals, err := h.S.Goals(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	orgs, err := h.Collectives.Organisations(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	var choices []orgChoice
	for _, o := range orgs {
		choices = append(choices, orgChoice{o.ID, o.Name})
	}
	action, back := base(a)+"/indicators", base(a)+"/scorecard"
	if id > 0 {
		action = indicatorLink(a, id)
		back = action
	}
	kinds := []compareOption{{Population, kindWords[Population]}, {HowMuch, kindWords[HowMuch]}, {HowWell, kindWords[HowWell]}, {BetterOff, kindWords[BetterOff]}}
	p.Data = map[string]any{"Access": a, "Action": action, "Back": back, "ID": id, "Goals": goals, "Orgs": choices,
		"Kinds": kinds, "Frequencies": Frequencies, "MaxTitle": MaxTitle, "MaxText": MaxText, "MaxUnit": MaxUnit}
	h.t.Render(w, r, status, "indicator_edit", p)
}

func indicatorInput(r *http.Request) (IndicatorInput, error) {
	in := IndicatorInput{Name: r.PostFormValue("name"), Unit: r.PostFormValue("unit"), Direction: r.PostFormValue("direction"),
		Kind: r.PostFormValue("kind"), Baseline: r.PostFormValue("baseline"), BaselineDate: r.PostFormValue("baseline_date"),
		Target: r.PostFormValue("target"), TargetDate: r.PostFormValue("target_date"), Frequency: r.PostFormValue("frequency"),
		Definition: r.PostFormValue("definition"), DataSource: r.PostFormValue("data_source"), Additive: r.PostFormValue("additive") != ""}
	goal, err := strconv.ParseInt(r.PostFormValue("goal"), 10, 64)
	if err != nil || goal <= 0 {
		return in, errs.Field("goal", "Choose the goal the indicator measures.")
	}
	in.GoalID = goal
	if in.Position, err = formInt(r, "position"); err != nil {
		return in, err
	}
	if in.Dimensions, err = parseDimensions(r.PostFormValue("dimensions")); err != nil {
		return in, err
	}
	for _, s := range r.PostForm["contributors"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return in, errs.Field("contributors", "Choose organisations from the list.")
		}
		in.Contributors = append(in.Contributors, id)
	}
	return in, nil
}

func (h *Handlers) createIndicator(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	in, err := indicatorInput(r)
	var ind *Indicator
	if err == nil {
		ind, err = h.S.CreateIndicator(r.Context(), a, in)
	}
	if err != nil {
		p := h.page(a, "New indicator")
		h.failForm(w, r, err, p, func(status int) { h.renderIndicatorForm(w, r, a, p, status, 0) })
		return
	}
	h.done(w, r, "The indicator "+ind.Name+" is added.", indicatorLink(a, ind.ID))
}

func (h *Handlers) updateIndicator(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	in, err := indicatorInput(r)
	if err == nil {
		_, err = h.S.UpdateIndicator(r.Context(), a, id, in)
	}
	if err != nil {
		p := h.page(a, "Edit the indicator")
		h.failForm(w, r, err, p, func(status int) { h.renderIndicatorForm(w, r, a, p, status, id) })
		return
	}
	h.done(w, r, "The indicator is saved.", indicatorLink(a, id))
}

func (h *Handlers) deleteIndicator(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	if err := h.S.DeleteIndicator(r.Context(), a, id); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The indicator and its measurements are deleted.", base(a)+"/scorecard")
}
