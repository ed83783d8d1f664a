package activity

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

//go:embed all:templates
var templateFS embed.FS

//go:embed openapi.json
var openapiFragment []byte

// Handlers serves the activity pages and API. The app supplies what the
// log cannot know itself: who the reader is in a collective, and which
// collectives a person belongs to.
type Handlers struct {
	Log *Log
	Web *web.Server
	// Reader returns the signed-in person as the collective at slug sees
	// them; NotFound for a private collective they are not in.
	Reader func(ctx context.Context, slug string) (Reader, error)
	// Memberships lists the signed-in person's collectives, each with their
	// roles there.
	Memberships func(ctx context.Context) ([]Reader, error)
	// MemberUser returns the account and the name of a member of the
	// collective at slug, for the member filter; NotFound if there is none.
	MemberUser func(ctx context.Context, slug string, memberID int64) (userID int64, name string, err error)
	t          *web.Templates
}

// Register adds the routes, the "Activity" section and the API's document.
func (h *Handlers) Register() {
	sub, _ := fs.Sub(templateFS, "templates")
	h.t = h.Web.Templates(sub)
	h.Web.AddNav(web.NavItem{Label: "Activity", Path: "/activity", Order: 30})
	h.Web.Page("GET /c/{collective}/activity", h.collectivePage)
	h.Web.Page("GET /activity", h.personPage)
	h.Web.API("GET /api/v1/collectives/{collective}/activity", h.collectiveAPI)
	h.Web.API("GET /api/v1/activity", h.personAPI)
	h.Web.AddOpenAPI(openapiFragment)
}

// filter is a feed request's parameters, read the same way by pages and API.
type filter struct {
	Query
	Member     int64  // the member filter, as given (a member id)
	MemberName string // whose activity is shown, when filtered
}

// cursor is what a signed cursor holds: the last id shown.
type cursor struct {
	Before int64 `json:"b"`
}

// parse reads cursor, limit and member from the query string.
func (h *Handlers) parse(r *http.Request, slug string) (filter, error) {
	var f filter
	q := r.URL.Query()
	var c cursor
	if err := h.Web.ReadCursor(q.Get("cursor"), &c); err != nil {
		return f, err
	}
	f.Before = c.Before
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return f, errs.Field("limit", "The limit must be a whole number from 1 to %d.", MaxLimit)
		}
		f.Limit = n
	}
	if s := q.Get("member"); s != "" {
		if slug == "" {
			return f, errs.Field("member", "The member filter works on one collective's activity only.")
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return f, errs.Field("member", "The member must be a member's number.")
		}
		uid, name, err := h.MemberUser(r.Context(), slug, id)
		if err != nil {
			if errs.Is(err, errs.NotFound) {
				return f, errs.Field("member", "There is no member %d in this collective.", id)
			}
			return f, err
		}
		f.Member, f.MemberName, f.Actor = id, name, uid
	}
	return f, nil
}

// reader loads the reader for the collective in the path. An anonymous
// visitor to a private collective is asked to sign in, as elsewhere.
func (h *Handlers) reader(w http.ResponseWriter, r *http.Request) (Reader, bool) {
	rd, err := h.Reader(r.Context(), r.PathValue("collective"))
	if err != nil {
		if errs.Is(err, errs.NotFound) && auth.UserFrom(r.Context()) == nil {
			err = errs.New(errs.Unauthorized, "Please sign in.")
		}
		h.Web.Error(w, r, err)
		return Reader{}, false
	}
	return rd, true
}

// nextURL is the link to the page after p, keeping the other parameters.
func (h *Handlers) nextURL(r *http.Request, p *Page) string {
	if p.Next == 0 {
		return ""
	}
	q := url.Values{}
	for k, v := range r.URL.Query() {
		if k != "cursor" {
			q[k] = v
		}
	}
	q.Set("cursor", h.Web.SignCursor(cursor{Before: p.Next}))
	return r.URL.Path + "?" + q.Encode()
}

// firstURL is the link back to the newest entries, keeping the filter.
func firstURL(r *http.Request) string {
	q := r.URL.Query()
	q.Del("cursor")
	if len(q) == 0 {
		return r.URL.Path
	}
	return r.URL.Path + "?" + q.Encode()
}

func (h *Handlers) collectivePage(w http.ResponseWriter, r *http.Request) {
	rd, ok := h.reader(w, r)
	if !ok {
		return
	}
	f, err := h.parse(r, rd.Slug)
	var page *Page
	if err == nil {
		page, err = h.Log.Collective(r.Context(), rd, f.Query)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := &web.Page{Title: "Activity", Collective: &web.CollectiveBar{Slug: rd.Slug, Name: rd.Name, Archived: rd.Archived, Steward: rd.Steward()}}
	if f.MemberName != "" {
		p.Title = "Activity of " + f.MemberName
	}
	p.Data = map[string]any{"Reader": rd, "Items": page.Items, "Next": h.nextURL(r, page), "Filter": f,
		"First": firstURL(r), "All": r.URL.Path, "Paged": f.Before > 0}
	h.t.Render(w, r, http.StatusOK, "collective", p)
}

func (h *Handlers) personPage(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	f, err := h.parse(r, "")
	var page *Page
	if err == nil {
		page, err = h.person(r.Context(), u.ID, f.Query)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := &web.Page{Title: "Activity in your collectives"}
	p.Data = map[string]any{"Items": page.Items, "Next": h.nextURL(r, page), "First": firstURL(r), "Paged": f.Before > 0}
	h.t.Render(w, r, http.StatusOK, "person", p)
}

func (h *Handlers) person(ctx context.Context, userID int64, q Query) (*Page, error) {
	ms, err := h.Memberships(ctx)
	if err != nil {
		return nil, err
	}
	return h.Log.Person(ctx, userID, ms, q)
}
