package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"commonground/internal/auth"
)

func init() { auth.Params.Memory, auth.Params.Time = 64, 1 } // fast hashes in tests

func runCLI(t *testing.T, input string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	stdin = strings.NewReader(input)
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := runCLI(t, "", "help")
	for _, want := range []string{"serve", "demo", "migrate", "user", "backup", "restore", "version"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("help (code %d) lacks %q:\n%s", code, want, out)
		}
	}
	if code, out, _ := runCLI(t, "", "version"); code != 0 || !strings.HasPrefix(out, "commonground ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, _, errOut := runCLI(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Fatalf("unknown command: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "serve", "--base-url", "ftp://x"); code != 1 || !strings.Contains(errOut, "--base-url must start with http") {
		t.Fatalf("bad base url: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "serve", "--trusted-proxies", "10.0.0.0/33"); code != 1 || !strings.Contains(errOut, "is not a CIDR") {
		t.Fatalf("bad proxies: %d %q", code, errOut)
	}
}

func TestUserBackupRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cg.db")
	code, out, errOut := runCLI(t, "a-long-password\n", "user", "create", "--db", db, "--email", "Ada@Example.org", "--name", "Ada", "--admin")
	if code != 0 || !strings.Contains(out, "ada@example.org (administrator)") {
		t.Fatalf("user create: %d %q %q", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "another-password\n", "user", "create", "--db", db, "--email", "ada@example.org", "--name", "Ada")
	if code != 1 || !strings.Contains(errOut, "email:") {
		t.Fatalf("duplicate user: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "short\n", "user", "passwd", "--db", db, "--email", "ada@example.org")
	if code != 1 || !strings.Contains(errOut, "password") {
		t.Fatalf("short password accepted: %d %q", code, errOut)
	}
	if code, _, errOut = runCLI(t, "", "user", "create", "--db", db, "--email", "b@example.org", "--name", "B"); code != 1 || !strings.Contains(errOut, "standard input") {
		t.Fatalf("missing password: %d %q", code, errOut)
	}

	backup := filepath.Join(dir, "backup.db")
	if code, out, errOut := runCLI(t, "", "backup", backup, "--db", db); code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: %d %q %q", code, out, errOut)
	}
	// A change after the backup is undone by the restore.
	if code, _, errOut := runCLI(t, "password-number-two\n", "user", "create", "--db", db, "--email", "later@example.org", "--name", "Later"); code != 0 {
		t.Fatalf("second user: %q", errOut)
	}
	if code, out, errOut := runCLI(t, "", "restore", "--db", db, backup); code != 0 || !strings.Contains(out, "restored") {
		t.Fatalf("restore: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(db + ".before-restore"); err != nil {
		t.Fatalf("the replaced database was not kept: %v", err)
	}
	code, _, errOut = runCLI(t, "password-number-two\n", "user", "passwd", "--db", db, "--email", "later@example.org")
	if code != 1 || !strings.Contains(errOut, "later@example.org") && !strings.Contains(strings.ToLower(errOut), "no account") {
		t.Fatalf("the account made after the backup survived the restore: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "restore", "--db", db, filepath.Join(dir, "nope.db")); code != 1 || errOut == "" {
		t.Fatalf("restore from a missing file: %d %q", code, errOut)
	}
}

func TestPostgresBackupPrintsTools(t *testing.T) {
	url := "postgres://app@db:5432/cg"
	if code, out, _ := runCLI(t, "", "backup", "x.dump", "--db", url); code != 0 || !strings.Contains(out, "pg_dump --format=custom --file=x.dump") {
		t.Fatalf("backup on PostgreSQL: %d %q", code, out)
	}
	if code, out, _ := runCLI(t, "", "restore", "x.dump", "--db", url); code != 0 || !strings.Contains(out, "pg_restore") {
		t.Fatalf("restore on PostgreSQL: %d %q", code, out)
	}
}
