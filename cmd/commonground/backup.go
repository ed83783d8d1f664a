package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"commonground/internal/store"
)

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, s := newFlags("backup", stderr, "./commonground.db")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("say where to write the backup: commonground backup FILE")
	}
	file := fs.Arg(0)
	if isPostgres(s.db) {
		fmt.Fprintf(stdout, "On PostgreSQL, back up with pg_dump:\n  pg_dump --format=custom --file=%s '%s'\n", file, s.db)
		return nil
	}
	db, err := store.Open(ctx, s.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %s to %s\n", s.db, file)
	return nil
}

func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, s := newFlags("restore", stderr, "./commonground.db")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("say which backup to restore: commonground restore FILE")
	}
	file := fs.Arg(0)
	if isPostgres(s.db) {
		fmt.Fprintf(stdout, "On PostgreSQL, restore with pg_restore (stop every instance first):\n  pg_restore --clean --if-exists --dbname='%s' %s\n", s.db, file)
		return nil
	}
	if err := store.Restore(ctx, file, s.db); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s from %s (the previous file is kept as %s.before-restore)\n", s.db, file, s.db)
	return nil
}
