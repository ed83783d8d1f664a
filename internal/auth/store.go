package auth

import (
	"context"
	"fmt"
	"time"

	"commonground/internal/errs"
	"commonground/internal/store"
)

const userColumns = `id, email, name, password_hash, time_zone, language, is_admin, session_epoch, created_at, deleted_at`

// settingSignupMode is the instance_settings key of the signup mode.
const settingSignupMode = "signup_mode"

// getter is what both *store.DB and *store.Tx offer for reading, so a
// look-up can run on the read pool or inside a write.
type getter interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
}

func findUser(ctx context.Context, q getter, where string, arg any) (*User, error) {
	var u User
	err := q.Get(ctx, &u, "SELECT "+userColumns+" FROM users WHERE "+where, arg)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "There is no such account.")
	}
	if err != nil {
		return nil, fmt.Errorf("auth: load user: %w", err)
	}
	return &u, nil
}

// insertUser adds an account; a taken address is a Conflict on "email".
func insertUser(ctx context.Context, tx *store.Tx, email, name, hash string, admin bool) (*User, error) {
	id, err := tx.Insert(ctx, `INSERT INTO users (email, name, password_hash, is_admin, created_at)
		VALUES (?, ?, ?, ?, ?)`, email, name, hash, admin, tx.Now)
	if store.IsUnique(err) {
		return nil, conflict("email", "An account with this e-mail address exists already. Sign in, or reset its password.")
	}
	if err != nil {
		return nil, fmt.Errorf("auth: insert user: %w", err)
	}
	return findUser(ctx, tx, "id = ?", id)
}

func countUsers(ctx context.Context, tx *store.Tx) (int, error) {
	var n int
	err := tx.Get(ctx, &n, "SELECT count(*) FROM users")
	return n, err
}

// firstAccount reports whether no account exists yet.
func (s *Service) firstAccount(ctx context.Context) (bool, error) {
	var id int64
	err := s.DB.Get(ctx, &id, "SELECT id FROM users LIMIT 1")
	if store.NotFound(err) {
		return true, nil
	}
	return false, err
}

func signupMode(ctx context.Context, q getter) (string, error) {
	var mode string
	err := q.Get(ctx, &mode, "SELECT value FROM instance_settings WHERE key = ?", settingSignupMode)
	if store.NotFound(err) {
		return SignupOpen, nil
	}
	if err != nil {
		return "", fmt.Errorf("auth: signup mode: %w", err)
	}
	return mode, nil
}

// setPassword stores a new hash and bumps the epoch, which ends every
// session made before.
func setPassword(ctx context.Context, tx *store.Tx, userID int64, hash string) error {
	_, err := tx.Exec(ctx, "UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ?", hash, userID)
	return err
}

// activeAdmins counts administrators whose accounts are not deleted.
func activeAdmins(ctx context.Context, q getter) (int, error) {
	var n int
	err := q.Get(ctx, &n, "SELECT count(*) FROM users WHERE is_admin = ? AND deleted_at IS NULL", true)
	return n, err
}

// Keys of the login_failures table: one per typed address, one per client.
func accountKey(email string) string { return "account:" + email }
func addressKey(ip string) string    { return "ip:" + ip }
func resetKey(email string) string   { return "reset:" + email }

// failuresSince returns the times of a key's failures after since, oldest
// first.
func (s *Service) failuresSince(ctx context.Context, key string, since time.Time) ([]time.Time, error) {
	var at []time.Time
	err := s.DB.Select(ctx, &at, "SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at", key, since)
	if err != nil {
		return nil, fmt.Errorf("auth: failures: %w", err)
	}
	return at, nil
}

// recordFailures notes one failure under each key and sweeps out failures
// older than the window, so the table never grows past one window's worth.
func recordFailures(ctx context.Context, tx *store.Tx, keys ...string) error {
	for _, k := range keys {
		if _, err := tx.Exec(ctx, "INSERT INTO login_failures (key, at) VALUES (?, ?)", k, tx.Now); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, "DELETE FROM login_failures WHERE at < ?", tx.Now.Add(-FailureWindow))
	return err
}

func clearFailures(ctx context.Context, tx *store.Tx, key string) error {
	_, err := tx.Exec(ctx, "DELETE FROM login_failures WHERE key = ?", key)
	return err
}

// resetRow is one password_resets row.
type resetRow struct {
	TokenHash string     `db:"token_hash"`
	UserID    int64      `db:"user_id"`
	CreatedAt time.Time  `db:"created_at"`
	ExpiresAt time.Time  `db:"expires_at"`
	UsedAt    *time.Time `db:"used_at"`
}

func findReset(ctx context.Context, q getter, tokenHash string) (*resetRow, error) {
	var r resetRow
	err := q.Get(ctx, &r, "SELECT token_hash, user_id, created_at, expires_at, used_at FROM password_resets WHERE token_hash = ?", tokenHash)
	if err != nil {
		return nil, err
	}
	return &r, nil
}
