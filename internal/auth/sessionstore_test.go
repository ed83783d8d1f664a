package auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
	"commonground/internal/web"
)

// The session store records whose session it is and hands the account, read
// in the same query, to the middleware.
func TestSessionStoreLoadsTheAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		u := f.signUp(t, "sam@example.org", "Sam")
		st := auth.NewSessionStore(db)
		data, err := (web.SessionCodec{}).Encode(time.Now().Add(time.Hour), map[string]any{"uid": u.ID, "epoch": u.SessionEpoch})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.CommitCtx(context.Background(), "tok", data, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		var owner *int64
		if err := db.Get(context.Background(), &owner, "SELECT user_id FROM sessions WHERE token = 'tok'"); err != nil || owner == nil || *owner != u.ID {
			t.Fatalf("session owner = %v (%v), want %d", owner, err, u.ID)
		}

		// Through the real middleware chain: Before, the session manager,
		// then the account check; the handler sees the account.
		srv := web.New(web.Config{SessionStore: st}, db)
		srv.Before = f.svc.Before
		srv.Load = f.svc.Middleware(srv.Sessions)
		var seen *auth.User
		srv.Page("GET /who", func(w http.ResponseWriter, r *http.Request) { seen = auth.UserFrom(r.Context()) })
		req := httptest.NewRequest("GET", "/who", nil)
		req.AddCookie(&http.Cookie{Name: "cg_session", Value: "tok"})
		srv.Handler().ServeHTTP(httptest.NewRecorder(), req)
		if seen == nil || seen.ID != u.ID || seen.Email != "sam@example.org" || seen.CreatedAt.IsZero() {
			t.Fatalf("handler saw %+v", seen)
		}

		// A session from an older epoch is refused even though its account
		// came with it.
		if err := db.Write(context.Background(), func(tx *store.Tx) error {
			_, err := tx.Exec(context.Background(), "UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?", u.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		seen = nil
		srv.Handler().ServeHTTP(httptest.NewRecorder(), req)
		if seen != nil {
			t.Fatalf("a session of an older epoch still signs in as %s", seen.Email)
		}
	})
}
