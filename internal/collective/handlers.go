package collective

import (
	"embed"
	"io/fs"
	"net/http"
	"strconv"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

//go:embed all:templates
var templateFS embed.FS

// Handlers serves the collective pages.
type Handlers struct {
	S   *Service
	Web *web.Server
	t   *web.Templates
}

// Register adds the routes and the collective's core navigation.
func (h *Handlers) Register() {
	sub, _ := fs.Sub(templateFS, "templates")
	h.t = h.Web.Templates(sub)
	w := h.Web
	w.AddNav(web.NavItem{Label: "Overview", Path: "", Order: 0})
	w.AddNav(web.NavItem{Label: "Members", Path: "/members", Order: 10})
	w.AddNav(web.NavItem{Label: "Organisations", Path: "/organisations", Order: 20})
	w.AddNav(web.NavItem{Label: "Invitations", Path: "/invitations", Order: 900, Stewards: true})
	w.AddNav(web.NavItem{Label: "Settings", Path: "/settings", Order: 910, Stewards: true})

	w.PublicPage("GET /{$}", h.home)
	w.Page("GET /collectives/new", h.newForm)
	w.Form("POST /collectives/new", h.create)
	w.PublicPage("GET /c/{collective}", h.overview)
	w.Form("POST /c/{collective}/leave", h.leave)
	w.Page("GET /c/{collective}/settings", h.settings)
	w.Form("POST /c/{collective}/settings", h.saveSettings)
	w.Form("POST /c/{collective}/archive", h.archive)
	h.registerMembers()
	h.registerOrganisations()
	h.registerInvitations()
	h.registerAPI()
}

// access loads the collective in the path and what the viewer may do there;
// on failure it has already answered.
func (h *Handlers) access(w http.ResponseWriter, r *http.Request) (*Access, bool) {
	return PageAccess(w, r, h.Web, h.S)
}

// PageAccess reads the form and loads the collective in the path and what
// the viewer may do there, for the pages of every feature; on failure it has
// already answered. A private collective is "please sign in" to a visitor
// who is not signed in: it may be there for people who sign in.
func PageAccess(w http.ResponseWriter, r *http.Request, srv *web.Server, s *Service) (*Access, bool) {
	if !web.ParseForm(w, r, srv) {
		return nil, false
	}
	a, err := s.Access(r.Context(), r.PathValue("collective"))
	if err != nil {
		if errs.Is(err, errs.NotFound) && auth.UserFrom(r.Context()) == nil {
			err = errs.New(errs.Unauthorized, "Please sign in.")
		}
		srv.Error(w, r, err)
		return nil, false
	}
	return a, true
}

// page starts a page inside the collective's frame.
func (h *Handlers) page(a *Access, title string) *web.Page { return Frame(a, title) }

// Frame starts a page inside the collective's frame, for every feature.
func Frame(a *Access, title string) *web.Page {
	return &web.Page{Title: title, Collective: &web.CollectiveBar{
		Slug: a.Collective.Slug, Name: a.Collective.Name, Archived: a.Collective.Archived(), Steward: a.IsSteward(),
	}}
}

// done answers a successful form post: a flash message and a redirect.
func (h *Handlers) done(w http.ResponseWriter, r *http.Request, msg, to string) {
	h.Web.Flash(r, msg)
	web.Redirect(w, r, to)
}

func pathID(r *http.Request, name string) (int64, error) { return PathID(r, name) }

// PathID reads a positive number from the path; anything else is an address
// with nothing at it.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.New(errs.NotFound, "There is nothing at that address.")
	}
	return id, nil
}

func base(a *Access) string { return "/c/" + a.Collective.Slug }
