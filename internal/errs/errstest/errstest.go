// Package errstest checks the errors services return, for the tests of
// every feature: the code, the field it names, and the message people read.
package errstest

import (
	"strings"
	"testing"

	"commonground/internal/errs"
)

// Want fails unless err has code, names field (when not "") and says
// exactly msg (when not "").
func Want(t testing.TB, err error, code, field, msg string) {
	t.Helper()
	want(t, err, code, field)
	if msg != "" && errs.Message(err) != msg {
		t.Fatalf("error %v:\n message %q\n    want %q", err, errs.Message(err), msg)
	}
}

// WantContains is Want with a message that need only contain msg.
func WantContains(t testing.TB, err error, code, field, msg string) {
	t.Helper()
	want(t, err, code, field)
	if msg != "" && !strings.Contains(errs.Message(err), msg) {
		t.Fatalf("error %v: message %q does not contain %q", err, errs.Message(err), msg)
	}
}

func want(t testing.TB, err error, code, field string) {
	t.Helper()
	if errs.Code(err) != code {
		t.Fatalf("error %v: code %q, want %q", err, errs.Code(err), code)
	}
	if field != "" && errs.FieldOf(err) != field {
		t.Fatalf("error %v: field %q, want %q", err, errs.FieldOf(err), field)
	}
}
