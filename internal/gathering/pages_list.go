package gathering

import (
	"net/http"
	"net/url"
	"strconv"

	"commonground/internal/collective"
)

// listRow is one occurrence as the list shows it: its time already written
// in its gathering's zone, since templates cannot load zones.
type listRow struct {
	Link, When, Title, Intention, Format, Status, Mine string
	Going, Waiting, Attended, Capacity                 int64
	Recurring, Cancelled                               bool
}

// listTab is one of the list's two views.
type listTab struct {
	Label, Href string
	Current     bool
}

func (h *Handlers) listPage(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pageAccess(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	lq := ListQuery{Past: q.Get("when") == "past", Mine: q.Get("mine") != "", Page: max(page, 1)}
	l, err := h.S.List(r.Context(), a, lq)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	rows := make([]listRow, 0, len(l.Items))
	for _, it := range l.Items {
		row := listRow{Link: Link(a, it.GatheringID, it.ID), When: whenText(it.StartsAt, it.EndsAt, it.TimeZone),
			Title: it.Title, Intention: it.Intention, Format: formatLabel[it.Format], Going: it.Going, Waiting: it.Waiting,
			Attended: it.Attended, Capacity: it.Capacity, Recurring: it.Recurring, Mine: rsvpLabel[it.MyStatus]}
		if it.ID == 0 {
			// A time poll is still choosing the date: the row stands for the
			// gathering, from its first candidate on.
			row.Link = GatheringLink(a, it.GatheringID)
			row.When = "Date open, from " + it.StartsAt.In(zoneOf(it.TimeZone)).Format("Mon 2 Jan 2006")
		}
		switch {
		case it.GatheringState == Cancelled || it.Status == OccurrenceCancelled:
			row.Status, row.Cancelled = "Cancelled", true
		case it.GatheringState == Scheduling:
			row.Status = "Scheduling"
		case it.Moved:
			row.Status = "Moved"
		}
		rows = append(rows, row)
	}
	// The links keep the other choice: "mine" stays on across the tabs, and
	// the tab stays when "mine" is switched.
	link := func(past, mine bool, page int) string {
		v := url.Values{}
		if past {
			v.Set("when", "past")
		}
		if mine {
			v.Set("mine", "1")
		}
		if page > 1 {
			v.Set("page", strconv.Itoa(page))
		}
		if len(v) == 0 {
			return Base(a)
		}
		return Base(a) + "?" + v.Encode()
	}
	tabs := []listTab{{"Upcoming", link(false, lq.Mine, 1), !lq.Past}, {"Past", link(true, lq.Mine, 1), lq.Past}}
	d := map[string]any{"Base": Base(a), "Rows": rows, "Tabs": tabs, "Past": lq.Past, "Mine": lq.Mine,
		"MineLink": link(lq.Past, !lq.Mine, 1), "CanPlan": a.CanContribute(), "Page": l.Page}
	if l.Page > 1 {
		d["Prev"] = link(lq.Past, lq.Mine, l.Page-1)
	}
	if l.More {
		d["Next"] = link(lq.Past, lq.Mine, l.Page+1)
	}
	title := "Gatherings"
	p := collective.Frame(a, title)
	p.Data = d
	h.t.Render(w, r, http.StatusOK, "gatherings", p)
}
