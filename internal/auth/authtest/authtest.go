// Package authtest makes accounts for the tests of the features, which
// need people to act as but not the sign-up flow.
package authtest

import (
	"context"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/store"
)

// User inserts an account with the given name and e-mail address, and no
// password, straight into db.
func User(t testing.TB, db *store.DB, name, email string) *auth.User {
	t.Helper()
	u := &auth.User{Name: name, Email: email}
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		var err error
		u.ID, err = tx.Insert(context.Background(), "INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, '', ?)",
			u.Email, u.Name, tx.Now)
		return err
	})
	if err != nil {
		t.Fatalf("insert user %s: %v", name, err)
	}
	return u
}

// As returns a context in which u acts; nil means nobody is signed in.
func As(u *auth.User) context.Context {
	if u == nil {
		return context.Background()
	}
	return auth.WithUser(context.Background(), u)
}
