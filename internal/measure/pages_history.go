package measure

import (
	"context"
	"net/http"
	"strconv"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// historyPage is how many measurements one page of history shows.
const historyPage = 50

// historyItem is one measurement in an indicator's history.
type historyItem struct {
	Measurement
	Corrections  int    `db:"corrections"`
	Name         string `db:"-"` // the breakdown in words
	Organisation string `db:"-"`
	Link         string `db:"-"`
}

// history reads one page of an indicator's measurements, newest first,
// with how often each was corrected. It reads one row past the page to
// know whether there is another, rather than counting a million rows.
func (h *Handlers) history(ctx context.Context, a *collective.Access, ind *Indicator, page int) ([]historyItem, bool, error) {
	var rows []historyItem
	err := h.S.DB.Select(ctx, &rows, `SELECT `+measurementCols+`,
		(SELECT count(*) FROM measure_corrections c WHERE c.measurement_id = m.id) AS corrections
		FROM measure_measurements m JOIN measure_breakdowns b ON b.id = m.breakdown_id
		WHERE m.indicator_id = ? ORDER BY m.on_date DESC, m.id DESC LIMIT ? OFFSET ?`,
		ind.ID, historyPage+1, (page-1)*historyPage)
	if err != nil {
		return nil, false, err
	}
	more := len(rows) > historyPage
	rows = rows[:min(len(rows), historyPage)]
	orgs, err := h.orgMap(ctx, a)
	if err != nil {
		return nil, false, err
	}
	for i := range rows {
		m := &rows[i]
		b, err := decodeKey(m.Key)
		if err != nil {
			return nil, false, err
		}
		m.Breakdown, m.Name, m.Link = b, breakdownName(b), measurementLink(a, m.ID)
		m.Organisation = orgName(orgs, a, m.OrganisationID)
	}
	return rows, more, nil
}

func measurementLink(a *collective.Access, id int64) string {
	return base(a) + "/measurements/" + strconv.FormatInt(id, 10)
}

func (h *Handlers) orgMap(ctx context.Context, a *collective.Access) (map[int64]string, error) {
	orgs, err := h.Collectives.Organisations(ctx, a)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]string, len(orgs))
	for _, o := range orgs {
		m[o.ID] = o.Name
	}
	return m, nil
}

func orgName(orgs map[int64]string, a *collective.Access, id *int64) string {
	if id == nil || *id == 0 {
		return a.Collective.Name
	}
	if n, ok := orgs[*id]; ok {
		return n
	}
	return "an organisation no longer in " + a.Collective.Name
}

// measurementPage shows one measurement with every correction and, to
// those who may, the form to correct it.
func (h *Handlers) measurementPage(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "measurement")
	if !ok {
		return
	}
	h.renderMeasurement(w, r, a, id, http.StatusOK, nil)
}

func (h *Handlers) renderMeasurement(w http.ResponseWriter, r *http.Request, a *collective.Access, id int64, status int, failed error) {
	ctx := r.Context()
	m, hist, err := h.S.Measurement(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	ind, err := h.S.Indicator(ctx, a, m.IndicatorID)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	orgs, err := h.orgMap(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, "Measurement of "+ind.Name+" on "+m.Date)
	p.Form = map[string][]string{"value": {m.ValueText}}
	if failed != nil {
		p.Form = r.PostForm
		p.Fail(failed)
	}
	p.Data = map[string]any{"Access": a, "M": m, "Ind": ind, "History": hist, "Name": breakdownName(m.Breakdown),
		"Organisation": orgName(orgs, a, m.OrganisationID), "IndLink": indicatorLink(a, ind.ID),
		"Action": measurementLink(a, id), "MayCorrect": a.CanContribute()}
	h.t.Render(w, r, status, "measurement", p)
}

// correct changes a value; the old one stays in the history with the
// reason given.
func (h *Handlers) correct(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "measurement")
	if !ok {
		return
	}
	m, err := h.S.Correct(r.Context(), a, id, r.PostFormValue("value"), r.PostFormValue("reason"))
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			h.renderMeasurement(w, r, a, id, http.StatusUnprocessableEntity, err)
			return
		}
		h.Web.Error(w, r, err)
		return
	}
	h.done(w, r, "The value of "+m.Date+" is now "+m.ValueText+"; the old one is kept in its history.", measurementLink(a, id))
}
