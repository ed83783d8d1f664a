package gathering

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// registerPages adds the gathering pages under /c/{collective}/gatherings
// and the navigation entry. Every page is HTML that works without
// JavaScript; every change is a POST form answered by a flash message and a
// redirect, or by the form again (422) with what was typed and the message
// next to its field.
func (h *Handlers) registerPages() {
	w := h.Web
	w.AddNav(web.NavItem{Label: "Gatherings", Path: "/gatherings", Order: 9})
	const p = "/c/{collective}/gatherings"
	w.Page("GET "+p, h.listPage)
	w.Page("GET "+p+"/new", h.newPage)
	w.Form("POST "+p+"/new", h.createPage)
	w.Page("GET "+p+"/balance", h.balancePage)
	w.Form("POST "+p+"/balance", h.focusPage)
	w.Page("GET "+p+"/calendars", h.calendarsPage)
	w.Form("POST "+p+"/calendars", h.createFeedPage)
	w.Form("POST "+p+"/calendars/{feed}/revoke", h.revokeFeedPage)

	const g = p + "/{gathering}"
	w.Page("GET "+g, h.viewPage)
	w.Page("GET "+g+"/ics", h.icsPage)
	w.Page("GET "+g+"/edit", h.editPage)
	w.Form("POST "+g+"/edit", h.updatePage)
	w.Form("POST "+g+"/cancel", h.cancelPage)

	const o = g + "/on/{occurrence}"
	w.Page("GET "+o, h.viewPage)
	w.Form("POST "+o+"/rsvp", h.rsvpPage)
	w.Form("POST "+o+"/move", h.movePage)
	w.Form("POST "+o+"/cancel", h.cancelDatePage)
	w.Page("GET "+o+"/live", h.livePage)
	w.Form("POST "+o+"/checkin", h.checkInPage)
	w.Form("POST "+o+"/checkin/{member}/undo", h.undoCheckInPage)
	w.Form("POST "+o+"/outcomes", h.outcomePage)
	w.Form("POST "+o+"/outcomes/{outcome}/delete", h.deleteOutcomePage)
	w.Form("POST "+o+"/minutes", h.minutesPage)
	w.Page("GET "+o+"/report", h.reportPage)
	w.Form("POST "+o+"/report/close", h.closeReportPage)
}

// pageAccess loads the collective for a page; anonymous callers are sent
// to sign in. On failure it has already answered.
func (h *Handlers) pageAccess(w http.ResponseWriter, r *http.Request) (*collective.Access, bool) {
	a, ok := collective.PageAccess(w, r, h.Web, h.Collectives)
	if !ok {
		return nil, false
	}
	if a.User == nil {
		h.Web.Error(w, r, errs.New(errs.Unauthorized, "Sign in to see the gatherings of %s.", a.Collective.Name))
		return nil, false
	}
	return a, true
}

// pageIDs loads the collective and the positive numbers named in the path
// (in the order given); on failure it has already answered.
func (h *Handlers) pageIDs(w http.ResponseWriter, r *http.Request, names ...string) (*collective.Access, []int64, bool) {
	a, ok := h.pageAccess(w, r)
	if !ok {
		return nil, nil, false
	}
	ids := make([]int64, len(names))
	for i, n := range names {
		id, err := collective.PathID(r, n)
		if err != nil {
			h.Web.Error(w, r, err)
			return nil, nil, false
		}
		ids[i] = id
	}
	return a, ids, true
}

// pageDone answers a successful form post: a flash message and a redirect.
func (h *Handlers) pageDone(w http.ResponseWriter, r *http.Request, msg, to string) {
	h.Web.Flash(r, msg)
	web.Redirect(w, r, to)
}

// pageFail shows a refused form again (render) with what was typed, or the
// error page when the refusal is not about the form (not allowed, not
// found, not signed in).
func (h *Handlers) pageFail(w http.ResponseWriter, r *http.Request, err error, p *web.Page, render func(status int)) {
	if !errs.Is(err, errs.Invalid) && !errs.Is(err, errs.Conflict) {
		h.Web.Error(w, r, err)
		return
	}
	p.Form = r.PostForm
	p.Fail(err)
	render(web.Status(err))
}

// formNumber reads an optional whole number from a form; 0 when empty, a
// message naming the field when it is not a number in [0, max].
func formNumber(v url.Values, field string, max int64) (int64, error) {
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

// idText writes an id for a form value or a link.
func idText(id int64) string { return strconv.FormatInt(id, 10) }

// zoneCache keeps loaded time zones: a page of 25 rows in a few zones would
// otherwise parse the zone data 25 times.
var zoneCache sync.Map

// zoneOf is a gathering's zone, or UTC when its name is not known (the
// service refuses such names, so this is a fallback for old rows only).
func zoneOf(name string) *time.Location {
	if loc, ok := zoneCache.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	zoneCache.Store(name, loc)
	return loc
}

// whenText says when a date is, in the gathering's zone: "Tue 3 Mar 2027,
// 10:00–11:30 CET", or both dates when it ends on another day.
func whenText(start, end time.Time, zone string) string {
	loc := zoneOf(zone)
	s, e := start.In(loc), end.In(loc)
	if s.Format(time.DateOnly) == e.Format(time.DateOnly) {
		return s.Format("Mon 2 Jan 2006, 15:04") + "–" + e.Format("15:04 MST")
	}
	return s.Format("Mon 2 Jan 2006, 15:04 MST") + " to " + e.Format("Mon 2 Jan 2006, 15:04 MST")
}

// clockText is a time of day in the gathering's zone.
func clockText(t time.Time, zone string) string { return t.In(zoneOf(zone)).Format("15:04") }

// localValue writes t for a datetime-local input in the gathering's zone.
func localValue(t time.Time, zone string) string {
	return t.In(zoneOf(zone)).Format("2006-01-02T15:04")
}

// hoursText writes hours with at most two decimals and no trailing zeros.
func hoursText(h float64) string {
	return strconv.FormatFloat(float64(int64(h*100+0.5))/100, 'f', -1, 64)
}

// formatLabel says a format in words.
var formatLabel = map[Format]string{InPerson: "In person", Online: "Online", Hybrid: "Hybrid (in person and online)"}

// rsvpLabel says an answer in words.
var rsvpLabel = map[RSVP]string{Going: "Going", Waiting: "On the waiting list", Declined: "Not going"}

// kindLabel says an outcome kind in words.
func kindLabel(k OutcomeKind) string {
	for _, ok := range OutcomeKinds {
		if ok.Kind == k {
			return ok.Label
		}
	}
	return string(k)
}
