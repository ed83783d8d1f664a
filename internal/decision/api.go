package decision

import (
	_ "embed"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiDocument describes every endpoint registered below; the app's OpenAPI
// test fails when a route and the document disagree.
//
//go:embed openapi.json
var apiDocument []byte

// jsonAPI serves proposals, decisions, outcomes, proxies and power as
// JSON. Every rule is the service's: handlers only translate JSON and query
// strings. Its names start with api so they cannot meet the pages'.
type jsonAPI struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
}

// registerAPI adds the decision API under /api/v1/collectives/{collective}
// and its OpenAPI fragment.
func (h *Handlers) registerAPI() {
	x := &jsonAPI{S: h.S, Collectives: h.Collectives, Web: h.Web}
	w := h.Web
	w.AddOpenAPI(apiDocument)
	const c = "/api/v1/collectives/{collective}"
	w.API("GET "+c+"/proposals", x.listProposals)
	w.API("POST "+c+"/proposals", x.createProposal)
	w.API("GET "+c+"/proposals/{proposal}", x.getProposal)
	w.API("PATCH "+c+"/proposals/{proposal}", x.updateProposal)
	w.API("POST "+c+"/proposals/{proposal}/withdraw", x.withdrawProposal)
	w.API("GET "+c+"/proposals/{proposal}/comments", x.listComments)
	w.API("POST "+c+"/proposals/{proposal}/comments", x.addComment)
	w.API("PATCH "+c+"/proposals/{proposal}/comments/{comment}", x.editComment)
	w.API("DELETE "+c+"/proposals/{proposal}/comments/{comment}", x.deleteComment)
	w.API("POST "+c+"/proposals/{proposal}/decisions", x.startDecision)
	x.registerDecisions(c)
	x.registerMore(c)
	w.API("GET /api/v1/decision-methods", x.methods)
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

// methods is the method library, the same table the forms read, for
// anyone signed in (a client builds its ballot from it).
func (x *jsonAPI) methods(w http.ResponseWriter, r *http.Request) {
	if _, ok := auth.RequireUser(x.Web, w, r); !ok {
		return
	}
	web.JSON(w, http.StatusOK, struct {
		Methods []MethodInfo `json:"methods"`
	}{Methods})
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

// apiTime reads an optional RFC 3339 time written by a client, so the error
// names the field as the client wrote it; nil when empty.
func apiTime(field, s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, errs.Field(field, "%s must be a time as RFC 3339 (2026-05-01T18:00:00Z), not %q.", field, s)
	}
	t = t.UTC()
	return &t, nil
}

// utcp puts an optional time in UTC, as the document promises, whatever
// zone the database driver read it in.
func utcp(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// utcProposal puts p's times in UTC.
func utcProposal(p *Proposal) *Proposal {
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p
}

// utcDecision puts d's times in UTC.
func utcDecision(d *Decision) *Decision {
	d.OpensAt, d.ClosesAt, d.CreatedAt = d.OpensAt.UTC(), d.ClosesAt.UTC(), d.CreatedAt.UTC()
	d.ClosedAt = utcp(d.ClosedAt)
	if d.Options == nil {
		d.Options = []Option{}
	}
	for i := range d.Options {
		d.Options[i].StartsAt = utcp(d.Options[i].StartsAt)
	}
	return d
}

// utcComment puts c's times in UTC.
func utcComment(c *Comment) *Comment {
	c.CreatedAt = c.CreatedAt.UTC()
	c.EditedAt, c.DeletedAt = utcp(c.EditedAt), utcp(c.DeletedAt)
	return c
}

// utcOutcome puts o's times in UTC.
func utcOutcome(o *Outcome) *Outcome {
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return o
}

// utcProxy puts p's times in UTC.
func utcProxy(p *Proxy) *Proxy {
	p.CreatedAt = p.CreatedAt.UTC()
	p.RevokedAt = utcp(p.RevokedAt)
	return p
}

// utcBallot puts b's times in UTC.
func utcBallot(b *Ballot) *Ballot {
	b.CastAt, b.UpdatedAt = b.CastAt.UTC(), b.UpdatedAt.UTC()
	return b
}
