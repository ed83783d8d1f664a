package main

import (
	"context"
	"errors"
	"io"
)

// runToken makes API tokens from the command line.
func runToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("not built yet")
}
