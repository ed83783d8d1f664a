package measure

import (
	"embed"
	"io/fs"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/web"
)

//go:embed all:templates
var templateFS embed.FS

// registerPages adds the scorecard, indicator and reporting pages, the
// stewards' forms for goals and indicators, and the navigation entry.
func (h *Handlers) registerPages() {
	sub, _ := fs.Sub(templateFS, "templates")
	h.t = h.Web.Templates(sub)
	w := h.Web
	w.AddNav(web.NavItem{Label: "Scorecard", Path: "/scorecard", Order: 6})

	const p = "/c/{collective}"
	w.PublicPage("GET "+p+"/scorecard", h.scorecard)
	// Activity links to goals and to the indicators as a whole: both live
	// on the scorecard.
	w.PublicPage("GET "+p+"/goals/{goal}", h.goalAnchor)
	w.PublicPage("GET "+p+"/indicators", h.toScorecard)

	w.Page("GET "+p+"/goals/new", h.newGoalForm)
	w.Form("POST "+p+"/goals", h.createGoal)
	w.Page("GET "+p+"/goals/{goal}/edit", h.editGoalForm)
	w.Form("POST "+p+"/goals/{goal}", h.updateGoal)
	w.Form("POST "+p+"/goals/{goal}/delete", h.deleteGoal)

	w.Page("GET "+p+"/indicators/new", h.newIndicatorForm)
	w.Form("POST "+p+"/indicators", h.createIndicator)
	w.PublicPage("GET "+p+"/indicators/{indicator}", h.indicator)
	w.PublicPage("GET "+p+"/indicators/{indicator}/export.csv", h.export)
	w.Page("GET "+p+"/indicators/{indicator}/edit", h.editIndicatorForm)
	w.Form("POST "+p+"/indicators/{indicator}", h.updateIndicator)
	w.Form("POST "+p+"/indicators/{indicator}/delete", h.deleteIndicator)
	w.Page("GET "+p+"/indicators/{indicator}/report", h.reportForm)
	w.Form("POST "+p+"/indicators/{indicator}/report", h.report)
	h.registerCurvePages(p)

	w.PublicPage("GET "+p+"/measurements/{measurement}", h.measurementPage)
	w.Form("POST "+p+"/measurements/{measurement}", h.correct)

	w.Page("GET "+p+"/import", h.importForm)
	w.Form("POST "+p+"/import", h.importCSV)
}

// access loads the collective in the path and what the viewer may do
// there; on failure it has already answered. A private collective is
// "please sign in" to a visitor who is not signed in.
func (h *Handlers) access(w http.ResponseWriter, r *http.Request) (*collective.Access, bool) {
	return collective.PageAccess(w, r, h.Web, h.Collectives)
}

// page starts a page inside the collective's frame.
func (h *Handlers) page(a *collective.Access, title string) *web.Page {
	return collective.Frame(a, title)
}

// done answers a successful form post: a flash message and a redirect.
func (h *Handlers) done(w http.ResponseWriter, r *http.Request, msg, to string) {
	h.Web.Flash(r, msg)
	web.Redirect(w, r, to)
}

// pathID reads a positive number from the path; anything else is an
// address with nothing at it.
func pathID(r *http.Request, name string) (int64, error) { return collective.PathID(r, name) }

// accessAnd loads the collective and the id named in the path.
func (h *Handlers) accessAnd(w http.ResponseWriter, r *http.Request, name string) (*collective.Access, int64, bool) {
	a, ok := h.access(w, r)
	if !ok {
		return nil, 0, false
	}
	id, err := pathID(r, name)
	if err != nil {
		h.Web.Error(w, r, err)
		return nil, 0, false
	}
	return a, id, true
}

func (h *Handlers) toScorecard(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	web.Redirect(w, r, base(a)+"/scorecard")
}

func (h *Handlers) goalAnchor(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "goal")
	if !ok {
		return
	}
	if _, err := h.S.Goal(r.Context(), a, id); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	web.Redirect(w, r, base(a)+"/scorecard#goal-"+strconv.FormatInt(id, 10))
}

// statusWords says a status in words, never by colour alone.
func statusWords(s string) string {
	switch s {
	case OnTrack:
		return "On track"
	case AtRisk:
		return "At risk"
	case OffTrack:
		return "Off track"
	case NoTarget:
		return "No target"
	}
	return "Not enough data"
}

// kindWords names the kinds of indicator in RBA's words.
var kindWords = map[string]string{
	Population: "Population indicator", HowMuch: "How much did we do?",
	HowWell: "How well did we do it?", BetterOff: "Is anyone better off?",
}
