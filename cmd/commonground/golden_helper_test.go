package main

import (
	"os"
	"path/filepath"
	"testing"
)

// checkGolden compares a command's output with its golden file, writing
// the file first under -update. test names the test for the rerun hint.
func checkGolden(t *testing.T, golden, out, test string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (write it with: go test ./cmd/commonground -run %s -update, then read it)", err, test)
	}
	if out != string(want) {
		t.Errorf("output differs from %s:\n%s", golden, out)
	}
}
