package people

import (
	"net/http"
	"strconv"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// promptView is a prompt ready to show: whether it takes answers now, the
// viewer's own answer and the names of its answer form's fields (unique
// per prompt, as the list shows several forms).
type promptView struct {
	Prompt
	IsOpen           bool
	Mine             *Answer
	Link, AnswerPost string
	AnswerName       string
	VisName          string
}

// promptViews pairs prompts with the viewer's answers; with fill, it also
// puts the answers into form values.
func (h *Handlers) promptViews(r *http.Request, a *collective.Access, list []Prompt, form map[string][]string) ([]promptView, error) {
	mine := map[int64]*Answer{}
	if a.IsMember() {
		answers, err := h.S.MyAnswers(r.Context(), a)
		if err != nil {
			return nil, err
		}
		for i := range answers {
			mine[answers[i].PromptID] = &answers[i]
		}
	}
	now := time.Now()
	out := make([]promptView, len(list))
	for i, p := range list {
		id := strconv.FormatInt(p.ID, 10)
		v := promptView{Prompt: p, IsOpen: p.Open(now), Mine: mine[p.ID], Link: promptLink(a, p.ID),
			AnswerPost: Base(a) + "/me/answers/" + id, AnswerName: "answer-" + id, VisName: "visibility-" + id}
		if _, typed := form[v.AnswerName]; !typed {
			vis := Collectives
			if v.Mine != nil {
				form[v.AnswerName] = []string{v.Mine.Text}
				vis = v.Mine.Visibility
			}
			form[v.VisName] = []string{vis.String()}
		}
		out[i] = v
	}
	return out, nil
}

func (h *Handlers) prompts(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	h.renderPrompts(w, r, a, http.StatusOK, nil)
}

// renderPrompts shows the prompts, the viewer's answer forms and, to
// stewards, archived prompts and the form for a new one.
func (h *Handlers) renderPrompts(w http.ResponseWriter, r *http.Request, a *collective.Access, status int, failed error) {
	list, err := h.S.Prompts(r.Context(), a, a.IsSteward())
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Prompts")
	p.Form = map[string][]string{"kind": {PromptPeriodic}}
	if failed != nil {
		p.Form = r.PostForm
		p.Fail(failed)
	}
	views, err := h.promptViews(r, a, list, p.Form)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Prompts": views, "Choices": visibilityChoices,
		"Steward": a.IsSteward() && !a.Collective.Archived(), "Member": a.IsMember(), "MaxAbout": MaxAbout,
		"MaxQuestion": MaxQuestion}
	h.t.Render(w, r, status, "prompts", p)
}

func (h *Handlers) promptPage(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "prompt")
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	h.renderPrompt(w, r, a, id, http.StatusOK, nil)
}

// renderPrompt shows one prompt with the viewer's answer form and, to
// stewards, the form that edits it.
func (h *Handlers) renderPrompt(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, status int, failed error) {
	list, err := h.S.Prompts(r.Context(), a, true)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	var found []Prompt
	for _, pr := range list {
		if pr.ID == id && (!pr.Archived || a.IsSteward()) {
			found = append(found, pr)
		}
	}
	if len(found) == 0 {
		h.Web.Error(w, r, errs.New(errs.NotFound, "%s has no such prompt.", a.Collective.Name))
		return
	}
	pr := found[0]
	p := h.page(a, "Prompt")
	p.Form = map[string][]string{"kind": {pr.Kind}, "question": {pr.Question}, "opens_on": {pr.OpensOn},
		"closes_on": {pr.ClosesOn}, "position": {strconv.Itoa(pr.Position)}}
	if failed != nil {
		for k, v := range r.PostForm {
			p.Form[k] = v
		}
		p.Fail(failed)
	}
	views, err := h.promptViews(r, a, found, p.Form)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Data = map[string]any{"Access": a, "Base": Base(a), "Prompt": views[0], "Choices": visibilityChoices,
		"Steward": a.IsSteward() && !a.Collective.Archived(), "Member": a.IsMember(), "MaxAbout": MaxAbout,
		"MaxQuestion": MaxQuestion}
	h.t.Render(w, r, status, "prompt", p)
}

// promptInput reads a steward's prompt form.
func promptInput(r *http.Request) (PromptInput, error) {
	pos, err := formInt(r.PostFormValue("position"), "position", 0, 0, 10_000)
	return PromptInput{Kind: r.PostFormValue("kind"), Question: r.PostFormValue("question"),
		OpensOn: r.PostFormValue("opens_on"), ClosesOn: r.PostFormValue("closes_on"), Position: pos}, err
}

func (h *Handlers) createPrompt(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	in, err := promptInput(r)
	var pr *Prompt
	if err == nil {
		pr, err = h.S.CreatePrompt(r.Context(), a, in)
	}
	if err != nil {
		if !errs.Is(err, errs.Invalid) {
			h.Web.Error(w, r, err)
			return
		}
		h.renderPrompts(w, r, a, web.Status(err), err)
		return
	}
	h.done(w, r, "The prompt is added.", Base(a)+"/prompts#prompt-"+strconv.FormatInt(pr.ID, 10))
}

func (h *Handlers) updatePrompt(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "prompt")
	if !ok {
		return
	}
	in, err := promptInput(r)
	if err == nil {
		err = h.S.UpdatePrompt(r.Context(), a, id, in)
	}
	if err != nil {
		// A refused change of an answered prompt's question (Conflict)
		// comes back on the form too, with what was typed.
		if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.Conflict) {
			h.Web.Error(w, r, err)
			return
		}
		h.renderPrompt(w, r, a, id, web.Status(err), err)
		return
	}
	h.done(w, r, "The prompt is saved.", promptLink(a, id))
}

func (h *Handlers) archivePrompt(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "prompt")
	if !ok {
		return
	}
	archive := r.PostFormValue("archived") != "false"
	if err := h.S.ArchivePrompt(r.Context(), a, id, archive); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	msg := "The prompt is archived: it takes no more answers, and the answers given stay on profiles."
	if !archive {
		msg = "The prompt is restored."
	}
	h.done(w, r, msg, Base(a)+"/prompts")
}

// saveAnswer saves the viewer's answer to a prompt; an empty answer
// removes it. A refused answer comes back on the prompt's own page.
func (h *Handlers) saveAnswer(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "prompt")
	if !ok {
		return
	}
	n := strconv.FormatInt(id, 10)
	text := r.PostFormValue("answer-" + n)
	vis, err := ParseVisibility("visibility-"+n, r.PostFormValue("visibility-"+n))
	if err == nil {
		err = h.S.SaveAnswer(r.Context(), a, id, text, vis)
	}
	if err != nil {
		if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.Conflict) {
			h.Web.Error(w, r, err)
			return
		}
		if f := errs.FieldOf(err); f == "answer" || f == "visibility" {
			err = &errs.Error{Code: errs.Code(err), Field: f + "-" + n, Message: errs.Message(err)}
		}
		h.renderPrompt(w, r, a, id, web.Status(err), err)
		return
	}
	msg := "Your answer is saved."
	if text == "" {
		msg = "Your answer is removed."
	}
	h.done(w, r, msg, Base(a)+"/prompts#prompt-"+n)
}
