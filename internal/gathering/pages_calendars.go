package gathering

import (
	"net/http"

	"commonground/internal/collective"
	"commonground/internal/web"
)

// scopeWords says a feed's scope in words.
var scopeWords = map[FeedScope]string{CollectiveFeed: "Every gathering of the collective",
	PersonalFeed: "Only the gatherings I am invited to or going to"}

func (h *Handlers) calendarsPage(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pageAccess(w, r)
	if !ok {
		return
	}
	h.renderCalendars(w, r, a, collective.Frame(a, "Calendar feeds"), nil, http.StatusOK)
}

// renderCalendars lists my feeds; made is a feed just made, whose secret
// address the page shows this once.
func (h *Handlers) renderCalendars(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, made *CalendarFeed, status int) {
	feeds, err := h.S.Feeds(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	type row struct {
		CalendarFeed
		Label string
	}
	rows := make([]row, 0, len(feeds))
	for _, f := range feeds {
		rows = append(rows, row{f, scopeWords[f.Scope]})
	}
	p.Data = map[string]any{"Base": Base(a), "Feeds": rows, "Made": made, "Scopes": []choice{
		{string(PersonalFeed), scopeWords[PersonalFeed], ""}, {string(CollectiveFeed), scopeWords[CollectiveFeed], ""}}}
	h.t.Render(w, r, status, "calendars", p)
}

func (h *Handlers) createFeedPage(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pageAccess(w, r)
	if !ok {
		return
	}
	f, err := h.S.CreateFeed(r.Context(), a, FeedScope(r.PostFormValue("scope")))
	p := collective.Frame(a, "Calendar feeds")
	if err != nil {
		h.pageFail(w, r, err, p, func(status int) { h.renderCalendars(w, r, a, p, nil, status) })
		return
	}
	// The address is a secret shown once: the page answers the post itself
	// rather than carrying the secret through a redirect and the session.
	p.Flash = "Your feed is made. Copy its address now: it is not shown again."
	h.renderCalendars(w, r, a, p, f, http.StatusOK)
}

func (h *Handlers) revokeFeedPage(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := h.pageIDs(w, r, "feed")
	if !ok {
		return
	}
	if err := h.S.RevokeFeed(r.Context(), a, ids[0]); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.pageDone(w, r, "The feed is revoked: calendars subscribed to it get nothing more.", Base(a)+"/calendars")
}
