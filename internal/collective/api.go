package collective

import (
	_ "embed"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// openapiFragment describes every endpoint registered below; the app's
// OpenAPI test fails when a route and the document disagree.
//
//go:embed openapi.json
var openapiFragment []byte

// api serves the JSON API of collectives, members, organisations and
// invitations. Every rule is the service's: handlers only translate JSON.
type api struct {
	S   *Service
	Web *web.Server
	// pages holds encoded member-list pages; see membersPageKey.
	pages bounded[membersPageKey, []byte]
}

// registerAPI adds the /api/v1 routes and their OpenAPI description.
func (h *Handlers) registerAPI() {
	x := &api{S: h.S, Web: h.Web, pages: bounded[membersPageKey, []byte]{max: maxCachedAPIPages}}
	w := h.Web
	w.AddOpenAPI(openapiFragment)
	const c = "/api/v1/collectives/{collective}"
	w.API("GET /api/v1/collectives", x.listCollectives)
	w.API("POST /api/v1/collectives", x.createCollective)
	w.API("GET "+c, x.getCollective)
	w.API("PATCH "+c, x.patchCollective)
	w.API("POST "+c+"/archive", x.archive(true))
	w.API("POST "+c+"/unarchive", x.archive(false))
	w.API("POST "+c+"/leave", x.leave)

	w.API("GET "+c+"/members", x.listMembers)
	w.API("GET "+c+"/members/{member}", x.getMember)
	w.API("PUT "+c+"/members/{member}/roles", x.putRoles)
	w.API("PUT "+c+"/members/{member}/affiliations", x.putAffiliations)
	w.API("DELETE "+c+"/members/{member}", x.removeMember)

	w.API("GET "+c+"/organisations", x.listOrganisations)
	w.API("POST "+c+"/organisations", x.createOrganisation)
	w.API("GET "+c+"/organisations/{organisation}", x.getOrganisation)
	w.API("PATCH "+c+"/organisations/{organisation}", x.patchOrganisation)
	w.API("DELETE "+c+"/organisations/{organisation}", x.deleteOrganisation)

	w.API("GET "+c+"/invitations", x.listInvitations)
	w.API("POST "+c+"/invitations", x.createInvitation)
	w.API("POST "+c+"/invitations/{invitation}/revoke", x.revokeInvitation)
}

// user answers 401 unless someone is signed in (by token or session).
func (x *api) user(w http.ResponseWriter, r *http.Request) bool {
	_, ok := auth.RequireUser(x.Web, w, r)
	return ok
}

// access loads the collective in the path for the person calling; a
// private collective they are not in is 404, as on the pages.
func (x *api) access(w http.ResponseWriter, r *http.Request) (*Access, bool) {
	return APIAccess(w, r, x.Web, x.S)
}

// APIAccess is how every feature's JSON endpoint starts: it requires a
// signed-in caller (a session or a token) and loads the collective in the
// path with the caller's roles in it; a private collective they are not in
// is 404, as on the pages. On failure it has answered with a problem
// document.
func APIAccess(w http.ResponseWriter, r *http.Request, srv *web.Server, s *Service) (*Access, bool) {
	if _, ok := auth.RequireUser(srv, w, r); !ok {
		return nil, false
	}
	a, err := s.Access(r.Context(), r.PathValue("collective"))
	if err != nil {
		srv.Error(w, r, err)
		return nil, false
	}
	return a, true
}

// accessID is access plus the numeric id in the path parameter name.
func (x *api) accessID(w http.ResponseWriter, r *http.Request, name string) (*Access, int64, bool) {
	a, ok := x.access(w, r)
	if !ok {
		return nil, 0, false
	}
	id, err := pathID(r, name)
	if err != nil {
		x.Web.Error(w, r, err)
		return nil, 0, false
	}
	return a, id, true
}

// decode reads a JSON body strictly, answering the problem itself.
func (x *api) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := web.DecodeJSON(r, v); err != nil {
		x.Web.Error(w, r, err)
		return false
	}
	return true
}

// fail answers err unless it is nil, and reports whether it answered.
func (x *api) fail(w http.ResponseWriter, r *http.Request, err error) bool {
	if err != nil {
		x.Web.Error(w, r, err)
		return true
	}
	return false
}

// Page sizes of the API's lists.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// pageParams reads ?limit= (1 to MaxLimit, DefaultLimit when absent) and
// ?cursor=, which must be a cursor this server signed for the same kind of
// list.
func (x *api) pageParams(q url.Values, kind string) (int, apiCursor, error) {
	var after apiCursor
	limit := DefaultLimit
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return 0, after, errs.Field("limit", "limit must be a whole number from 1 to %d.", MaxLimit)
		}
		limit = n
	}
	cursor := q.Get("cursor")
	if err := x.Web.ReadCursor(cursor, &after); err != nil {
		return 0, after, err
	}
	if cursor != "" && (after.K != kind || after.I <= 0) {
		return 0, after, errs.Field("cursor", "This cursor belongs to another list; start again from the first page.")
	}
	return limit, after, nil
}

// created answers 201 with the new resource and where it lives.
func created(w http.ResponseWriter, location string, v any) {
	w.Header().Set("Location", location)
	web.JSON(w, http.StatusCreated, v)
}

func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func apiBase(a *Access) string { return "/api/v1/collectives/" + a.Collective.Slug }
