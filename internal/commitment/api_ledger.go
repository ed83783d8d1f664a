package commitment

import (
	"net/http"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// ledger is one member's (?person=ID) or organisation's
// (?organisation=ID) ledger: given and received apart, the rates, and
// the last 24 months.
func (x *jsonAPI) ledger(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	person, err := apiID(q, "person")
	if x.fail(w, r, err) {
		return
	}
	org, err := apiID(q, "organisation")
	if x.fail(w, r, err) {
		return
	}
	var p Party
	switch {
	case person != 0 && org != 0:
		x.fail(w, r, errs.Field("organisation", "Ask for one ledger: person or organisation, not both."))
		return
	case person != 0:
		p = Party{Kind: PartyMember, ID: person}
	case org != 0:
		p = Party{Kind: PartyOrganisation, ID: org}
	default:
		x.fail(w, r, errs.Field("person", "Say whose ledger: person=ID or organisation=ID."))
		return
	}
	l, err := x.S.Ledger(r.Context(), a, p)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, l)
}

// distribution is the stewards' view of who gives and who receives: every
// member with what they made, gave and received, sorted, filtered, paged.
func (x *jsonAPI) distribution(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	page, err := apiPageNumber(q)
	if x.fail(w, r, err) {
		return
	}
	d, err := x.S.Distribution(r.Context(), a, DistributionQuery{Sort: q.Get("sort"), Filter: q.Get("filter"), Page: page})
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, d)
}
