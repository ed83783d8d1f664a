package mandate

import (
	_ "embed"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/web"
)

// apiDocument describes every endpoint registered below; the app's OpenAPI
// test fails when a route and the document disagree.
//
//go:embed openapi.json
var apiDocument []byte

// jsonAPI serves mandates as JSON; every rule is the service's.
type jsonAPI struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
}

// roundInput opens a feedback round.
type roundInput struct {
	Days int `json:"days"`
}

// registerAPI adds the mandate API under /api/v1/collectives/{collective}
// and its OpenAPI fragment.
func (h *Handlers) registerAPI() {
	x := &jsonAPI{S: h.S, Collectives: h.Collectives, Web: h.Web}
	w := h.Web
	w.AddOpenAPI(apiDocument)
	const c = "/api/v1/collectives/{collective}/mandates"
	w.API("GET "+c, x.list)
	w.API("POST "+c, x.propose)
	w.API("GET "+c+"/{mandate}", x.get)
	w.API("POST "+c+"/{mandate}/renew", x.renew)
	w.API("POST "+c+"/{mandate}/revoke", x.revoke)
	w.API("POST "+c+"/{mandate}/feedback-rounds", x.openRound)
	w.API("POST "+c+"/{mandate}/feedback-rounds/{round}/answers", x.answer)
}

// access loads the collective in the path and, when name is not "", the
// id named in the path; on failure it has answered.
func (x *jsonAPI) access(w http.ResponseWriter, r *http.Request, name string) (*collective.Access, int64, bool) {
	a, ok := collective.APIAccess(w, r, x.Web, x.Collectives)
	if !ok {
		return nil, 0, false
	}
	if name == "" {
		return a, 0, true
	}
	id, err := collective.PathID(r, name)
	if x.fail(w, r, err) {
		return nil, 0, false
	}
	return a, id, true
}

// fail answers err unless it is nil, and reports whether it answered.
func (x *jsonAPI) fail(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	x.Web.Error(w, r, err)
	return true
}

func (x *jsonAPI) list(w http.ResponseWriter, r *http.Request) {
	a, _, ok := x.access(w, r, "")
	if !ok {
		return
	}
	l, err := x.S.Mandates(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, l)
}

// view answers one mandate as the caller sees it.
func (x *jsonAPI) view(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, status int) {
	v, err := x.S.Get(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, status, v)
}

func (x *jsonAPI) get(w http.ResponseWriter, r *http.Request) {
	if a, id, ok := x.access(w, r, "mandate"); ok {
		x.view(w, r, a, id, http.StatusOK)
	}
}

func (x *jsonAPI) propose(w http.ResponseWriter, r *http.Request) {
	a, _, ok := x.access(w, r, "")
	if !ok {
		return
	}
	var in Input
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	m, err := x.S.Propose(r.Context(), a, in)
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/collectives/"+a.Collective.Slug+"/mandates/"+strconv.FormatInt(m.ID, 10))
	x.view(w, r, a, m.ID, http.StatusCreated)
}

func (x *jsonAPI) renew(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.access(w, r, "mandate")
	if !ok {
		return
	}
	var in RenewInput
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	if _, err := x.S.Renew(r.Context(), a, id, in); x.fail(w, r, err) {
		return
	}
	x.view(w, r, a, id, http.StatusOK)
}

func (x *jsonAPI) revoke(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.access(w, r, "mandate")
	if !ok {
		return
	}
	var in RevokeInput
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	if _, err := x.S.Revoke(r.Context(), a, id, in); x.fail(w, r, err) {
		return
	}
	x.view(w, r, a, id, http.StatusOK)
}

func (x *jsonAPI) openRound(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.access(w, r, "mandate")
	if !ok {
		return
	}
	var in roundInput
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	if _, err := x.S.OpenRound(r.Context(), a, id, in.Days); x.fail(w, r, err) {
		return
	}
	x.view(w, r, a, id, http.StatusCreated)
}

func (x *jsonAPI) answer(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.access(w, r, "mandate")
	if !ok {
		return
	}
	rid, err := collective.PathID(r, "round")
	if x.fail(w, r, err) {
		return
	}
	var in Answer
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	if x.fail(w, r, x.S.Give(r.Context(), a, id, rid, in)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
