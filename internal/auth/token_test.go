package auth_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ada := f.signUp(t, "ada@example.org", "Ada")
		bob := f.signUp(t, "bob@example.org", "Bob")

		var plain string
		var tok *auth.Token
		t.Run("OK", func(t *testing.T) {
			var err error
			plain, tok, err = f.svc.CreateToken(f.as(t, ada), ada.ID, "  nightly export ", "read")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(plain, "cg_") || len(plain) != 55 {
				t.Fatalf("token %q: want cg_ and 52 more characters", plain)
			}
			if tok.Name != "nightly export" || tok.Scope != "read" || tok.UserID != ada.ID || tok.LastUsedAt != nil || tok.RevokedAt != nil {
				t.Fatalf("token = %+v", tok)
			}
			if !tok.CreatedAt.Equal(f.clock.Now()) {
				t.Fatalf("created %v, want %v", tok.CreatedAt, f.clock.Now())
			}
			u, got, err := f.svc.TokenUser(ctx, plain)
			if err != nil {
				t.Fatal(err)
			}
			if u.ID != ada.ID || u.Email != "ada@example.org" || got.ID != tok.ID || got.Scope != "read" || got.Name != "nightly export" {
				t.Fatalf("TokenUser = %+v, %+v", u, got)
			}
		})

		t.Run("HashedAtRest", func(t *testing.T) {
			var rows []map[string]any
			r, err := db.Writer().QueryContext(ctx, "SELECT * FROM api_tokens")
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			cols, _ := r.Columns()
			for r.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := r.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				row := map[string]any{}
				for i, c := range cols {
					row[c] = vals[i]
				}
				rows = append(rows, row)
			}
			if len(rows) != 1 {
				t.Fatalf("%d rows, want 1", len(rows))
			}
			secret := strings.TrimPrefix(plain, "cg_")
			for col, v := range rows[0] {
				s := fmt.Sprintf("%s", v)
				if strings.Contains(s, secret) || strings.Contains(s, secret[:20]) {
					t.Fatalf("column %s holds the token: %q", col, s)
				}
			}
			if h := fmt.Sprintf("%s", rows[0]["token_hash"]); len(h) != 64 {
				t.Fatalf("token_hash %q is not a sha256 in hex", h)
			}
		})

		t.Run("ErrNameRequired", func(t *testing.T) {
			_, _, err := f.svc.CreateToken(ctx, ada.ID, "   ", "read")
			wantErr(t, err, errs.Invalid, "name")
			if !strings.Contains(errs.Message(err), "Give the token a name") {
				t.Fatalf("message %q", errs.Message(err))
			}
		})
		t.Run("ErrNameTooLong", func(t *testing.T) {
			_, _, err := f.svc.CreateToken(ctx, ada.ID, strings.Repeat("é", 81), "read")
			wantErr(t, err, errs.Invalid, "name")
			if errs.Message(err) != "A token's name can be at most 80 characters long." {
				t.Fatalf("message %q", errs.Message(err))
			}
			if _, _, err := f.svc.CreateToken(ctx, ada.ID, strings.Repeat("é", 80), "read"); err != nil {
				t.Fatalf("80 characters refused: %v", err)
			}
		})
		t.Run("ErrNameControl", func(t *testing.T) {
			_, _, err := f.svc.CreateToken(ctx, ada.ID, "two\nlines", "read")
			wantErr(t, err, errs.Invalid, "name")
		})
		t.Run("ErrBadScope", func(t *testing.T) {
			for _, scope := range []string{"", "admin", "READ", "read write"} {
				_, _, err := f.svc.CreateToken(ctx, ada.ID, "x", scope)
				wantErr(t, err, errs.Invalid, "scope")
				if !strings.Contains(errs.Message(err), "Choose the scope read") {
					t.Fatalf("scope %q: message %q", scope, errs.Message(err))
				}
			}
		})
		t.Run("ErrUnknownUser", func(t *testing.T) {
			_, _, err := f.svc.CreateToken(ctx, 9999, "x", "read")
			wantErr(t, err, errs.NotFound, "")
		})
		t.Run("ErrOthersTokens", func(t *testing.T) {
			asBob := f.as(t, bob)
			_, _, err := f.svc.CreateToken(asBob, ada.ID, "x", "write")
			wantErr(t, err, errs.Forbidden, "")
			_, err = f.svc.Tokens(asBob, ada.ID)
			wantErr(t, err, errs.Forbidden, "")
			wantErr(t, f.svc.RevokeToken(asBob, ada.ID, tok.ID), errs.Forbidden, "")
			// Bob naming Ada's token as his own finds nothing.
			wantErr(t, f.svc.RevokeToken(asBob, bob.ID, tok.ID), errs.NotFound, "")
			if _, _, err := f.svc.TokenUser(ctx, plain); err != nil {
				t.Fatalf("Ada's token stopped working after Bob's attempts: %v", err)
			}
		})

		t.Run("ErrMalformed", func(t *testing.T) {
			for _, s := range []string{"", "cg_", "nonsense", strings.ToUpper(plain), plain + "a", plain[:54], "xx" + plain[2:], plain[:54] + "1"} {
				_, _, err := f.svc.TokenUser(ctx, s)
				wantErr(t, err, errs.Unauthorized, "")
				if !strings.Contains(errs.Message(err), "tokens start with cg_ and are 55 characters long") {
					t.Fatalf("%q: message %q", s, errs.Message(err))
				}
			}
		})
		t.Run("ErrUnknown", func(t *testing.T) {
			other := "cg_" + strings.Repeat("a", 52)
			_, _, err := f.svc.TokenUser(ctx, other)
			wantErr(t, err, errs.Unauthorized, "")
			if !strings.Contains(errs.Message(err), "This API token is not valid") {
				t.Fatalf("message %q", errs.Message(err))
			}
		})

		t.Run("Revoke", func(t *testing.T) {
			plain2, tok2, err := f.svc.CreateToken(ctx, ada.ID, "deploy", "write")
			if err != nil {
				t.Fatal(err)
			}
			f.clock.Add(time.Second)
			if err := f.svc.RevokeToken(f.as(t, ada), ada.ID, tok2.ID); err != nil {
				t.Fatal(err)
			}
			_, _, err = f.svc.TokenUser(ctx, plain2)
			wantErr(t, err, errs.Unauthorized, "")
			if errs.Message(err) != "This API token has been revoked. Create a new one on your account page." {
				t.Fatalf("message %q", errs.Message(err))
			}
			// Again: nothing changes, the first revocation time stays.
			f.clock.Add(time.Second)
			if err := f.svc.RevokeToken(ctx, ada.ID, tok2.ID); err != nil {
				t.Fatal(err)
			}
			list, err := f.svc.Tokens(f.as(t, ada), ada.ID)
			if err != nil {
				t.Fatal(err)
			}
			last := list[len(list)-1]
			if last.ID != tok2.ID || last.RevokedAt == nil || !last.RevokedAt.Equal(f.clock.Now().Add(-time.Second)) {
				t.Fatalf("revoked token listed as %+v (want last, revoked at %v)", last, f.clock.Now().Add(-time.Second))
			}
			for _, tk := range list[:len(list)-1] {
				if tk.RevokedAt != nil {
					t.Fatalf("%+v listed before a token in use", tk)
				}
			}
			if _, _, err := f.svc.TokenUser(ctx, plain); err != nil {
				t.Fatalf("revoking one token stopped another: %v", err)
			}
		})
	})
}
