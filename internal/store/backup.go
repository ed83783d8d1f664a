package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// Backup writes a consistent copy of a SQLite database to path while the
// database stays in use (VACUUM INTO reads one snapshot). It refuses to
// overwrite an existing file.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect != SQLite {
		return errors.New("store: online backup is for SQLite; use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: %s already exists; choose a new file name", path)
	}
	_, err := db.write.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}

// CheckBackup opens a backup file read-only and checks that it is an intact
// commonground database, before anything is replaced with it.
func CheckBackup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	b, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer b.Close()
	var ok string
	if err := b.read.GetContext(ctx, &ok, "PRAGMA integrity_check"); err != nil || ok != "ok" {
		return fmt.Errorf("store: %s fails its integrity check (%v %s)", path, err, ok)
	}
	var n int
	if err := b.read.GetContext(ctx, &n, "SELECT count(*) FROM sqlite_master WHERE name = 'collectives'"); err != nil || n != 1 {
		return fmt.Errorf("store: %s is not a commonground database", path)
	}
	return nil
}

// Restore replaces the SQLite database at dst with the backup at src. The
// server must be stopped: the old file and its WAL are moved aside to
// dst+".before-restore" rather than deleted.
func Restore(ctx context.Context, src, dst string) error {
	if err := CheckBackup(ctx, src); err != nil {
		return err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if _, err := os.Stat(dst); err == nil {
		if err := os.Rename(dst, dst+".before-restore"); err != nil {
			return err
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		_ = os.Remove(dst + suffix)
	}
	tmp := dst + ".restoring"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}
