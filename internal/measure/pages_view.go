package measure

import (
	"context"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"commonground/internal/chart"
	"commonground/internal/collective"
)

// scorecardRow is one indicator on the scorecard.
type scorecardRow struct {
	Ind       *Indicator
	Link      string
	Spark     template.HTML
	Latest    string
	LatestOn  string
	Progress  string
	Status    string
	StatusKey string
	Kind      string
}

type scorecardGoal struct {
	Goal *Goal
	Rows []scorecardRow
}

// scorecard lists the goals with their indicators, each with a sparkline,
// its latest value, progress and status in words.
func (h *Handlers) scorecard(w http.ResponseWriter, r *http.Request) {
	a, ok := h.access(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	goals, err := h.S.Goals(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	inds, err := h.S.Indicators(ctx, a)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	view := make([]scorecardGoal, len(goals))
	at := map[int64]int{}
	for i := range goals {
		view[i].Goal = &goals[i]
		at[goals[i].ID] = i
	}
	for i := range inds {
		ind := &inds[i]
		o, err := h.S.Overview(ctx, a, ind.ID)
		if err != nil {
			h.Web.Error(w, r, err)
			return
		}
		row := scorecardRow{Ind: ind, Link: indicatorLink(a, ind.ID), Status: statusWords(o.Forecast.Status),
			StatusKey: o.Forecast.Status, Kind: kindWords[ind.Kind], Progress: "—", Latest: "—"}
		row.Spark = chart.Sparkline{Title: ind.Name, Unit: ind.Unit, Better: better(ind), Points: chartPoints(o.Total.Points)}.HTML()
		if l := o.Forecast.Latest; l != nil {
			row.Latest, row.LatestOn = withUnit(number(l.Value), ind.Unit), l.LastDate
		}
		if p := o.Forecast.Progress; p != nil {
			row.Progress = fmt.Sprintf("%.0f%%", *p)
		}
		if g, ok := at[ind.GoalID]; ok {
			view[g].Rows = append(view[g].Rows, row)
		}
	}
	p := h.page(a, "Scorecard")
	p.Data = map[string]any{"Access": a, "Goals": view, "Base": base(a),
		"MayEdit": a.RequireSteward() == nil, "MayReport": a.CanContribute()}
	h.t.Render(w, r, http.StatusOK, "scorecard", p)
}

func better(ind *Indicator) chart.Direction {
	if ind.Direction == Lower {
		return chart.LowerIsBetter
	}
	return chart.HigherIsBetter
}

// day reads a stored date; they are checked on the way in.
func day(s string) time.Time {
	t, _ := time.Parse(dateLayout, s)
	return t
}

// chartPoints draws each point at the date of the value it holds: at
// month grain that is the month's latest date, where the forecast is
// fitted too.
func chartPoints(ps []Point) []chart.Point {
	out := make([]chart.Point, len(ps))
	for i, p := range ps {
		d := p.LastDate
		if d == "" {
			d = p.Date
		}
		out[i] = chart.Point{T: day(d), V: p.Value}
	}
	return out
}

// number writes a value without trailing zeros.
func number(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// rounded writes a computed value (a forecast) to a sensible precision.
func rounded(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// perMonth words a slope per day as a change per average month (30.44
// days), to three significant figures so a slow trend does not read as 0;
// a trend in a percentage moves by percentage points.
func perMonth(perDay float64, unit string) string {
	v := strconv.FormatFloat(perDay*30.44, 'g', 3, 64)
	if strings.ContainsAny(v, "e") { // very small or large: plain decimals read better
		v = strconv.FormatFloat(perDay*30.44, 'f', -1, 64)
	}
	if unit == "%" {
		return v + " percentage points"
	}
	return withUnit(v, unit)
}

func withUnit(v, unit string) string {
	switch {
	case unit == "":
		return v
	case unit == "%":
		return v + "%"
	}
	return v + " " + unit
}

// maxCompared is how many breakdown series one comparison chart draws; more
// lines than this cannot be told apart.
const maxCompared = 8

// indicatorView is what the indicator page shows.
type indicatorView struct {
	Access        *collective.Access
	Ind           *Indicator
	Base, Link    string
	Kind          string
	Status        string
	StatusKey     string
	Forecast      *Forecast
	Words         []string
	Chart         template.HTML
	Table         chart.Table
	Baseline      string
	Target        string
	Compare       string
	Options       []compareOption
	CompareChart  template.HTML
	CompareTable  chart.Table
	CompareNote   string
	History       []historyItem
	Older         historyCursor // the next page's start; zero on the last
	Paged         bool          // this is not the newest page
	Contributions []Contribution
	Contributors  []string
	MayEdit       bool
	MayReport     bool
	Curve         *curveView // the "turn the curve" notes
	MayEditCurve  bool
}

type compareOption struct{ Value, Label string }

// indicator is the indicator page: the curve with its data table, the
// forecast in words, a breakdown comparison, the history of measurements,
// the export link and what contributes.
func (h *Handlers) indicator(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.accessAnd(w, r, "indicator")
	if !ok {
		return
	}
	ctx := r.Context()
	o, err := h.S.Overview(ctx, a, id)
	if err != nil {
		h.Web.Error(w, r, err)
		return
	}
	ind := o.Indicator
	v := &indicatorView{Access: a, Ind: ind, Base: base(a), Link: indicatorLink(a, id), Kind: kindWords[ind.Kind],
		Status: statusWords(o.Forecast.Status), StatusKey: o.Forecast.Status, Forecast: o.Forecast,
		MayEdit: a.RequireSteward() == nil, MayReport: a.CanContribute()}
	if ind.BaselineDate != nil {
		v.Baseline = withUnit(ind.BaselineText, ind.Unit) + " on " + *ind.BaselineDate
	}
	if ind.TargetDate != nil {
		v.Target = withUnit(ind.TargetText, ind.Unit) + " by " + *ind.TargetDate
	}
	line := curve(ind, o)
	v.Chart, v.Table = line.HTML(), line.Table()
	v.Words = forecastWords(ind, o.Forecast)
	if err := h.compare(ctx, a, ind, r.URL.Query().Get("compare"), v); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	from := readCursor(r)
	v.Paged = from.ID != 0
	if v.History, v.Older, err = h.history(ctx, a, ind, from); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if v.Contributions, err = h.S.Contributions(ctx, a, id); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if v.Contributors, err = h.orgNames(ctx, a, ind.Contributors); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	if v.Curve, v.MayEditCurve, err = h.curveSection(ctx, a, ind); err != nil {
		h.Web.Error(w, r, err)
		return
	}
	p := h.page(a, ind.Name)
	p.Data = v
	h.t.Render(w, r, http.StatusOK, "indicator", p)
}

// curve is the indicator's chart: the actual total, the baseline as a
// reference, the target point and the forecast with its band.
func curve(ind *Indicator, o *Overview) chart.Line {
	l := chart.Line{Title: ind.Name, Unit: ind.Unit, Better: better(ind), ID: "curve",
		Series: []chart.Series{{Name: "Actual", Points: chartPoints(o.Total.Points)}}}
	if ind.BaselineValue != nil {
		l.References = append(l.References, chart.Reference{Label: "Baseline", Value: *ind.BaselineValue})
	}
	if ind.TargetValue != nil && ind.TargetDate != nil {
		l.Target = &chart.Target{T: day(*ind.TargetDate), Value: *ind.TargetValue}
	}
	if band := o.Forecast.Band; len(band) > 0 {
		f := &chart.Forecast{}
		for _, b := range band {
			f.Points = append(f.Points, chart.BandPoint{T: day(b.Date), V: b.Fit, Lo: b.Lo, Hi: b.Hi})
		}
		l.Forecast = f
	}
	return l
}

// forecastWords says the forecast and the rule behind the status.
func forecastWords(ind *Indicator, f *Forecast) []string {
	u := func(v float64) string { return withUnit(rounded(v), ind.Unit) }
	var out []string
	if f.Latest != nil {
		out = append(out, fmt.Sprintf("The latest value is %s, on %s.", withUnit(number(f.Latest.Value), ind.Unit), f.Latest.LastDate))
	}
	if f.Progress != nil {
		out = append(out, fmt.Sprintf("That is %.0f%% of the way from the baseline to the target.", *f.Progress))
	}
	switch f.Status {
	case NotEnoughData:
		return append(out, "A forecast needs at least 3 values on different dates; there are not enough yet.")
	case NoTarget:
		return append(out, fmt.Sprintf("The trend over %d points changes by %s per month. Without a target there is nothing to judge it by.",
			f.Points, perMonth(f.SlopePerDay, ind.Unit)))
	}
	out = append(out, fmt.Sprintf("A straight line fitted to %d points (least squares) changes by %s per month.", f.Points, perMonth(f.SlopePerDay, ind.Unit)))
	if f.AtTarget == nil && ind.TargetDate != nil && f.Latest != nil {
		verb := "misses"
		if f.Status == OnTrack {
			verb = "meets"
		}
		return append(out, fmt.Sprintf("The target date, %s, has come: the latest value %s the target of %s, so the status is that value's, not a forecast's.",
			*ind.TargetDate, verb, withUnit(ind.TargetText, ind.Unit)))
	}
	if t := f.AtTarget; t != nil {
		out = append(out, fmt.Sprintf("At the target date, %s, it forecasts %s, with an 80%% prediction interval from %s to %s; the target is %s.",
			t.Date, u(t.Fit), u(t.Lo), u(t.Hi), withUnit(ind.TargetText, ind.Unit)))
	}
	dir := "at least"
	if ind.Direction == Lower {
		dir = "at most"
	}
	rule := map[string]string{
		OnTrack:  "On track: the forecast is " + dir + " the target.",
		AtRisk:   "At risk: the forecast misses the target, but the 80% interval reaches it.",
		OffTrack: "Off track: not even the 80% interval reaches the target.",
	}[f.Status]
	return append(out, rule)
}

// compare fills the breakdown comparison: choice is "dimension=value"
// (the cells with that value), "all" (every breakdown) or "" (none).
func (h *Handlers) compare(ctx context.Context, a *collective.Access, ind *Indicator, choice string, v *indicatorView) error {
	if len(ind.Dimensions) == 0 {
		return nil
	}
	v.Options = []compareOption{{"", "No comparison"}, {"all", "Every breakdown"}}
	for _, d := range ind.Dimensions {
		for _, val := range d.Values {
			v.Options = append(v.Options, compareOption{d.Name + "=" + val, d.Name + ": " + val})
		}
	}
	v.Compare = choice
	q := SeriesQuery{}
	switch dim, val, ok := strings.Cut(choice, "="); {
	case choice == "":
		return nil
	case choice == "all":
		q.All = true
	case ok && slices.ContainsFunc(ind.Dimensions, func(d Dimension) bool { return d.Name == dim && slices.Contains(d.Values, val) }):
		q.Breakdown = Breakdown{dim: val}
	default:
		v.Compare, v.CompareNote = "", "That breakdown is not one of this indicator's; choose one from the list."
		return nil
	}
	sr, err := h.S.Series(ctx, a, ind.ID, q)
	if err != nil {
		return err
	}
	l := chart.Line{Title: ind.Name + " by breakdown", Unit: ind.Unit, Better: better(ind), ID: "compare"}
	for _, s := range sr.Series {
		if len(s.Points) == 0 {
			continue
		}
		if len(l.Series) == maxCompared {
			v.CompareNote = fmt.Sprintf("Only the first %d breakdowns with values are drawn; choose one value to see fewer.", maxCompared)
			break
		}
		l.Series = append(l.Series, chart.Series{Name: breakdownName(s.Breakdown), Points: chartPoints(s.Points)})
	}
	if len(l.Series) == 0 {
		v.CompareNote = "No values have been reported for that breakdown yet."
		return nil
	}
	v.CompareChart, v.CompareTable = l.HTML(), l.Table()
	return nil
}

// breakdownName names a series: "Total", or its values in dimension order.
func breakdownName(b Breakdown) string {
	if b.Total() {
		return "Total"
	}
	keys := make([]string, 0, len(b))
	for k := range b {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + b[k]
	}
	return strings.Join(parts, ", ")
}

// orgNames names organisations by id, in the order given.
func (h *Handlers) orgNames(ctx context.Context, a *collective.Access, ids []int64) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	orgs, err := h.Collectives.Organisations(ctx, a)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		for _, o := range orgs {
			if o.ID == id {
				out = append(out, o.Name)
			}
		}
	}
	return out, nil
}
