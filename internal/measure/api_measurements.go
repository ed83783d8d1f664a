package measure

import (
	"net/http"
	"slices"
	"strings"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiMeasurement is one measurement in a POST: a date, a value (a number,
// or a string holding one, kept as written) and, for a breakdown rather
// than the total, a value for every dimension.
type apiMeasurement struct {
	Date      string    `json:"date"`
	Value     apiNumber `json:"value"`
	Breakdown Breakdown `json:"breakdown"`
}

// apiReportBody is one measurement (date, value, breakdown) or many
// (items), for the organisation named (see ReportFor: a member with one
// organisation may leave it out).
type apiReportBody struct {
	Organisation int64            `json:"organisation"`
	Date         *string          `json:"date"`
	Value        *apiNumber       `json:"value"`
	Breakdown    Breakdown        `json:"breakdown"`
	Items        []apiMeasurement `json:"items"`
}

// items is the batch the body holds, whichever form it took.
func (b *apiReportBody) items() ([]MeasurementInput, error) {
	one := b.Date != nil || b.Value != nil || b.Breakdown != nil
	switch {
	case one && b.Items != nil:
		return nil, errs.Field("items", "Send either one measurement (date, value, breakdown) or items, not both.")
	case one:
		var v apiNumber
		if b.Value != nil {
			v = *b.Value
		}
		var d string
		if b.Date != nil {
			d = *b.Date
		}
		return []MeasurementInput{{Date: d, Value: string(v), Breakdown: b.Breakdown}}, nil
	}
	out := make([]MeasurementInput, len(b.Items))
	for i, m := range b.Items {
		out[i] = MeasurementInput{Date: m.Date, Value: string(m.Value), Breakdown: m.Breakdown}
	}
	return out, nil
}

func apiMeasurementJSON(m *Measurement) {
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	if m.Breakdown == nil {
		m.Breakdown = Breakdown{}
	}
}

// reportMeasurements stores a batch all or none; a refused batch is a 422
// listing every bad item.
func (x *jsonAPI) reportMeasurements(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "indicator")
	if !ok {
		return
	}
	var b apiReportBody
	if err := web.DecodeJSON(r, &b); x.fail(w, r, err) {
		return
	}
	in, err := b.items()
	if x.fail(w, r, err) {
		return
	}
	ms, err := x.S.Report(r.Context(), a, id, b.Organisation, in)
	if x.fail(w, r, err) {
		return
	}
	for i := range ms {
		apiMeasurementJSON(&ms[i])
	}
	web.JSON(w, http.StatusCreated, apiList[Measurement]{ms})
}

// listMeasurements answers an indicator's series: from and to bound the
// dates, each breakdown=NAME=VALUE narrows to the breakdowns with that
// value (none: the total), all=true gives the total and every breakdown,
// and grain picks day, month or year (by default, whichever keeps the
// answer small).
func (x *jsonAPI) listMeasurements(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "indicator")
	if !ok {
		return
	}
	q := r.URL.Query()
	sq := SeriesQuery{From: q.Get("from"), To: q.Get("to"), Grain: q.Get("grain")}
	switch q.Get("all") {
	case "", "false":
	case "true":
		sq.All = true
	default:
		x.fail(w, r, errs.Field("all", "all must be true or false."))
		return
	}
	if filters := q["breakdown"]; len(filters) > 0 {
		ind, err := x.S.Indicator(r.Context(), a, id)
		if x.fail(w, r, err) {
			return
		}
		if sq.Breakdown, err = apiBreakdownFilter(ind, filters); x.fail(w, r, err) {
			return
		}
	}
	res, err := x.S.Series(r.Context(), a, id, sq)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, res)
}

// apiBreakdownFilter reads breakdown=NAME=VALUE parameters. A dimension's
// name may itself hold "=", so each is matched against the names the
// indicator declares rather than split blindly.
func apiBreakdownFilter(ind *Indicator, filters []string) (Breakdown, error) {
	out := Breakdown{}
	for _, f := range filters {
		var dim *Dimension
		for i := range ind.Dimensions {
			d := &ind.Dimensions[i]
			if strings.HasPrefix(f, d.Name+"=") && (dim == nil || len(d.Name) > len(dim.Name)) {
				dim = d
			}
		}
		if dim == nil {
			return nil, errs.Field("breakdown", "%q names no dimension of %s; write breakdown=DIMENSION=VALUE.", f, ind.Name)
		}
		v := f[len(dim.Name)+1:]
		if _, dup := out[dim.Name]; dup {
			return nil, errs.Field("breakdown", "Give %q once.", dim.Name)
		}
		if !slices.Contains(dim.Values, v) {
			return nil, errs.Field("breakdown", "%q is not a declared value of %q.", v, dim.Name)
		}
		out[dim.Name] = v
	}
	return out, nil
}

// apiForecastOut is the forecast with what it was judged against.
type apiForecastOut struct {
	IndicatorID int64    `json:"indicator_id"`
	Direction   string   `json:"direction"`
	TargetValue *float64 `json:"target_value"`
	TargetDate  *string  `json:"target_date"`
	*Forecast
}

func (x *jsonAPI) forecast(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "indicator")
	if !ok {
		return
	}
	// Overview reads the indicator and fits its total in one pass, where
	// Indicator then Forecast would read the indicator twice.
	o, err := x.S.Overview(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiForecastOut{IndicatorID: o.Indicator.ID, Direction: o.Indicator.Direction,
		TargetValue: o.Indicator.TargetValue, TargetDate: o.Indicator.TargetDate, Forecast: o.Forecast})
}
