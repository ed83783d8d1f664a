package people

import (
	"context"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// listValues is the collective's vocabulary; ?status= picks active (the
// default), proposed, retired, declined or all.
func (x *jsonAPI) listValues(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	terms, err := x.S.Vocabulary(r.Context(), a, r.URL.Query().Get("status"))
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiList[Term]{terms})
}

// proposeValue adds a value: active at once from a steward, proposed from
// a member.
func (x *jsonAPI) proposeValue(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b TermInput
	if !x.decode(w, r, &b) {
		return
	}
	t, err := x.S.ProposeValue(r.Context(), a, b)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", r.URL.Path+"/"+strconv.FormatInt(t.ID, 10))
	web.JSON(w, http.StatusCreated, t)
}

// apiTermPatch is what a steward changes of a value; fields left out stay.
type apiTermPatch struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
	Status      *string `json:"status"`
}

// patchValue lets a steward rename or describe a value and change its
// status: a proposed value becomes active (approved) or declined, an
// active one retired, a retired or declined one active again. It is one
// service call in one transaction: a refused move changes nothing.
func (x *jsonAPI) patchValue(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "value")
	if !ok {
		return
	}
	var b apiTermPatch
	if !x.decode(w, r, &b) {
		return
	}
	t, err := x.S.EditValue(r.Context(), a, id, TermEdit{Name: b.Name, Description: b.Description, Status: b.Status})
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, t)
}

func (x *jsonAPI) valuesOverview(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	o, err := x.S.ValuesOverview(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, o)
}

// listPrompts lists the prompts; ?archived=true adds the archived ones.
func (x *jsonAPI) listPrompts(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	archived, err := apiBool(r.URL.Query(), "archived")
	if x.fail(w, r, err) {
		return
	}
	ps, err := x.S.Prompts(r.Context(), a, archived)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiList[Prompt]{ps})
}

func (x *jsonAPI) createPrompt(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b PromptInput
	if !x.decode(w, r, &b) {
		return
	}
	p, err := x.S.CreatePrompt(r.Context(), a, b)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", r.URL.Path+"/"+strconv.FormatInt(p.ID, 10))
	web.JSON(w, http.StatusCreated, p)
}

// apiPromptPatch is what a steward changes of a prompt; fields left out
// stay, archived archives or restores it.
type apiPromptPatch struct {
	Kind     *string `json:"kind"`
	Question *string `json:"question"`
	OpensOn  *string `json:"opens_on"`
	ClosesOn *string `json:"closes_on"`
	Position *int    `json:"position"`
	Archived *bool   `json:"archived"`
}

func (x *jsonAPI) patchPrompt(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "prompt")
	if !ok {
		return
	}
	var b apiPromptPatch
	if !x.decode(w, r, &b) {
		return
	}
	if x.fail(w, r, a.RequireSteward()) {
		return
	}
	ctx := r.Context()
	p, err := x.prompt(ctx, a, id)
	if x.fail(w, r, err) {
		return
	}
	if b.Kind != nil || b.Question != nil || b.OpensOn != nil || b.ClosesOn != nil || b.Position != nil {
		in := PromptInput{Kind: p.Kind, Question: p.Question, OpensOn: p.OpensOn, ClosesOn: p.ClosesOn, Position: p.Position}
		for _, f := range []struct {
			from *string
			to   *string
		}{{b.Kind, &in.Kind}, {b.Question, &in.Question}, {b.OpensOn, &in.OpensOn}, {b.ClosesOn, &in.ClosesOn}} {
			if f.from != nil {
				*f.to = *f.from
			}
		}
		if b.Position != nil {
			in.Position = *b.Position
		}
		if x.fail(w, r, x.S.UpdatePrompt(ctx, a, id, in)) {
			return
		}
	}
	if b.Archived != nil && x.fail(w, r, x.S.ArchivePrompt(ctx, a, id, *b.Archived)) {
		return
	}
	if p, err = x.prompt(ctx, a, id); x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, p)
}

// prompt is one prompt of the collective, archived or not.
func (x *jsonAPI) prompt(ctx context.Context, a *collective.Access, id int64) (*Prompt, error) {
	ps, err := x.S.Prompts(ctx, a, true)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		if ps[i].ID == id {
			return &ps[i], nil
		}
	}
	return nil, errs.New(errs.NotFound, "%s has no such prompt.", a.Collective.Name)
}

// apiAnswerBody is the caller's answer to a prompt; visibility defaults to
// the collective's members, as a profile field does.
type apiAnswerBody struct {
	Text       string `json:"text"`
	Visibility string `json:"visibility"`
}

// putAnswer saves the caller's answer to a prompt, or removes it when the
// text is empty (204).
func (x *jsonAPI) putAnswer(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "prompt")
	if !ok {
		return
	}
	var b apiAnswerBody
	if !x.decode(w, r, &b) {
		return
	}
	vis := Collectives
	if b.Visibility != "" {
		v, err := ParseVisibility("visibility", b.Visibility)
		if x.fail(w, r, err) {
			return
		}
		vis = v
	}
	if x.fail(w, r, x.S.SaveAnswer(r.Context(), a, id, b.Text, vis)) {
		return
	}
	answers, err := x.S.MyAnswers(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	for _, ans := range answers {
		if ans.PromptID == id {
			ans.UpdatedAt = ans.UpdatedAt.UTC()
			web.JSON(w, http.StatusOK, ans)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}
