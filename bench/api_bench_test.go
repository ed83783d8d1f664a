package bench_test

// BenchmarkAPIMembers measures GET /api/v1/collectives/bench/members (50 a
// page) through the whole handler chain on a temporary SQLite database of
// 10,000 members, as the bench steward with a bearer token (a session
// cookie if tokens are not accepted, which the log says). Run from the
// module root:
//
//	go test ./bench -run '^$' -bench APIMembers -benchmem
//
// page1 is the first page, page100 the hundredth (reached through the
// cursors), search_ann a filtered page; *_parallel run them from
// GOMAXPROCS goroutines at once, as wrk's connections would.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"commonground/internal/auth"
)

// apiAuth returns how requests of the benchmark identify themselves.
func (f *fixture) apiAuth(b *testing.B) func(*http.Request) {
	b.Helper()
	ctx := auth.WithUser(context.Background(), f.steward)
	plain, _, err := f.app.Auth.CreateToken(ctx, f.steward.ID, "bench", "read")
	if err == nil {
		bearer := func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+plain) }
		req := httptest.NewRequest(http.MethodGet, "/api/v1/collectives", nil)
		bearer(req)
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, req)
		if rec.Code == http.StatusOK {
			return bearer
		}
		err = fmt.Errorf("GET /api/v1/collectives with it answered %d", rec.Code)
	}
	b.Logf("bearer token not accepted (%v); using the session cookie", err)
	return func(r *http.Request) { r.AddCookie(f.cookie) }
}

// apiPage is one answer of the members list.
type apiPage struct {
	Items []json.RawMessage `json:"items"`
	Next  string            `json:"next"`
}

func (f *fixture) apiGet(b *testing.B, authz func(*http.Request), path string) (*httptest.ResponseRecorder, apiPage) {
	b.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	authz(req)
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	var p apiPage
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d\n%s", path, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || len(p.Items) == 0 {
		b.Fatalf("GET %s: %v, %d items", path, err, len(p.Items))
	}
	return rec, p
}

func BenchmarkAPIMembers(b *testing.B) {
	f := setup(b, 10000)
	authz := f.apiAuth(b)
	const base = "/api/v1/collectives/bench/members"
	// The 100th page's cursor, reached as a client would.
	path100 := base
	for range 99 {
		_, p := f.apiGet(b, authz, path100)
		path100 = base + "?cursor=" + url.QueryEscape(p.Next)
	}
	paths := []struct{ name, path string }{
		{"page1", base},
		{"page100", path100},
		{"search_ann", base + "?q=ann"},
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			rec, _ := f.apiGet(b, authz, p.path)
			b.SetBytes(int64(rec.Body.Len()))
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, p.path, nil)
				authz(req)
				w := httptest.NewRecorder()
				f.handler.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatal(w.Code)
				}
			}
		})
	}
	for _, p := range paths {
		b.Run(p.name+"_parallel", func(b *testing.B) {
			f.apiGet(b, authz, p.path)
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				w := &discard{h: http.Header{}}
				for pb.Next() {
					req := httptest.NewRequest(http.MethodGet, p.path, nil)
					authz(req)
					clear(w.h)
					f.handler.ServeHTTP(w, req)
				}
			})
		})
	}
}
