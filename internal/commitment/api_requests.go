package commitment

import (
	"net/http"
	"strconv"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// listRequests lists the collective's requests for help, newest first, 50
// a page: status open or closed (both when absent), page from 1.
func (x *jsonAPI) listRequests(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	page, err := apiPageNumber(r.URL.Query())
	if x.fail(w, r, err) {
		return
	}
	p, err := x.S.Requests(r.Context(), a, r.URL.Query().Get("status"), page)
	if x.fail(w, r, err) {
		return
	}
	for i := range p.Items {
		utcRequest(&p.Items[i])
	}
	web.JSON(w, http.StatusOK, p)
}

// apiRequestBody is a request for help as the API takes it.
type apiRequestBody struct {
	What        string `json:"what"`
	Kind        string `json:"kind"`
	GoalID      int64  `json:"goal_id"`
	IndicatorID int64  `json:"indicator_id"`
}

// createRequest asks the collective for help; others answer with
// POST /commitments and its request_id.
func (x *jsonAPI) createRequest(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b apiRequestBody
	if !x.decode(w, r, &b) {
		return
	}
	req, err := x.S.CreateRequest(r.Context(), a, RequestInput{What: b.What, Kind: Kind(b.Kind), GoalID: b.GoalID, IndicatorID: b.IndicatorID})
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/collectives/"+a.Collective.Slug+"/requests/"+strconv.FormatInt(req.ID, 10))
	x.answerRequest(w, r, req.ID, http.StatusCreated)
}

// apiRequest is a request with the commitments made in answer, oldest
// first.
type apiRequest struct {
	Request
	Commitments []Commitment `json:"commitments"`
}

// getRequest is one request with its answers.
func (x *jsonAPI) getRequest(w http.ResponseWriter, r *http.Request) {
	if _, id, ok := x.accessID(w, r, "request"); ok {
		x.answerRequest(w, r, id, http.StatusOK)
	}
}

// closeRequest closes a request: its author or a steward.
func (x *jsonAPI) closeRequest(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "request")
	if !ok {
		return
	}
	if _, err := x.S.CloseRequest(r.Context(), a, id); x.fail(w, r, err) {
		return
	}
	x.answerRequest(w, r, id, http.StatusOK)
}

// answerRequest answers request id with its answers.
func (x *jsonAPI) answerRequest(w http.ResponseWriter, r *http.Request, id int64, status int) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	req, err := x.S.GetRequest(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	cs, err := x.S.RequestAnswers(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	for i := range cs {
		utc(&cs[i])
	}
	web.JSON(w, status, apiRequest{Request: *utcRequest(req), Commitments: cs})
}

// getPart is a member's part.
func (x *jsonAPI) getPart(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("member"), 10, 64)
	if err != nil || id < 1 {
		x.fail(w, r, errs.New(errs.NotFound, "%s has no such member.", a.Collective.Name))
		return
	}
	p, err := x.S.PartOf(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, utcPart(p))
}

// getMyPart is the caller's own part.
func (x *jsonAPI) getMyPart(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	p, err := x.S.MyPart(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, utcPart(p))
}

// apiPartBody is the caller's part as the API takes it.
type apiPartBody struct {
	Contribute string `json:"contribute"`
	WillChange string `json:"will_change"`
}

// putPart replaces the caller's own part.
func (x *jsonAPI) putPart(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b apiPartBody
	if !x.decode(w, r, &b) {
		return
	}
	p, err := x.S.SavePart(r.Context(), a, PartInput{Contribute: b.Contribute, WillChange: b.WillChange})
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, utcPart(p))
}

// utcRequest puts r's times in UTC.
func utcRequest(r *Request) *Request {
	r.CreatedAt = r.CreatedAt.UTC()
	if r.ClosedAt != nil {
		t := r.ClosedAt.UTC()
		r.ClosedAt = &t
	}
	return r
}

// utcPart puts p's time in UTC.
func utcPart(p *Part) *Part {
	if p.UpdatedAt != nil {
		t := p.UpdatedAt.UTC()
		p.UpdatedAt = &t
	}
	return p
}
