package decision

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// registerPages adds the proposal, decision, outcome and power pages. Every
// page is HTML that works without JavaScript; every change is a POST form
// answered by a flash message and a redirect, or by the form again (422)
// with what was typed and the messages next to the fields.
func (h *Handlers) registerPages() {
	w := h.Web
	w.AddNav(web.NavItem{Label: "Decisions", Path: "/decisions", Order: 9})

	const p = "/c/{collective}/decisions"
	w.Page("GET "+p, h.proposals)
	w.Page("GET "+p+"/proposals/new", h.newProposalForm)
	w.Form("POST "+p+"/proposals/new", h.createProposal)
	w.Page("GET "+p+"/proposals/{proposal}", h.proposal)
	w.Page("GET "+p+"/proposals/{proposal}/edit", h.editProposalForm)
	w.Form("POST "+p+"/proposals/{proposal}/edit", h.editProposal)
	w.Form("POST "+p+"/proposals/{proposal}/withdraw", h.withdrawProposal)
	w.Form("POST "+p+"/proposals/{proposal}/comments", h.addComment)
	w.Page("GET "+p+"/proposals/{proposal}/decide", h.decideForm)
	w.Form("POST "+p+"/proposals/{proposal}/decide", h.decide)
	w.Page("GET "+p+"/proposals/{proposal}/comments/{comment}/edit", h.editCommentForm)
	w.Form("POST "+p+"/proposals/{proposal}/comments/{comment}/edit", h.editComment)
	w.Form("POST "+p+"/proposals/{proposal}/comments/{comment}/delete", h.deleteComment)

	w.Page("GET "+p+"/{decision}", h.decision)
	w.Form("POST "+p+"/{decision}/{action}", h.decisionAction)

	w.Page("GET "+p+"/log", h.log)
	w.Page("GET "+p+"/log.csv", h.logCSV)
	w.Page("GET "+p+"/outcomes/{outcome}/edit", h.editOutcomeForm)
	w.Form("POST "+p+"/outcomes/{outcome}/edit", h.editOutcome)
	w.Page("GET "+p+"/power", h.power)
	w.Page("GET "+p+"/proxies", h.proxies)
	w.Form("POST "+p+"/proxies", h.giveProxy)
	w.Form("POST "+p+"/proxies/{proxy}/revoke", h.revokeProxy)
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

// failForm shows a refused form again with what was typed (422), or the
// error page when the refusal is not about the form (not allowed, not
// found, not signed in).
func (h *Handlers) failForm(w http.ResponseWriter, r *http.Request, err error, p *web.Page, render func(status int)) {
	if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.Conflict) {
		h.Web.Error(w, r, err)
		return
	}
	p.Form = r.PostForm
	p.Fail(err)
	render(web.Status(err))
}

// data starts a page's data with what every decision page's links need.
func (h *Handlers) data(a *collective.Access) map[string]any {
	return map[string]any{"Access": a, "Base": Base(a), "CanPropose": a.CanContribute()}
}

// formInt reads an optional whole number; 0 when empty, a message naming
// the field when it is not a number in [0, max].
func formInt(v url.Values, field string, max int64) (int64, error) {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > max {
		return 0, errs.Field(field, "Enter a whole number from 0 to %d.", max)
	}
	return n, nil
}

// formID reads an optional id from a form; 0 when empty.
func formID(v url.Values, field string) (int64, error) {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Field(field, "Choose from the list.")
	}
	return id, nil
}

// dateTimeLayout is how a datetime-local input sends its value.
const dateTimeLayout = "2006-01-02T15:04"

// viewerZone is the signed-in person's time zone, in which they read and
// type times; UTC when unknown.
func viewerZone(r *http.Request) *time.Location {
	if v := web.ViewerFrom(r.Context()); v != nil && v.TimeZone != "" {
		if loc, err := time.LoadLocation(v.TimeZone); err == nil {
			return loc
		}
	}
	return time.UTC
}

// formTime reads a datetime-local value in the viewer's zone; nil when
// empty.
func formTime(r *http.Request, v url.Values, field string) (*time.Time, error) {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return nil, nil
	}
	for _, layout := range []string{dateTimeLayout, dateTimeLayout + ":05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, viewerZone(r)); err == nil {
			return &t, nil
		}
	}
	return nil, errs.Field(field, "Enter a date and time, such as 2026-12-01T18:00.")
}

// localInput writes t for a datetime-local input in the viewer's zone.
func localInput(r *http.Request, t time.Time) string {
	return t.In(viewerZone(r)).Format(dateTimeLayout)
}

// choice is one option of a select or a set of radio buttons.
type choice struct{ Value, Label, Hint string }

// statusLabel says a proposal's status in words.
var statusLabel = map[ProposalStatus]string{Discussion: "In discussion", Deciding: "Deciding", Decided: "Decided",
	Withdrawn: "Withdrawn"}

// decisionStatusLabel says a decision's status in words.
var decisionStatusLabel = map[Status]string{Scheduled: "Scheduled", Open: "Open", Closed: "Closed",
	Cancelled: "Cancelled"}

func statusChoices() []choice {
	var out []choice
	for _, s := range []ProposalStatus{Discussion, Deciding, Decided, Withdrawn} {
		out = append(out, choice{Value: string(s), Label: statusLabel[s]})
	}
	return out
}

// roleChoices lists the roles a decision's electorate may be drawn from.
func roleChoices() []choice {
	var out []choice
	for _, r := range auth.Roles() {
		if r.Name != auth.Observer {
			out = append(out, choice{Value: r.Name, Label: r.Label})
		}
	}
	return out
}

// idText writes an id for a link.
func idText(id int64) string { return strconv.FormatInt(id, 10) }

// outcomeWords says whether a decision passed, in words.
func outcomeWords(passed *bool) string {
	switch {
	case passed == nil:
		return ""
	case *passed:
		return "Passed"
	}
	return "Did not pass"
}

// mandateLink is the mandate page a decision is about, or "" when its
// subject names no mandate. Mandate writes subjects as "mandate:<id>:<what>";
// the path is built here because decision must not import mandate.
func mandateLink(a *collective.Access, subject string) string {
	rest, ok := strings.CutPrefix(subject, "mandate:")
	if !ok {
		return ""
	}
	id, _, ok := strings.Cut(rest, ":")
	if n, err := strconv.ParseInt(id, 10, 64); !ok || err != nil || n <= 0 {
		return ""
	}
	return "/c/" + a.Collective.Slug + "/mandates/" + id
}
