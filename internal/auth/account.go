package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// current returns the signed-in user as stored now: the copy in the
// context may predate a change made in this request.
func (s *Service) current(ctx context.Context) (*User, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	fresh, err := s.UserByID(ctx, u.ID)
	if errs.Is(err, errs.NotFound) || (err == nil && fresh.DeletedAt != nil) {
		return nil, errs.New(errs.Unauthorized, "Please sign in first.")
	}
	return fresh, err
}

// confirmPassword checks the password of a signed-in person before a
// sensitive change. Misses count towards the account's sign-in limit, so a
// session left open cannot be used to guess the password.
func (s *Service) confirmPassword(ctx context.Context, u *User, password, field string) error {
	if _, err := s.checkLimit(ctx, accountKey(u.Email), MaxAccountFailures); err != nil {
		return err
	}
	if u.PasswordHash != "" && len(password) <= 4*MaxPassword && VerifyPassword(u.PasswordHash, password) {
		return nil
	}
	if err := s.DB.Write(ctx, func(tx *store.Tx) error { return recordFailures(ctx, tx, accountKey(u.Email)) }); err != nil {
		return err
	}
	return errs.Field(field, "That is not your current password.")
}

// ChangePassword replaces the signed-in person's password. The session
// epoch moves on, so every other session of theirs ends; the caller should
// start a new session for this one (StartSession).
func (s *Service) ChangePassword(ctx context.Context, current, newPassword string) error {
	u, err := s.current(ctx)
	if err != nil {
		return err
	}
	if err := validatePassword("new_password", newPassword); err != nil {
		return err
	}
	if err := s.confirmPassword(ctx, u, current, "current_password"); err != nil {
		return err
	}
	hash, err := HashPassword(newPassword)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error { return setPassword(ctx, tx, u.ID, hash) })
}

// hashToken is how reset tokens are stored: a database leak gives no
// working links.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RequestReset mails a password reset link to the account with this
// address. For an unknown address it does nothing and still returns nil, so
// the answer does not tell who has an account.
func (s *Service) RequestReset(ctx context.Context, email string) error {
	e, err := NormalizeEmail(email)
	if err != nil {
		return err
	}
	// Counted per address whether or not it has an account, so the limit
	// does not reveal that either; it stops mail-bombing someone.
	if _, err := s.checkLimit(ctx, resetKey(e), MaxResetRequests); err != nil {
		return err
	}
	u, err := findUser(ctx, s.DB, "email = ?", e)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return err
	}
	if u == nil || u.DeletedAt != nil {
		return s.DB.Write(ctx, func(tx *store.Tx) error { return recordFailures(ctx, tx, resetKey(e)) })
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := recordFailures(ctx, tx, resetKey(e)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
			VALUES (?, ?, ?, ?)`, hashToken(token), u.ID, tx.Now, tx.Now.Add(ResetLifetime))
		return err
	})
	if err != nil {
		return fmt.Errorf("auth: store reset: %w", err)
	}
	link := strings.TrimSuffix(s.BaseURL, "/") + "/reset/" + token
	body := fmt.Sprintf(`Hello %s,

Someone, probably you, asked to reset the password of your commonground account.
To choose a new password, open this link within the next hour:

%s

If you did not ask for this, you can ignore this message: your password stays as it is.
`, u.Name, link)
	if err := s.Mailer.Send(ctx, u.Email, "Reset your commonground password", body); err != nil {
		return fmt.Errorf("auth: send reset mail: %w", err)
	}
	return nil
}

// checkReset says why a reset link no longer works, or returns nil.
func checkReset(r *resetRow, err error, now time.Time) error {
	switch {
	case store.NotFound(err):
		return errs.New(errs.Gone, "This reset link is not valid. Check that you copied all of it, or ask for a new one.")
	case err != nil:
		return err
	case r.UsedAt != nil:
		return errs.New(errs.Gone, "This reset link has been used already. Ask for a new one if you still need it.")
	case !now.Before(r.ExpiresAt):
		return errs.New(errs.Gone, "This reset link has expired: links work for one hour. Ask for a new one.")
	}
	return nil
}

// CheckReset reports whether a reset link still works (nil) or why not
// (Gone), so the page can say so before anyone types a new password.
func (s *Service) CheckReset(ctx context.Context, token string) error {
	r, err := findReset(ctx, s.DB, hashToken(token))
	return checkReset(r, err, s.DB.Now())
}

// ResetPassword sets a new password through a mailed link. The link and
// every other open link of the account stop working, all sessions end and
// the sign-in lock of the account is lifted.
func (s *Service) ResetPassword(ctx context.Context, token, newPassword string) error {
	if err := s.CheckReset(ctx, token); err != nil {
		return err
	}
	if err := validatePassword("password", newPassword); err != nil {
		return err
	}
	hash, err := HashPassword(newPassword)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		// Checked again inside the write: the same link used twice at
		// once must succeed only once.
		r, err := findReset(ctx, tx, hashToken(token))
		if err := checkReset(r, err, tx.Now); err != nil {
			return err
		}
		u, err := findUser(ctx, tx, "id = ?", r.UserID)
		if err != nil {
			return err
		}
		if u.DeletedAt != nil {
			return errs.New(errs.Gone, "This account has been deleted.")
		}
		if _, err := tx.Exec(ctx, "UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL", tx.Now, u.ID); err != nil {
			return err
		}
		if err := setPassword(ctx, tx, u.ID, hash); err != nil {
			return err
		}
		return clearFailures(ctx, tx, accountKey(u.Email))
	})
}

// UpdateProfile changes the signed-in person's name, time zone and
// language, then tells the OnNameChange hooks when the name changed.
func (s *Service) UpdateProfile(ctx context.Context, name, timeZone, language string) error {
	u, err := s.current(ctx)
	if err != nil {
		return err
	}
	n, err := NormalizeName(name)
	if err != nil {
		return err
	}
	timeZone = strings.TrimSpace(timeZone)
	if err := validTimeZone(timeZone); err != nil {
		return err
	}
	if err := validLanguage(language); err != nil {
		return err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE users SET name = ?, time_zone = ?, language = ? WHERE id = ?", n, timeZone, language, u.ID)
		return err
	})
	if err != nil || n == u.Name {
		return err
	}
	return s.nameChanged(ctx, u.ID, n)
}

func (s *Service) nameChanged(ctx context.Context, userID int64, name string) error {
	for _, hook := range s.OnNameChange {
		if err := hook(ctx, userID, name); err != nil {
			return fmt.Errorf("auth: name change hook: %w", err)
		}
	}
	return nil
}

// DeleteAccount deletes the signed-in person's account after they confirm
// their password. The row stays, anonymised, so what they wrote elsewhere
// keeps its author id and shows as FormerMember.
func (s *Service) DeleteAccount(ctx context.Context, password string) error {
	u, err := s.current(ctx)
	if err != nil {
		return err
	}
	if err := s.confirmPassword(ctx, u, password, "password"); err != nil {
		return err
	}
	if u.Admin {
		admins, err := activeAdmins(ctx, s.DB)
		if err != nil {
			return err
		}
		var others int
		if err := s.DB.Get(ctx, &others, "SELECT count(*) FROM users WHERE id <> ? AND deleted_at IS NULL", u.ID); err != nil {
			return err
		}
		if admins <= 1 && others > 0 {
			return errs.New(errs.Conflict, "You are the only administrator of this instance. Make another account an administrator first (on the server: commonground user admin --email EMAIL).")
		}
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		for _, hook := range s.BeforeDelete {
			if err := hook(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `UPDATE users SET name = ?, email = ?, password_hash = '', time_zone = 'UTC', language = 'en',
			is_admin = ?, deleted_at = ?, session_epoch = session_epoch + 1 WHERE id = ?`,
			FormerMember, fmt.Sprintf("deleted-%d@invalid", u.ID), false, tx.Now, u.ID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM password_resets WHERE user_id = ?", u.ID); err != nil {
			return err
		}
		if err := deleteTokens(ctx, tx, u.ID); err != nil {
			return err
		}
		return clearFailures(ctx, tx, accountKey(u.Email))
	})
	if err != nil {
		return err
	}
	s.log().InfoContext(ctx, "account deleted", "user", u.ID)
	// Copies of the name elsewhere must forget it too. The account is gone
	// already, so a failing hook is logged rather than reported as a
	// failed deletion.
	if err := s.nameChanged(ctx, u.ID, FormerMember); err != nil {
		s.log().ErrorContext(ctx, "after deletion", "user", u.ID, "err", err)
	}
	return nil
}

// Export returns what the instance holds about the signed-in person: their
// account (never the password hash) and each Exporters entry under its key.
func (s *Service) Export(ctx context.Context) (map[string]any, error) {
	u, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"account": u, "exported_at": s.DB.Now()}
	keys := make([]string, 0, len(s.Exporters))
	for k := range s.Exporters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v, err := s.Exporters[k](ctx, u.ID)
		if err != nil {
			return nil, fmt.Errorf("auth: export %s: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}
