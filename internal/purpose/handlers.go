package purpose

import (
	"embed"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

//go:embed all:templates
var templateFS embed.FS

// Handlers serves the purpose pages and the purpose API. Every rule is the
// service's; handlers only read forms and JSON and choose what to show.
type Handlers struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
	t           *web.Templates
}

// Register adds the pages, the API, the OpenAPI fragment and the
// collective's navigation entry.
func (h *Handlers) Register() {
	sub, _ := fs.Sub(templateFS, "templates")
	h.t = h.Web.Templates(sub)
	w := h.Web
	w.AddNav(web.NavItem{Label: "Purpose", Path: "/purpose", Order: 5})

	const p = "/c/{collective}/purpose"
	w.PublicPage("GET "+p, h.purpose)
	w.Page("GET "+p+"/charter/edit", h.editCharterForm)
	w.Form("POST "+p+"/charter", h.saveCharter)
	w.PublicPage("GET "+p+"/charter/versions", h.charterVersions)
	w.PublicPage("GET "+p+"/charter/versions/{version}", h.charterVersion)
	w.PublicPage("GET "+p+"/charter/diff", h.charterDiff)
	w.Form("POST "+p+"/endorse", h.endorse)
	w.Form("POST "+p+"/endorse/withdraw", h.withdraw)
	for _, k := range []struct{ seg, param, kind string }{
		{"members", "member", OwnerMember}, {"organisations", "org", OwnerOrganisation},
	} {
		v := &valuePages{h: h, param: k.param, kind: k.kind}
		base := p + "/" + k.seg + "/{" + k.param + "}"
		w.PublicPage("GET "+base, v.show)
		w.Form("POST "+base, v.save)
		w.PublicPage("GET "+base+"/versions/{version}", v.version)
		w.PublicPage("GET "+base+"/diff", v.diff)
	}
	h.registerAPI()
}

// access loads the collective in the path and what the viewer may do
// there; on failure it has already answered. A private collective is
// "please sign in" to a visitor who is not signed in, as on the
// collective's own pages.
func (h *Handlers) access(w http.ResponseWriter, r *http.Request) (*collective.Access, bool) {
	return collective.PageAccess(w, r, h.Web, h.Collectives)
}

// page starts a page inside the collective's frame.
func (h *Handlers) page(a *collective.Access, title string) *web.Page {
	return collective.Frame(a, title)
}

// done answers a successful form post: a flash message and a redirect.
func (h *Handlers) done(w http.ResponseWriter, r *http.Request, msg, to string) {
	h.Web.Flash(r, msg)
	web.Redirect(w, r, to)
}

// pathNumber reads a positive number from the path; anything else is an
// address with nothing at it.
func pathNumber(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 || n > 1<<31 {
		return 0, errs.New(errs.NotFound, "There is nothing at that address.")
	}
	return n, nil
}

// formBase reads the hidden base version of an edit form.
func formBase(r *http.Request) (int, error) {
	s := strings.TrimSpace(r.PostFormValue("base"))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, errs.Field("base", "The form's version is not a number; reload the page and edit again.")
	}
	return n, nil
}

// diffRange reads ?from= and ?to= of a diff page; a missing to is the
// current version and a missing from the one before to.
func diffRange(r *http.Request, current int) (from, to int, err error) {
	q := r.URL.Query()
	read := func(name string, def int) (int, error) {
		s := strings.TrimSpace(q.Get(name))
		if s == "" {
			return def, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, errs.Field(name, "Choose a version number to compare.")
		}
		return n, nil
	}
	if to, err = read("to", current); err != nil {
		return 0, 0, err
	}
	if from, err = read("from", max(to-1, 0)); err != nil {
		return 0, 0, err
	}
	if from > to {
		from, to = to, from
	}
	return from, to, nil
}

// textHTML shows a person's text with its line breaks kept, escaped. The
// stylesheet is shared by every feature, so line breaks become <br>
// rather than relying on a white-space rule.
func textHTML(s string) template.HTML {
	return template.HTML(strings.ReplaceAll(html.EscapeString(s), "\n", "<br>"))
}

// diffHTML renders a word diff with <del> and <ins>. Strike-through and
// underline are not read aloud, so each run also says "removed" or
// "added" to screen readers.
func diffHTML(ops []Op) template.HTML {
	var b strings.Builder
	for _, op := range ops {
		text := textHTML(op.Text)
		switch op.Kind {
		case Insert:
			b.WriteString(`<ins><span class="visually-hidden">[added: </span>` + string(text) + `<span class="visually-hidden">]</span></ins>`)
		case Delete:
			b.WriteString(`<del><span class="visually-hidden">[removed: </span>` + string(text) + `<span class="visually-hidden">]</span></del>`)
		default:
			b.WriteString(string(text))
		}
	}
	return template.HTML(b.String())
}

// fieldView is one field of a version or of a diff, ready to show.
type fieldView struct {
	Label   string
	Changed bool
	HTML    template.HTML
}

func diffViews(fds []FieldDiff) []fieldView {
	out := make([]fieldView, len(fds))
	for i, d := range fds {
		out[i] = fieldView{Label: d.Label, Changed: d.Changed, HTML: diffHTML(d.Ops)}
	}
	return out
}

func textViews(fields []field) []fieldView {
	out := make([]fieldView, 0, len(fields))
	for _, f := range fields {
		out = append(out, fieldView{Label: f.label, HTML: textHTML(f.text)})
	}
	return out
}

// conflictView is a refused edit as the form shows it: each field that
// differs, with the current text and the diff to what the person wrote.
type conflictView struct {
	Message string
	Current int
	Fields  []conflictField
}

type conflictField struct {
	Label   string
	Current template.HTML
	Diff    template.HTML
}

func newConflictView(c *ConflictError) *conflictView {
	v := &conflictView{Message: errs.Message(c), Current: c.Current}
	for _, f := range c.Fields {
		if f.Differs {
			v.Fields = append(v.Fields, conflictField{Label: f.Label, Current: textHTML(f.Current), Diff: diffHTML(f.Diff)})
		}
	}
	return v
}

// versionChoices are the numbers a compare form offers, newest first.
func versionChoices(list []VersionInfo) []int {
	out := make([]int, 0, len(list)+1)
	for _, v := range list {
		out = append(out, v.Version)
	}
	return append(out, 0)
}
