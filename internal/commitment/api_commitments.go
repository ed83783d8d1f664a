package commitment

import (
	"net/http"
	"slices"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiCursor is what a list cursor carries: the id the next page starts
// below (the list is newest first, by id). It is signed like every
// cursor, so a client cannot pass off another list's.
type apiCursor struct {
	K string `json:"k"`
	B int64  `json:"b"`
}

const cursorCommitments = "commitments"

// apiPage is one page of commitments.
type apiPage struct {
	Items []Commitment `json:"items"`
	Next  string       `json:"next,omitempty"`
}

// listCommitments lists the collective's commitments, newest first, 50 a
// page, with the filters of Query.
func (x *jsonAPI) listCommitments(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	var in Query
	var err error
	ids := []struct {
		name string
		to   *int64
	}{{"person", &in.Person}, {"organisation", &in.Org}, {"goal", &in.GoalID}, {"indicator", &in.IndicatorID}}
	for _, p := range ids {
		if *p.to, err = apiID(q, p.name); x.fail(w, r, err) {
			return
		}
	}
	if in.From, err = apiDay(q, "due_from"); x.fail(w, r, err) {
		return
	}
	if in.To, err = apiDay(q, "due_to"); x.fail(w, r, err) {
		return
	}
	in.State, in.Mine = State(q.Get("state")), Mine(q.Get("mine"))
	if cursor := q.Get("cursor"); cursor != "" {
		var c apiCursor
		if x.fail(w, r, x.Web.ReadCursor(cursor, &c)) {
			return
		}
		if c.K != cursorCommitments || c.B < 1 {
			x.fail(w, r, errs.Field("cursor", "This cursor belongs to another list; start again from the first page."))
			return
		}
		in.Before = c.B
	}
	page, err := x.S.List(r.Context(), a, in)
	if x.fail(w, r, err) {
		return
	}
	out := apiPage{Items: page.Items}
	if page.Next != 0 {
		out.Next = x.Web.SignCursor(apiCursor{K: cursorCommitments, B: page.Next})
	}
	web.JSON(w, http.StatusOK, out)
}

// apiCommitmentBody is a new commitment as the API takes it. size is as
// people type it: hours with up to two decimals ("2.5"), money in major
// units ("120.00"), a whole count ("3").
type apiCommitmentBody struct {
	What              string `json:"what"`
	Kind              string `json:"kind"`
	SizeUnit          string `json:"size_unit"`
	Size              string `json:"size"`
	DueOn             string `json:"due_on"`
	RecipientKind     string `json:"recipient_kind"`
	RecipientMemberID int64  `json:"recipient_member_id"`
	RecipientOrgID    int64  `json:"recipient_org_id"`
	ForOrgID          int64  `json:"for_org_id"`
	GoalID            int64  `json:"goal_id"`
	IndicatorID       int64  `json:"indicator_id"`
	RequestID         int64  `json:"request_id"`
}

// createCommitment makes a commitment, proposed to its recipient, and
// answers it with its history (one event) and its address.
func (x *jsonAPI) createCommitment(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b apiCommitmentBody
	if !x.decode(w, r, &b) {
		return
	}
	c, err := x.S.Create(r.Context(), a, Input{What: b.What, Kind: Kind(b.Kind), SizeUnit: Unit(b.SizeUnit), Size: b.Size,
		DueOn: b.DueOn, RecipientKind: RecipientKind(b.RecipientKind), RecipientMemberID: b.RecipientMemberID,
		RecipientOrgID: b.RecipientOrgID, ForOrgID: b.ForOrgID, GoalID: b.GoalID, IndicatorID: b.IndicatorID,
		RequestID: b.RequestID})
	if x.fail(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/collectives/"+a.Collective.Slug+"/commitments/"+strconv.FormatInt(c.ID, 10))
	x.answer(w, r, a, c.ID, http.StatusCreated)
}

// apiCommitment is one commitment with its history, oldest step first.
type apiCommitment struct {
	Commitment
	History []Event `json:"history"`
}

// getCommitment is one commitment with its history.
func (x *jsonAPI) getCommitment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "commitment")
	if !ok {
		return
	}
	x.answer(w, r, a, id, http.StatusOK)
}

// answer answers commitment id with its history as the caller sees it.
func (x *jsonAPI) answer(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, status int) {
	c, err := x.S.Get(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	h, err := x.S.History(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, status, apiCommitment{Commitment: *utc(c), History: h})
}

// apiTransitionBody is what a transition takes: the version the caller
// saw (a stale one is 409, so two people cannot both act on one state)
// and an optional note kept in the history.
type apiTransitionBody struct {
	Version *int64 `json:"version"`
	Note    string `json:"note"`
}

// transition applies the action in the path: accept, decline, withdraw,
// start, mark_done, confirm, not_kept, release or cancel_release.
func (x *jsonAPI) transition(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "commitment")
	if !ok {
		return
	}
	action := Action(r.PathValue("action"))
	if !slices.Contains(Actions, action) {
		x.fail(w, r, errs.New(errs.NotFound, "There is no action %q; choose accept, decline, withdraw, start, mark_done, confirm, not_kept, release or cancel_release.", string(action)))
		return
	}
	var b apiTransitionBody
	if !x.decode(w, r, &b) {
		return
	}
	if b.Version == nil || *b.Version < 1 {
		x.fail(w, r, errs.Field("version", "Send version: the version of the commitment you saw (a whole number from 1)."))
		return
	}
	if _, err := x.S.Transition(r.Context(), a, id, action, *b.Version, b.Note); x.fail(w, r, err) {
		return
	}
	x.answer(w, r, a, id, http.StatusOK)
}

// board is the collective's commitments at a glance: counts per goal and
// state, and the first few of each state.
func (x *jsonAPI) board(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	b, err := x.S.Board(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	for _, items := range b.Firsts {
		for i := range items {
			utc(&items[i])
		}
	}
	web.JSON(w, http.StatusOK, b)
}
