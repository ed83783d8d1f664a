package auth_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestPassword(t *testing.T) {
	h, err := auth.HashPassword("a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not a PHC argon2id string", h)
	}
	if !auth.VerifyPassword(h, "a long enough password") {
		t.Fatal("right password refused")
	}
	if auth.VerifyPassword(h, "a long enough passworD") || auth.VerifyPassword("", "x") || auth.VerifyPassword("$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "x") {
		t.Fatal("wrong password or broken hash accepted")
	}
	h2, _ := auth.HashPassword("a long enough password")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: no salt")
	}
}

func TestSignUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		var admin *auth.User

		t.Run("FirstIsAdmin", func(t *testing.T) {
			admin = f.signUp(t, "  Ada@Example.ORG ", " Ada ")
			if !admin.Admin || admin.Email != "ada@example.org" || admin.Name != "Ada" {
				t.Fatalf("first account = %+v", admin)
			}
			if strings.Contains(admin.PasswordHash, goodPassword) || !auth.VerifyPassword(admin.PasswordHash, goodPassword) {
				t.Fatal("password not hashed properly")
			}
		})
		t.Run("SecondIsNot", func(t *testing.T) {
			if u := f.signUp(t, "bo@example.org", "Bo"); u.Admin {
				t.Fatal("second account is admin")
			}
		})
		t.Run("ErrDuplicateEmail", func(t *testing.T) {
			_, err := f.svc.SignUp(ctx, "BO@example.org", "Another Bo", goodPassword, false)
			wantErr(t, err, errs.Conflict, "email")
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			for _, c := range []struct{ email, name, password, field, msg string }{
				{"", "X", goodPassword, "email", "Enter your e-mail address."},
				{"not-an-address", "X", goodPassword, "email", "like name@example.org"},
				{"X <x@example.org>", "X", goodPassword, "email", "like name@example.org"},
				{strings.Repeat("a", 250) + "@example.org", "X", goodPassword, "email", "at most 254"},
				{"x@example.org", "   ", goodPassword, "name", "Enter your name"},
				{"x@example.org", strings.Repeat("é", 101), goodPassword, "name", "at most 100"},
				{"x@example.org", "X", "short", "password", "at least 10 characters; this one has 5"},
				{"x@example.org", "X", strings.Repeat("p", 1025), "password", "at most 1024"},
			} {
				_, err := f.svc.SignUp(ctx, c.email, c.name, c.password, false)
				wantErr(t, err, errs.Invalid, c.field)
				if !strings.Contains(errs.Message(err), c.msg) {
					t.Errorf("%q/%q: message %q lacks %q", c.email, c.name, errs.Message(err), c.msg)
				}
			}
		})
		t.Run("Modes", func(t *testing.T) {
			mode, err := f.svc.SignupMode(ctx)
			if err != nil || mode != auth.SignupOpen {
				t.Fatalf("default mode %q, %v", mode, err)
			}
			adminCtx := f.as(t, admin)
			if err := f.svc.SetSignupMode(adminCtx, auth.SignupInvite); err != nil {
				t.Fatal(err)
			}
			_, err = f.svc.SignUp(ctx, "c@example.org", "C", goodPassword, false)
			wantErr(t, err, errs.Forbidden, "")
			if _, err := f.svc.SignUp(ctx, "c@example.org", "C", goodPassword, true); err != nil {
				t.Fatalf("invited sign-up refused: %v", err)
			}
			if err := f.svc.SetSignupMode(adminCtx, auth.SignupClosed); err != nil {
				t.Fatal(err)
			}
			_, err = f.svc.SignUp(ctx, "d@example.org", "D", goodPassword, true)
			wantErr(t, err, errs.Forbidden, "")
			if _, err := f.svc.CreateUser(ctx, "d@example.org", "D", goodPassword, true); err != nil {
				t.Fatalf("CLI create refused in closed mode: %v", err)
			}
			if mode, _ := f.svc.SignupMode(ctx); mode != auth.SignupClosed {
				t.Fatalf("mode = %q", mode)
			}
		})
		t.Run("ErrSetModeRights", func(t *testing.T) {
			wantErr(t, f.svc.SetSignupMode(ctx, auth.SignupOpen), errs.Unauthorized, "")
			bo, _ := f.svc.UserByEmail(ctx, "bo@example.org")
			wantErr(t, f.svc.SetSignupMode(f.as(t, bo), auth.SignupOpen), errs.Forbidden, "")
			wantErr(t, f.svc.SetSignupMode(f.as(t, admin), "sometimes"), errs.Invalid, "signup_mode")
		})
	})
}

func TestSignUpClosedFirstAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if err := db.Write(context.Background(), func(tx *store.Tx) error {
			_, err := tx.Exec(context.Background(), "INSERT INTO instance_settings (key, value) VALUES ('signup_mode', 'closed')")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if u := f.signUp(t, "first@example.org", "First"); !u.Admin {
			t.Fatal("first account in closed mode is not admin")
		}
	})
}

func TestSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ada := f.signUp(t, "ada@example.org", "Ada")

		t.Run("OK", func(t *testing.T) {
			u, err := f.svc.SignIn(ctx, " ADA@example.org", goodPassword, "192.0.2.1")
			if err != nil || u.ID != ada.ID {
				t.Fatalf("sign in: %v, %v", u, err)
			}
		})
		t.Run("ErrSameMessage", func(t *testing.T) {
			_, wrongPw := f.svc.SignIn(ctx, "ada@example.org", "not the password", "192.0.2.1")
			_, unknown := f.svc.SignIn(ctx, "nobody@example.org", goodPassword, "192.0.2.1")
			wantErr(t, wrongPw, errs.Unauthorized, "")
			wantErr(t, unknown, errs.Unauthorized, "")
			if errs.Message(wrongPw) != errs.Message(unknown) || errs.Message(unknown) != "The e-mail or password is not right." {
				t.Fatalf("messages differ: %q / %q", errs.Message(wrongPw), errs.Message(unknown))
			}
		})
		t.Run("SuccessClearsFailures", func(t *testing.T) {
			for range auth.MaxAccountFailures - 2 {
				_, _ = f.svc.SignIn(ctx, "ada@example.org", "wrong password", "192.0.2.2")
			}
			if _, err := f.svc.SignIn(ctx, "ada@example.org", goodPassword, "192.0.2.2"); err != nil {
				t.Fatal(err)
			}
			for range auth.MaxAccountFailures - 1 {
				_, err := f.svc.SignIn(ctx, "ada@example.org", "wrong password", "192.0.2.2")
				wantErr(t, err, errs.Unauthorized, "")
			}
		})
		t.Run("ErrRateLimitedAccount", func(t *testing.T) {
			// One more makes ten failures in the window.
			_, _ = f.svc.SignIn(ctx, "ada@example.org", "wrong password", "192.0.2.3")
			_, err := f.svc.SignIn(ctx, "ada@example.org", goodPassword, "198.51.100.7")
			wantErr(t, err, errs.RateLimited, "")
			if !strings.Contains(errs.Message(err), "try again in 15 minutes") {
				t.Fatalf("message %q does not say when", errs.Message(err))
			}
			f.clock.Add(auth.FailureWindow + 1)
			if _, err := f.svc.SignIn(ctx, "ada@example.org", goodPassword, "198.51.100.7"); err != nil {
				t.Fatalf("still locked after the window: %v", err)
			}
		})
		t.Run("ErrRateLimitedAddress", func(t *testing.T) {
			f.clock.Add(auth.FailureWindow + 1)
			for i := range auth.MaxAddressFailures {
				_, err := f.svc.SignIn(ctx, fmt.Sprintf("guess%d@example.org", i), "password123", "203.0.113.9")
				wantErr(t, err, errs.Unauthorized, "")
			}
			_, err := f.svc.SignIn(ctx, "ada@example.org", goodPassword, "203.0.113.9")
			wantErr(t, err, errs.RateLimited, "")
			if _, err := f.svc.SignIn(ctx, "ada@example.org", goodPassword, "203.0.113.10"); err != nil {
				t.Fatalf("another address is locked too: %v", err)
			}
		})
		t.Run("ErrDeleted", func(t *testing.T) {
			gone := f.signUp(t, "gone@example.org", "Gone")
			if err := f.svc.DeleteAccount(f.as(t, gone), goodPassword); err != nil {
				t.Fatal(err)
			}
			_, err := f.svc.SignIn(ctx, "gone@example.org", goodPassword, "192.0.2.50")
			wantErr(t, err, errs.Unauthorized, "")
			_, err = f.svc.SignIn(ctx, fmt.Sprintf("deleted-%d@invalid", gone.ID), "", "192.0.2.50")
			wantErr(t, err, errs.Unauthorized, "")
		})
		t.Run("RehashOnNewParams", func(t *testing.T) {
			old := auth.Params
			defer func() { auth.Params = old }()
			auth.Params.Time = 2
			if _, err := f.svc.SignIn(ctx, "ada@example.org", goodPassword, "192.0.2.60"); err != nil {
				t.Fatal(err)
			}
			u, _ := f.svc.UserByID(ctx, ada.ID)
			if !strings.Contains(u.PasswordHash, ",t=2,") || u.SessionEpoch != ada.SessionEpoch {
				t.Fatalf("hash %q, epoch %d→%d", u.PasswordHash, ada.SessionEpoch, u.SessionEpoch)
			}
		})
	})
}

func TestPasswordChangeAndCLI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ada := f.signUp(t, "ada@example.org", "Ada")

		t.Run("ErrNotSignedIn", func(t *testing.T) {
			wantErr(t, f.svc.ChangePassword(ctx, goodPassword, "a brand new password"), errs.Unauthorized, "")
		})
		t.Run("ErrWrongCurrent", func(t *testing.T) {
			wantErr(t, f.svc.ChangePassword(f.as(t, ada), "not it at all", "a brand new password"), errs.Invalid, "current_password")
		})
		t.Run("ErrNewTooShort", func(t *testing.T) {
			wantErr(t, f.svc.ChangePassword(f.as(t, ada), goodPassword, "short"), errs.Invalid, "new_password")
		})
		t.Run("OK", func(t *testing.T) {
			if err := f.svc.ChangePassword(f.as(t, ada), goodPassword, "a brand new password"); err != nil {
				t.Fatal(err)
			}
			u, _ := f.svc.UserByID(ctx, ada.ID)
			if u.SessionEpoch != ada.SessionEpoch+1 {
				t.Fatalf("epoch %d → %d, want a bump", ada.SessionEpoch, u.SessionEpoch)
			}
			if _, err := f.svc.SignIn(ctx, "ada@example.org", "a brand new password", "192.0.2.1"); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("SetPassword", func(t *testing.T) {
			if err := f.svc.SetPassword(ctx, "ADA@example.org", "set on the server"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.SignIn(ctx, "ada@example.org", "set on the server", "192.0.2.1"); err != nil {
				t.Fatal(err)
			}
			wantErr(t, f.svc.SetPassword(ctx, "nobody@example.org", "set on the server"), errs.NotFound, "")
		})
		t.Run("SetAdmin", func(t *testing.T) {
			wantErr(t, f.svc.SetAdmin(ctx, "ada@example.org", false), errs.Conflict, "")
			bo := f.signUp(t, "bo@example.org", "Bo")
			if err := f.svc.SetAdmin(ctx, "bo@example.org", true); err != nil {
				t.Fatal(err)
			}
			if u, _ := f.svc.UserByID(ctx, bo.ID); !u.Admin {
				t.Fatal("bo is not admin")
			}
		})
	})
}
