package bench_test

// BenchmarkMembersPage measures GET /c/bench/members through the whole
// handler chain (middleware, session, access, queries, template) on a
// temporary SQLite database seeded with 10,000 members, signed in as the
// bench steward. Run from the module root:
//
//	go test ./bench -run '^$' -bench MembersPage -benchmem
//	go test ./bench -run '^$' -bench 'MembersPage/page1$' -benchmem -cpuprofile /tmp/cpu.out
//	go tool pprof -top /tmp/cpu.out
//
// The sub-benchmarks split the cost: healthz_signed_in is the middleware and
// session/user look-up alone, service_* the queries without HTTP or
// template, page* the whole request, *_parallel the same under concurrency
// (GOMAXPROCS goroutines, as wrk's connections would).

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"commonground/bench/seed"
	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

type fixture struct {
	app     *app.App
	handler http.Handler
	cookie  *http.Cookie
	steward *auth.User
}

func setup(b *testing.B, members int) *fixture {
	b.Helper()
	db := storetest.SQLite(b)
	ctx := context.Background()
	if _, err := seed.Members(ctx, db, seed.Options{Members: members}); err != nil {
		b.Fatal(err)
	}
	a, err := app.Wire(ctx, app.Config{Addr: "127.0.0.1:0", BaseURL: "http://127.0.0.1", Logger: slog.New(slog.DiscardHandler)}, db)
	if err != nil {
		b.Fatal(err)
	}
	f := &fixture{app: a, handler: a.Web.Handler()}

	form := url.Values{"email": {seed.StewardEmail}, "password": {seed.StewardPassword}}
	req := httptest.NewRequest(http.MethodPost, "/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		b.Fatalf("POST /signin: %d\n%s", rec.Code, rec.Body)
	}
	for _, c := range rec.Result().Cookies() {
		if c.Name == "cg_session" {
			f.cookie = c
		}
	}
	if f.cookie == nil {
		b.Fatal("no cg_session cookie after sign-in")
	}
	u, err := a.Auth.UserByEmail(ctx, seed.StewardEmail)
	if err != nil {
		b.Fatal(err)
	}
	f.steward = u
	return f
}

func (f *fixture) get(path string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(f.cookie)
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec
}

// check fails unless path answers 200 with at least one member row; a 303
// to /signin would make the figures meaningless.
func (f *fixture) check(b *testing.B, path string, wantRows bool) int {
	b.Helper()
	rec := f.get(path)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d %s", path, rec.Code, rec.Header().Get("Location"))
	}
	if wantRows && !strings.Contains(rec.Body.String(), `<td><a href="/c/bench/members/`) {
		b.Fatalf("GET %s: no member rows in the page", path)
	}
	return rec.Body.Len()
}

// discard is a ResponseWriter that keeps nothing, so the parallel runs do
// not measure the recorder's buffer growth.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

func BenchmarkMembersPage(b *testing.B) {
	f := setup(b, 10000)
	paths := []struct {
		name, path string
		q          collective.MemberQuery
	}{
		{"page1", "/c/bench/members", collective.MemberQuery{Page: 1}},
		{"page100", "/c/bench/members?page=100", collective.MemberQuery{Page: 100}},
		{"search_ann", "/c/bench/members?q=ann", collective.MemberQuery{Search: "ann", Page: 1}},
	}
	b.Run("healthz_signed_in", func(b *testing.B) {
		f.check(b, "/healthz", false)
		b.ReportAllocs()
		for b.Loop() {
			if rec := f.get("/healthz"); rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
	for _, p := range paths {
		b.Run("service_"+p.name, func(b *testing.B) {
			ctx := auth.WithUser(context.Background(), f.steward)
			b.ReportAllocs()
			for b.Loop() {
				a, err := f.app.Collectives.Access(ctx, seed.Slug)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := f.app.Collectives.Members(ctx, a, p.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(f.check(b, p.path, true)))
			b.ReportAllocs()
			for b.Loop() {
				if rec := f.get(p.path); rec.Code != http.StatusOK {
					b.Fatal(rec.Code)
				}
			}
		})
	}
	b.Run("page1_tz_europe_london", func(b *testing.B) {
		setTZ(b, f.app.DB, f.steward.ID, "Europe/London")
		defer setTZ(b, f.app.DB, f.steward.ID, "UTC")
		f.check(b, "/c/bench/members", true)
		b.ReportAllocs()
		for b.Loop() {
			if rec := f.get("/c/bench/members"); rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
	for _, p := range paths {
		b.Run(p.name+"_parallel", func(b *testing.B) {
			f.check(b, p.path, true)
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				w := &discard{h: http.Header{}}
				for pb.Next() {
					req := httptest.NewRequest(http.MethodGet, p.path, nil)
					req.AddCookie(f.cookie)
					clear(w.h)
					f.handler.ServeHTTP(w, req)
				}
			})
		})
	}
}

func setTZ(b *testing.B, db *store.DB, userID int64, zone string) {
	b.Helper()
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(context.Background(), "UPDATE users SET time_zone = ? WHERE id = ?", zone, userID)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}
