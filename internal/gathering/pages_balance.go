package gathering

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"commonground/internal/chart"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// weekRow is one week of my balance, in words and figures.
type weekRow struct {
	Week, Planned, Attended, Budget string
	Over                            bool
}

func (h *Handlers) balancePage(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pageAccess(w, r)
	if !ok {
		return
	}
	h.renderBalance(w, r, a, collective.Frame(a, "Time in gatherings"), http.StatusOK)
}

// renderBalance shows my weeks against my focus budget and the
// collective's time in gatherings with what it yielded.
func (h *Handlers) renderBalance(w http.ResponseWriter, r *http.Request, a *collective.Access, p *web.Page, status int) {
	ctx := r.Context()
	d := map[string]any{"Base": Base(a), "CanSet": a.CanContribute()}
	if a.CanContribute() {
		mine, err := h.S.MyBalance(ctx, a)
		if err != nil {
			h.Web.Error(w, r, err)
			return
		}
		rows := make([]weekRow, 0, len(mine.Weeks))
		bars := chart.Bars{Title: "My hours in gatherings by week", Unit: "hours", ID: "my-weeks",
			LabelHeader: "Week of", ValueHeader: "Hours", DetailHeader: "Against my budget"}
		for _, wk := range mine.Weeks {
			label := wk.Start.Format("2 Jan 2006")
			rows = append(rows, weekRow{Week: label, Planned: hoursText(wk.Planned), Attended: hoursText(wk.Attended),
				Budget: hoursText(wk.Budget), Over: wk.Over})
			detail := "within"
			if wk.Over {
				detail = "over"
			}
			bars.Bars = append(bars.Bars, chart.Bar{Label: label, Value: wk.Planned + wk.Attended, Detail: detail})
		}
		d["Mine"], d["Weeks"], d["Chart"] = mine, rows, bars.HTML()
		d["WeekHours"] = hoursText(float64(mine.WeekMinutes) / 60)
		d["FocusHours"] = hoursText(float64(mine.FocusMinutes) / 60)
		d["BudgetHours"] = hoursText(float64(mine.GatheringMinutes) / 60)
		if p.Form == nil {
			p.Form = url.Values{"week_hours": {hoursText(float64(mine.WeekMinutes) / 60)},
				"focus_hours": {hoursText(float64(mine.FocusMinutes) / 60)}}
		}
	}
	all, err := h.S.Balance(ctx, a, BalanceQuery{})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d["All"], d["AllHours"] = all, hoursText(all.PersonHours)
	d["AllYield"] = strconv.FormatFloat(all.PerPersonHour, 'f', 2, 64)
	type cweek struct {
		Week, Hours      string
		People, OverBudg int64
	}
	var cw []cweek
	for _, wk := range all.Weeks {
		cw = append(cw, cweek{wk.Start.Format("2 Jan 2006"), hoursText(wk.PersonHours), wk.People, wk.OverBudget})
	}
	type series struct {
		Title, Link, Hours, Yield string
		Held, Outcomes            int64
	}
	var ss []series
	for _, s := range all.Series {
		ss = append(ss, series{s.Title, GatheringLink(a, s.GatheringID), hoursText(s.PersonHours),
			strconv.FormatFloat(s.PerPersonHour, 'f', 2, 64), s.Held, s.Outcomes})
	}
	d["CWeeks"], d["Series"] = cw, ss
	p.Data = d
	h.t.Render(w, r, status, "balance", p)
}

func (h *Handlers) focusPage(w http.ResponseWriter, r *http.Request) {
	a, ok := h.pageAccess(w, r)
	if !ok {
		return
	}
	// A blank week is the usual 40 hours: most people only say their focus.
	week, werr := float64(DefaultWeekMinutes)/60, error(nil)
	if strings.TrimSpace(r.PostFormValue("week_hours")) != "" {
		week, werr = formHours(r, "week_hours")
	}
	focus, ferr := formHours(r, "focus_hours")
	var err error
	switch {
	case werr != nil:
		err = errs.Field("week_hours", "Enter the hours of your working week, such as 40 or 37.5.")
	case ferr != nil:
		err = errs.Field("focus_hours", "Enter the hours you keep for your own work, such as 30 or 32.5.")
	default:
		err = h.S.SetFocus(r.Context(), a, Focus{WeekMinutes: int64(math.Round(week * 60)), FocusMinutes: int64(math.Round(focus * 60))})
		// The service counts minutes; the form asks for hours.
		switch errs.FieldOf(err) {
		case "week_minutes":
			err = errs.Field("week_hours", "Enter more than 0 and at most 168 hours for your working week.")
		case "focus_minutes":
			err = errs.Field("focus_hours", "Enter more than 0 hours for your own work, and no more than your working week.")
		}
	}
	if err != nil {
		p := collective.Frame(a, "Time in gatherings")
		h.pageFail(w, r, err, p, func(status int) { h.renderBalance(w, r, a, p, status) })
		return
	}
	h.pageDone(w, r, "Your week is saved: you keep "+hoursText(focus)+" of "+hoursText(week)+" hours for your own work, which leaves "+
		hoursText(week-focus)+" for gatherings.", Base(a)+"/balance")
}

// formHours reads a number of hours from the form, a comma taken as the
// decimal point ("7,5").
func formHours(r *http.Request, name string) (float64, error) {
	s := strings.TrimSpace(strings.Replace(r.PostFormValue(name), ",", ".", 1))
	h, err := strconv.ParseFloat(s, 64)
	if err == nil && (math.IsNaN(h) || math.IsInf(h, 0)) {
		err = strconv.ErrSyntax
	}
	return h, err
}
