package commitment

import (
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"commonground/internal/chart"
	"commonground/internal/errs"
	"commonground/internal/web"
)

// flowRow is one measure of the given-and-received table.
type flowRow struct{ Label, Given, Received string }

// ledgerView is a ledger in words, for the page.
type ledgerView struct {
	*Ledger
	Fulfilment, OnTime string
	Rows               []flowRow
	HasMonths          bool
	Chart              template.HTML
	Table              chart.Table
}

// percent writes a rate as a whole percentage, or a dash when there is
// none yet (nothing due, nothing kept).
func percent(r *float64) string {
	if r == nil {
		return "–"
	}
	return strconv.Itoa(int(math.Round(*r*100))) + "%"
}

// viewLedger writes l's figures as the page shows them: given and received
// side by side, never netted, and the months as a chart with its table.
func viewLedger(l *Ledger) ledgerView {
	v := ledgerView{Ledger: l, Fulfilment: percent(l.Fulfilment), OnTime: percent(l.OnTimeRate)}
	n := func(x int64) string { return strconv.FormatInt(x, 10) }
	v.Rows = []flowRow{
		{"Promises kept", n(l.Given.Count), n(l.Received.Count)},
		{"Hours", sizeOrZero(Hours, l.Given.Minutes), sizeOrZero(Hours, l.Received.Minutes)},
		{"Money", sizeOrZero(Money, l.Given.Money), sizeOrZero(Money, l.Received.Money)},
		{"Counted items", n(l.Given.Units), n(l.Received.Units)},
	}
	given := chart.Series{Name: "Given"}
	received := chart.Series{Name: "Received"}
	for _, m := range l.Months {
		t, err := time.Parse("2006-01", m.Month)
		if err != nil {
			continue
		}
		given.Points = append(given.Points, chart.Point{T: t, V: float64(m.Given.Count)})
		received.Points = append(received.Points, chart.Point{T: t, V: float64(m.Received.Count)})
		v.HasMonths = v.HasMonths || m.Given.Count > 0 || m.Received.Count > 0
	}
	line := chart.Line{Title: "Kept promises given and received by " + l.Name + " per month", Unit: "promises",
		Series: []chart.Series{given, received}, ID: "ledger-months"}
	v.Chart, v.Table = line.HTML(), monthsTable(l)
	return v
}

// sizeOrZero writes an amount of unit, or a plain 0: "0 hours" and
// "0.00" read as if something were there.
func sizeOrZero(unit Unit, amount int64) string {
	if amount == 0 {
		return "0"
	}
	return FormatSize(unit, amount)
}

// monthsTable is the chart's text alternative: every month's given and
// received, by number and hours.
func monthsTable(l *Ledger) chart.Table {
	t := chart.Table{Caption: "Kept promises given and received by " + l.Name + " per month",
		Headers: []string{"Month", "Given", "Received", "Hours given", "Hours received"}}
	for _, m := range l.Months {
		mo, err := time.Parse("2006-01", m.Month)
		if err != nil {
			continue
		}
		t.Rows = append(t.Rows, []string{mo.Format("January 2006"), strconv.FormatInt(m.Given.Count, 10),
			strconv.FormatInt(m.Received.Count, 10), sizeOrZero(Hours, m.Given.Minutes), sizeOrZero(Hours, m.Received.Minutes)})
	}
	return t
}

// memberLedger shows a member's ledger and their part; for the member
// themself, with a link to edit their part.
func (h *Handlers) memberLedger(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "member")
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	ctx := r.Context()
	l, err := h.S.Ledger(ctx, a, Party{Kind: PartyMember, ID: id})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	part, err := h.S.PartOf(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	self := id == a.MemberID
	d := map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "View": viewLedger(l), "Part": part,
		"ShowPart": true, "Self": self, "ListLink": Base(a) + "?person=" + idText(id)}
	if !self && a.CanContribute() {
		d["CommitLink"] = Base(a) + "/new?to=" + idText(id)
	}
	title := "Ledger of " + l.Name
	if self {
		title = "My ledger"
	}
	p := h.page(a, title)
	p.Data = d
	h.t.Render(w, r, http.StatusOK, "ledger", p)
}

// orgLedger shows an organisation's ledger: the promises its members made
// for it, and those made to it.
func (h *Handlers) orgLedger(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "organisation")
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	l, err := h.S.Ledger(r.Context(), a, Party{Kind: PartyOrganisation, ID: id})
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	d := map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "View": viewLedger(l),
		"ListLink": Base(a) + "?organisation=" + idText(id)}
	if a.CanContribute() {
		d["CommitLink"] = Base(a) + "/new?org=" + idText(id)
	}
	p := h.page(a, "Ledger of "+l.Name)
	p.Data = d
	h.t.Render(w, r, http.StatusOK, "ledger", p)
}

// distributionFilters and distributionSorts are the stewards' choices, in
// plain words: the page describes, it does not label people.
var (
	distributionFilters = []choice{{FilterNever, "Not yet given"}, {FilterReceives, "Received more than given"},
		{FilterGives, "Given more than received"}}
	distributionSorts = []choice{{SortGiven, "Given"}, {SortReceived, "Received"}, {SortMade, "Promises made"}, {SortName, "Name"}}
)

// distRow is one member's line of the distribution.
type distRow struct {
	DistributionRow
	Link, Given, Received, Fulfilment string
}

// distribution shows stewards how giving and receiving are spread across
// the members.
func (h *Handlers) distribution(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok || !h.signedIn(w, r, a) {
		return
	}
	q := r.URL.Query()
	pg, err := h.S.Distribution(r.Context(), a, DistributionQuery{Sort: q.Get("sort"), Filter: q.Get("filter"), Page: web.PageParam(q)})
	p := h.page(a, "How contribution is spread")
	p.Form = q
	d := map[string]any{"Access": a, "Base": Base(a), "C": collectiveBase(a), "Filters": distributionFilters,
		"Sorts": distributionSorts, "CanCommit": a.CanContribute()}
	p.Data = d
	status := http.StatusOK
	if err != nil {
		if !errs.Is(err, errs.Invalid) {
			h.Web.Error(w, r, err)
			return
		}
		p.Fail(err)
		status = web.Status(err)
		d["Pager"] = web.Pager{Page: 1, PerPage: PerPage}
	} else {
		rows := make([]distRow, len(pg.Rows))
		for i, x := range pg.Rows {
			rows[i] = distRow{DistributionRow: x, Link: MemberLedgerLink(a, x.MemberID),
				Given: strconv.FormatInt(x.GivenCount, 10), Received: strconv.FormatInt(x.ReceivedCount, 10),
				Fulfilment: percent(x.Fulfilment)}
		}
		keep := url.Values{}
		for _, k := range []string{"sort", "filter"} {
			if v := q.Get(k); v != "" {
				keep.Set(k, v)
			}
		}
		d["Rows"], d["Total"] = rows, pg.Total
		d["Pager"] = web.Pager{Page: pg.Page, PerPage: PerPage, Total: pg.Total, Query: keep}
	}
	h.t.Render(w, r, status, "distribution", p)
}
