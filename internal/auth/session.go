package auth

import (
	"context"
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// Session keys. The epoch is copied from the account when the session
// starts; a password change or deletion moves the account's epoch on, and
// every older session stops working at its next request.
const (
	sessionUser  = "uid"
	sessionEpoch = "epoch"
)

// Middleware loads the signed-in person into the request context
// (WithUser and web.WithViewer). On the API, an Authorization header takes
// precedence: a working bearer token signs its owner in with the token's
// scope, and any other header is answered 401 at once. Otherwise the
// session decides; a session whose account is gone, deleted or of an older
// epoch is destroyed and the request goes on anonymous. The app sets it as
// web.Server.Load.
func (s *Service) Middleware(sm *scs.SessionManager) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isAPI(r.URL.Path) {
				if values := r.Header.Values("Authorization"); len(values) > 0 {
					s.serveBearer(w, r, next, values)
					return
				}
				w = &challenger{ResponseWriter: w}
			}
			ctx := r.Context()
			id := sm.GetInt64(ctx, sessionUser)
			if id == 0 {
				next.ServeHTTP(w, r)
				return
			}
			u := foundUser(ctx, sm.Token(ctx)) // read with the session, when the store could
			var err error
			if u == nil || u.ID != id {
				u, err = s.UserByID(ctx, id)
			}
			if err != nil && !errs.Is(err, errs.NotFound) {
				// Going on anonymous would send a signed-in person to the
				// sign-in page because of a passing database error.
				s.log().ErrorContext(ctx, "load session user", "user", id, "err", err)
				if strings.HasPrefix(r.URL.Path, "/api/") {
					web.Problem(w, r, err)
				} else {
					http.Error(w, errs.Message(err), http.StatusInternalServerError)
				}
				return
			}
			if u == nil || u.DeletedAt != nil || u.SessionEpoch != sm.GetInt64(ctx, sessionEpoch) {
				if err := sm.Destroy(ctx); err != nil {
					s.log().ErrorContext(ctx, "destroy stale session", "err", err)
				}
				next.ServeHTTP(w, r)
				return
			}
			ctx = WithUser(ctx, u)
			ctx = web.WithViewer(ctx, &web.Viewer{ID: u.ID, Name: u.Name, Email: u.Email, Admin: u.Admin, TimeZone: u.TimeZone})
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// StartSession signs u in on this session. The token is renewed first, so a
// token planted in the browser before sign-in (session fixation) is
// worthless afterwards.
func StartSession(ctx context.Context, sm *scs.SessionManager, u *User) error {
	if err := sm.RenewToken(ctx); err != nil {
		return err
	}
	sm.Put(ctx, sessionUser, u.ID)
	sm.Put(ctx, sessionEpoch, u.SessionEpoch)
	return nil
}

// EndSession signs out: the session is removed from the store, not only
// emptied, so a copied cookie is of no further use.
func EndSession(ctx context.Context, sm *scs.SessionManager) error {
	return sm.Destroy(ctx)
}

// RequireUser returns the signed-in user, or answers the request and returns
// false: a page sends the visitor to /signin?next=..., a post or API call
// gets 401.
func RequireUser(srv *web.Server, w http.ResponseWriter, r *http.Request) (*User, bool) {
	if u := UserFrom(r.Context()); u != nil {
		return u, true
	}
	srv.Error(w, r, errs.New(errs.Unauthorized, "Please sign in first."))
	return nil, false
}

// SafeNext returns next when it is a path on this site, otherwise "/". It
// keeps sign-in links from sending people to another site (open redirect):
// "//host" and "/\host" are read by browsers as other hosts.
func SafeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	return next
}
