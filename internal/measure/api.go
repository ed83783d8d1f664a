package measure

import (
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"
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

// jsonAPI serves goals, indicators, measurements and forecasts as JSON.
// Every rule is the service's: handlers only translate JSON and query
// strings. Its names start with api so they cannot meet the pages'.
type jsonAPI struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
}

// registerAPI adds the JSON endpoints under /api/v1/collectives/{collective}.
func (h *Handlers) registerAPI() {
	x := &jsonAPI{S: h.S, Collectives: h.Collectives, Web: h.Web}
	w := h.Web
	w.AddOpenAPI(apiDocument)
	const c = "/api/v1/collectives/{collective}"
	w.API("GET "+c+"/goals", x.listGoals)
	w.API("POST "+c+"/goals", x.createGoal)
	w.API("GET "+c+"/goals/{goal}", x.getGoal)
	w.API("PUT "+c+"/goals/{goal}", x.putGoal)
	w.API("DELETE "+c+"/goals/{goal}", x.deleteGoal)
	w.API("GET "+c+"/indicators", x.listIndicators)
	w.API("POST "+c+"/indicators", x.createIndicator)
	w.API("GET "+c+"/indicators/{indicator}", x.getIndicator)
	w.API("PUT "+c+"/indicators/{indicator}", x.putIndicator)
	w.API("DELETE "+c+"/indicators/{indicator}", x.deleteIndicator)
	w.API("GET "+c+"/indicators/{indicator}/measurements", x.listMeasurements)
	w.API("POST "+c+"/indicators/{indicator}/measurements", x.reportMeasurements)
	w.API("GET "+c+"/indicators/{indicator}/forecast", x.forecast)
	w.API("GET "+c+"/indicators/{indicator}/curve-notes", x.getCurveNotes)
	w.API("PUT "+c+"/indicators/{indicator}/curve-notes", x.putCurveNotes)
}

// access loads the collective in the path for the person calling; a
// private collective they are not in is 404, as on the pages.
func (x *jsonAPI) access(w http.ResponseWriter, r *http.Request) (*collective.Access, bool) {
	return collective.APIAccess(w, r, x.Web, x.Collectives)
}

// accessAndID is access and the numeric path parameter name; an id that
// is not a positive number is simply not there.
func (x *jsonAPI) accessAndID(w http.ResponseWriter, r *http.Request, name string) (*collective.Access, int64, bool) {
	a, ok := x.access(w, r)
	if !ok {
		return nil, 0, false
	}
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		x.Web.Error(w, r, errs.New(errs.NotFound, "There is nothing at that address."))
		return nil, 0, false
	}
	return a, id, true
}

// apiBadItem is one refused item of a batch, numbered from 1 in the order
// sent.
type apiBadItem struct {
	Item   int    `json:"item"`
	Reason string `json:"reason"`
}

// apiBadProblem is the 422 of a refused batch: the problem document with
// every bad item as data, so a client need not parse the detail.
type apiBadProblem struct {
	web.ProblemDoc
	Bad []apiBadItem `json:"bad"`
}

// fail answers err unless it is nil, and reports whether it answered.
func (x *jsonAPI) fail(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	if cf, ok := AsCurveConflict(err); ok {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusConflict)
		_ = json.NewEncoder(w).Encode(apiCurveConflict{ProblemDoc: web.ProblemDoc{
			Type:  "https://commonground.invalid/problems/" + errs.Conflict,
			Title: http.StatusText(http.StatusConflict), Status: http.StatusConflict,
			Detail: errs.Message(err), Code: errs.Conflict}, Base: cf.Base,
			Current: apiCurveJSON(cf.Current), Yours: apiCurveJSON(cf.Yours)})
		return true
	}
	var bad *BadItems
	if errors.As(err, &bad) {
		items := make([]apiBadItem, len(bad.Items))
		for i, b := range bad.Items {
			items[i] = apiBadItem{b.Line, b.Reason}
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_ = json.NewEncoder(w).Encode(apiBadProblem{ProblemDoc: web.ProblemDoc{
			Type:  "https://commonground.invalid/problems/" + errs.Invalid,
			Title: http.StatusText(http.StatusUnprocessableEntity), Status: http.StatusUnprocessableEntity,
			Detail: errs.Message(err), Code: errs.Invalid, Field: errs.FieldOf(err)}, Bad: items})
		return true
	}
	x.Web.Error(w, r, err)
	return true
}

// apiList is the envelope of the lists here; none is paged, since a
// collective has tens of goals and indicators, not thousands.
type apiList[T any] struct {
	Items []T `json:"items"`
}

func apiGoalJSON(g *Goal) *Goal {
	g.CreatedAt, g.UpdatedAt = g.CreatedAt.UTC(), g.UpdatedAt.UTC()
	return g
}

// apiGoalBody is what a steward sends to make or change a goal.
type apiGoalBody struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Position    int    `json:"position"`
}

func (x *jsonAPI) listGoals(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	list, err := x.S.Goals(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	for i := range list {
		apiGoalJSON(&list[i])
	}
	web.JSON(w, http.StatusOK, apiList[Goal]{list})
}

func (x *jsonAPI) getGoal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "goal")
	if !ok {
		return
	}
	g, err := x.S.Goal(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiGoalJSON(g))
}

func (x *jsonAPI) createGoal(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b apiGoalBody
	if err := web.DecodeJSON(r, &b); x.fail(w, r, err) {
		return
	}
	g, err := x.S.CreateGoal(r.Context(), a, GoalInput(b))
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", r.URL.Path+"/"+strconv.FormatInt(g.ID, 10))
	web.JSON(w, http.StatusCreated, apiGoalJSON(g))
}

func (x *jsonAPI) putGoal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "goal")
	if !ok {
		return
	}
	var b apiGoalBody
	if err := web.DecodeJSON(r, &b); x.fail(w, r, err) {
		return
	}
	if x.fail(w, r, x.S.UpdateGoal(r.Context(), a, id, GoalInput(b))) {
		return
	}
	g, err := x.S.Goal(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiGoalJSON(g))
}

func (x *jsonAPI) deleteGoal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "goal")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.DeleteGoal(r.Context(), a, id)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
