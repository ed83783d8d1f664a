package web

import (
	"net/http"

	"commonground/internal/errs"
)

// statusOf is the one table from error code to HTTP status.
var statusOf = map[string]int{
	errs.Invalid:      http.StatusUnprocessableEntity,
	errs.NotFound:     http.StatusNotFound,
	errs.Unauthorized: http.StatusUnauthorized,
	errs.Forbidden:    http.StatusForbidden,
	errs.Conflict:     http.StatusConflict,
	errs.TooLarge:     http.StatusRequestEntityTooLarge,
	errs.RateLimited:  http.StatusTooManyRequests,
	errs.Gone:         http.StatusGone,
	errs.Internal:     http.StatusInternalServerError,
}

// Status returns the HTTP status for err.
func Status(err error) int {
	if s, ok := statusOf[errs.Code(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}
