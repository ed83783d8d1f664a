package auth

import (
	"context"
	"net/http"
	"time"

	"commonground/internal/store"
	"commonground/internal/web"
)

// SessionStore keeps scs sessions in the sessions table, like
// web.SessionStore, and also records whose session it is, so that finding a
// session loads its account in the same query: one round trip fewer on
// every signed-in request.
type SessionStore struct {
	web.SessionStore
}

// NewSessionStore returns the store on db.
func NewSessionStore(db *store.DB) *SessionStore {
	return &SessionStore{SessionStore: web.SessionStore{DB: db, OwnerOf: sessionOwner}}
}

// sessionOwner reads the signed-in account out of stored session data.
func sessionOwner(b []byte) any {
	if _, values, err := (web.SessionCodec{}).Decode(b); err == nil {
		if id, ok := values[sessionUser].(int64); ok && id != 0 {
			return id
		}
	}
	return nil
}

// found carries the account read with the session to Middleware.
type found struct {
	token string
	user  *User
}

type foundKey struct{}

// Before puts an empty found slot in the context the session store will
// see; the app sets it as web.Server.Before.
func (s *Service) Before(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), foundKey{}, &found{})))
	})
}

// foundUser returns the account read with the session token, if any.
func foundUser(ctx context.Context, token string) *User {
	f, _ := ctx.Value(foundKey{}).(*found)
	if f == nil || f.user == nil || f.token != token {
		return nil
	}
	return f.user
}

// FindCtx returns an unexpired session's data and leaves its account, if
// any, in the request's found slot.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	// The account's columns come back zero when the session has no owner
	// (not signed in), hence the COALESCEs.
	var row struct {
		Data   []byte    `db:"data"`
		Expiry time.Time `db:"expiry"`
		User
		// Read apart: on SQLite a COALESCE would lose the column's
		// timestamp type and come back as text.
		UserCreatedAt *time.Time `db:"user_created_at"`
	}
	err := s.DB.Get(ctx, &row, `SELECT s.data, s.expiry,
		COALESCE(u.id, 0) AS id, COALESCE(u.email, '') AS email, COALESCE(u.name, '') AS name,
		COALESCE(u.password_hash, '') AS password_hash, COALESCE(u.time_zone, 'UTC') AS time_zone,
		COALESCE(u.language, 'en') AS language, COALESCE(u.is_admin, FALSE) AS is_admin,
		COALESCE(u.session_epoch, 0) AS session_epoch, u.created_at AS user_created_at, u.deleted_at
		FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.token = ?`, token)
	if store.NotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if !row.Expiry.After(s.DB.Now()) {
		return nil, false, nil
	}
	if f, _ := ctx.Value(foundKey{}).(*found); f != nil && row.User.ID != 0 {
		u := row.User
		if row.UserCreatedAt != nil {
			u.CreatedAt = *row.UserCreatedAt
		}
		f.token, f.user = token, &u
	}
	return row.Data, true, nil
}

// Find implements scs.Store.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}
