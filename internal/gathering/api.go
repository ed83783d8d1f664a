package gathering

import (
	_ "embed"
	"net/http"
	"net/url"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiDocument describes every endpoint registered below; the app's OpenAPI
// test fails when a route and the document disagree.
//
//go:embed openapi.json
var apiDocument []byte

// jsonAPI serves gatherings as JSON; every rule is the service's.
type jsonAPI struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
}

// registerAPI adds the API under /api/v1/collectives/{collective}/gatherings,
// the calendar files and the feeds at /calendar/{token}.
func (h *Handlers) registerAPI() {
	x := &jsonAPI{S: h.S, Collectives: h.Collectives, Web: h.Web}
	w := h.Web
	w.AddOpenAPI(apiDocument)
	const c = "/api/v1/collectives/{collective}/gatherings"
	const g = c + "/{gathering}"
	const o = g + "/occurrences/{occurrence}"
	w.API("GET "+c, x.list)
	w.API("POST "+c, x.create)
	w.API("GET "+g, x.get)
	w.API("PUT "+g, x.update)
	w.API("POST "+g+"/cancel", x.cancel)
	w.API("GET "+g+"/ics", x.ics)
	w.API("POST "+g+"/rsvp", x.rsvp)
	w.API("POST "+g+"/checkin", x.checkIn)
	w.API("POST "+g+"/outcomes", x.addOutcome)
	w.API("GET "+o, x.occurrence)
	w.API("POST "+o+"/move", x.move)
	w.API("POST "+o+"/cancel", x.cancelOccurrence)
	w.API("DELETE "+o+"/checkin/{member}", x.undoCheckIn)
	w.API("DELETE "+o+"/outcomes/{outcome}", x.deleteOutcome)
	w.API("PUT "+o+"/minutes", x.setMinutes)
	w.API("GET "+o+"/report", x.report)
	w.API("POST "+o+"/report/close", x.closeReport)
	w.API("GET "+c+"/balance", x.balance)
	w.API("POST "+c+"/balance", x.setFocus)
	w.API("GET "+c+"/calendar-feeds", x.feeds)
	w.API("POST "+c+"/calendar-feeds", x.createFeed)
	w.API("POST "+c+"/calendar-feeds/{feed}/revoke", x.revokeFeed)
	// The feed is read by calendar programs that sign in to nothing: the
	// token in the path is the credential.
	w.Handle(web.Route{Pattern: "GET /calendar/{token}", Kind: "calendar", Public: true, Secret: true}, http.HandlerFunc(x.feed))
}

// access loads the collective in the path and the ids named in names; on
// failure it has answered.
func (x *jsonAPI) access(w http.ResponseWriter, r *http.Request, names ...string) (*collective.Access, []int64, bool) {
	a, ok := collective.APIAccess(w, r, x.Web, x.Collectives)
	if !ok {
		return nil, nil, false
	}
	ids := make([]int64, len(names))
	for i, name := range names {
		id, err := collective.PathID(r, name)
		if x.fail(w, r, err) {
			return nil, nil, false
		}
		ids[i] = id
	}
	return a, ids, true
}

// fail answers err unless it is nil, and reports whether it answered.
func (x *jsonAPI) fail(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	x.Web.Error(w, r, err)
	return true
}

// Detail is a gathering with its dates, as the API answers it.
type Detail struct {
	Gathering   *Gathering   `json:"gathering"`
	Occurrences []Occurrence `json:"occurrences"`
}

// detail answers a gathering with its dates.
func (x *jsonAPI) detail(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, status int) {
	g, err := x.S.Get(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	occs, err := x.S.Occurrences(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	if occs == nil {
		occs = []Occurrence{}
	}
	web.JSON(w, status, Detail{Gathering: g, Occurrences: occs})
}

// flag reads a query flag: absent, "0" or "false" is false; "1" or "true"
// is true; anything else is refused, naming the parameter.
func flag(q url.Values, name string) (bool, error) {
	switch q.Get(name) {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, errs.Field(name, "%s must be 1 or 0, not %q.", name, q.Get(name))
}

func (x *jsonAPI) list(w http.ResponseWriter, r *http.Request) {
	a, _, ok := x.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	past, err := flag(q, "past")
	if x.fail(w, r, err) {
		return
	}
	mine, err := flag(q, "mine")
	if x.fail(w, r, err) {
		return
	}
	page := 1
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			x.fail(w, r, errs.Field("page", "page must be a whole number from 1, not %q.", s))
			return
		}
		page = n
	}
	p, err := x.S.List(r.Context(), a, ListQuery{Past: past, Mine: mine, Page: page})
	if x.fail(w, r, err) {
		return
	}
	if p.Items == nil {
		p.Items = []Listed{}
	}
	web.JSON(w, http.StatusOK, p)
}

func (x *jsonAPI) create(w http.ResponseWriter, r *http.Request) {
	a, _, ok := x.access(w, r)
	if !ok {
		return
	}
	var in Input
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	g, err := x.S.Create(r.Context(), a, in)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/collectives/"+a.Collective.Slug+"/gatherings/"+strconv.FormatInt(g.ID, 10))
	x.detail(w, r, a, g.ID, http.StatusCreated)
}

func (x *jsonAPI) get(w http.ResponseWriter, r *http.Request) {
	if a, ids, ok := x.access(w, r, "gathering"); ok {
		x.detail(w, r, a, ids[0], http.StatusOK)
	}
}

// updateBody is a gathering as changed, with the version it was read at.
type updateBody struct {
	Input
	Version int64 `json:"version"`
}

func (x *jsonAPI) update(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.access(w, r, "gathering")
	if !ok {
		return
	}
	var in updateBody
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	if in.Version < 1 {
		x.fail(w, r, errs.Field("version", "Send the version of the gathering you read, so a change made meanwhile is not lost."))
		return
	}
	if _, err := x.S.Update(r.Context(), a, ids[0], in.Input, in.Version); x.fail(w, r, err) {
		return
	}
	x.detail(w, r, a, ids[0], http.StatusOK)
}

func (x *jsonAPI) cancel(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.access(w, r, "gathering")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.Cancel(r.Context(), a, ids[0])) {
		return
	}
	x.detail(w, r, a, ids[0], http.StatusOK)
}

func (x *jsonAPI) ics(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.access(w, r, "gathering")
	if !ok {
		return
	}
	b, err := x.S.ICS(r.Context(), a, ids[0])
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="gathering-`+strconv.FormatInt(ids[0], 10)+`.ics"`)
	writeCalendar(w, r, b)
}
