package auth

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"net/url"

	"commonground/internal/errs"
	"commonground/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// Handlers are the pages for signing up and in, password resets, the
// account page and the instance administration page.
type Handlers struct {
	S   *Service
	Web *web.Server
	// InvitationValid, if set, reports whether next (where a person goes
	// after signing up) is the page of a valid invitation; such people may
	// sign up when the mode is SignupInvite. The collective package offers it.
	InvitationValid func(ctx context.Context, next string) bool
	t               *web.Templates
}

// Register adds the routes to h.Web.
func (h *Handlers) Register() {
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		panic(err)
	}
	h.t = h.Web.Templates(sub)
	s := h.Web
	s.PublicPage("GET /signup", h.signupPage)
	s.Form("POST /signup", h.signup)
	s.PublicPage("GET /signin", h.signinPage)
	s.Form("POST /signin", h.signin)
	s.Form("POST /signout", h.signout)
	s.PublicPage("GET /reset", h.resetRequestPage)
	s.Form("POST /reset", h.resetRequest)
	s.PublicPage("GET /reset/{token}", h.resetPage)
	s.Form("POST /reset/{token}", h.reset)
	s.Page("GET /account", h.signedIn(h.accountPage))
	s.Form("POST /account", h.signedIn(h.updateProfile))
	s.Form("POST /account/password", h.signedIn(h.changePassword))
	s.Form("POST /account/delete", h.signedIn(h.deleteAccount))
	s.Page("GET /account/export", h.signedIn(h.export))
	s.Page("GET /admin", h.signedIn(h.adminPage))
	s.Form("POST /admin", h.signedIn(h.updateAdmin))
	h.registerTokens()
}

// signedIn runs fn for signed-in people and sends others to sign in.
func (h *Handlers) signedIn(fn func(w http.ResponseWriter, r *http.Request, u *User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if u, ok := RequireUser(h.Web, w, r); ok {
			fn(w, r, u)
		}
	}
}

// parseForm reads a posted form, answering the request itself on failure.
func (h *Handlers) parseForm(w http.ResponseWriter, r *http.Request) bool {
	return web.ParseForm(w, r, h.Web)
}

// fail shows err on the page it came from, with the status it maps to.
// Internal errors get the error page (and the log) instead.
func (h *Handlers) fail(w http.ResponseWriter, r *http.Request, name string, p *web.Page, err error) {
	if errs.Code(err) == errs.Internal {
		h.Web.Error(w, r, err)
		return
	}
	p.Fail(err)
	h.t.Render(w, r, web.Status(err), name, p)
}

// signupData is what the sign-up page needs beyond the form.
type signupData struct {
	Mode    string
	First   bool // no account exists yet: this one will administer the instance
	Allowed bool // whether this visitor may sign up in this mode
}

func (h *Handlers) signupData(r *http.Request) (signupData, error) {
	mode, err := h.S.SignupMode(r.Context())
	if err != nil {
		return signupData{}, err
	}
	first, err := h.S.firstAccount(r.Context())
	invited := h.invited(r)
	return signupData{Mode: mode, First: first, Allowed: first || mode == SignupOpen || (mode == SignupInvite && invited)}, err
}

// invited reports whether the sign-up's next link (query or form) is a
// valid invitation.
func (h *Handlers) invited(r *http.Request) bool {
	return h.InvitationValid != nil && h.InvitationValid(r.Context(), r.FormValue("next"))
}

func (h *Handlers) signupPage(w http.ResponseWriter, r *http.Request) {
	if UserFrom(r.Context()) != nil {
		web.Redirect(w, r, SafeNext(r.URL.Query().Get("next")))
		return
	}
	d, err := h.signupData(r)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := &web.Page{Title: "Create an account", Data: d, Form: url.Values{"next": {r.URL.Query().Get("next")}}}
	h.t.Render(w, r, http.StatusOK, "signup", p)
}

func (h *Handlers) signup(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	d, err := h.signupData(r)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	// SignUp enforces the mode; the page only tells it about an invitation.
	u, err := h.S.SignUp(r.Context(), r.PostForm.Get("email"), r.PostForm.Get("name"), r.PostForm.Get("password"), h.invited(r))
	if err != nil {
		if !errs.Is(err, errs.Forbidden) {
			d.Allowed = true // keep the form so the person can correct it
		}
		p := &web.Page{Title: "Create an account", Data: d, Form: keep(r.PostForm, "email", "name", "next")}
		h.fail(w, r, "signup", p, err)
		return
	}
	if err := StartSession(r.Context(), h.Web.Sessions, u); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, "Welcome, "+u.Name+". Your account is ready.")
	web.Redirect(w, r, SafeNext(r.PostForm.Get("next")))
}

func (h *Handlers) signinPage(w http.ResponseWriter, r *http.Request) {
	if UserFrom(r.Context()) != nil {
		web.Redirect(w, r, SafeNext(r.URL.Query().Get("next")))
		return
	}
	p := &web.Page{Title: "Sign in", Form: url.Values{"next": {r.URL.Query().Get("next")}}}
	h.t.Render(w, r, http.StatusOK, "signin", p)
}

func (h *Handlers) signin(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	u, err := h.S.SignIn(r.Context(), r.PostForm.Get("email"), r.PostForm.Get("password"), web.ClientIP(r))
	if err != nil {
		// The password is never put back into the page.
		p := &web.Page{Title: "Sign in", Form: keep(r.PostForm, "email", "next")}
		h.fail(w, r, "signin", p, err)
		return
	}
	if err := StartSession(r.Context(), h.Web.Sessions, u); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	web.Redirect(w, r, SafeNext(r.PostForm.Get("next")))
}

func (h *Handlers) signout(w http.ResponseWriter, r *http.Request) {
	if err := EndSession(r.Context(), h.Web.Sessions); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, "You have signed out.")
	web.Redirect(w, r, "/")
}

func (h *Handlers) resetRequestPage(w http.ResponseWriter, r *http.Request) {
	h.t.Render(w, r, http.StatusOK, "reset_request", &web.Page{Title: "Reset your password"})
}

func (h *Handlers) resetRequest(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	if err := h.S.RequestReset(r.Context(), r.PostForm.Get("email")); err != nil {
		p := &web.Page{Title: "Reset your password", Form: keep(r.PostForm, "email")}
		h.fail(w, r, "reset_request", p, err)
		return
	}
	h.Web.Flash(r, "If an account exists for that address, we've sent a link to it. The link works for one hour.")
	web.Redirect(w, r, "/signin")
}

func (h *Handlers) resetPage(w http.ResponseWriter, r *http.Request) {
	p := &web.Page{Title: "Choose a new password"}
	if err := h.S.CheckReset(r.Context(), r.PathValue("token")); err != nil {
		p.Data = "gone"
		h.fail(w, r, "reset", p, err)
		return
	}
	h.t.Render(w, r, http.StatusOK, "reset", p)
}

func (h *Handlers) reset(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	err := h.S.ResetPassword(r.Context(), r.PathValue("token"), r.PostForm.Get("password"))
	if err != nil {
		p := &web.Page{Title: "Choose a new password"}
		if errs.Is(err, errs.Gone) {
			p.Data = "gone"
		}
		h.fail(w, r, "reset", p, err)
		return
	}
	h.Web.Flash(r, "Your password is changed. Sign in with it now.")
	web.Redirect(w, r, "/signin")
}

// keep copies the named form values, to put back into a page that failed;
// passwords are never among them.
func keep(form url.Values, names ...string) url.Values {
	out := url.Values{}
	for _, n := range names {
		out.Set(n, form.Get(n))
	}
	return out
}
