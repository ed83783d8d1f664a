package auth

import (
	"context"
	"sync"
	"time"

	"commonground/internal/store"
)

// touchKey names one token of one database: tests open many databases in
// one process, with the same token ids.
type touchKey struct {
	db *store.DB
	id int64
}

// Last-used writes in flight. A token used by many requests at once gets
// one write, not one per request; the entry goes when the write is done,
// and the stored time then keeps later requests from writing for
// TokenTouchEvery.
var (
	touching sync.Map // touchKey → struct{}
	touches  sync.WaitGroup
)

// touch records that a token was used, in the background: the request it
// came with never waits on the single SQLite writer for it.
func (s *Service) touch(ctx context.Context, id int64) {
	key := touchKey{s.DB, id}
	if _, busy := touching.LoadOrStore(key, struct{}{}); busy {
		return
	}
	touches.Add(1)
	go func() {
		defer touches.Done()
		defer touching.Delete(key)
		// The request may be over before this runs; keep its values (the
		// request id for the log) but not its cancellation.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		err := s.DB.Write(ctx, func(tx *store.Tx) error {
			// Conditional, so a write that lost a race with another
			// instance's changes nothing.
			_, err := tx.Exec(ctx, `UPDATE api_tokens SET last_used_at = ?
				WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)`, tx.Now, id, tx.Now.Add(-TokenTouchEvery))
			return err
		})
		if err != nil {
			s.log().WarnContext(ctx, "record token use", "token", id, "err", err)
		}
	}()
}

// WaitTouches waits for last-used writes in flight, so closing the
// database after it does not cut one short (and log an error) at shutdown.
func WaitTouches() { touches.Wait() }
