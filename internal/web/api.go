package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"commonground/internal/errs"
)

// List is the envelope of every paged API answer: the items of this page
// and, when more follow, an opaque cursor to ask for the next one.
type List[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// DecodeJSON reads the request body into v, strictly: the body must be JSON
// (Content-Type application/json), one object, with no field v does not
// have and every value of the right type. Errors name the field, so a
// client learns what to fix; nothing is written before this returns nil.
func DecodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return errs.New(errs.Invalid, "Send the body as application/json.")
		}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errs.New(errs.Invalid, "The body must hold one JSON object and nothing after it.")
	}
	return nil
}

// jsonError turns a decoding error into a message naming the field.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errs.New(errs.TooLarge, "The body is too large.")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return errs.New(errs.Invalid, "The body must be a JSON object.")
		}
		return errs.Field(field, "%s must be %s, not %s.", field, jsonKind(typeErr.Type.Kind().String()), typeErr.Value)
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return errs.New(errs.Invalid, "The body is not valid JSON.")
	case errors.Is(err, io.EOF):
		return errs.New(errs.Invalid, "The body is empty; send a JSON object.")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return errs.Field(name, "There is no field %s here.", name)
	}
	return errs.New(errs.Invalid, "The body is not valid JSON.")
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "a whole number"
	case "float32", "float64":
		return "a number"
	}
	return "of another type"
}

// Cursors are signed, so a client cannot forge one to read past what its
// query allows, and a tampered cursor is refused instead of misread.

// SignCursor encodes v (any JSON value, e.g. the last row's sort key) as an
// opaque cursor signed with the instance secret.
func (s *Server) SignCursor(v any) string {
	body, err := json.Marshal(v)
	if err != nil {
		panic("web: cursor not encodable: " + err.Error())
	}
	mac := hmac.New(sha256.New, s.Config.Secret)
	mac.Write(body)
	sum := mac.Sum(nil)[:16]
	return base64.RawURLEncoding.EncodeToString(append(sum, body...))
}

// ReadCursor decodes a cursor made by SignCursor into v. An empty cursor
// leaves v alone. Anything altered is an invalid "cursor" field.
func (s *Server) ReadCursor(cursor string, v any) error {
	if cursor == "" {
		return nil
	}
	bad := errs.Field("cursor", "This cursor is not one this server made; start again from the first page.")
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(raw) < 17 {
		return bad
	}
	mac := hmac.New(sha256.New, s.Config.Secret)
	mac.Write(raw[16:])
	if !hmac.Equal(mac.Sum(nil)[:16], raw[:16]) {
		return bad
	}
	dec := json.NewDecoder(bytes.NewReader(raw[16:]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bad
	}
	return nil
}

// readOnly reports whether a method only reads.
func readOnly(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// enforceScope refuses a write through a token that may only read. The
// scope is checked here, once for every API route, so no handler can forget.
func enforceScope(s *Server, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v := ViewerFrom(r.Context()); v != nil && v.Scope == ScopeRead && !readOnly(r.Method) {
			s.Error(w, r, errs.New(errs.Forbidden, "This token may only read; create one with the write scope to make changes."))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Token scopes. A session in the browser acts with ScopeWrite.
const (
	ScopeRead  = "read"
	ScopeWrite = "write"
)
