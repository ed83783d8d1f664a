package gathering

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// agendaRow is an agenda item with its planned start and end: the items
// run one after another from the start of the date.
type agendaRow struct {
	AgendaItem
	From, To string
	// FromUTC and ToUTC (RFC 3339) let the live view's timer script find
	// the item whose time box holds now.
	FromUTC, ToUTC string
}

// dateRow is one date of a gathering, for its list of dates.
type dateRow struct {
	ID                                      int64
	Link, When, Start, End                  string
	Cancelled, Moved, Past, Current, Closed bool
}

// plannedAgenda times the agenda from start in the gathering's zone.
func plannedAgenda(items []AgendaItem, start time.Time, zone string) []agendaRow {
	out := make([]agendaRow, 0, len(items))
	at := start
	for _, it := range items {
		end := at.Add(time.Duration(it.Minutes) * time.Minute)
		out = append(out, agendaRow{AgendaItem: it, From: clockText(at, zone), To: clockText(end, zone),
			FromUTC: at.UTC().Format(time.RFC3339), ToUTC: end.UTC().Format(time.RFC3339)})
		at = end
	}
	return out
}

func (h *Handlers) viewPage(w http.ResponseWriter, r *http.Request) {
	names := []string{"gathering"}
	if r.PathValue("occurrence") != "" {
		names = append(names, "occurrence")
	}
	a, ids, ok := h.pageIDs(w, r, names...)
	if !ok {
		return
	}
	var occ int64
	if len(ids) > 1 {
		occ = ids[1]
	}
	h.renderView(w, r, a, ids[0], occ, collective.Frame(a, ""), "", http.StatusOK)
}

// renderView shows one date of a gathering (occ 0: the next); failed names
// the form whose refusal the page carries, so its message shows there.
func (h *Handlers) renderView(w http.ResponseWriter, r *http.Request, a *collective.Access, gid, occ int64, p *web.Page, failed string, status int) {
	ctx := r.Context()
	v, err := h.S.View(ctx, a, gid, occ)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	g, err := h.S.Get(ctx, a, gid)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	v.Gathering = g
	if v.Occurrence != nil && v.Occurrence.GatheringID != gid {
		h.Web.Error(w, r, errs.New(errs.NotFound, "There is no such date of this gathering."))
		return
	}
	p.Title = g.Title
	now := h.S.DB.Now().UTC()
	d := map[string]any{"Base": Base(a), "V": v, "G": g, "Link": GatheringLink(a, g.ID), "Failed": failed,
		"Format": formatLabel[g.Format], "Hybrid": g.Format == Hybrid, "Cancelled": g.Status == Cancelled,
		"Scheduling": g.Status == Scheduling, "CanAnswer": v.Invited && a.CanContribute()}
	if o := v.Occurrence; o != nil {
		d["DateLink"] = Link(a, g.ID, o.ID)
		d["When"] = whenText(o.StartsAt, o.EndsAt, g.TimeZone)
		d["Agenda"] = plannedAgenda(g.Agenda, o.StartsAt, g.TimeZone)
		d["Past"] = !o.EndsAt.After(now)
		d["DateCancelled"] = o.Status == OccurrenceCancelled
		d["Open"] = !d["Past"].(bool) && o.Status == OccurrencePlanned && g.Status == Planned
		d["Started"] = !o.StartsAt.After(now)
		if v.Mine != nil {
			d["MyLabel"] = rsvpLabel[v.Mine.Status]
			if v.Mine.Status == Waiting {
				d["Position"] = h.waitingPosition(r, a, o.ID)
			}
		}
		if p.Form == nil {
			p.Form = url.Values{"start": {localValue(o.StartsAt, g.TimeZone)}, "end": {localValue(o.EndsAt, g.TimeZone)}}
		}
	}
	dates, err := h.S.Occurrences(ctx, a, g.ID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	rows := make([]dateRow, 0, len(dates))
	for _, o := range dates {
		rows = append(rows, dateRow{ID: o.ID, Link: Link(a, g.ID, o.ID), When: whenText(o.StartsAt, o.EndsAt, g.TimeZone),
			Start: localValue(o.StartsAt, g.TimeZone), End: localValue(o.EndsAt, g.TimeZone),
			Cancelled: o.Status == OccurrenceCancelled, Moved: o.Moved, Past: !o.EndsAt.After(now), Closed: o.ClosedAt != nil,
			Current: v.Occurrence != nil && o.ID == v.Occurrence.ID})
	}
	d["Dates"] = rows
	p.Data = d
	h.t.Render(w, r, status, "gathering", p)
}

// waitingPosition is my place on an occurrence's waiting list (1 is next),
// or 0 when it cannot be read.
func (h *Handlers) waitingPosition(r *http.Request, a *collective.Access, occurrenceID int64) int {
	regs, err := h.S.Registrations(r.Context(), a, occurrenceID)
	if err != nil {
		return 0
	}
	n := 0
	for _, reg := range regs {
		if reg.Status != Waiting {
			continue
		}
		n++
		if reg.MemberID == a.MemberID {
			return n
		}
	}
	return 0
}

// dateIDs reads the gathering and occurrence of a date's path.
func (h *Handlers) dateIDs(w http.ResponseWriter, r *http.Request) (*collective.Access, int64, int64, bool) {
	a, ids, ok := h.pageIDs(w, r, "gathering", "occurrence")
	if !ok {
		return nil, 0, 0, false
	}
	return a, ids[0], ids[1], true
}

// refusedOnView shows the date's page again with a refused form's message
// beside that form, or the error page when the refusal is not about it.
func (h *Handlers) refusedOnView(w http.ResponseWriter, r *http.Request, a *collective.Access, gid, occ int64, form string, err error) {
	p := collective.Frame(a, "")
	h.pageFail(w, r, err, p, func(status int) { h.renderView(w, r, a, gid, occ, p, form, status) })
}

func (h *Handlers) rsvpPage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	in := RSVPInput{Status: RSVP(r.PostFormValue("status")), Online: r.PostFormValue("online") != ""}
	if in.Status == "online" { // the hybrid form's third button: going, online
		in.Status, in.Online = Going, true
	}
	reg, err := h.S.Respond(r.Context(), a, occ, in)
	if errs.FieldOf(err) != "" {
		err = errs.New(errs.Invalid, "%s", errs.Message(err)) // the answer is a button, not a field
	}
	if err != nil {
		h.refusedOnView(w, r, a, gid, occ, "rsvp", err)
		return
	}
	msg := map[RSVP]string{Going: "You are going. See you there.", Waiting: "The places are taken: you are on the waiting list, and hear when one comes free.",
		Declined: "You are not going. Thank you for saying so."}[reg.Status]
	h.pageDone(w, r, msg, Link(a, gid, occ))
}

func (h *Handlers) movePage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	in := OccurrenceInput{Start: r.PostFormValue("start"), End: r.PostFormValue("end")}
	if _, err := h.S.MoveOccurrence(r.Context(), a, occ, in); err != nil {
		h.refusedOnView(w, r, a, gid, occ, "move", err)
		return
	}
	h.pageDone(w, r, "This date is moved and the people invited are told.", Link(a, gid, occ))
}

func (h *Handlers) cancelDatePage(w http.ResponseWriter, r *http.Request) {
	a, gid, occ, ok := h.dateIDs(w, r)
	if !ok {
		return
	}
	if err := h.S.CancelOccurrence(r.Context(), a, occ); err != nil {
		h.refusedOnView(w, r, a, gid, occ, "cancel-date", err)
		return
	}
	h.pageDone(w, r, "This date is cancelled and the people invited are told.", Link(a, gid, occ))
}

// icsPage serves a gathering's calendar file, for the page's download link:
// a page route, so the signed-in session reads it without an API token.
func (h *Handlers) icsPage(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := h.pageIDs(w, r, "gathering")
	if !ok {
		return
	}
	b, err := h.S.ICS(r.Context(), a, ids[0])
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if len(b) == 0 {
		h.Web.Error(w, r, errs.New(errs.Internal, "The calendar file could not be made."))
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="gathering-`+strconv.FormatInt(ids[0], 10)+`.ics"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}
