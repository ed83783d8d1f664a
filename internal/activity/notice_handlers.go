package activity

import (
	"embed"
	"io/fs"
	"net/http"
	"strconv"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

//go:embed notifytemplates/*.html
var noticeTemplatesFS embed.FS

//go:embed notify_openapi.json
var noticeOpenAPI []byte

// NoticeHandlers serve the notification pages, the preferences, the
// unsubscribe links and the notifications API.
type NoticeHandlers struct {
	N   *Notifier
	Web *web.Server
	t   *web.Templates
}

// noticesPerPage is how many notifications the page lists at once.
const noticesPerPage = 25

// Register adds the routes and the API's description.
func (h *NoticeHandlers) Register() {
	sub, err := fs.Sub(noticeTemplatesFS, "notifytemplates")
	if err != nil {
		panic(err)
	}
	h.t = h.Web.Templates(sub)
	h.Web.Page("GET /notifications", h.listPage)
	h.Web.Form("POST /notifications/read", h.readAll)
	h.Web.Form("POST /notifications/{id}/read", h.readOne)
	h.Web.Page("GET /account/notifications", h.prefsPage)
	h.Web.Form("POST /account/notifications", h.savePrefs)
	// Unsubscribing works signed out: the link in the e-mail is the proof.
	h.Web.PublicPage("GET /unsubscribe/{token}", h.unsubscribePage)
	h.Web.Handle(web.Route{Pattern: "POST /unsubscribe/{token}", Kind: "form", Public: true}, http.HandlerFunc(h.unsubscribe))
	h.Web.API("GET /api/v1/notifications", h.apiList)
	h.Web.API("POST /api/v1/notifications/read", h.apiReadAll)
	h.Web.API("POST /api/v1/notifications/{id}/read", h.apiReadOne)
	h.Web.API("GET /api/v1/notifications/preferences", h.apiPrefs)
	h.Web.API("PUT /api/v1/notifications/preferences", h.apiSetPrefs)
	h.Web.AddOpenAPI(noticeOpenAPI)
}

func noticeID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.New(errs.NotFound, "No such notification.")
	}
	return id, nil
}

func (h *NoticeHandlers) listPage(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	var before int64
	if s := q.Get("before"); s != "" {
		// Only our own "Older notifications" link sets it; anything else is
		// a mangled address, said so rather than shown as the first page.
		var err error
		if before, err = strconv.ParseInt(s, 10, 64); err != nil || before <= 0 {
			h.Web.Error(w, r, errs.Field("before", "This address does not name a page of notifications. Start again from the newest notifications at /notifications."))
			return
		}
	}
	unreadOnly := q.Get("show") == "unread"
	items, next, err := h.N.Notifications(r.Context(), u.ID, NoticeQuery{Before: before, Limit: noticesPerPage, Unread: unreadOnly})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	unread, err := h.N.UnreadCount(r.Context(), u.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	show := ""
	if unreadOnly {
		show = "unread"
	}
	h.t.Render(w, r, http.StatusOK, "notifications", &web.Page{Title: "Notifications", Data: map[string]any{
		"Items": items, "Next": next, "Paged": before > 0, "UnreadCount": unread, "Show": show,
	}})
}

func (h *NoticeHandlers) readAll(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	n, err := h.N.MarkAllRead(r.Context(), u.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	msg := "All notifications are marked as read."
	if n == 0 {
		msg = "There was nothing unread."
	}
	h.Web.Flash(r, msg)
	web.Redirect(w, r, "/notifications")
}

// readOne marks a notification read and opens what it is about: a link
// cannot post, so the list offers unread items as buttons that do both.
func (h *NoticeHandlers) readOne(w http.ResponseWriter, r *http.Request) {
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
	if n.Link == "" {
		h.Web.Flash(r, "Marked as read: "+n.Title)
		web.Redirect(w, r, "/notifications")
		return
	}
	web.Redirect(w, r, auth.SafeNext(n.Link))
}

func (h *NoticeHandlers) prefsPage(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	h.renderPrefs(w, r, u.ID, http.StatusOK, &web.Page{})
}

func (h *NoticeHandlers) renderPrefs(w http.ResponseWriter, r *http.Request, userID int64, status int, p *web.Page) {
	prefs, err := h.N.Preferences(r.Context(), userID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Title = "Notification settings"
	p.Data = map[string]any{"Prefs": prefs, "Modes": Modes()}
	h.t.Render(w, r, status, "preferences", p)
}

func (h *NoticeHandlers) savePrefs(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	if !web.ParseForm(w, r, h.Web) {
		return
	}
	choices := map[string]Mode{}
	for _, k := range Kinds() {
		if v := r.PostForm.Get(k.Name); v != "" {
			choices[k.Name] = Mode(v)
		}
	}
	if err := h.N.SetPreferences(r.Context(), u.ID, choices); err != nil {
		if errs.Code(err) != errs.Invalid {
			h.Web.Error(w, r, err)
			return
		}
		p := &web.Page{Error: errs.Message(err)}
		h.renderPrefs(w, r, u.ID, http.StatusUnprocessableEntity, p)
		return
	}
	h.Web.Flash(r, "Your notification settings are saved.")
	web.Redirect(w, r, "/account/notifications")
}

func (h *NoticeHandlers) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	u, err := h.N.ReadUnsubscribe(r.Context(), r.PathValue("token"))
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.t.Render(w, r, http.StatusOK, "unsubscribe", &web.Page{Title: "Unsubscribe", Data: map[string]any{
		"U": u, "Token": r.PathValue("token"),
	}})
}

// unsubscribe serves both the page's button and mail clients' one-click
// POST (RFC 8058), which carries no session and expects a 2xx.
func (h *NoticeHandlers) unsubscribe(w http.ResponseWriter, r *http.Request) {
	u, err := h.N.Unsubscribe(r.Context(), r.PathValue("token"))
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.t.Render(w, r, http.StatusOK, "unsubscribed", &web.Page{Title: "Unsubscribed", Data: map[string]any{"U": u}})
}
