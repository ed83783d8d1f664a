package auth

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/web"
)

// Limits and shape of API tokens.
const (
	// TokenPrefix starts every token, so a leaked one is easy to recognise
	// (secret scanners, logs) and a mistyped header is told apart from a
	// token that was revoked.
	TokenPrefix = "cg_"
	// MaxTokenName is the longest name a token may have, in characters.
	MaxTokenName = 80
	// MaxTokens is how many unrevoked tokens one account may hold: enough
	// for every script a person runs, few enough to review on one page.
	MaxTokens = 50
	// TokenTouchEvery is how stale a token's last-used time may get. The
	// time is written at most this often per token, so authenticating an
	// API request stays a read on the hot path.
	TokenTouchEvery = time.Minute
)

// tokenBytes is the randomness in a token: 256 bits cannot be guessed.
const tokenBytes = 32

// tokenEncoding writes the random part in lower-case base32 without
// padding: no characters that need escaping in a header, a URL or a shell.
var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// tokenLen is the length of every well-formed token.
var tokenLen = len(TokenPrefix) + tokenEncoding.EncodedLen(tokenBytes)

// Token is an API token as its owner sees it. The secret itself is shown
// once, when it is made, and stored only as its SHA-256.
type Token struct {
	ID         int64      `db:"id" json:"id"`
	UserID     int64      `db:"user_id" json:"-"`
	Name       string     `db:"name" json:"name"`
	Scope      string     `db:"scope" json:"scope"`
	CreatedAt  time.Time  `db:"created_at" json:"created_at"`
	LastUsedAt *time.Time `db:"last_used_at" json:"last_used_at"`
	RevokedAt  *time.Time `db:"revoked_at" json:"revoked_at"`
}

const tokenColumns = `id, user_id, name, scope, created_at, last_used_at, revoked_at`

// Why a bearer token is refused. Each says what to do next; none reveals
// anything a holder of the token could not know.
var (
	errTokenMalformed = errs.New(errs.Unauthorized, "This is not an API token of commonground: tokens start with %s and are %d characters long. Copy the whole token, or create a new one on your account page.", TokenPrefix, tokenLen)
	errTokenUnknown   = errs.New(errs.Unauthorized, "This API token is not valid. Check that you copied all of it, or create a new one on your account page.")
	errTokenRevoked   = errs.New(errs.Unauthorized, "This API token has been revoked. Create a new one on your account page.")
	errTokenDeleted   = errs.New(errs.Unauthorized, "The account this API token belonged to has been deleted.")
	errNoToken        = errs.New(errs.NotFound, "You have no such API token.")
)

// NormalizeTokenName trims a token's name and checks it.
func NormalizeTokenName(name string) (string, error) {
	n := strings.TrimSpace(name)
	switch {
	case n == "":
		return "", errs.Field("name", "Give the token a name, e.g. the script or machine that will use it.")
	case utf8.RuneCountInString(n) > MaxTokenName:
		return "", errs.Field("name", "A token's name can be at most %d characters long.", MaxTokenName)
	case strings.IndexFunc(n, unicode.IsControl) >= 0:
		return "", errs.Field("name", "A token's name cannot contain line breaks or control characters.")
	}
	return n, nil
}

// ValidTokenScope checks a scope: web.ScopeRead or web.ScopeWrite.
func ValidTokenScope(scope string) error {
	if scope != web.ScopeRead && scope != web.ScopeWrite {
		return errs.Field("scope", "Choose the scope read (the token may only look) or write (it may also change things).")
	}
	return nil
}

// wellFormed reports whether s has the shape of a token, so a garbled
// header is refused without a database look-up.
func wellFormed(s string) bool {
	if len(s) != tokenLen || !strings.HasPrefix(s, TokenPrefix) {
		return false
	}
	for _, c := range s[len(TokenPrefix):] {
		if (c < 'a' || c > 'z') && (c < '2' || c > '7') {
			return false
		}
	}
	return true
}

// onlyOwn refuses acting on another person's tokens when someone is signed
// in; the command line acts without a signed-in person.
func onlyOwn(ctx context.Context, userID int64) error {
	if u := UserFrom(ctx); u != nil && u.ID != userID {
		return errs.New(errs.Forbidden, "You can only manage your own API tokens.")
	}
	return nil
}

// CreateToken makes a token for an account and returns it in plain text,
// the only time it is ever available, with its stored record.
func (s *Service) CreateToken(ctx context.Context, userID int64, name, scope string) (string, *Token, error) {
	if err := onlyOwn(ctx, userID); err != nil {
		return "", nil, err
	}
	n, err := NormalizeTokenName(name)
	if err != nil {
		return "", nil, err
	}
	if err := ValidTokenScope(scope); err != nil {
		return "", nil, err
	}
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, err
	}
	plain := TokenPrefix + tokenEncoding.EncodeToString(raw)
	var t Token
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		u, err := findUser(ctx, tx, "id = ?", userID)
		if err != nil {
			return err
		}
		if u.DeletedAt != nil {
			return errs.New(errs.NotFound, "There is no such account.")
		}
		var active int
		if err := tx.Get(ctx, &active, "SELECT count(*) FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL", userID); err != nil {
			return err
		}
		if active >= MaxTokens {
			return errs.New(errs.Conflict, "You have %d API tokens already; revoke one you no longer use first.", MaxTokens)
		}
		id, err := tx.Insert(ctx, `INSERT INTO api_tokens (user_id, name, scope, token_hash, created_at)
			VALUES (?, ?, ?, ?, ?)`, userID, n, scope, hashToken(plain), tx.Now)
		if err != nil {
			return fmt.Errorf("auth: insert token: %w", err)
		}
		return tx.Get(ctx, &t, "SELECT "+tokenColumns+" FROM api_tokens WHERE id = ?", id)
	})
	if err != nil {
		return "", nil, err
	}
	s.log().InfoContext(ctx, "api token created", "user", userID, "token", t.ID, "scope", scope)
	return plain, &t, nil
}

// Tokens lists an account's tokens: those in use first, newest first,
// then the revoked ones.
func (s *Service) Tokens(ctx context.Context, userID int64) ([]Token, error) {
	if err := onlyOwn(ctx, userID); err != nil {
		return nil, err
	}
	var out []Token
	err := s.DB.Select(ctx, &out, "SELECT "+tokenColumns+` FROM api_tokens WHERE user_id = ?
		ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("auth: tokens: %w", err)
	}
	return out, nil
}

// RevokeToken stops one of the account's own tokens working at once.
// Revoking a revoked token again changes nothing; another person's token
// is NotFound, as if it did not exist.
func (s *Service) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	if err := onlyOwn(ctx, userID); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		var revoked *time.Time
		err := tx.Get(ctx, &revoked, "SELECT revoked_at FROM api_tokens WHERE id = ? AND user_id = ?", tokenID, userID)
		if store.NotFound(err) {
			return errNoToken
		}
		if err != nil || revoked != nil {
			return err
		}
		_, err = tx.Exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ?", tx.Now, tokenID)
		return err
	})
}

// deleteTokens removes every token of an account, inside the transaction
// that deletes the account: the tokens are worthless then, and the hashes
// are data about the person that nothing needs any more.
func deleteTokens(ctx context.Context, tx *store.Tx, userID int64) error {
	_, err := tx.Exec(ctx, "DELETE FROM api_tokens WHERE user_id = ?", userID)
	return err
}

// tokenUserRow is a token with its account, read in one query.
type tokenUserRow struct {
	User
	TokenID         int64      `db:"t_id"`
	TokenName       string     `db:"t_name"`
	TokenScope      string     `db:"t_scope"`
	TokenCreatedAt  time.Time  `db:"t_created_at"`
	TokenLastUsedAt *time.Time `db:"t_last_used_at"`
	TokenRevokedAt  *time.Time `db:"t_revoked_at"`
}

// tokenUserQuery finds a token by its hash with its account: one indexed
// read per API request.
const tokenUserQuery = `SELECT u.id, u.email, u.name, u.password_hash, u.time_zone, u.language, u.is_admin,
	u.session_epoch, u.created_at, u.deleted_at,
	t.id AS t_id, t.name AS t_name, t.scope AS t_scope, t.created_at AS t_created_at,
	t.last_used_at AS t_last_used_at, t.revoked_at AS t_revoked_at
	FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`

// TokenUser returns the account and token a bearer token stands for, or an
// Unauthorized error saying why it does not work (malformed, unknown,
// revoked, or its account deleted). It only reads; the last-used time is
// written in the background at most once every TokenTouchEvery.
func (s *Service) TokenUser(ctx context.Context, plaintext string) (*User, *Token, error) {
	if !wellFormed(plaintext) {
		return nil, nil, errTokenMalformed
	}
	var row tokenUserRow
	err := s.DB.Get(ctx, &row, tokenUserQuery, hashToken(plaintext))
	if store.NotFound(err) {
		return nil, nil, errTokenUnknown
	}
	if err != nil {
		return nil, nil, fmt.Errorf("auth: find token: %w", err)
	}
	switch {
	case row.TokenRevokedAt != nil:
		return nil, nil, errTokenRevoked
	case row.User.DeletedAt != nil:
		return nil, nil, errTokenDeleted
	}
	u := row.User
	t := &Token{ID: row.TokenID, UserID: u.ID, Name: row.TokenName, Scope: row.TokenScope,
		CreatedAt: row.TokenCreatedAt, LastUsedAt: row.TokenLastUsedAt}
	if now := s.DB.Now(); t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= TokenTouchEvery {
		s.touch(ctx, t.ID)
	}
	return &u, t, nil
}
