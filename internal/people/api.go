package people

import (
	_ "embed"
	"encoding/json"
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

// jsonAPI serves people, values, prompts, matches and groupings as JSON.
// Every rule is the service's: handlers only translate JSON, query strings
// and uploaded files. Its names start with api so they cannot meet the
// pages'.
type jsonAPI struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
}

// registerAPI adds the people API under /api/v1/collectives/{collective}
// and its OpenAPI fragment.
func (h *Handlers) registerAPI() {
	x := &jsonAPI{S: h.S, Collectives: h.Collectives, Web: h.Web}
	w := h.Web
	w.AddOpenAPI(apiDocument)
	const c = "/api/v1/collectives/{collective}"
	w.API("GET "+c+"/people", x.listPeople)
	w.API("GET "+c+"/people.csv", x.exportPeople)
	w.APIUpload("POST "+c+"/people/import", x.importPeople)
	w.API("GET "+c+"/people/{person}", x.getPerson)
	w.API("PUT "+c+"/people/{person}", x.putProfile)
	w.API("GET "+c+"/people/{person}/photo", x.getPhoto)
	w.APIUpload("PUT "+c+"/people/{person}/photo", x.putPhoto)
	w.API("DELETE "+c+"/people/{person}/photo", x.deletePhoto)
	w.API("PUT "+c+"/people/{person}/values", x.putValues)
	w.API("GET "+c+"/people/{person}/matches", x.matches)

	w.API("GET "+c+"/values", x.listValues)
	w.API("POST "+c+"/values", x.proposeValue)
	w.API("GET "+c+"/values/overview", x.valuesOverview)
	w.API("PATCH "+c+"/values/{value}", x.patchValue)

	w.API("GET "+c+"/prompts", x.listPrompts)
	w.API("POST "+c+"/prompts", x.createPrompt)
	w.API("PATCH "+c+"/prompts/{prompt}", x.patchPrompt)
	w.API("PUT "+c+"/prompts/{prompt}/answer", x.putAnswer)

	w.API("GET "+c+"/groupings", x.listGroupings)
	w.API("POST "+c+"/groupings", x.startGrouping)
	w.API("GET "+c+"/groupings/{grouping}", x.getGrouping)
	w.API("GET "+c+"/groupings/{grouping}/groups/{group}/members", x.groupMembers)
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

// accessPerson is access and the member in {person}: a member id, or "me"
// for the caller's own membership (404 for someone who is not a member).
func (x *jsonAPI) accessPerson(w http.ResponseWriter, r *http.Request) (*collective.Access, int64, bool) {
	a, ok := x.access(w, r)
	if !ok {
		return nil, 0, false
	}
	if r.PathValue("person") == "me" {
		if !a.IsMember() {
			x.fail(w, r, errs.New(errs.NotFound, "You are not a member of %s, so you have no profile here.", a.Collective.Name))
			return nil, 0, false
		}
		return a, a.MemberID, true
	}
	id, err := collective.PathID(r, "person")
	if x.fail(w, r, err) {
		return nil, 0, false
	}
	return a, id, true
}

// accessSelf is accessPerson for a change, which only the person may
// make to their own profile: another member's id is 403.
func (x *jsonAPI) accessSelf(w http.ResponseWriter, r *http.Request) (*collective.Access, bool) {
	a, id, ok := x.accessPerson(w, r)
	if !ok {
		return nil, false
	}
	if id != a.MemberID {
		x.fail(w, r, errs.New(errs.Forbidden, "You can change only your own profile; use people/me."))
		return nil, false
	}
	return a, true
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

// apiList is the envelope of the lists that are not paged: a collective
// has tens of values, prompts and grouping runs, not thousands.
type apiList[T any] struct {
	Items []T `json:"items"`
}

// apiLinesProblem is the 422 of a refused import: the problem document
// with every bad line as data, so a client need not parse the detail.
type apiLinesProblem struct {
	web.ProblemDoc
	Bad []LineError `json:"bad"`
}

// failLines answers err as a problem listing bad, when there are any.
func (x *jsonAPI) failLines(w http.ResponseWriter, r *http.Request, err error, bad []LineError) {
	if len(bad) == 0 || web.Status(err) != http.StatusUnprocessableEntity {
		x.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusUnprocessableEntity)
	_ = json.NewEncoder(w).Encode(apiLinesProblem{ProblemDoc: web.ProblemDoc{
		Type:  "https://commonground.invalid/problems/" + errs.Code(err),
		Title: http.StatusText(http.StatusUnprocessableEntity), Status: http.StatusUnprocessableEntity,
		Detail: errs.Message(err), Code: errs.Code(err), Field: errs.FieldOf(err)}, Bad: bad})
}

// apiVisibility reads an optional visibility word from the query.
func apiVisibility(q url.Values, name string) (*Visibility, error) {
	s := q.Get(name)
	if s == "" {
		return nil, nil
	}
	v, err := ParseVisibility(name, s)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// apiBool reads an optional true/false query parameter.
func apiBool(q url.Values, name string) (bool, error) {
	switch q.Get(name) {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, errs.Field(name, "%s must be true or false.", name)
}

// apiInt reads an optional whole number from the query; 0 when absent.
func apiInt(q url.Values, name string) (int, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errs.Field(name, "%s must be a whole number, not %q.", name, s)
	}
	return n, nil
}
