package gathering

import (
	"hash/crc32"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/web"
)

// BalanceView is the balance dashboard as the API answers it: mine and the
// collective's.
type BalanceView struct {
	Mine       *PersonalBalance   `json:"mine"`
	Collective *CollectiveBalance `json:"collective"`
}

func (x *jsonAPI) balance(w http.ResponseWriter, r *http.Request) {
	a, _, ok := x.access(w, r)
	if !ok {
		return
	}
	x.balanceView(w, r, a)
}

func (x *jsonAPI) balanceView(w http.ResponseWriter, r *http.Request, a *collective.Access) {
	mine, err := x.S.MyBalance(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	all, err := x.S.Balance(r.Context(), a, BalanceQuery{})
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, BalanceView{Mine: mine, Collective: all})
}

// focusBody sets my week: its length (omitted: 40 hours) and the time I
// keep for my own work, in minutes.
type focusBody struct {
	WeekMinutes  *int64 `json:"week_minutes"`
	FocusMinutes int64  `json:"focus_minutes"`
}

func (x *jsonAPI) setFocus(w http.ResponseWriter, r *http.Request) {
	a, _, ok := x.access(w, r)
	if !ok {
		return
	}
	var in focusBody
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	f := Focus{WeekMinutes: DefaultWeekMinutes, FocusMinutes: in.FocusMinutes}
	if in.WeekMinutes != nil {
		f.WeekMinutes = *in.WeekMinutes
	}
	if x.fail(w, r, x.S.SetFocus(r.Context(), a, f)) {
		return
	}
	x.balanceView(w, r, a)
}

// feedList is my feeds.
type feedList struct {
	Items []CalendarFeed `json:"items"`
}

func (x *jsonAPI) feeds(w http.ResponseWriter, r *http.Request) {
	a, _, ok := x.access(w, r)
	if !ok {
		return
	}
	l, err := x.S.Feeds(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, feedList{Items: l})
}

// feedBody asks for a feed.
type feedBody struct {
	Scope FeedScope `json:"scope"`
}

func (x *jsonAPI) createFeed(w http.ResponseWriter, r *http.Request) {
	a, _, ok := x.access(w, r)
	if !ok {
		return
	}
	var in feedBody
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	f, err := x.S.CreateFeed(r.Context(), a, in.Scope)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusCreated, f)
}

func (x *jsonAPI) revokeFeed(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.access(w, r, "feed")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.RevokeFeed(r.Context(), a, ids[0])) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// feed serves /calendar/{token} to calendar programs.
func (x *jsonAPI) feed(w http.ResponseWriter, r *http.Request) {
	b, err := x.S.Feed(r.Context(), r.PathValue("token"))
	if x.fail(w, r, err) {
		return
	}
	writeCalendar(w, r, b)
}

// writeCalendar answers an iCalendar file with an ETag, so a calendar
// program polling every few minutes downloads it only when it changed.
// Private: the file is one member's view, never for a shared cache. The
// tag is two CRCs and the length, not a cryptographic hash: it only tells
// versions of one file apart, and a feed of 10,000 events is megabytes
// that a SHA-256 would spend milliseconds of the feed's budget on. It
// depends on the bytes alone, so every app instance gives the same tag.
func writeCalendar(w http.ResponseWriter, r *http.Request, b []byte) {
	etag := `"` + strconv.FormatUint(uint64(crc32.Checksum(b, castagnoli)), 36) + "-" +
		strconv.FormatUint(uint64(crc32.ChecksumIEEE(b)), 36) + "-" + strconv.Itoa(len(b)) + `"`
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)
