package web

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"

	"commonground/internal/errs"
)

// Error answers with err: a problem document on the API, otherwise an error
// page (or, for a page that needs signing in, a redirect to sign in).
// Internal errors are logged with the request id and shown generically.
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	if status >= 500 {
		s.Log.Error("internal error", "id", RequestID(r.Context()), "path", s.logPath(r), "err", err)
	}
	if pathIsAPI(r.URL.Path) {
		Problem(w, r, err)
		return
	}
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()))
		return
	}
	p := &Page{Title: http.StatusText(status), Error: errs.Message(err), Data: status}
	s.errorPage.Render(w, r, status, "error", p)
}

// ProblemDoc is an RFC 9457 problem document with our code and field.
type ProblemDoc struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
	Field  string `json:"field,omitempty"`
}

// Problem writes err as a problem document.
func Problem(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	doc := ProblemDoc{
		Type:   "https://commonground.invalid/problems/" + errs.Code(err),
		Title:  http.StatusText(status),
		Status: status,
		Detail: errs.Message(err),
		Code:   errs.Code(err),
		Field:  errs.FieldOf(err),
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(doc)
}

// JSON writes v with status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		slog.Debug("json encode", "err", err)
	}
}
