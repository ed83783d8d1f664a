package gathering

import (
	"net/http"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// The minutes and the closing report of one date.

func (x *jsonAPI) report(w http.ResponseWriter, r *http.Request) {
	if a, oid, ok := x.occurrenceIDs(w, r); ok {
		x.reportOf(w, r, a, oid)
	}
}

// reportOf answers the closing report of date oid.
func (x *jsonAPI) reportOf(w http.ResponseWriter, r *http.Request, a *collective.Access, oid int64) {
	rep, err := x.S.Report(r.Context(), a, oid)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, rep)
}

// minutesBody is a date's minutes as a whole: a pointer, so a body that
// forgot the field is told so rather than clearing the minutes.
type minutesBody struct {
	Minutes *string `json:"minutes"`
}

// setMinutes replaces a date's minutes (an empty text clears them) and
// answers the date as it now is.
func (x *jsonAPI) setMinutes(w http.ResponseWriter, r *http.Request) {
	a, oid, ok := x.occurrenceIDs(w, r)
	if !ok {
		return
	}
	var in minutesBody
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	if in.Minutes == nil {
		x.fail(w, r, errs.Field("minutes", "Send the minutes as text; an empty text clears them."))
		return
	}
	if x.fail(w, r, x.S.SetMinutes(r.Context(), a, oid, *in.Minutes)) {
		return
	}
	x.occurrenceDetail(w, r, a, oid)
}

// closeReport says a date's report is ready to read and answers the report.
func (x *jsonAPI) closeReport(w http.ResponseWriter, r *http.Request) {
	a, oid, ok := x.occurrenceIDs(w, r)
	if !ok {
		return
	}
	if x.fail(w, r, x.S.CloseReport(r.Context(), a, oid)) {
		return
	}
	x.reportOf(w, r, a, oid)
}
