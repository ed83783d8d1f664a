package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"commonground/internal/app"
)

var tokenLine = regexp.MustCompile(`^cg_[a-z2-7]{52}\n$`)

func TestTokenCreate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cg.db")
	if code, _, errOut := runCLI(t, "a-long-password\n", "user", "create", "--db", db, "--email", "ada@example.org", "--name", "Ada"); code != 0 {
		t.Fatalf("user create: %q", errOut)
	}
	// whoUses opens the database and says whose token it is and its scope.
	whoUses := func(t *testing.T, token string) (email, name, scope string) {
		t.Helper()
		a, err := app.Open(context.Background(), app.Config{DB: db, Addr: "127.0.0.1:0"})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		u, tk, err := a.Auth.TokenUser(context.Background(), token)
		if err != nil {
			t.Fatalf("the printed token does not work: %v", err)
		}
		return u.Email, tk.Name, tk.Scope
	}

	t.Run("OK", func(t *testing.T) {
		code, out, errOut := runCLI(t, "", "token", "create", "--db", db, "--user", "Ada@Example.org", "--scope", "write", "--name", "deploy bot")
		if code != 0 || !tokenLine.MatchString(out) {
			t.Fatalf("token create: %d stdout %q stderr %q; want only the token on stdout", code, out, errOut)
		}
		if email, name, scope := whoUses(t, strings.TrimSpace(out)); email != "ada@example.org" || name != "deploy bot" || scope != "write" {
			t.Fatalf("token of %s named %q with scope %s", email, name, scope)
		}
	})
	t.Run("ReadByDefault", func(t *testing.T) {
		code, out, errOut := runCLI(t, "", "token", "create", "--db", db, "--user", "ada@example.org")
		if code != 0 || !tokenLine.MatchString(out) {
			t.Fatalf("token create: %d %q %q", code, out, errOut)
		}
		if _, name, scope := whoUses(t, strings.TrimSpace(out)); name != "command line" || scope != "read" {
			t.Fatalf("default token named %q with scope %s, want \"command line\" and read", name, scope)
		}
	})
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"ErrUnknownUser", []string{"--user", "nobody@example.org"}, "commonground token: no account has the e-mail address nobody@example.org\n"},
		{"ErrBadScope", []string{"--user", "ada@example.org", "--scope", "admin"}, "commonground token: --scope: \"admin\" is not read or write\n"},
		{"ErrNoUser", []string{}, "commonground token: --user is required: the e-mail address of the account\n"},
		{"ErrLongName", []string{"--user", "ada@example.org", "--name", strings.Repeat("n", 81)}, "commonground token: --name: A token's name can be at most 80 characters long.\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append([]string{"token", "create", "--db", db}, c.args...)...)
			if code != 1 || out != "" || errOut != c.want {
				t.Fatalf("code %d stdout %q stderr %q, want 1, nothing, %q", code, out, errOut, c.want)
			}
		})
	}
	t.Run("ErrNoVerb", func(t *testing.T) {
		code, _, errOut := runCLI(t, "", "token", "--user", "ada@example.org")
		if code != 1 || !strings.Contains(errOut, "say `token create --user EMAIL") {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
	})
	t.Run("Help", func(t *testing.T) {
		code, _, errOut := runCLI(t, "", "help", "token")
		if code != 0 || !strings.Contains(errOut, "-scope") || !strings.Contains(errOut, "-user") {
			t.Fatalf("help token: %d %q", code, errOut)
		}
	})
}
