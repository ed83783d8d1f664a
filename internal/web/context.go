package web

import (
	"context"
	"net/http"
)

// Viewer is who is looking at a page, as the layout needs it. The auth
// package puts it in the request context after it loads the session.
type Viewer struct {
	ID       int64
	Name     string
	Email    string
	Admin    bool
	TimeZone string
	// Scope is ScopeRead or ScopeWrite for a request made with an API
	// token, "" for a browser session.
	Scope string
}

type ctxKey int

const (
	viewerKey ctxKey = iota
	requestIDKey
	clientIPKey
	sessionKey
)

// markSession notes that the session is loaded, so pages rendered by outer
// middleware (a body too large, a panic) know not to touch it.
func markSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionKey, true)))
	})
}

func hasSession(ctx context.Context) bool { return ctx.Value(sessionKey) != nil }

// WithViewer returns ctx carrying v.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey, v)
}

// ViewerFrom returns the signed-in viewer, or nil.
func ViewerFrom(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey).(*Viewer)
	return v
}

// RequestID returns the id the logging middleware gave this request.
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey).(string)
	return s
}

// ClientIP returns the client address, believing X-Forwarded-For only from
// trusted proxies (set by the middleware).
func ClientIP(r *http.Request) string {
	s, _ := r.Context().Value(clientIPKey).(string)
	return s
}
