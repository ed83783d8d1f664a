package auth

import (
	_ "embed"
	"net/http"
	"strconv"
	"time"

	"commonground/internal/errs"
	"commonground/internal/web"
)

//go:embed openapi.json
var openapiJSON []byte

// registerTokens adds the token routes of the account page and the API's
// GET /api/v1/me; Register calls it.
func (h *Handlers) registerTokens() {
	s := h.Web
	s.Form("POST /account/tokens", h.signedIn(h.createToken))
	s.Form("POST /account/tokens/{token}/revoke", h.signedIn(h.revokeToken))
	s.API("GET /api/v1/me", h.me)
	s.AddOpenAPI(openapiJSON)
}

// newToken is a token just made, shown once on the account page.
type newToken struct {
	Plain string
	Token *Token
}

// tokenFields maps the service's field names to the account page's, whose
// profile form has a "name" field already.
var tokenFields = map[string]string{"name": "token_name", "scope": "token_scope"}

func (h *Handlers) createToken(w http.ResponseWriter, r *http.Request, u *User) {
	if !h.parseForm(w, r) {
		return
	}
	f := r.PostForm
	plain, t, err := h.S.CreateToken(r.Context(), u.ID, f.Get("token_name"), f.Get("token_scope"))
	if err != nil {
		if field, ok := tokenFields[errs.FieldOf(err)]; ok {
			err = errs.Field(field, "%s", errs.Message(err))
		}
		p, perr := h.accountPageFor(r, u, nil)
		if perr != nil {
			h.Web.Error(w, r, perr)
			return
		}
		p.Form.Set("token_name", f.Get("token_name"))
		p.Form.Set("token_scope", f.Get("token_scope"))
		h.fail(w, r, "account", p, err)
		return
	}
	// Rendered here rather than after a redirect, so the token never sits
	// in the session store; the page is sent with Cache-Control: no-store.
	p, err := h.accountPageFor(r, u, nil)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p.Data.(*accountData).NewToken = &newToken{Plain: plain, Token: t}
	h.t.Render(w, r, http.StatusCreated, "account", p)
}

func (h *Handlers) revokeToken(w http.ResponseWriter, r *http.Request, u *User) {
	if !h.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("token"), 10, 64)
	if err != nil {
		h.Web.Error(w, r, errNoToken)
		return
	}
	list, err := h.S.Tokens(ctx, u.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	name := ""
	for _, t := range list {
		if t.ID == id {
			name = t.Name
		}
	}
	if err := h.S.RevokeToken(ctx, u.ID, id); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.Web.Flash(r, "The token “"+name+"” is revoked: anything still using it now gets an error (401).")
	web.Redirect(w, r, "/account#tokens-heading")
}

// meJSON is who a request acts as.
type meJSON struct {
	ID       int64       `json:"id"`
	Name     string      `json:"name"`
	Email    string      `json:"email"`
	TimeZone string      `json:"time_zone"`
	Admin    bool        `json:"is_admin"`
	Scope    string      `json:"scope"`
	Token    *meTokenRef `json:"token,omitempty"`
}

// meTokenRef names the token a request came with.
type meTokenRef struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// me answers GET /api/v1/me: whose token this is and what it may do, so a
// script can check its token before it starts.
func (h *Handlers) me(w http.ResponseWriter, r *http.Request) {
	u, ok := RequireUser(h.Web, w, r)
	if !ok {
		return
	}
	out := meJSON{ID: u.ID, Name: u.Name, Email: u.Email, TimeZone: u.TimeZone, Admin: u.Admin, Scope: web.ScopeWrite}
	if t := TokenFrom(r.Context()); t != nil {
		out.Scope = t.Scope
		out.Token = &meTokenRef{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt.UTC()}
	}
	w.Header().Set("Cache-Control", "no-store")
	web.JSON(w, http.StatusOK, out)
}
