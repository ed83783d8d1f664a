package measure

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"commonground/internal/errs"
	"commonground/internal/web"
)

// apiNumber is a number as the client wrote it: a JSON number, or a string
// holding one, kept as text so the service sees exactly what was typed
// (12.50 stays 12.50) and judges it with the message the pages give. Any
// other JSON value is kept as its JSON text, which the service then refuses
// as "not a number" for that item, not for the whole body.
type apiNumber string

// UnmarshalJSON keeps the text of a number or string; null is empty.
func (n *apiNumber) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*n = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*n = apiNumber(s)
	default:
		*n = apiNumber(b)
	}
	return nil
}

// apiIndicatorBody is what a steward sends to make or change an indicator.
// Baseline and target are each a value with a date, or neither; the names
// are those the indicator is read back with.
type apiIndicatorBody struct {
	GoalID        int64       `json:"goal_id"`
	Name          string      `json:"name"`
	Unit          string      `json:"unit"`
	Direction     string      `json:"direction"`
	Kind          string      `json:"kind"`
	BaselineValue apiNumber   `json:"baseline_value"`
	BaselineDate  *string     `json:"baseline_date"`
	TargetValue   apiNumber   `json:"target_value"`
	TargetDate    *string     `json:"target_date"`
	Frequency     string      `json:"frequency"`
	Definition    string      `json:"definition"`
	DataSource    string      `json:"data_source"`
	Additive      bool        `json:"additive"`
	Position      int         `json:"position"`
	Dimensions    []Dimension `json:"dimensions"`
	Contributors  []int64     `json:"contributors"`
}

func (b *apiIndicatorBody) input() IndicatorInput {
	deref := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	return IndicatorInput{GoalID: b.GoalID, Name: b.Name, Unit: b.Unit, Direction: b.Direction, Kind: b.Kind,
		Baseline: string(b.BaselineValue), BaselineDate: deref(b.BaselineDate), Target: string(b.TargetValue),
		TargetDate: deref(b.TargetDate), Frequency: b.Frequency, Definition: b.Definition, DataSource: b.DataSource,
		Additive: b.Additive, Position: b.Position, Dimensions: b.Dimensions, Contributors: b.Contributors}
}

// apiIndicatorFields renames the service's field names to the JSON body's,
// so a 422 names the property the client sent.
var apiIndicatorFields = map[string]string{"baseline": "baseline_value", "target": "target_value", "goal": "goal_id"}

// indicatorFail is fail with the field renamed.
func (x *jsonAPI) indicatorFail(w http.ResponseWriter, r *http.Request, err error) bool {
	if f, ok := apiIndicatorFields[errs.FieldOf(err)]; ok {
		err = errs.Field(f, "%s", errs.Message(err))
	}
	return x.fail(w, r, err)
}

func apiIndicatorJSON(ind *Indicator) *Indicator {
	ind.CreatedAt, ind.UpdatedAt = ind.CreatedAt.UTC(), ind.UpdatedAt.UTC()
	return ind
}

func (x *jsonAPI) listIndicators(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	list, err := x.S.Indicators(r.Context(), a)
	if x.fail(w, r, err) {
		return
	}
	// ?goal= narrows the list to one goal's indicators.
	if g := r.URL.Query().Get("goal"); g != "" {
		id, err := strconv.ParseInt(g, 10, 64)
		if err != nil || id <= 0 {
			x.fail(w, r, errs.Field("goal", "goal must be a goal's id, a whole number."))
			return
		}
		kept := list[:0]
		for _, ind := range list {
			if ind.GoalID == id {
				kept = append(kept, ind)
			}
		}
		list = kept
	}
	for i := range list {
		apiIndicatorJSON(&list[i])
	}
	web.JSON(w, http.StatusOK, apiList[Indicator]{list})
}

func (x *jsonAPI) getIndicator(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "indicator")
	if !ok {
		return
	}
	ind, err := x.S.Indicator(r.Context(), a, id)
	if x.fail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiIndicatorJSON(ind))
}

func (x *jsonAPI) createIndicator(w http.ResponseWriter, r *http.Request) {
	a, ok := x.access(w, r)
	if !ok {
		return
	}
	var b apiIndicatorBody
	if err := web.DecodeJSON(r, &b); x.fail(w, r, err) {
		return
	}
	ind, err := x.S.CreateIndicator(r.Context(), a, b.input())
	if x.indicatorFail(w, r, err) {
		return
	}
	w.Header().Set("Location", r.URL.Path+"/"+strconv.FormatInt(ind.ID, 10))
	web.JSON(w, http.StatusCreated, apiIndicatorJSON(ind))
}

func (x *jsonAPI) putIndicator(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "indicator")
	if !ok {
		return
	}
	var b apiIndicatorBody
	if err := web.DecodeJSON(r, &b); x.fail(w, r, err) {
		return
	}
	ind, err := x.S.UpdateIndicator(r.Context(), a, id, b.input())
	if x.indicatorFail(w, r, err) {
		return
	}
	web.JSON(w, http.StatusOK, apiIndicatorJSON(ind))
}

func (x *jsonAPI) deleteIndicator(w http.ResponseWriter, r *http.Request) {
	a, id, ok := x.accessAndID(w, r, "indicator")
	if !ok {
		return
	}
	if x.fail(w, r, x.S.DeleteIndicator(r.Context(), a, id)) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
