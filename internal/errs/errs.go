// Package errs holds the one error type the application returns to people: a
// machine-readable code, a message that is safe to show, and the field it is
// about. Anything else that reaches a handler is an internal error and its
// text is logged, never shown.
package errs

import (
	"errors"
	"fmt"
)

// Codes name the kinds of failure; the web package maps each to a status.
const (
	Invalid      = "invalid"      // the input breaks a rule; Field names it
	NotFound     = "not_found"    // no such thing, or not visible to the caller
	Unauthorized = "unauthorized" // not signed in, or the credentials are wrong
	Forbidden    = "forbidden"    // signed in, but the role does not allow it
	Conflict     = "conflict"     // a unique name is taken, or the state moved on
	TooLarge     = "too_large"    // the body or an upload exceeds its limit
	RateLimited  = "rate_limited" // too many attempts; try again later
	Gone         = "gone"         // an invitation or link that expired or was used
	Internal     = "internal"     // our fault; details are in the log
)

// Error is an application error with a code and a safe message.
type Error struct {
	Code    string
	Field   string // the form field or JSON property at fault, if any
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// New makes an error with a code and a formatted message.
func New(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Field makes an Invalid error about one field.
func Field(field, format string, args ...any) *Error {
	return &Error{Code: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Code returns the code of err, Internal for errors that are not ours, and ""
// for nil.
func Code(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Message returns the safe message of err; internal errors get a generic one.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. It has been logged; please try again."
}

// FieldOf returns the field err is about, or "".
func FieldOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// Is reports whether err carries the given code.
func Is(err error, code string) bool { return Code(err) == code }
