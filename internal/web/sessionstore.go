package web

import (
	"context"
	"time"

	"commonground/internal/store"
)

// SessionStore keeps scs sessions in the sessions table, so every instance
// behind a load balancer sees the same sessions.
type SessionStore struct {
	DB *store.DB
	// OwnerOf, if set, names the account a session's data belongs to (nil
	// for none); it is stored beside the session so a store can load both
	// at once.
	OwnerOf func(data []byte) any
}

// Find implements scs.Store.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit implements scs.Store.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete implements scs.Store.
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// FindCtx returns an unexpired session's data.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var row struct {
		Data   []byte    `db:"data"`
		Expiry time.Time `db:"expiry"`
	}
	err := s.DB.Get(ctx, &row, "SELECT data, expiry FROM sessions WHERE token = ?", token)
	if store.NotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if !row.Expiry.After(s.DB.Now()) {
		return nil, false, nil
	}
	return row.Data, true, nil
}

// CommitCtx writes a session; it also clears out a few expired ones, so the
// table needs no separate sweeper.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	var owner any
	if s.OwnerOf != nil {
		owner = s.OwnerOf(b)
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO sessions (token, data, expiry, user_id) VALUES (?, ?, ?, ?)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry, user_id = excluded.user_id`,
			token, b, expiry.UTC(), owner); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE token IN (SELECT token FROM sessions WHERE expiry < ? LIMIT 20)", tx.Now)
		return err
	})
}

// DeleteCtx removes a session.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE token = ?", token)
		return err
	})
}
