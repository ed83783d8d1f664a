package auth

import (
	"context"
	"net/http"
	"strings"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// The challenges sent with a 401 on the API (RFC 6750, section 3).
const (
	challenge             = `Bearer realm="commonground"`
	challengeBadRequest   = challenge + `, error="invalid_request"`
	challengeInvalidToken = challenge + `, error="invalid_token"`
)

var errBadAuthorization = errs.New(errs.Unauthorized, "Send the API token in the header as `Authorization: Bearer TOKEN`.")

type tokenKey struct{}

// TokenFrom returns the API token the request was made with, or nil for a
// browser session or an anonymous request.
func TokenFrom(ctx context.Context) *Token {
	t, _ := ctx.Value(tokenKey{}).(*Token)
	return t
}

// isAPI reports whether a path belongs to the JSON API, the only place
// bearer tokens are taken: pages go by the session cookie alone.
func isAPI(path string) bool { return strings.HasPrefix(path, "/api/") }

// serveBearer authenticates an API request that carries an Authorization
// header. A header that does not name a working token is answered with
// 401 here: going on anonymous would turn a revoked token's write into a
// confusing "sign in first", or worse, a public read that looks like
// success.
func (s *Service) serveBearer(w http.ResponseWriter, r *http.Request, next http.Handler, values []string) {
	ctx := r.Context()
	scheme, token, ok := strings.Cut(values[0], " ")
	token = strings.TrimSpace(token)
	if len(values) != 1 || !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		w.Header().Set("WWW-Authenticate", challengeBadRequest)
		web.Problem(w, r, errBadAuthorization)
		return
	}
	u, t, err := s.TokenUser(ctx, token)
	if err != nil {
		if errs.Code(err) == errs.Unauthorized {
			w.Header().Set("WWW-Authenticate", challengeInvalidToken)
		} else {
			s.log().ErrorContext(ctx, "load token user", "err", err)
		}
		web.Problem(w, r, err)
		return
	}
	ctx = WithUser(ctx, u)
	ctx = web.WithViewer(ctx, &web.Viewer{ID: u.ID, Name: u.Name, Email: u.Email, Admin: u.Admin, TimeZone: u.TimeZone, Scope: t.Scope})
	ctx = context.WithValue(ctx, tokenKey{}, t)
	next.ServeHTTP(w, r.WithContext(ctx))
}

// challenger adds the Bearer challenge to a 401 on the API that came
// without a token, as RFC 9110 asks of every 401, so a client learns how
// to authenticate.
type challenger struct {
	http.ResponseWriter
	done bool
}

func (c *challenger) WriteHeader(code int) {
	if !c.done {
		c.done = true
		if code == http.StatusUnauthorized {
			c.Header().Set("WWW-Authenticate", challenge)
		}
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *challenger) Write(b []byte) (int, error) {
	c.done = true
	return c.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (c *challenger) Unwrap() http.ResponseWriter { return c.ResponseWriter }
