package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"commonground/internal/store"
)

// instanceSecret returns the key this instance signs cursors and
// unsubscribe links with, making it on first start. It lives in the
// database so every instance behind a load balancer shares it.
func instanceSecret(ctx context.Context, db *store.DB) ([]byte, error) {
	var hexKey string
	err := db.Write(ctx, func(tx *store.Tx) error {
		fresh := make([]byte, 32)
		_, _ = rand.Read(fresh)
		if _, err := tx.Exec(ctx, `INSERT INTO instance_settings (key, value) VALUES ('secret', ?)
			ON CONFLICT (key) DO NOTHING`, hex.EncodeToString(fresh)); err != nil {
			return err
		}
		return tx.Get(ctx, &hexKey, "SELECT value FROM instance_settings WHERE key = 'secret'")
	})
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(hexKey)
}
