package gathering

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/gathering/ical"
	"commonground/internal/web"
)

// The gathering form offers everything at once: without JavaScript it
// cannot hide the fields a choice makes irrelevant, so hints say which
// fields count when, and the service refuses what does not fit together.

// commonZones are offered in the time zone field's list; any other IANA
// name may be typed.
var commonZones = []string{"UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
	"Europe/Amsterdam", "Europe/Brussels", "Europe/Madrid", "Europe/Rome", "Europe/Vienna", "Europe/Warsaw",
	"Europe/Stockholm", "Europe/Helsinki", "Europe/Athens", "Europe/Istanbul", "Africa/Lagos", "Africa/Nairobi",
	"Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
	"Pacific/Auckland", "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Denver",
	"America/Los_Angeles", "America/Toronto", "America/Mexico_City"}

// choice is one option of a select or a set of radio buttons.
type choice struct{ Value, Label, Hint string }

var formatChoices = []choice{
	{string(InPerson), "In person", "At a place."},
	{string(Online), "Online", "At a link."},
	{string(Hybrid), "Hybrid", "At a place and a link: each person says how they come."},
}

var repeatChoices = []choice{
	{"", "Does not repeat", ""},
	{string(Weekly), "Every week (or every n weeks) on the same weekday", ""},
	{string(MonthlyWeekday), "Every month on the same weekday (such as the second Tuesday)", ""},
	{string(MonthlyDate), "Every month on the same date (such as the 15th)", ""},
}

// Blank rows the form adds after those filled, so a list can grow without
// JavaScript: save, and the form comes back with more.
const (
	blankAgendaRows  = 3
	blankPrereadRows = 2
)

func (h *Handlers) newPage(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pageAccess(w, r)
	if !ok {
		return
	}
	if err := a.RequireContributor(); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := collective.Frame(a, "Plan a gathering")
	zone := "UTC"
	if v := web.ViewerFrom(r.Context()); v != nil && v.TimeZone != "" {
		zone = v.TimeZone
	}
	day := h.S.DB.Now().In(zoneOf(zone)).AddDate(0, 0, 7)
	start := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, zoneOf(zone))
	p.Form = url.Values{"format": {string(InPerson)}, "time_zone": {zone}, "start": {start.Format(dateTimeLayout)},
		"end": {start.Add(time.Hour).Format(dateTimeLayout)}, "invite": {"everyone"}, "host_member_id": {idText(a.MemberID)},
		"repeat_interval": {"1"}, "duration_minutes": {"60"}}
	h.renderForm(w, r, a, p, nil, http.StatusOK)
}

// dateTimeLayout is how a datetime-local input sends its value.
const dateTimeLayout = "2006-01-02T15:04"

// renderForm shows the plan form: for a new gathering when g is nil, else
// to edit g.
func (h *Handlers) renderForm(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, g *Gathering, status int) {
	members, err := h.memberChoices(r, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	orgs, err := h.Collectives.Organisations(r.Context(), a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d := map[string]any{"Base": Base(a), "G": g, "Members": members, "Orgs": orgs, "Zones": commonZones,
		"Formats": formatChoices, "Repeats": repeatChoices, "MaxTitle": MaxTitle, "MaxIntention": MaxIntention,
		"MaxPlace": MaxPlace, "MaxLink": MaxLink, "MaxText": MaxText,
		"AgendaRows":  rowsFor(p.Form, "agenda_title_", MaxAgenda, blankAgendaRows),
		"PrereadRows": rowsFor(p.Form, "prereads_title_", MaxPrereads, blankPrereadRows),
		"Chosen":      chosenSet(p.Form), "Action": Base(a) + "/new"}
	if g != nil {
		d["Action"] = GatheringLink(a, g.ID) + "/edit"
		d["Link"] = GatheringLink(a, g.ID)
	}
	p.Data = d
	h.t.Render(w, r, status, "form", p)
}

// rowsFor is how many rows of a list the form shows: those filled (up to
// the last one filled) and blank ones after, within max.
func rowsFor(v url.Values, prefix string, max, blank int) []int {
	last := -1
	for i := range max {
		if strings.TrimSpace(v.Get(prefix+strconv.Itoa(i))) != "" {
			last = i
		}
	}
	n := min(max, last+1+blank)
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// chosenSet is which invitee checkboxes are ticked, as "m12" and "o3".
func chosenSet(v url.Values) map[string]bool {
	out := map[string]bool{}
	for _, id := range v["invite_members"] {
		out["m"+id] = true
	}
	for _, id := range v["invite_organisations"] {
		out["o"+id] = true
	}
	return out
}

// memberChoices lists the collective's members for the host, owner and
// invitee pickers, a page at a time up to a bound that keeps the form small.
func (h *Handlers) memberChoices(r *http.Request, a *collective.Access) ([]choice, error) {
	var out []choice
	for page := 1; page <= 20; page++ {
		mp, err := h.Collectives.Members(r.Context(), a, collective.MemberQuery{Page: page})
		if err != nil {
			return nil, err
		}
		for _, m := range mp.Members {
			out = append(out, choice{Value: idText(m.ID), Label: m.Name})
		}
		if len(mp.Members) == 0 || len(out) >= mp.Total {
			break
		}
	}
	return out, nil
}

func (h *Handlers) createPage(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pageAccess(w, r)
	if !ok {
		return
	}
	in, err := formInput(r.PostForm)
	var g *Gathering
	if err == nil {
		g, err = h.S.Create(r.Context(), a, in)
	}
	if err != nil {
		p := collective.Frame(a, "Plan a gathering")
		h.pageFail(w, r, formField(err), p, func(status int) { h.renderForm(w, r, a, p, nil, status) })
		return
	}
	msg := "Your gathering is planned and the people invited are told."
	if g.Status == Scheduling {
		msg = "Your gathering is planned. A time poll is open: the date follows when it closes."
	}
	h.pageDone(w, r, msg, GatheringLink(a, g.ID))
}

func (h *Handlers) editPage(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := h.pageIDs(w, r, "gathering")
	if !ok {
		return
	}
	g, err := h.S.Get(r.Context(), a, ids[0])
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	v, err := h.S.View(r.Context(), a, g.ID, 0)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if !v.CanManage {
		h.Web.Error(w, r, errs.New(errs.Forbidden, "Only the host, whoever planned it or a steward can change %q.", g.Title))
		return
	}
	p := collective.Frame(a, "Change "+g.Title)
	p.Form = gatheringForm(g)
	h.renderForm(w, r, a, p, g, http.StatusOK)
}

// gatheringForm writes a gathering into the form's values.
func gatheringForm(g *Gathering) url.Values {
	v := url.Values{"title": {g.Title}, "intention": {g.Intention}, "format": {string(g.Format)}, "place": {g.Place},
		"link": {g.Link}, "time_zone": {g.TimeZone}, "start": {localValue(g.StartsAt, g.TimeZone)},
		"end": {localValue(g.EndsAt, g.TimeZone)}, "version": {strconv.FormatInt(g.Version, 10)}, "invite": {"everyone"},
		"repeat_interval": {"1"}}
	if g.Status == Scheduling {
		// The poll sets the date; a start typed here plans it instead.
		v.Del("start")
		v.Del("end")
	}
	if g.Capacity > 0 {
		v.Set("capacity", strconv.FormatInt(g.Capacity, 10))
	}
	if g.Registration {
		v.Set("registration", "1")
	}
	if g.HostMemberID != nil {
		v.Set("host_member_id", idText(*g.HostMemberID))
	}
	if !g.InviteEveryone {
		v.Set("invite", "chosen")
		for _, i := range g.Invitees {
			if i.MemberID != 0 {
				v.Add("invite_members", idText(i.MemberID))
			} else {
				v.Add("invite_organisations", idText(i.OrganisationID))
			}
		}
	}
	for i, it := range g.Agenda {
		k := strconv.Itoa(i)
		v.Set("agenda_title_"+k, it.Title)
		v.Set("agenda_minutes_"+k, strconv.FormatInt(it.Minutes, 10))
		if it.OwnerMemberID != nil {
			v.Set("agenda_owner_member_id_"+k, idText(*it.OwnerMemberID))
		}
	}
	for i, pr := range g.Prereads {
		v.Set("prereads_title_"+strconv.Itoa(i), pr.Title)
		v.Set("prereads_url_"+strconv.Itoa(i), pr.URL)
	}
	if rule, err := ical.ParseRule(g.RRule); err == nil {
		repeatForm(v, rule, g.TimeZone)
	}
	return v
}

// repeatForm reads a rule back into the repeat fields.
func repeatForm(v url.Values, rule ical.Rule, zone string) {
	switch {
	case rule.Freq == ical.Weekly:
		v.Set("repeat_every", string(Weekly))
	case len(rule.ByMonthDay) > 0:
		v.Set("repeat_every", string(MonthlyDate))
	default:
		v.Set("repeat_every", string(MonthlyWeekday))
	}
	v.Set("repeat_interval", strconv.Itoa(max(rule.Interval, 1)))
	if rule.Count > 0 {
		v.Set("repeat_count", strconv.Itoa(rule.Count))
	}
	if !rule.Until.IsZero() {
		v.Set("repeat_until", rule.Until.In(zoneOf(zone)).Format(time.DateOnly))
	}
}

func (h *Handlers) updatePage(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := h.pageIDs(w, r, "gathering")
	if !ok {
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	in, err := formInput(r.PostForm)
	if err == nil {
		_, err = h.S.Update(r.Context(), a, ids[0], in, version)
	}
	if err != nil {
		g, gerr := h.S.Get(r.Context(), a, ids[0])
		if gerr != nil {
			h.Web.Error(w, r, gerr)
			return
		}
		p := collective.Frame(a, "Change "+g.Title)
		h.pageFail(w, r, formField(err), p, func(status int) { h.renderForm(w, r, a, p, g, status) })
		return
	}
	h.pageDone(w, r, "Saved. The people invited are told of the change.", GatheringLink(a, ids[0]))
}

func (h *Handlers) cancelPage(w http.ResponseWriter, r *http.Request) {
	a, ids, ok := h.pageIDs(w, r, "gathering")
	if !ok {
		return
	}
	if err := h.S.Cancel(r.Context(), a, ids[0]); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	h.pageDone(w, r, "The gathering is cancelled and the people invited are told.", GatheringLink(a, ids[0]))
}
