package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/store/storetest"
	"commonground/internal/web"
)

// BenchmarkTokenUser measures the bearer look-up of every API request on
// SQLite: one indexed read joining the token and its account. The token
// was used just before, so no last-used write happens, as on the hot path.
func BenchmarkTokenUser(b *testing.B) {
	db := storetest.SQLite(b)
	svc := &auth.Service{DB: db}
	ctx := context.Background()
	u, err := svc.CreateUser(ctx, "bench@example.org", "Bench", "a long enough password", false)
	if err != nil {
		b.Fatal(err)
	}
	// 10,000 tokens of another account in the table, so the index has
	// work to do.
	if _, err := svc.CreateUser(ctx, "other@example.org", "Other", "a long enough password", false); err != nil {
		b.Fatal(err)
	}
	tx, err := db.Writer().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 10000 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (user_id, name, scope, token_hash, created_at)
			VALUES (?, 'filler', 'read', ?, ?)`, u.ID+1, fmt.Sprintf("%064x", i), db.Now()); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	plain, _, err := svc.CreateToken(ctx, u.ID, "bench", "read")
	if err != nil {
		b.Fatal(err)
	}
	if _, _, err := svc.TokenUser(ctx, plain); err != nil {
		b.Fatal(err)
	}
	auth.WaitTokenTouches()

	b.Run("Serial", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := svc.TokenUser(ctx, plain); err != nil {
				b.Fatal(err)
			}
		}
	})
	// For scale: the read a signed-in session costs when its account is
	// not found with the session.
	b.Run("UserByIDForScale", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.UserByID(ctx, u.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, _, err := svc.TokenUser(ctx, plain); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("Middleware", func(b *testing.B) {
		srv := web.New(web.Config{Secret: []byte("bench")}, db)
		h := svc.Middleware(srv.Sessions)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if auth.UserFrom(r.Context()) == nil {
				b.Error("not signed in")
			}
		}))
		h = srv.Sessions.LoadAndSave(h)
		req := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+plain)
		for b.Loop() {
			h.ServeHTTP(httptest.NewRecorder(), req)
		}
	})
}
