package auth

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"time"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// Sign-in limits. Per account they stop guessing one person's password; per
// address they stop one client trying a common password on many accounts,
// with room for a shared office or school connection.
const (
	MaxAccountFailures = 10
	MaxAddressFailures = 50
	MaxResetRequests   = 5
	FailureWindow      = 15 * time.Minute
)

// ResetLifetime is how long a password reset link works.
const ResetLifetime = time.Hour

// Service holds the rules for accounts: signing up and in, passwords,
// profiles, deletion and export. The acting person is taken from the
// context (UserFrom), so pages, API and CLI apply the same checks.
type Service struct {
	DB      *store.DB
	Mailer  Mailer
	BaseURL string // public URL, for links in e-mail
	Log     *slog.Logger

	// BeforeDelete runs inside the transaction that anonymises an account,
	// so what it changes (ending memberships) and the anonymising land
	// together or not at all; any error stops the deletion and is shown to
	// the person (e.g. the sole steward of a collective must hand over).
	BeforeDelete []func(ctx context.Context, tx *store.Tx, userID int64) error
	// OnNameChange runs after a person's name changes, for copies kept
	// elsewhere (sort names of members).
	OnNameChange []func(ctx context.Context, userID int64, name string) error
	// Exporters add each feature's data about the person to their export,
	// under the map key.
	Exporters map[string]func(ctx context.Context, userID int64) (any, error)
}

func (s *Service) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// errWrongCredentials is the one answer for an unknown address and a wrong
// password, so the sign-in form does not reveal who has an account.
var errWrongCredentials = errs.New(errs.Unauthorized, "The e-mail or password is not right.")

// actor returns the signed-in user or an Unauthorized error.
func actor(ctx context.Context) (*User, error) {
	u := UserFrom(ctx)
	if u == nil {
		return nil, errs.New(errs.Unauthorized, "Please sign in first.")
	}
	return u, nil
}

// UserByID returns an account, including a deleted one (whose name is
// FormerMember), or a NotFound error.
func (s *Service) UserByID(ctx context.Context, id int64) (*User, error) {
	return findUser(ctx, s.DB, "id = ?", id)
}

// UserByEmail returns the account with this address, or a NotFound error.
func (s *Service) UserByEmail(ctx context.Context, email string) (*User, error) {
	e, err := NormalizeEmail(email)
	if err != nil {
		return nil, err
	}
	return findUser(ctx, s.DB, "email = ?", e)
}

// SignupMode returns who may sign up: SignupOpen (the default),
// SignupInvite or SignupClosed.
func (s *Service) SignupMode(ctx context.Context) (string, error) {
	return signupMode(ctx, s.DB)
}

// SetSignupMode changes the signup mode; only an instance administrator may.
func (s *Service) SetSignupMode(ctx context.Context, mode string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if !u.Admin {
		return errs.New(errs.Forbidden, "Only an administrator of this instance can change who may sign up.")
	}
	if err := validSignupMode(mode); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO instance_settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingSignupMode, mode)
		return err
	})
}

// newAccount checks and normalises sign-up input and hashes the password,
// before any transaction, so the slow hash never holds the writer.
func newAccount(email, name, password string) (e, n, hash string, err error) {
	if e, err = NormalizeEmail(email); err != nil {
		return
	}
	if n, err = NormalizeName(name); err != nil {
		return
	}
	if err = validatePassword("password", password); err != nil {
		return
	}
	hash, err = HashPassword(password)
	return
}

// SignUp creates an account as its owner. The first account of an instance
// becomes its administrator whatever the mode; later ones follow the mode,
// where invited says the person came with a valid invitation.
func (s *Service) SignUp(ctx context.Context, email, name, password string, invited bool) (*User, error) {
	e, n, hash, err := newAccount(email, name, password)
	if err != nil {
		return nil, err
	}
	var u *User
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if tx.Dialect == store.Postgres {
			// Two sign-ups at once must not both see an empty table and
			// both become the administrator; SQLite's immediate
			// transactions already let one writer in at a time.
			if _, err := tx.Exec(ctx, "LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE"); err != nil {
				return err
			}
		}
		count, err := countUsers(ctx, tx)
		if err != nil {
			return err
		}
		if count > 0 {
			mode, err := signupMode(ctx, tx)
			if err != nil {
				return err
			}
			switch {
			case mode == SignupClosed:
				return errs.New(errs.Forbidden, "Sign-ups are closed on this instance. Ask its administrator to create an account for you.")
			case mode == SignupInvite && !invited:
				return errs.New(errs.Forbidden, "Sign-ups on this instance are by invitation only. Follow the link in your invitation to create an account.")
			}
		}
		u, err = insertUser(ctx, tx, e, n, hash, count == 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.log().InfoContext(ctx, "account created", "user", u.ID, "admin", u.Admin)
	return u, nil
}

// CreateUser makes an account whatever the signup mode, for the command
// line (`user create`).
func (s *Service) CreateUser(ctx context.Context, email, name, password string, admin bool) (*User, error) {
	e, n, hash, err := newAccount(email, name, password)
	if err != nil {
		return nil, err
	}
	var u *User
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		u, err = insertUser(ctx, tx, e, n, hash, admin)
		return err
	})
	return u, err
}

// SetPassword sets an account's password, for the command line (`user
// passwd`). It signs the account out everywhere and lifts any sign-in lock.
func (s *Service) SetPassword(ctx context.Context, email, password string) error {
	u, err := s.UserByEmail(ctx, email)
	if errs.Is(err, errs.NotFound) {
		return errs.New(errs.NotFound, "No account has the e-mail address %s.", strings.TrimSpace(email))
	}
	if err != nil {
		return err
	}
	if err := validatePassword("password", password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := setPassword(ctx, tx, u.ID, hash); err != nil {
			return err
		}
		return clearFailures(ctx, tx, accountKey(u.Email))
	})
}

// SetAdmin makes an account an instance administrator or takes that away,
// for the command line (`user admin`). The last administrator stays one.
func (s *Service) SetAdmin(ctx context.Context, email string, admin bool) error {
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if !admin && u.Admin {
			n, err := activeAdmins(ctx, tx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return errs.New(errs.Conflict, "%s is the only administrator of this instance; make someone else one first.", u.Email)
			}
		}
		_, err := tx.Exec(ctx, "UPDATE users SET is_admin = ? WHERE id = ?", admin, u.ID)
		return err
	})
}

// SignIn checks an address and password from clientIP. Failures are counted
// per typed address and per client; past the limits it answers RateLimited
// without checking the password.
func (s *Service) SignIn(ctx context.Context, email, password, clientIP string) (*User, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	if len(e) > MaxEmail {
		e = e[:MaxEmail] // bounds the key; no such account exists anyway
	}
	keys := []string{accountKey(e)}
	accountFails, err := s.checkLimit(ctx, accountKey(e), MaxAccountFailures)
	if err != nil {
		return nil, err
	}
	if clientIP != "" {
		keys = append(keys, addressKey(clientIP))
		if _, err := s.checkLimit(ctx, addressKey(clientIP), MaxAddressFailures); err != nil {
			return nil, err
		}
	}
	u, err := findUser(ctx, s.DB, "email = ?", e)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return nil, err
	}
	ok := false
	switch {
	case len(password) > 4*MaxPassword:
		// Longer than any password we accept: wrong without hashing it.
	case u != nil && u.DeletedAt == nil && u.PasswordHash != "":
		ok = VerifyPassword(u.PasswordHash, password)
	default:
		burnHash(password)
	}
	if !ok {
		if err := s.DB.Write(ctx, func(tx *store.Tx) error { return recordFailures(ctx, tx, keys...) }); err != nil {
			return nil, err
		}
		return nil, errWrongCredentials
	}
	rehash := needsRehash(u.PasswordHash)
	if accountFails > 0 || rehash {
		err := s.DB.Write(ctx, func(tx *store.Tx) error {
			if rehash {
				hash, err := HashPassword(password)
				if err != nil {
					return err
				}
				// Same password, so the epoch stays and sessions live on.
				if _, err := tx.Exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", hash, u.ID); err != nil {
					return err
				}
			}
			return clearFailures(ctx, tx, accountKey(e))
		})
		if err != nil {
			return nil, err
		}
	}
	return u, nil
}

// checkLimit returns how many failures key has in the window, or a
// RateLimited error saying when to try again once it reaches limit.
func (s *Service) checkLimit(ctx context.Context, key string, limit int) (int, error) {
	now := s.DB.Now()
	at, err := s.failuresSince(ctx, key, now.Add(-FailureWindow))
	if err != nil {
		return 0, err
	}
	if len(at) < limit {
		return len(at), nil
	}
	// Once the oldest failures leave the window, the count falls under the
	// limit again.
	retry := at[len(at)-limit].Add(FailureWindow)
	mins := max(1, int(math.Ceil(retry.Sub(now).Minutes())))
	what := "to sign in"
	if strings.HasPrefix(key, "reset:") {
		what = "to reset the password of this address"
	}
	return len(at), errs.New(errs.RateLimited, "Too many attempts %s. Please try again in %s.", what, minutes(mins))
}

func minutes(n int) string {
	if n == 1 {
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", n)
}
