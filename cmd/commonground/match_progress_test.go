package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On a terminal, a scores file over 5 MB shows bars for reading, matching
// and the certificate on standard error, and the answer is the one a pipe
// gets; small files show nothing.
func TestMatchProgress(t *testing.T) {
	dir := t.TempDir()
	scores, capacities := filepath.Join(dir, "scores.csv"), filepath.Join(dir, "capacities.csv")
	f, err := os.Create(scores)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "mentee,mentor,score")
	for i := 0; i < 9000; i++ { // 9,000 × 30 pairs, about 5.6 MB
		for k := 0; k < 30; k++ {
			fmt.Fprintf(w, "mentee-%05d,mentor-%04d,0.%06d\n", i, (i*7+k*31)%2000, (i*7919+k*104729)%1000000)
		}
	}
	if err := w.Flush(); err != nil || f.Close() != nil {
		t.Fatal(err)
	}
	var caps strings.Builder
	caps.WriteString("mentor,capacity\n")
	for j := 0; j < 2000; j++ {
		fmt.Fprintf(&caps, "mentor-%04d,4\n", j)
	}
	if err := os.WriteFile(capacities, []byte(caps.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"match", "--scores", scores, "--capacities", capacities, "--format", "json"}
	_, quiet, _ := runCLI(t, "", args...)

	defer func(f func(io.Writer) bool) { progressTerminal = f }(progressTerminal)
	progressTerminal = func(io.Writer) bool { return true }
	code, out, errOut := runCLI(t, "", args...)
	if code != 0 || out != quiet {
		t.Fatalf("exit %d; the answer on a terminal differs from the quiet one", code)
	}
	for _, want := range []string{"reading " + scores, "matching mentees", "checking the certificate"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%.300q", want, errOut)
		}
	}
	if _, _, errOut := runCLI(t, "", append([]string{"match"}, matchProgram...)...); errOut != "" {
		t.Errorf("a small file shows progress: %q", errOut)
	}
}
