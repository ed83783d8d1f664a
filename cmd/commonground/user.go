package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"commonground/internal/app"
	"commonground/internal/errs"
)

// stdin is replaced in tests.
var stdin io.Reader = os.Stdin

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "create" && args[0] != "passwd" && args[0] != "admin") {
		return errors.New("say `user create --email E --name N [--admin]`, `user passwd --email E` or `user admin --email E [--revoke]`")
	}
	verb := args[0]
	fs, s := newFlags("user "+verb, stderr, "./commonground.db")
	email := fs.String("email", "", "the account's e-mail address")
	name := fs.String("name", "", "the person's name (create)")
	admin := fs.Bool("admin", false, "make the account an instance administrator (create)")
	revoke := fs.Bool("revoke", false, "take administration away instead of granting it (admin)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	if verb == "create" && *name == "" {
		return errors.New("--name is required")
	}
	if verb == "admin" {
		return setAdmin(ctx, s, *email, !*revoke, stdout)
	}
	password, err := readPassword(stderr)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, app.Config{DB: s.db, Addr: s.addr})
	if err != nil {
		return err
	}
	defer a.Close()
	if verb == "create" {
		u, err := a.Auth.CreateUser(ctx, *email, *name, password, *admin)
		if err != nil {
			return friendly(err)
		}
		fmt.Fprintf(stdout, "created account %d for %s%s\n", u.ID, u.Email, map[bool]string{true: " (administrator)"}[u.Admin])
		return nil
	}
	if err := a.Auth.SetPassword(ctx, *email, password); err != nil {
		return friendly(err)
	}
	fmt.Fprintf(stdout, "password set for %s; their other sessions are signed out\n", strings.ToLower(*email))
	return nil
}

func setAdmin(ctx context.Context, s *settings, email string, admin bool, stdout io.Writer) error {
	a, err := app.Open(ctx, app.Config{DB: s.db, Addr: s.addr})
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Auth.SetAdmin(ctx, email, admin); err != nil {
		return friendly(err)
	}
	fmt.Fprintf(stdout, "%s is %s an instance administrator\n", strings.ToLower(email), map[bool]string{true: "now", false: "no longer"}[admin])
	return nil
}

// readPassword asks on a terminal without echo, or reads the first line of
// standard input when it is a pipe (for scripts).
func readPassword(stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("give the password on standard input, e.g. `printf '%s\\n' \"$PASSWORD\" | commonground user create ...`")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// friendly turns an application error into a line for the terminal.
func friendly(err error) error {
	if f := errs.FieldOf(err); f != "" {
		return fmt.Errorf("%s: %s", f, errs.Message(err))
	}
	if errs.Code(err) != errs.Internal {
		return errors.New(errs.Message(err))
	}
	return err
}
