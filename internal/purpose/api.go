package purpose

import (
	_ "embed"
	"encoding/json"
	"net/http"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// openapiFragment describes every endpoint registered below; the app's
// OpenAPI test fails when a route and the document disagree.
//
//go:embed openapi.json
var openapiFragment []byte

// api serves the JSON API of the charter, its endorsements and the value
// propositions. Every rule is the service's: handlers only translate JSON.
type api struct {
	S           *Service
	Collectives *collective.Service
	Web         *web.Server
}

func (h *Handlers) registerAPI() {
	x := &api{S: h.S, Collectives: h.Collectives, Web: h.Web}
	w := h.Web
	w.AddOpenAPI(openapiFragment)
	const c = "/api/v1/collectives/{collective}"
	w.API("GET "+c+"/charter", x.getCharter)
	w.API("PUT "+c+"/charter", x.putCharter)
	w.API("GET "+c+"/charter/versions", x.charterVersions)
	w.API("GET "+c+"/charter/versions/{version}", x.charterVersion)
	w.API("GET "+c+"/charter/diff", x.charterDiff)
	w.API("POST "+c+"/charter/endorsements", x.endorse)
	w.API("DELETE "+c+"/charter/endorsements", x.withdraw)
	w.API("GET "+c+"/value-propositions", x.listValues)
	for _, k := range []struct{ seg, param, kind string }{
		{"members", "member", OwnerMember}, {"organisations", "organisation", OwnerOrganisation},
	} {
		v := &valueAPI{x: x, param: k.param, kind: k.kind}
		base := c + "/value-propositions/" + k.seg + "/{" + k.param + "}"
		w.API("GET "+base, v.get)
		w.API("PUT "+base, v.put)
		w.API("GET "+base+"/versions", v.versions)
		w.API("GET "+base+"/versions/{version}", v.version)
		w.API("GET "+base+"/diff", v.diff)
	}
}

// access loads the collective in the path for the person calling; a
// private collective they are not in is 404, as on the pages.
func (x *api) access(w http.ResponseWriter, r *http.Request) (*collective.Access, bool) {
	return collective.APIAccess(w, r, x.Web, x.Collectives)
}

// fail answers err unless it is nil, and reports whether it answered. A
// conflicting edit is a problem document that also carries both texts,
// so a client can show them as the page does.
func (x *api) fail(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	if c, ok := AsConflict(err); ok {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusConflict)
		_ = json.NewEncoder(w).Encode(conflictProblem{
			ProblemDoc: web.ProblemDoc{Type: "https://commonground.invalid/problems/" + errs.Conflict,
				Title: http.StatusText(http.StatusConflict), Status: http.StatusConflict, Detail: errs.Message(err), Code: errs.Conflict},
			ConflictError: c})
		return true
	}
	x.Web.Error(w, r, err)
	return true
}

// conflictProblem is a problem document with a ConflictError's fields.
type conflictProblem struct {
	web.ProblemDoc
	*ConflictError
}

// charterOut is the charter with its endorsement roll.
type charterOut struct {
	Charter      *Charter `json:"charter"`
	Endorsements *Roll    `json:"endorsements"`
}

// diffOut is a comparison of two versions.
type diffOut struct {
	From   int         `json:"from"`
	To     int         `json:"to"`
	Fields []FieldDiff `json:"fields"`
}

// versionsOut lists versions, newest first; it is never paged (a charter
// has tens of versions, not thousands).
type versionsOut struct {
	Items []VersionInfo `json:"items"`
}

func charterJSON(c *Charter) *Charter {
	c.CreatedAt = c.CreatedAt.UTC()
	return c
}

func utcVersions(list []VersionInfo) []VersionInfo {
	for i := range list {
		list[i].CreatedAt = list[i].CreatedAt.UTC()
	}
	return list
}

func utcRoll(r *Roll) *Roll {
	for _, l := range [][]Endorser{r.Current, r.Earlier, r.Not} {
		for i := range l {
			if t := l[i].EndorsedAt; t != nil {
				u := t.UTC()
				l[i].EndorsedAt = &u
			}
		}
	}
	return r
}

func (x *api) getCharter(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	c, err := x.S.Charter(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	roll, err := x.S.Endorsements(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, charterOut{charterJSON(c), utcRoll(roll)})
}

// charterBody is a new version of the charter. Base is required: an edit
// must say which version it was written against.
type charterBody struct {
	Base             *int   `json:"base"`
	Purpose          string `json:"purpose"`
	Ambition         string `json:"ambition"`
	AmbitionBy       string `json:"ambition_by"`
	ValueProposition string `json:"value_proposition"`
	Note             string `json:"note"`
}

func (x *api) putCharter(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b charterBody
	if err := web.DecodeJSON(r, &b); x.fail(w, r, err) {
		return
	}
	if b.Base == nil {
		x.fail(w, r, errs.Field("base", "Send base: the version your edit starts from (0 for the first charter)."))
		return
	}
	c, err := x.S.EditCharter(r.Context(), a, CharterInput{Base: *b.Base, Purpose: b.Purpose, Ambition: b.Ambition,
		AmbitionBy: b.AmbitionBy, ValueProposition: b.ValueProposition, Note: b.Note})
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, charterJSON(c))
}

func (x *api) charterVersions(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	list, err := x.S.CharterVersions(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, versionsOut{utcVersions(list)})
}

func (x *api) charterVersion(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	n, err := pathNumber(r, "version")
	var c *Charter
	if err == nil {
		c, err = x.S.CharterVersion(r.Context(), a, int(n))
	}
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, charterJSON(c))
}

func (x *api) charterDiff(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	c, err := x.S.Charter(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	from, to, err := diffRange(r, c.Version)
	var fds []FieldDiff
	if err == nil {
		fds, err = x.S.CharterDiff(r.Context(), a, from, to)
	}
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, diffOut{from, to, fds})
}

// endorseBody names the version endorsed, which must be the current one.
type endorseBody struct {
	Version *int `json:"version"`
}

func (x *api) endorse(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b endorseBody
	if err := web.DecodeJSON(r, &b); x.fail(w, r, err) {
		return
	}
	if b.Version == nil {
		x.fail(w, r, errs.Field("version", "Send version: the version of the charter you endorse."))
		return
	}
	if x.fail(w, r, x.S.Endorse(r.Context(), a, *b.Version)) {
		return
	}
	x.roll(w, r, a)
}

func (x *api) withdraw(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	if x.fail(w, r, x.S.WithdrawEndorsement(r.Context(), a)) {
		return
	}
	x.roll(w, r, a)
}

// roll answers with the endorsement roll after a change to it.
func (x *api) roll(w http.ResponseWriter, r *http.Request, a *collective.Access) {
	roll, err := x.S.Endorsements(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, utcRoll(roll))
}
