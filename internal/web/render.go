package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"commonground/internal/errs"
)

//go:embed all:templates
var layoutFS embed.FS

// Page is what every template receives.
type Page struct {
	Title      string
	Viewer     *Viewer
	Collective *CollectiveBar // set on a collective's pages: its name and navigation
	Flash      string
	Error      string            // a message for the whole form or page
	Errors     map[string]string // messages next to fields, by field name
	Form       url.Values        // the values to put back into a form
	Data       any
	Path       string
	// Unread is how many notifications the viewer has not read, for the
	// header; Render fills it through the function given to SetUnread.
	Unread int
}

// CollectiveBar is the collective's header and navigation.
type CollectiveBar struct {
	Slug     string
	Name     string
	Archived bool
	Steward  bool
	Nav      []NavLink
	// HTML is the rendered bar; Render fills it from a cache, since every
	// page of a collective shows one of a few versions of it.
	HTML template.HTML
}

// NavLink is a navigation entry ready to show; it is worked out in Go
// rather than in the template, which is the costlier place to do it.
type NavLink struct {
	Label, Href string
	Current     bool
}

// Fail puts an application error on the page: next to its field when it
// names one, otherwise at the top.
func (p *Page) Fail(err error) {
	if f := errs.FieldOf(err); f != "" {
		if p.Errors == nil {
			p.Errors = map[string]string{}
		}
		p.Errors[f] = errs.Message(err)
		p.Error = "Please correct the marked field."
		return
	}
	p.Error = errs.Message(err)
}

// Value returns a form value to put back into a field.
func (p *Page) Value(name string) string {
	if p.Form == nil {
		return ""
	}
	return p.Form.Get(name)
}

// Templates is one feature's set of pages, each parsed with the layout.
type Templates struct {
	s     *Server
	pages map[string]*template.Template
}

// Templates parses every *.html in fsys as a page rendered inside the layout.
// Files whose names start with "_" are partials shared by the set's pages.
func (s *Server) Templates(fsys fs.FS) *Templates {
	base := template.Must(template.New("layout").Funcs(s.funcs()).ParseFS(layoutFS, "templates/_*.html"))
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		panic(err)
	}
	var partials []string
	for _, n := range names {
		if strings.HasPrefix(n, "_") {
			partials = append(partials, n)
		}
	}
	if len(partials) > 0 {
		base = template.Must(base.ParseFS(fsys, partials...))
	}
	t := &Templates{s: s, pages: map[string]*template.Template{}}
	for _, n := range names {
		if strings.HasPrefix(n, "_") {
			continue
		}
		t.pages[strings.TrimSuffix(n, ".html")] = template.Must(template.Must(base.Clone()).ParseFS(fsys, n))
	}
	return t
}

// Render writes the named page with status. It fills in the viewer, the
// flash message and the collective's navigation.
func (t *Templates) Render(w http.ResponseWriter, r *http.Request, status int, name string, p *Page) {
	tmpl, ok := t.pages[name]
	if !ok {
		t.s.Error(w, r, fmt.Errorf("web: no template %q", name))
		return
	}
	p.Viewer = ViewerFrom(r.Context())
	p.Path = r.URL.Path
	if p.Viewer != nil {
		if f := t.s.unread; f != nil {
			p.Unread = f(r.Context(), p.Viewer.ID)
		}
	}
	if p.Flash == "" && hasSession(r.Context()) {
		p.Flash = t.s.Sessions.PopString(r.Context(), "flash")
	}
	if c := p.Collective; c != nil && c.HTML == "" {
		html, err := t.s.collectiveBar(tmpl, c, p.Path)
		if err != nil {
			t.s.Error(w, r, fmt.Errorf("web: render %s: %w", name, err))
			return
		}
		c.HTML = html
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<20 { // do not keep the odd huge page alive
			buf.Reset()
			buffers.Put(buf)
		}
	}()
	if err := tmpl.ExecuteTemplate(buf, "layout", p); err != nil {
		t.s.Error(w, r, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	// With its length known, the page goes out in one piece rather than in
	// chunks (net/http chunks any answer of unknown length over 2 KB).
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// UnreadFunc counts a person's unread notifications.
type UnreadFunc func(ctx context.Context, userID int64) int

// SetUnread makes every page show the signed-in person's unread
// notifications in the header; the app wires the notifier here.
func (s *Server) SetUnread(f UnreadFunc) { s.unread = f }

// Fragment executes the named template (a partial of the set) on its own,
// for a part of a page that is rendered once and reused.
func (t *Templates) Fragment(name string, data any) (template.HTML, error) {
	for _, tmpl := range t.pages {
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return template.HTML(buf.String()), nil // #nosec: the output of html/template
	}
	return "", fmt.Errorf("web: no templates to render %q with", name)
}

// buffers recycles page buffers: a page is rendered whole before it is sent
// (so a template error can still become an error page), and growing a fresh
// buffer for every page was a large share of the garbage made per request.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Flash leaves a message for the next page this person sees.
func (s *Server) Flash(r *http.Request, msg string) { s.Sessions.Put(r.Context(), "flash", msg) }

// Redirect answers a form post with 303 See Other.
func Redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) string { return s.assetURL(name) },
		"when": func(v *Viewer, t time.Time) string {
			return localTime(v, t).Format("2 Jan 2006, 15:04 MST")
		},
		"day":     func(v *Viewer, t time.Time) string { return localTime(v, t).Format("2 Jan 2006") },
		"isoTime": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"active": func(current, href string) bool {
			return current == href || (href != "" && path.Dir(current) == href && !strings.HasSuffix(href, "/"))
		},
		"join": strings.Join,
		"add":  func(a, b int) int { return a + b },
		"sub":  func(a, b int) int { return a - b },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"has": func(list []string, s string) bool {
			for _, x := range list {
				if x == s {
					return true
				}
			}
			return false
		},
	}
}

// zones caches loaded time zones: time.LoadLocation parses the zone data on
// every call, and a page of fifty dates would do so fifty times.
var zones sync.Map

func localTime(v *Viewer, t time.Time) time.Time {
	if v == nil || v.TimeZone == "" || v.TimeZone == "UTC" {
		return t.UTC()
	}
	if loc, ok := zones.Load(v.TimeZone); ok {
		return t.In(loc.(*time.Location))
	}
	loc, err := time.LoadLocation(v.TimeZone)
	if err != nil {
		return t.UTC()
	}
	zones.Store(v.TimeZone, loc)
	return t.In(loc)
}

// ParseForm parses a posted form; on failure (a body over the limit, bad
// encoding) it answers and returns false.
func ParseForm(w http.ResponseWriter, r *http.Request, s *Server) bool {
	if r.Method != http.MethodPost {
		return true
	}
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.Error(w, r, errs.New(errs.TooLarge, "The form is larger than %d bytes.", tooBig.Limit))
		} else {
			s.Error(w, r, errs.New(errs.Invalid, "The form could not be read; please try again."))
		}
		return false
	}
	return true
}
