package people

import (
	"net/http"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// registerPages adds the people pages and the navigation entry. Every
// page but the photo and the CSV is HTML that works without JavaScript.
func (h *Handlers) registerPages() {
	w := h.Web
	w.AddNav(web.NavItem{Label: "People", Path: "/people", Order: 7})

	const p = "/c/{collective}/people"
	w.Page("GET "+p, h.directory)
	w.Page("GET /c/{collective}/people.csv", h.exportCSV)
	w.Page("GET "+p+"/me", h.me)
	w.Page("GET "+p+"/me/edit", h.editProfile)
	w.Form("POST "+p+"/me", h.saveProfile)
	w.Upload("POST "+p+"/me/photo", h.uploadPhoto)
	w.Form("POST "+p+"/me/photo/delete", h.removePhoto)
	w.Page("GET "+p+"/me/values", h.editValues)
	w.Form("POST "+p+"/me/values", h.saveValues)
	w.Form("POST "+p+"/me/answers/{prompt}", h.saveAnswer)
	w.Page("GET "+p+"/{member}", h.person)
	// One route for a person's sub-pages: "/people/{member}/photo" and
	// "/people/prompts/{prompt}" would both match "/people/prompts/photo",
	// and ServeMux refuses two patterns neither of which is more specific.
	w.Page("GET "+p+"/{member}/{view}", h.personView)

	w.Page("GET /c/{collective}/values", h.values)
	w.Form("POST /c/{collective}/values", h.proposeValue)
	w.Form("POST /c/{collective}/values/{value}", h.updateValue)
	w.Form("POST /c/{collective}/values/{value}/review", h.reviewValue)
	w.Form("POST /c/{collective}/values/{value}/status", h.valueStatus)

	w.Page("GET "+p+"/prompts", h.prompts)
	w.Form("POST "+p+"/prompts", h.createPrompt)
	w.Page("GET "+p+"/prompts/{prompt}", h.promptPage)
	w.Form("POST "+p+"/prompts/{prompt}", h.updatePrompt)
	w.Form("POST "+p+"/prompts/{prompt}/archive", h.archivePrompt)

	w.Page("GET "+p+"/groupings", h.groupings)
	w.Form("POST "+p+"/groupings", h.startGrouping)
	w.Page("GET "+p+"/groupings/{run}", h.grouping)
	w.Page("GET "+p+"/groupings/{run}/groups/{group}", h.groupPage)

	w.Page("GET "+p+"/import", h.importForm)
	w.Upload("POST "+p+"/import", h.importCSV)
}

// accessAnd loads the collective and the positive number named in the
// path; on failure it has already answered.
func (h *Handlers) accessAnd(w http.ResponseWriter, r *http.Request, name string) (*collective.Access, int64, bool) {
	a, ok := h.access(w, r)
	if !ok {
		return nil, 0, false
	}
	id, err := collective.PathID(r, name)
	if err != nil {
		h.Web.Error(w, r, err)
		return nil, 0, false
	}
	return a, id, true
}

// signedIn refuses a visitor who is not signed in before any work: the
// people pages show them nothing.
func (h *Handlers) signedIn(w http.ResponseWriter, r *http.Request, a *collective.Access) bool {
	if a.User == nil {
		h.Web.Error(w, r, errs.New(errs.Unauthorized, "Sign in to see the people of %s.", a.Collective.Name))
		return false
	}
	return true
}

// steward refuses anyone who is not a steward of the collective.
func (h *Handlers) steward(w http.ResponseWriter, r *http.Request, a *collective.Access) bool {
	if !h.signedIn(w, r, a) {
		return false
	}
	if !a.IsSteward() {
		h.Web.Error(w, r, errs.New(errs.Forbidden, "Only stewards of %s can do this.", a.Collective.Name))
		return false
	}
	return true
}

// failForm shows a refused form again with what was typed, or the error
// page when the refusal is not about the form (not allowed, not found).
func (h *Handlers) failForm(w http.ResponseWriter, r *http.Request, err error, p *web.Page, render func(status int)) {
	if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.TooLarge) {
		h.Web.Error(w, r, err)
		return
	}
	if p.Form == nil {
		p.Form = r.PostForm
	}
	p.Fail(err)
	render(web.Status(err))
}

// splitTags reads a tag list typed one per line or separated by commas.
func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == '\r' })
}

// visibilityChoice is one option of a "who may see this" select.
type visibilityChoice struct {
	Value, Label string
}

// visibilityChoices are the options, narrowest first, with the words that
// say exactly who each means.
var visibilityChoices = []visibilityChoice{
	{"me", "Only me"},
	{"stewards", "Stewards of the collective"},
	{"collectives", "Members of my collectives"},
	{"everyone", "Everyone signed in here"},
}

// visibilityWords says who sees a field, for the person's own page.
func visibilityWords(v Visibility) string {
	if v < OnlyMe || v > Everyone {
		return "Unknown"
	}
	return visibilityChoices[v].Label
}

// formInt reads a whole number between lo and hi from a query or form,
// def when empty.
func formInt(s, field string, def, lo, hi int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, errs.Field(field, "Enter a whole number from %d to %d.", lo, hi)
	}
	return n, nil
}
