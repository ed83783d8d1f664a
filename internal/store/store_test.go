package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		fixed := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return fixed }

		t.Run("OK", func(t *testing.T) {
			var id int64
			err := db.Write(ctx, func(tx *store.Tx) error {
				var err error
				id, err = tx.Insert(ctx, "INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)", "a@example.org", "A", "x", tx.Now)
				return err
			})
			if err != nil || id == 0 {
				t.Fatalf("insert: id %d, %v", id, err)
			}
			var got time.Time
			if err := db.Get(ctx, &got, "SELECT created_at FROM users WHERE id = ?", id); err != nil {
				t.Fatal(err)
			}
			if !got.Equal(fixed) {
				t.Fatalf("created_at = %v, want %v", got, fixed)
			}
		})

		t.Run("RollbackOnError", func(t *testing.T) {
			boom := errors.New("boom")
			err := db.Write(ctx, func(tx *store.Tx) error {
				if _, err := tx.Exec(ctx, "INSERT INTO instance_settings (key, value) VALUES (?, ?)", "k", "v"); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("err = %v", err)
			}
			var n int
			if err := db.Get(ctx, &n, "SELECT count(*) FROM instance_settings WHERE key = ?", "k"); err != nil || n != 0 {
				t.Fatalf("rolled-back row is there: n=%d err=%v", n, err)
			}
		})

		t.Run("IsUnique", func(t *testing.T) {
			err := db.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, "INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)", "a@example.org", "B", "x", tx.Now)
				return err
			})
			if !store.IsUnique(err) {
				t.Fatalf("want a unique violation, got %v", err)
			}
		})

		t.Run("MigrationsCurrent", func(t *testing.T) {
			pending, err := db.Pending(ctx)
			if err != nil || pending {
				t.Fatalf("pending=%v err=%v", pending, err)
			}
			n, err := db.Migrate(ctx)
			if err != nil || n != 0 {
				t.Fatalf("second migrate applied %d, %v", n, err)
			}
		})
	})
}

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	write := func(v string) {
		t.Helper()
		if err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "INSERT INTO instance_settings (key, value) VALUES ('probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", v)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	write("before")
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, backup); err == nil {
		t.Fatal("backup overwrote an existing file")
	}
	write("after")
	db.Close()

	if err := store.Restore(ctx, filepath.Join(dir, "missing.db"), path); err == nil {
		t.Fatal("restore from a missing file succeeded")
	}
	if err := store.Restore(ctx, backup, path); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.Get(ctx, &v, "SELECT value FROM instance_settings WHERE key = 'probe'"); err != nil || v != "before" {
		t.Fatalf("restored value = %q, %v; want before", v, err)
	}
}
