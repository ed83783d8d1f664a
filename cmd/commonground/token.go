package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/errs"
)

// runToken makes API tokens from the command line. Only the token goes to
// standard output, so a script can capture it: TOKEN=$(commonground token
// create --user ...).
func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		args = append([]string{"create"}, args...)
	}
	if len(args) == 0 || args[0] != "create" {
		return errors.New("say `token create --user EMAIL [--scope read|write] [--name NAME]`")
	}
	fs, s := newFlags("token create", stderr, "./commonground.db")
	email := fs.String("user", "", "the e-mail address of the account the token acts as")
	scope := fs.String("scope", "read", "read (may only look) or write (may also change things)")
	name := fs.String("name", "command line", "what will use the token, shown on the account page")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--user is required: the e-mail address of the account")
	}
	// Checked before the database is opened, so a typo costs nothing.
	if err := auth.ValidTokenScope(*scope); err != nil {
		return fmt.Errorf("--scope: %q is not read or write", *scope)
	}
	if _, err := auth.NormalizeTokenName(*name); err != nil {
		return fmt.Errorf("--name: %s", errs.Message(err))
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := app.Open(ctx, app.Config{DB: s.db, Addr: s.addr, Logger: log})
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Auth.UserByEmail(ctx, *email)
	if err == nil && u.DeletedAt != nil {
		err = errs.New(errs.NotFound, "")
	}
	if errs.Is(err, errs.NotFound) {
		return fmt.Errorf("no account has the e-mail address %s", strings.ToLower(strings.TrimSpace(*email)))
	}
	if err != nil {
		return friendly(err)
	}
	plain, _, err := a.Auth.CreateToken(ctx, u.ID, *name, *scope)
	if err != nil {
		return friendly(err)
	}
	fmt.Fprintln(stdout, plain)
	return nil
}
