package commitment

import (
	_ "embed"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiDocument describes every endpoint registered below; the app's OpenAPI
// test fails when a route and the document disagree.
//
//go:embed openapi.json
var apiDocument []byte

// jsonAPI serves commitments, requests, ledgers and parts as JSON. Every
// rule is the service's: handlers only translate JSON and query strings.
// Its names start with api so they cannot meet the pages'.
type jsonAPI struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
}

// registerAPI adds the commitment API under /api/v1/collectives/{collective}
// and its OpenAPI fragment.
func (h *Handlers) registerAPI() {
	x := &jsonAPI{S: h.S, Collectives: h.Collectives, Web: h.Web}
	w := h.Web
	w.AddOpenAPI(apiDocument)
	const c = "/api/v1/collectives/{collective}"
	w.API("GET "+c+"/commitments", x.listCommitments)
	w.API("POST "+c+"/commitments", x.createCommitment)
	w.API("GET "+c+"/commitments/board", x.board)
	w.API("GET "+c+"/commitments/{commitment}", x.getCommitment)
	w.API("POST "+c+"/commitments/{commitment}/{action}", x.transition)
	x.registerMore(c)
}

// access loads the collective in the path for the person calling; a
// private collective they are not in is 404, as on the pages.
func (x *jsonAPI) access(w http.ResponseWriter, r *http.Request) (*collective.Access, bool) {
	return collective.APIAccess(w, r, x.Web, x.Collectives)
}

// accessID is access and the numeric path parameter name.
func (x *jsonAPI) accessID(w http.ResponseWriter, r *http.Request, name string) (*collective.Access, int64, bool) {
	a, ok := x.access(w, r)
	if !ok {
		return nil, 0, false
	}
	id, err := collective.PathID(r, name)
	if x.fail(w, r, err) {
		return nil, 0, false
	}
	return a, id, true
}

// decode reads a JSON body strictly, answering the problem itself.
func (x *jsonAPI) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	return !x.fail(w, r, web.DecodeJSON(r, v))
}

// fail answers err unless it is nil, and reports whether it answered.
func (x *jsonAPI) fail(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	x.Web.Error(w, r, err)
	return true
}

// apiID reads an optional positive id from the query; 0 when absent.
func apiID(q url.Values, name string) (int64, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		return 0, errs.Field(name, "%s must be an id (a whole number from 1), not %q.", name, s)
	}
	return n, nil
}

// apiDay reads an optional YYYY-MM-DD from the query, so the error names
// the parameter as the client wrote it.
func apiDay(q url.Values, name string) (string, error) {
	s := q.Get(name)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", errs.Field(name, "%s must be a date as YYYY-MM-DD, not %q.", name, s)
	}
	return s, nil
}

// apiPageNumber reads an optional page number (from 1) from the query.
func apiPageNumber(q url.Values) (int, error) {
	s := q.Get("page")
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, errs.Field("page", "page must be a whole number from 1, not %q.", s)
	}
	return n, nil
}

// utc puts c's times in UTC, as the document promises, whatever zone the
// database driver read them in.
func utc(c *Commitment) *Commitment {
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	for _, t := range []**time.Time{&c.DoneAt, &c.ClosedAt} {
		if *t != nil {
			u := (*t).UTC()
			*t = &u
		}
	}
	return c
}
