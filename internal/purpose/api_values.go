package purpose

import (
	"net/http"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// valueAPI serves the value propositions of one kind of owner, whose id is
// the path parameter param.
type valueAPI struct {
	x     *api
	param string
	kind  string
}

// valuesOut lists the current value propositions, members' first; never
// paged (one per member and organisation at most).
type valuesOut struct {
	Items []ValueProposition `json:"items"`
}

func valueJSON(v *ValueProposition) *ValueProposition {
	v.CreatedAt = v.CreatedAt.UTC()
	return v
}

func (x *api) listValues(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	list, err := x.S.ValuePropositions(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	for i := range list {
		valueJSON(&list[i])
	}
	web.JSON(w, http.StatusOK, valuesOut{list})
}

func (v *valueAPI) owner(w http.ResponseWriter, r *http.Request) (*collective.Access, Owner, bool) {
	a, ok := v.x.access(w, r)
	if !ok {
		return nil, Owner{}, false
	}
	id, err := pathNumber(r, v.param)
	if v.x.fail(w, r, err) {
		return nil, Owner{}, false
	}
	return a, Owner{v.kind, id}, true
}

func (v *valueAPI) get(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	vp, err := v.x.S.ValueProposition(r.Context(), a, o)
	if v.x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, valueJSON(vp))
}

// valueBody is a new version of a value proposition; base as in
// charterBody.
type valueBody struct {
	Base  *int   `json:"base"`
	Gain  string `json:"gain"`
	Bring string `json:"bring"`
	Note  string `json:"note"`
}

func (v *valueAPI) put(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	var b valueBody
	if err := web.DecodeJSON(r, &b); v.x.fail(w, r, err) {
		return
	}
	if b.Base == nil {
		v.x.fail(w, r, errs.Field("base", "Send base: the version your edit starts from (0 for the first)."))
		return
	}
	vp, err := v.x.S.EditValue(r.Context(), a, o, ValueInput{Base: *b.Base, Gain: b.Gain, Bring: b.Bring, Note: b.Note})
	if v.x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, valueJSON(vp))
}

func (v *valueAPI) versions(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	list, err := v.x.S.ValueVersions(r.Context(), a, o)
	if v.x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, versionsOut{utcVersions(list)})
}

func (v *valueAPI) version(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	n, err := pathNumber(r, "version")
	var vp *ValueProposition
	if err == nil {
		vp, err = v.x.S.ValueVersion(r.Context(), a, o, int(n))
	}
	if v.x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, valueJSON(vp))
}

func (v *valueAPI) diff(w http.ResponseWriter, r *http.Request) {
	a, o, ok := v.owner(w, r)
	if !ok {
		return
	}
	cur, err := v.x.S.ValueProposition(r.Context(), a, o)
	if v.x.fail(w, r, err) {
		return
	}
	from, to, err := diffRange(r, cur.Version)
	var fds []FieldDiff
	if err == nil {
		fds, err = v.x.S.ValueDiff(r.Context(), a, o, from, to)
	}
	if v.x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, diffOut{from, to, fds})
}
