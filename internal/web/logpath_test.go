package web

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"commonground/internal/store/storetest"
)

// TestSecretPathsStayOutOfLogs: a Secret route's request and error lines
// name its pattern, never the token in the path; other paths are logged
// as they are.
func TestSecretPathsStayOutOfLogs(t *testing.T) {
	s := New(Config{}, storetest.SQLite(t))
	var buf bytes.Buffer
	s.Log = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s.Handle(Route{Pattern: "GET /calendar/{token}", Kind: "calendar", Public: true, Secret: true},
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.Error(w, r, errors.New("broken")) }))
	s.Handle(Route{Pattern: "GET /plain/{id}", Kind: "page", Public: true},
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	h := s.Handler()
	for _, path := range []string{"/calendar/s3cr3t-token", "/plain/42"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	logs := buf.String()
	if strings.Contains(logs, "s3cr3t-token") {
		t.Fatalf("the token is in the logs:\n%s", logs)
	}
	if n := strings.Count(logs, `path="GET /calendar/{token}"`); n != 2 {
		t.Fatalf("want the pattern on the error line and the request line, got %d:\n%s", n, logs)
	}
	if !strings.Contains(logs, "path=/plain/42") {
		t.Fatalf("an ordinary path is logged as it is:\n%s", logs)
	}
}
