package auth

import (
	"context"
	"time"
)

// User is an account.
type User struct {
	ID           int64      `db:"id" json:"id"`
	Email        string     `db:"email" json:"email"`
	Name         string     `db:"name" json:"name"`
	PasswordHash string     `db:"password_hash" json:"-"`
	TimeZone     string     `db:"time_zone" json:"time_zone"`
	Language     string     `db:"language" json:"language"`
	Admin        bool       `db:"is_admin" json:"is_admin"`
	SessionEpoch int64      `db:"session_epoch" json:"-"`
	CreatedAt    time.Time  `db:"created_at" json:"created_at"`
	DeletedAt    *time.Time `db:"deleted_at" json:"-"`
}

// FormerMember is how content of a deleted account is attributed.
const FormerMember = "a former member"

type ctxKey struct{}

// WithUser returns ctx carrying the signed-in user.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, ctxKey{}, u)
}

// UserFrom returns the signed-in user, or nil. Services take the acting user
// from here, so pages and API agree on who is acting.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(ctxKey{}).(*User)
	return u
}
