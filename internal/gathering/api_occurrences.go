package gathering

import (
	"net/http"
	"slices"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// The answers, check-ins and outcomes of the API name a date by
// occurrence_id, or let the API choose one: the next coming date for an
// answer, the latest date already begun for a check-in or an outcome.

// pick chooses the occurrence of gathering gid: id when given (it must be
// a date of that gathering), else the latest begun when started is true
// and one has begun, else the next coming (or the last, once all are past).
func (x *jsonAPI) pick(r *http.Request, a *collective.Access, gid, id int64, started bool) (int64, error) {
	ctx := r.Context()
	// Refuse outsiders before any lookup, so they learn no date exists.
	if err := requireReader(a); err != nil {
		return 0, err
	}
	if id != 0 {
		o, _, err := loadOccurrence(ctx, x.S.DB, a, id)
		if err != nil {
			return 0, err
		}
		if o.GatheringID != gid {
			return 0, errs.New(errs.NotFound, "There is no such date of this gathering.")
		}
		return id, nil
	}
	if started {
		occs, err := x.S.Occurrences(ctx, a, gid)
		if err != nil {
			return 0, err
		}
		now := x.S.DB.Now()
		for i := len(occs) - 1; i >= 0; i-- {
			if o := occs[i]; o.Status == OccurrencePlanned && !o.StartsAt.After(now) {
				return o.ID, nil
			}
		}
	}
	v, err := x.S.View(ctx, a, gid, 0)
	if err != nil {
		return 0, err
	}
	if v.Occurrence == nil {
		return 0, errs.New(errs.Conflict, "The date of %q is not set yet: a time poll decides it.", v.Gathering.Title)
	}
	return v.Occurrence.ID, nil
}

// rsvpBody is an answer, for a date or the next one.
type rsvpBody struct {
	OccurrenceID int64 `json:"occurrence_id"`
	RSVPInput
}

func (x *jsonAPI) rsvp(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.access(w, r, "gathering")
	if !ok {
		return
	}
	var in rsvpBody
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	oid, err := x.pick(r, a, ids[0], in.OccurrenceID, false)
	if x.fail(w, r, err) {
		return
	}
	reg, err := x.S.Respond(r.Context(), a, oid, in.RSVPInput)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, reg)
}

// checkInBody is one person present, at a date or the one under way.
type checkInBody struct {
	OccurrenceID int64 `json:"occurrence_id"`
	CheckInInput
}

func (x *jsonAPI) checkIn(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.access(w, r, "gathering")
	if !ok {
		return
	}
	var in checkInBody
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	oid, err := x.pick(r, a, ids[0], in.OccurrenceID, true)
	if x.fail(w, r, err) {
		return
	}
	at, err := x.S.CheckIn(r.Context(), a, oid, in.CheckInInput)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusCreated, at)
}

// undoCheckIn takes a mistaken check-in back; the path names the date,
// since one person may be checked in at every date of a series.
func (x *jsonAPI) undoCheckIn(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.dateIDs(w, r, "member")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.UndoCheckIn(r.Context(), a, ids[1], ids[2])) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// outcomeBody is what emerged, at a date or the one under way.
type outcomeBody struct {
	OccurrenceID int64 `json:"occurrence_id"`
	OutcomeInput
}

func (x *jsonAPI) addOutcome(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.access(w, r, "gathering")
	if !ok {
		return
	}
	var in outcomeBody
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	oid, err := x.pick(r, a, ids[0], in.OccurrenceID, true)
	if x.fail(w, r, err) {
		return
	}
	out, err := x.S.AddOutcome(r.Context(), a, oid, in.OutcomeInput)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusCreated, out)
}

// deleteOutcome takes an outcome back. The service finds the outcome by
// its id alone; the path must still name its own date, so a URL never
// reaches another gathering's outcome.
func (x *jsonAPI) deleteOutcome(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := x.dateIDs(w, r, "outcome")
	if !ok {
		return
	}
	outs, err := x.S.Outcomes(r.Context(), a, ids[1])
	if x.fail(w, r, err) {
		return
	}
	if !slices.ContainsFunc(outs, func(o Outcome) bool { return o.ID == ids[2] }) {
		x.fail(w, r, errs.New(errs.NotFound, "There is no such outcome of this date."))
		return
	}
	if x.fail(w, r, x.S.DeleteOutcome(r.Context(), a, ids[2])) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// OccurrenceDetail is one date with everything said about it.
type OccurrenceDetail struct {
	View          *View          `json:"view"`
	Registrations []Registration `json:"registrations"`
	Attendance    []Attendance   `json:"attendance"`
	Outcomes      []Outcome      `json:"outcomes"`
}

// occurrenceIDs reads the gathering and occurrence in the path and checks
// that the one belongs to the other.
func (x *jsonAPI) occurrenceIDs(w http.ResponseWriter, r *http.Request) (*collective.Access, int64, bool) {
	a, ids, ok := x.dateIDs(w, r)
	if !ok {
		return nil, 0, false
	}
	return a, ids[1], true
}

// dateIDs is occurrenceIDs with more ids from the path after the
// gathering's and the occurrence's (ids[0] and ids[1]).
func (x *jsonAPI) dateIDs(w http.ResponseWriter, r *http.Request, more ...string) (*collective.Access, []int64, bool) {
	a, ids, ok := x.access(w, r, append([]string{"gathering", "occurrence"}, more...)...)
	if !ok {
		return nil, nil, false
	}
	if _, err := x.pick(r, a, ids[0], ids[1], false); x.fail(w, r, err) {
		return nil, nil, false
	}
	return a, ids, true
}

func (x *jsonAPI) occurrence(w http.ResponseWriter, r *http.Request) {
	a, oid, ok := x.occurrenceIDs(w, r)
	if !ok {
		return
	}
	x.occurrenceDetail(w, r, a, oid)
}

func (x *jsonAPI) occurrenceDetail(w http.ResponseWriter, r *http.Request, a *collective.Access, oid int64) {
	ctx := r.Context()
	o, _, err := loadOccurrence(ctx, x.S.DB, a, oid)
	if x.fail(w, r, err) {
		return
	}
	v, err := x.S.View(ctx, a, o.GatheringID, oid)
	if x.fail(w, r, err) {
		return
	}
	d := OccurrenceDetail{View: v}
	if d.Registrations, err = x.S.Registrations(ctx, a, oid); x.fail(w, r, err) {
		return
	}
	if d.Attendance, err = x.S.Attendance(ctx, a, oid); x.fail(w, r, err) {
		return
	}
	if d.Outcomes, err = x.S.Outcomes(ctx, a, oid); x.fail(w, r, err) {
		return
	}
	if d.Registrations == nil {
		d.Registrations = []Registration{}
	}
	if d.Attendance == nil {
		d.Attendance = []Attendance{}
	}
	if d.Outcomes == nil {
		d.Outcomes = []Outcome{}
	}
	web.JSON(w, http.StatusOK, d)
}

func (x *jsonAPI) move(w http.ResponseWriter, r *http.Request) {
	a, oid, ok := x.occurrenceIDs(w, r)
	if !ok {
		return
	}
	var in OccurrenceInput
	if x.fail(w, r, web.DecodeJSON(r, &in)) {
		return
	}
	if _, err := x.S.MoveOccurrence(r.Context(), a, oid, in); x.fail(w, r, err) {
		return
	}
	x.occurrenceDetail(w, r, a, oid)
}

func (x *jsonAPI) cancelOccurrence(w http.ResponseWriter, r *http.Request) {
	a, oid, ok := x.occurrenceIDs(w, r)
	if !ok {
		return
	}
	if x.fail(w, r, x.S.CancelOccurrence(r.Context(), a, oid)) {
		return
	}
	x.occurrenceDetail(w, r, a, oid)
}
