package collective

import (
	"net/http"
	"strconv"

	"commonground/internal/web"
)

// orgBody is what a client sends to add or change an organisation; PATCH
// changes only the fields sent.
type orgBody struct {
	Name        *string `json:"name"`
	Website     *string `json:"website"`
	Description *string `json:"description"`
}

func (b orgBody) apply(in *OrgInput) {
	if b.Name != nil {
		in.Name = *b.Name
	}
	if b.Website != nil {
		in.Website = *b.Website
	}
	if b.Description != nil {
		in.Description = *b.Description
	}
}

func apiOrgOut(o Organisation) Organisation {
	o.CreatedAt = utc(o.CreatedAt)
	return o
}

func orgPath(a *Access, id int64) string {
	return apiBase(a) + "/organisations/" + strconv.FormatInt(id, 10)
}

func (x *api) listOrganisations(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	limit, after, err := x.pageParams(r.URL.Query(), cursorOrganisations)
	if x.fail(w, r, err) {
		return
	}
	list, err := x.S.apiOrganisations(r.Context(), a, after, limit)
	if x.fail(w, r, err) {
		return
	}
	out := web.List[Organisation]{Items: make([]Organisation, 0, len(list))}
	for _, o := range list {
		out.Items = append(out.Items, apiOrgOut(o.Organisation))
	}
	if len(list) == limit {
		last := list[len(list)-1]
		out.Next = x.Web.SignCursor(apiCursor{K: cursorOrganisations, N: last.SortName, I: last.ID})
	}
	web.JSON(w, http.StatusOK, out)
}

func (x *api) createOrganisation(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var body orgBody
	if !x.decode(w, r, &body) {
		return
	}
	var in OrgInput
	body.apply(&in)
	o, err := x.S.CreateOrganisation(r.Context(), a, in)
	if x.fail(w, r, err) {
		return
	}
	created(w, orgPath(a, o.ID), apiOrgOut(*o))
}

func (x *api) getOrganisation(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "organisation")
	if !ok {
		return
	}
	o, err := x.S.Organisation(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiOrgOut(*o))
}

func (x *api) patchOrganisation(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "organisation")
	if !ok {
		return
	}
	var body orgBody
	if !x.decode(w, r, &body) {
		return
	}
	o, err := x.S.Organisation(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	in := OrgInput{Name: o.Name, Website: o.Website, Description: o.Description}
	body.apply(&in)
	if x.fail(w, r, x.S.UpdateOrganisation(r.Context(), a, id, in)) {
		return
	}
	o, err = x.S.Organisation(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiOrgOut(*o))
}

func (x *api) deleteOrganisation(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessID(w, r, "organisation")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.DeleteOrganisation(r.Context(), a, id)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
