package activity

import (
	"net/http"
	"strconv"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// NotificationList is a page of notifications, with the unread count so a
// client can show a badge without a second request.
type NotificationList struct {
	Items  []Notification `json:"items"`
	Next   string         `json:"next,omitempty"`
	Unread int            `json:"unread"`
}

// noticeCursor is what a notifications cursor holds: the last id shown and
// the filter it was made under, so a page cannot mix filters.
type noticeCursor struct {
	Before int64 `json:"b"`
	Unread bool  `json:"u,omitempty"`
}

func (h *NoticeHandlers) apiList(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	var nq NoticeQuery
	switch q.Get("unread") {
	case "", "false":
	case "true":
		nq.Unread = true
	default:
		h.Web.Error(w, r, errs.Field("unread", "unread must be true or false."))
		return
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			h.Web.Error(w, r, errs.Field("limit", "The limit must be a whole number from 1 to %d.", MaxLimit))
			return
		}
		nq.Limit = n
	}
	var c noticeCursor
	if err := h.Web.ReadCursor(q.Get("cursor"), &c); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if q.Get("cursor") != "" && c.Unread != nq.Unread {
		h.Web.Error(w, r, errs.Field("cursor", "This cursor was made with another unread filter; start again from the first page."))
		return
	}
	nq.Before = c.Before
	items, next, err := h.N.Notifications(r.Context(), u.ID, nq)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	unread, err := h.N.UnreadCount(r.Context(), u.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	out := NotificationList{Items: items, Unread: unread}
	if next != 0 {
		out.Next = h.Web.SignCursor(noticeCursor{Before: next, Unread: nq.Unread})
	}
	web.JSON(w, http.StatusOK, out)
}

func (h *NoticeHandlers) apiReadOne(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	id, err := noticeID(r)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	n, err := h.N.MarkRead(r.Context(), u.ID, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, n)
}

// readAllAnswer says how many notifications a "mark all read" marked, and
// how many are unread after it: 0, unless one arrived in between.
type readAllAnswer struct {
	Marked int64 `json:"marked"`
	Unread int   `json:"unread"`
}

func (h *NoticeHandlers) apiReadAll(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	n, err := h.N.MarkAllRead(r.Context(), u.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	unread, err := h.N.UnreadCount(r.Context(), u.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, readAllAnswer{Marked: n, Unread: unread})
}

// prefsBody is the preferences as the API reads and writes them.
type prefsBody struct {
	Preferences []Preference `json:"preferences"`
}

// prefsUpdate is a PUT's body: kind name to mode; kinds left out keep
// theirs.
type prefsUpdate struct {
	Preferences map[string]Mode `json:"preferences"`
}

func (h *NoticeHandlers) apiPrefs(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	h.answerPrefs(w, r, u.ID)
}

func (h *NoticeHandlers) answerPrefs(w http.ResponseWriter, r *http.Request, userID int64) {
	prefs, err := h.N.Preferences(r.Context(), userID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	web.JSON(w, http.StatusOK, prefsBody{Preferences: prefs})
}

func (h *NoticeHandlers) apiSetPrefs(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	var body prefsUpdate
	if err := web.DecodeJSON(r, &body); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if body.Preferences == nil {
		h.Web.Error(w, r, errs.Field("preferences", "Send preferences: an object of kind to mode, e.g. {\"member.left\": \"never\"}."))
		return
	}
	if err := h.N.SetPreferences(r.Context(), u.ID, body.Preferences); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.answerPrefs(w, r, u.ID)
}
