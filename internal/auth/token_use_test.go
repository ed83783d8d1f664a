package auth_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// lastUsed reads a token's stored last-used time once the background
// writes are done.
func lastUsed(t *testing.T, db *store.DB, id int64) *time.Time {
	t.Helper()
	auth.WaitTokenTouches()
	var at *time.Time
	if err := db.Get(context.Background(), &at, "SELECT last_used_at FROM api_tokens WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	return at
}

func TestTokenLastUsed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ada := f.signUp(t, "ada@example.org", "Ada")
		plain, tok, err := f.svc.CreateToken(ctx, ada.ID, "sync", "write")
		if err != nil {
			t.Fatal(err)
		}
		use := func() {
			t.Helper()
			if _, _, err := f.svc.TokenUser(ctx, plain); err != nil {
				t.Fatal(err)
			}
		}
		if at := lastUsed(t, db, tok.ID); at != nil {
			t.Fatalf("a new token was used at %v", at)
		}
		first := f.clock.Now()
		use()
		if at := lastUsed(t, db, tok.ID); at == nil || !at.Equal(first) {
			t.Fatalf("last used %v, want %v", at, first)
		}
		t.Run("ThrottledWithinAMinute", func(t *testing.T) {
			f.clock.Add(59 * time.Second)
			// Many requests at once, as a busy script makes them.
			var wg sync.WaitGroup
			for range 20 {
				wg.Go(func() {
					if _, _, err := f.svc.TokenUser(ctx, plain); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if at := lastUsed(t, db, tok.ID); at == nil || !at.Equal(first) {
				t.Fatalf("last used %v after 59 s, want it kept at %v", at, first)
			}
		})
		t.Run("WrittenAfterAMinute", func(t *testing.T) {
			f.clock.Add(time.Second)
			use()
			if at := lastUsed(t, db, tok.ID); at == nil || !at.Equal(f.clock.Now()) {
				t.Fatalf("last used %v, want %v", at, f.clock.Now())
			}
			list, err := f.svc.Tokens(ctx, ada.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].LastUsedAt == nil || !list[0].LastUsedAt.Equal(f.clock.Now()) {
				t.Fatalf("Tokens = %+v", list)
			}
		})
	})
}

func TestTokenLimitsAndDeletion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ada := f.signUp(t, "ada@example.org", "Ada")
		t.Run("ErrTooMany", func(t *testing.T) {
			var last *auth.Token
			for range auth.MaxTokens {
				_, tk, err := f.svc.CreateToken(ctx, ada.ID, "bulk", "read")
				if err != nil {
					t.Fatal(err)
				}
				last = tk
			}
			_, _, err := f.svc.CreateToken(ctx, ada.ID, "one more", "read")
			wantErr(t, err, errs.Conflict, "")
			if errs.Message(err) != "You have 50 API tokens already; revoke one you no longer use first." {
				t.Fatalf("message %q", errs.Message(err))
			}
			if err := f.svc.RevokeToken(ctx, ada.ID, last.ID); err != nil {
				t.Fatal(err)
			}
			if _, _, err := f.svc.CreateToken(ctx, ada.ID, "one more", "read"); err != nil {
				t.Fatalf("after revoking one: %v", err)
			}
		})
		t.Run("DeletedAccount", func(t *testing.T) {
			bob := f.signUp(t, "bob@example.org", "Bob")
			plain, _, err := f.svc.CreateToken(ctx, bob.ID, "laptop", "write")
			if err != nil {
				t.Fatal(err)
			}
			if err := f.svc.DeleteAccount(f.as(t, bob), goodPassword); err != nil {
				t.Fatal(err)
			}
			_, _, err = f.svc.TokenUser(ctx, plain)
			wantErr(t, err, errs.Unauthorized, "")
			_, _, err = f.svc.CreateToken(ctx, bob.ID, "again", "write")
			wantErr(t, err, errs.NotFound, "")
		})
	})
}
