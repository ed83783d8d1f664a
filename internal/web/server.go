// Package web is the HTTP side shared by every feature: the server and its
// middleware, sessions, the page layout and rendering, and the mapping from
// application errors to statuses. Features register their own routes.
package web

import (
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// Config is what the server needs from the command line.
type Config struct {
	BaseURL        string // public URL; https makes cookies Secure
	TrustedProxies []netip.Prefix
	MaxBodyBytes   int64
	// UploadBytes is the larger limit of routes registered with Upload or
	// APIUpload (photos, CSV imports); 16 MiB when unset.
	UploadBytes int64
	Logger      *slog.Logger
	// SessionStore keeps the sessions; nil means SessionStore on the
	// sessions table. The auth package offers one that also loads the
	// session's account in the same query.
	SessionStore scs.Store
	// Secret signs paging cursors and other tokens the server hands out;
	// the app keeps one per instance in the database.
	Secret []byte
}

// Route describes one registered route, so tests can enumerate every page.
type Route struct {
	Pattern string // as given to ServeMux, e.g. "GET /c/{collective}/members"
	Kind    string // "page" (HTML to look at), "form" (HTML form post), "api", "asset"
	Public  bool   // reachable without signing in
	// Secret marks a path that carries a secret (a calendar feed's token):
	// logs name the route's pattern instead of the path.
	Secret bool
}

// Server holds the router, the session manager and the page templates.
type Server struct {
	Config   Config
	Sessions *scs.SessionManager
	Log      *slog.Logger
	mux      *http.ServeMux
	// uploads holds the patterns of upload routes only, so the body limit
	// can tell them apart before routing.
	uploads *http.ServeMux
	// secrets holds the patterns of Secret routes, for logPath.
	secrets *http.ServeMux
	routes  []Route
	// Load, if set, runs inside the session middleware before routing: the
	// auth package uses it to load the signed-in person.
	Load func(http.Handler) http.Handler
	// Before, if set, runs just outside the session middleware, so it can
	// prepare the request context that the session store sees.
	Before func(http.Handler) http.Handler
	// nav lists the sections of a collective, in order; features add theirs.
	nav       []NavItem
	bars      bars
	errorPage *Templates
	api       apiDoc
	unread    UnreadFunc
}

// NavItem is one section in a collective's navigation.
type NavItem struct {
	Label string
	Path  string // appended to /c/{slug}; "" for the overview
	Order int
	// Stewards hides the item from members who are not stewards.
	Stewards bool
}

// New makes a server whose sessions live in db.
func New(cfg Config, db *store.DB) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.UploadBytes == 0 {
		cfg.UploadBytes = 16 << 20
	}
	sm := scs.New()
	sm.Store = cfg.SessionStore
	if sm.Store == nil {
		sm.Store = &SessionStore{DB: db}
	}
	sm.Codec = sessionCodec{}
	sm.Lifetime = 30 * 24 * time.Hour
	sm.Cookie.Name = "cg_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = IsHTTPS(cfg.BaseURL)
	sm.Cookie.Persist = true
	s := &Server{Config: cfg, Sessions: sm, Log: cfg.Logger, mux: http.NewServeMux(), uploads: http.NewServeMux(),
		secrets: http.NewServeMux()}
	s.routeAssets()
	s.routeOpenAPI()
	// Anything no route matches gets the same accessible not-found page.
	s.Handle(Route{Pattern: "/", Kind: "fallback", Public: true}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, errs.New(errs.NotFound, "There is nothing at this address."))
	}))
	own, _ := fs.Sub(layoutFS, "templates")
	s.errorPage = s.Templates(own)
	return s
}

// IsHTTPS reports whether the public URL is served over https.
func IsHTTPS(baseURL string) bool {
	u, err := url.Parse(baseURL)
	return err == nil && u.Scheme == "https"
}

// Page registers a page people look at (GET, HTML).
func (s *Server) Page(pattern string, h http.HandlerFunc) {
	s.handle(Route{Pattern: pattern, Kind: "page"}, h)
}

// PublicPage registers a page that needs no sign-in.
func (s *Server) PublicPage(pattern string, h http.HandlerFunc) {
	s.handle(Route{Pattern: pattern, Kind: "page", Public: true}, h)
}

// Form registers a form submission (POST, answered by a redirect or a page).
func (s *Server) Form(pattern string, h http.HandlerFunc) {
	s.handle(Route{Pattern: pattern, Kind: "form"}, h)
}

// API registers a JSON endpoint.
func (s *Server) API(pattern string, h http.HandlerFunc) {
	s.handle(Route{Pattern: pattern, Kind: "api"}, enforceScope(s, h))
}

// Upload registers a form post that carries a file, whose body may be up
// to Config.UploadBytes rather than MaxBodyBytes.
func (s *Server) Upload(pattern string, h http.HandlerFunc) {
	s.uploads.Handle(pattern, http.NotFoundHandler())
	s.handle(Route{Pattern: pattern, Kind: "form"}, h)
}

// APIUpload registers a JSON endpoint that takes a file (an image, a CSV
// file) as its body, up to Config.UploadBytes.
func (s *Server) APIUpload(pattern string, h http.HandlerFunc) {
	s.uploads.Handle(pattern, http.NotFoundHandler())
	s.handle(Route{Pattern: pattern, Kind: "api"}, enforceScope(s, h))
}

// bodyLimit is the most a request's body may hold: more on upload routes.
func (s *Server) bodyLimit(r *http.Request) int64 {
	if _, pattern := s.uploads.Handler(r); pattern != "" {
		return s.Config.UploadBytes
	}
	return s.Config.MaxBodyBytes
}

// PublicAPI registers a JSON endpoint that needs no sign-in.
func (s *Server) PublicAPI(pattern string, h http.HandlerFunc) {
	s.handle(Route{Pattern: pattern, Kind: "api", Public: true}, h)
}

// Handle registers any other handler (assets, health checks).
func (s *Server) Handle(r Route, h http.Handler) { s.handle(r, h) }

func (s *Server) handle(r Route, h http.Handler) {
	s.routes = append(s.routes, r)
	s.mux.Handle(r.Pattern, h)
	if r.Secret {
		s.secrets.Handle(r.Pattern, http.NotFoundHandler())
	}
}

// logPath is the request's path as logs may show it: a Secret route's
// pattern ("GET /calendar/{token}") rather than the secret itself.
func (s *Server) logPath(r *http.Request) string {
	if _, pattern := s.secrets.Handler(r); pattern != "" {
		return pattern
	}
	return r.URL.Path
}

// Routes returns every registered route.
func (s *Server) Routes() []Route { return slices.Clone(s.routes) }

// AddNav adds a section to every collective's navigation.
func (s *Server) AddNav(item NavItem) {
	s.nav = append(s.nav, item)
	slices.SortStableFunc(s.nav, func(a, b NavItem) int { return a.Order - b.Order })
}

// Handler returns the whole middleware chain around the router.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	if s.Load != nil {
		h = s.Load(h)
	}
	h = s.recoverPanics(h)
	h = markSession(h)
	h = s.Sessions.LoadAndSave(h)
	if s.Before != nil {
		h = s.Before(h)
	}
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.limitBody(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	return h
}

// pathIsAPI reports whether a request is for the JSON API, which answers
// with problem documents instead of pages.
func pathIsAPI(path string) bool { return strings.HasPrefix(path, "/api/") }
