package auth_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ada := f.signUp(t, "ada@example.org", "Ada")

		t.Run("UnknownEmailIsQuiet", func(t *testing.T) {
			if err := f.svc.RequestReset(ctx, "nobody@example.org"); err != nil {
				t.Fatal(err)
			}
			if n := len(f.mail.all()); n != 0 {
				t.Fatalf("%d mails sent for an unknown address", n)
			}
		})
		t.Run("ErrBadEmail", func(t *testing.T) {
			wantErr(t, f.svc.RequestReset(ctx, "nonsense"), errs.Invalid, "email")
		})
		t.Run("OK", func(t *testing.T) {
			if err := f.svc.RequestReset(ctx, "Ada@Example.org"); err != nil {
				t.Fatal(err)
			}
			sent := f.mail.all()
			if len(sent) != 1 || sent[0].To != "ada@example.org" || !strings.Contains(sent[0].Body, "Hello Ada") {
				t.Fatalf("mail = %+v", sent)
			}
			token := f.mail.lastToken(t)
			var stored string
			if err := db.Get(ctx, &stored, "SELECT token_hash FROM password_resets WHERE user_id = ?", ada.ID); err != nil {
				t.Fatal(err)
			}
			if stored == token || len(stored) != 64 {
				t.Fatalf("stored %q: the token itself, or not a sha256 hex", stored)
			}
			if err := f.svc.CheckReset(ctx, token); err != nil {
				t.Fatal(err)
			}
			wantErr(t, f.svc.ResetPassword(ctx, token, "short"), errs.Invalid, "password")
			if err := f.svc.ResetPassword(ctx, token, "a reset password"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.SignIn(ctx, "ada@example.org", "a reset password", "192.0.2.1"); err != nil {
				t.Fatal(err)
			}
			u, _ := f.svc.UserByID(ctx, ada.ID)
			if u.SessionEpoch != ada.SessionEpoch+1 {
				t.Fatal("reset did not end other sessions")
			}
			err := f.svc.ResetPassword(ctx, token, "another new password")
			wantErr(t, err, errs.Gone, "")
			if !strings.Contains(errs.Message(err), "used already") {
				t.Fatalf("message %q", errs.Message(err))
			}
		})
		t.Run("ErrExpired", func(t *testing.T) {
			if err := f.svc.RequestReset(ctx, "ada@example.org"); err != nil {
				t.Fatal(err)
			}
			token := f.mail.lastToken(t)
			f.clock.Add(auth.ResetLifetime)
			err := f.svc.ResetPassword(ctx, token, "a too late password")
			wantErr(t, err, errs.Gone, "")
			if !strings.Contains(errs.Message(err), "expired") {
				t.Fatalf("message %q", errs.Message(err))
			}
		})
		t.Run("ErrUnknownToken", func(t *testing.T) {
			wantErr(t, f.svc.CheckReset(ctx, "made-up"), errs.Gone, "")
		})
		t.Run("ErrTooManyRequests", func(t *testing.T) {
			f.clock.Add(auth.FailureWindow)
			for range auth.MaxResetRequests {
				if err := f.svc.RequestReset(ctx, "ada@example.org"); err != nil {
					t.Fatal(err)
				}
			}
			wantErr(t, f.svc.RequestReset(ctx, "ada@example.org"), errs.RateLimited, "")
		})
	})
}

func TestUpdateProfile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ada := f.signUp(t, "ada@example.org", "Ada")
		var renamed []string
		f.svc.OnNameChange = append(f.svc.OnNameChange, func(_ context.Context, id int64, name string) error {
			renamed = append(renamed, fmt.Sprint(id, name))
			return nil
		})
		ctx := f.as(t, ada)

		for _, c := range []struct{ name, zone, lang, field string }{
			{"", "Europe/Paris", "fr", "name"},
			{"Ada L", "Mars/Olympus", "fr", "time_zone"},
			{"Ada L", "", "fr", "time_zone"},
			{"Ada L", "Local", "fr", "time_zone"},
			{"Ada L", "Europe/Paris", "klingon", "language"},
		} {
			wantErr(t, f.svc.UpdateProfile(ctx, c.name, c.zone, c.lang), errs.Invalid, c.field)
		}
		wantErr(t, f.svc.UpdateProfile(context.Background(), "X", "UTC", "en"), errs.Unauthorized, "")
		if err := f.svc.UpdateProfile(ctx, " Ada L ", "America/Argentina/Buenos_Aires", "es"); err != nil {
			t.Fatal(err)
		}
		u, _ := f.svc.UserByID(ctx, ada.ID)
		if u.Name != "Ada L" || u.TimeZone != "America/Argentina/Buenos_Aires" || u.Language != "es" {
			t.Fatalf("user = %+v", u)
		}
		if len(renamed) != 1 || renamed[0] != fmt.Sprint(ada.ID, "Ada L") {
			t.Fatalf("hooks saw %v", renamed)
		}
		if err := f.svc.UpdateProfile(f.as(t, ada), "Ada L", "UTC", "en"); err != nil || len(renamed) != 1 {
			t.Fatalf("unchanged name ran hooks: %v %v", renamed, err)
		}
	})
}

func TestDeleteAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		admin := f.signUp(t, "admin@example.org", "Admin")
		bo := f.signUp(t, "bo@example.org", "Bo")
		refuse := true
		f.svc.BeforeDelete = append(f.svc.BeforeDelete, func(_ context.Context, _ *store.Tx, id int64) error {
			if refuse {
				return errs.New(errs.Conflict, "You are the only steward of Riverside; hand over first.")
			}
			return nil
		})

		t.Run("ErrWrongPassword", func(t *testing.T) {
			wantErr(t, f.svc.DeleteAccount(f.as(t, bo), "not my password"), errs.Invalid, "password")
		})
		t.Run("ErrHookRefuses", func(t *testing.T) {
			err := f.svc.DeleteAccount(f.as(t, bo), goodPassword)
			wantErr(t, err, errs.Conflict, "")
			if !strings.Contains(errs.Message(err), "Riverside") {
				t.Fatalf("message %q", errs.Message(err))
			}
			if u, _ := f.svc.UserByID(ctx, bo.ID); u.DeletedAt != nil {
				t.Fatal("deleted although a hook refused")
			}
		})
		t.Run("ErrLastAdmin", func(t *testing.T) {
			refuse = false
			wantErr(t, f.svc.DeleteAccount(f.as(t, admin), goodPassword), errs.Conflict, "")
		})
		t.Run("OK", func(t *testing.T) {
			if err := f.svc.DeleteAccount(f.as(t, bo), goodPassword); err != nil {
				t.Fatal(err)
			}
			u, err := f.svc.UserByID(ctx, bo.ID)
			if err != nil {
				t.Fatal(err)
			}
			if u.Name != auth.FormerMember || u.Email != fmt.Sprintf("deleted-%d@invalid", bo.ID) ||
				u.PasswordHash != "" || u.DeletedAt == nil || u.SessionEpoch != bo.SessionEpoch+1 {
				t.Fatalf("not anonymised: %+v", u)
			}
			// The address is free for a new account.
			f.signUp(t, "bo@example.org", "Bo again")
		})
		t.Run("ErrAlreadyDeleted", func(t *testing.T) {
			gone := auth.WithUser(ctx, bo)
			wantErr(t, f.svc.DeleteAccount(gone, goodPassword), errs.Unauthorized, "")
		})
	})
}

func TestExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ada := f.signUp(t, "ada@example.org", "Ada")
		f.svc.Exporters = map[string]func(context.Context, int64) (any, error){
			"collectives": func(_ context.Context, id int64) (any, error) { return []string{"Riverside"}, nil },
		}
		if _, err := f.svc.Export(context.Background()); errs.Code(err) != errs.Unauthorized {
			t.Fatalf("anonymous export: %v", err)
		}
		data, err := f.svc.Export(f.as(t, ada))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(data)
		s := string(b)
		if !strings.Contains(s, `"email":"ada@example.org"`) || !strings.Contains(s, `"collectives":["Riverside"]`) {
			t.Fatalf("export lacks data: %s", s)
		}
		if strings.Contains(s, "argon2") || strings.Contains(s, "password") {
			t.Fatalf("export leaks the password hash: %s", s)
		}
	})
}
