package auth

import (
	"encoding/json"
	"net/http"
	"net/url"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// accountData is what the account page needs beyond the form values.
type accountData struct {
	Email     string
	Zones     []string
	Languages []Language
	Tokens    []Token
	// NewToken is the token just made, shown this once.
	NewToken *newToken
}

// accountPageFor builds the account page; form holds the profile values to
// show (the stored ones, or those just posted when they failed).
func (h *Handlers) accountPageFor(r *http.Request, u *User, form url.Values) (*web.Page, error) {
	if form == nil {
		form = url.Values{"name": {u.Name}, "time_zone": {u.TimeZone}, "language": {u.Language}}
	}
	if !form.Has("token_scope") {
		form.Set("token_scope", web.ScopeRead) // the safer choice, preselected
	}
	tokens, err := h.S.Tokens(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	return &web.Page{
		Title: "Your account",
		Form:  form,
		Data:  &accountData{Email: u.Email, Zones: ZonesWith(form.Get("time_zone")), Languages: Languages, Tokens: tokens},
	}, nil
}

// failAccount shows err on the account page, with form as the profile
// values.
func (h *Handlers) failAccount(w http.ResponseWriter, r *http.Request, u *User, form url.Values, err error) {
	p, perr := h.accountPageFor(r, u, form)
	if perr != nil {
		h.Web.Error(w, r, perr)
		return
	}
	h.fail(w, r, "account", p, err)
}

func (h *Handlers) accountPage(w http.ResponseWriter, r *http.Request, u *User) {
	p, err := h.accountPageFor(r, u, nil)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.t.Render(w, r, http.StatusOK, "account", p)
}

func (h *Handlers) updateProfile(w http.ResponseWriter, r *http.Request, u *User) {
	if !h.parseForm(w, r) {
		return
	}
	f := r.PostForm
	if err := h.S.UpdateProfile(r.Context(), f.Get("name"), f.Get("time_zone"), f.Get("language")); err != nil {
		h.failAccount(w, r, u, keep(f, "name", "time_zone", "language"), err)
		return
	}
	h.Web.Flash(r, "Your profile is saved.")
	web.Redirect(w, r, "/account")
}

func (h *Handlers) changePassword(w http.ResponseWriter, r *http.Request, u *User) {
	if !h.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	if err := h.S.ChangePassword(ctx, r.PostForm.Get("current_password"), r.PostForm.Get("new_password")); err != nil {
		h.failAccount(w, r, u, nil, err)
		return
	}
	// The epoch moved on; this session carries the new one and stays.
	fresh, err := h.S.UserByID(ctx, u.ID)
	if err == nil {
		err = StartSession(ctx, h.Web.Sessions, fresh)
	}
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, "Your password is changed. You have been signed out everywhere else.")
	web.Redirect(w, r, "/account")
}

func (h *Handlers) deleteAccount(w http.ResponseWriter, r *http.Request, u *User) {
	if !h.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	if err := h.S.DeleteAccount(ctx, r.PostForm.Get("password")); err != nil {
		h.failAccount(w, r, u, nil, err)
		return
	}
	if err := EndSession(ctx, h.Web.Sessions); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, "Your account is deleted. What you contributed stays, attributed to “"+FormerMember+"”.")
	web.Redirect(w, r, "/")
}

func (h *Handlers) export(w http.ResponseWriter, r *http.Request, u *User) {
	data, err := h.S.Export(r.Context())
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	b, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="commonground-export.json"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(append(b, '\n'))
}

// modeChoice is one radio button of the signup mode.
type modeChoice struct {
	Value, Label, Hint string
}

var modeChoices = []modeChoice{
	{SignupOpen, "Open", "Anyone who finds this site can create an account."},
	{SignupInvite, "By invitation", "Only people who follow an invitation link to a collective can create an account."},
	{SignupClosed, "Closed", "Nobody can sign up. Administrators create accounts on the server (commonground user create)."},
}

var errNotAdmin = errs.New(errs.Forbidden, "Only an administrator of this instance can open this page.")

func (h *Handlers) adminPage(w http.ResponseWriter, r *http.Request, u *User) {
	if !u.Admin {
		h.Web.Error(w, r, errNotAdmin)
		return
	}
	mode, err := h.S.SignupMode(r.Context())
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := &web.Page{Title: "Instance settings", Form: url.Values{"signup_mode": {mode}}, Data: modeChoices}
	h.t.Render(w, r, http.StatusOK, "admin", p)
}

func (h *Handlers) updateAdmin(w http.ResponseWriter, r *http.Request, u *User) {
	if !u.Admin {
		h.Web.Error(w, r, errNotAdmin)
		return
	}
	if !h.parseForm(w, r) {
		return
	}
	if err := h.S.SetSignupMode(r.Context(), r.PostForm.Get("signup_mode")); err != nil {
		p := &web.Page{Title: "Instance settings", Form: keep(r.PostForm, "signup_mode"), Data: modeChoices}
		h.fail(w, r, "admin", p, err)
		return
	}
	h.Web.Flash(r, "The settings are saved.")
	web.Redirect(w, r, "/admin")
}
