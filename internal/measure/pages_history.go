package measure

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

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

// historyCursor is where a page of history starts: below the date and
// id of the last row of the page before; zero for the newest.
type historyCursor struct {
	Date string
	ID   int64
}

// readCursor reads ?before=DATE&id=N; anything unreadable starts at the
// newest.
func readCursor(r *http.Request) historyCursor {
	q := r.URL.Query()
	d, err := parseDate(q.Get("before"))
	id, err2 := strconv.ParseInt(q.Get("id"), 10, 64)
	if err != nil || err2 != nil || id <= 0 {
		return historyCursor{}
	}
	return historyCursor{d, id}
}

// history reads one page of an indicator's measurements, newest first,
// with how often each was corrected, and the cursor of the next page (zero
// when there is none). A million measurements have no index by date
// alone, so rather than sort them all it reads at most a page from each
// breakdown through the (indicator, breakdown, date) index and merges
// them: with 50 breakdowns that is 50 short index reads, not a sort of a
// million rows. The cursor pages by date, so a deep page costs the same.
func (h *Handlers) history(ctx context.Context, a *collective.Access, ind *Indicator, from historyCursor) ([]historyItem, historyCursor, error) {
	bds, err := h.S.breakdowns(ctx, ind.ID)
	if err != nil {
		return nil, historyCursor{}, err
	}
	const cols = `SELECT ` + measurementCols + `,
		(SELECT count(*) FROM measure_corrections c WHERE c.measurement_id = m.id) AS corrections
		FROM measure_measurements m JOIN measure_breakdowns b ON b.id = m.breakdown_id
		WHERE m.indicator_id = ? AND m.breakdown_id = ?`
	var rows []historyItem
	for _, bd := range bds {
		var part []historyItem
		if from.ID == 0 {
			err = h.S.DB.Select(ctx, &part, cols+` ORDER BY m.on_date DESC LIMIT ?`, ind.ID, bd.ID, historyPage+1)
		} else {
			// One row per date in a breakdown, so the id only settles ties
			// between breakdowns on the cursor's date.
			err = h.S.DB.Select(ctx, &part, cols+` AND (m.on_date < ? OR (m.on_date = ? AND m.id < ?)) ORDER BY m.on_date DESC LIMIT ?`,
				ind.ID, bd.ID, from.Date, from.Date, from.ID, historyPage+1)
		}
		if err != nil {
			return nil, historyCursor{}, err
		}
		rows = append(rows, part...)
	}
	slices.SortFunc(rows, func(x, y historyItem) int {
		if c := strings.Compare(y.Date, x.Date); c != 0 {
			return c
		}
		return cmp.Compare(y.ID, x.ID)
	})
	var next historyCursor
	if len(rows) > historyPage {
		rows = rows[:historyPage]
		last := rows[historyPage-1]
		next = historyCursor{last.Date, last.ID}
	}
	orgs, err := h.orgMap(ctx, a)
	if err != nil {
		return nil, historyCursor{}, err
	}
	for i := range rows {
		m := &rows[i]
		b, err := decodeKey(m.Key)
		if err != nil {
			return nil, historyCursor{}, err
		}
		m.Breakdown, m.Name, m.Link = b, breakdownName(b), measurementLink(a, m.ID)
		m.Organisation = orgName(orgs, a, m.OrganisationID)
	}
	return rows, next, nil
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
