package app_test

import (
	"fmt"
)

func init() { apiMoreScenarios = append(apiMoreScenarios, maAPIScenarios) }

// maAPIScenarios: goals, indicators, measurements and the forecast as each
// kind of caller, on what maSeed wrote. Observers read, members report for
// their own organisation, stewards edit goals and indicators.
func maAPIScenarios(f *apiFixture) []apiScenario {
	ids := maSeed(f.scFixture)
	c := "/api/v1/collectives/" + scA
	goal := fmt.Sprintf("%s/goals/%d", c, ids.goal)
	ind := maPath(ids.indicator, "")
	ms := maPath(ids.indicator, "/measurements")
	fc := maPath(ids.indicator, "/forecast")
	bank, eastbank := f.org["Riverside Food Bank"], f.org["Eastbank Housing"]
	indicator := func(name, extra string) string {
		return fmt.Sprintf(`{"goal_id": %d, "name": %q, "direction": "lower"%s}`, ids.goal, name, extra)
	}
	return append([]apiScenario{
		{name: "MeasureGoals/List", who: "observer", method: "GET", path: c + "/goals", wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.title": "Every child fed", "items.1.title": "Old goal", "items.0.description": "No child in Riverside goes hungry."}},
		{name: "MeasureGoals/ErrAnonymous", who: "none", method: "GET", path: c + "/goals", wantStatus: 401},
		{name: "MeasureGoals/ErrOutsider", who: "outsider", method: "GET", path: c + "/goals", wantStatus: 404},
		{name: "MeasureGoals/ErrRemoved", who: "removed", method: "GET", path: c + "/goals", wantStatus: 404},
		{name: "MeasureGoalCreate/ErrMember", who: "member", method: "POST", path: c + "/goals", body: `{"title": "A member's goal"}`,
			wantStatus: 403, want: map[string]any{"code": "forbidden"}, check: maCounts(2, 2, 6)},
		{name: "MeasureGoalCreate/ErrReadToken", who: "steward-read", method: "POST", path: c + "/goals", body: `{"title": "Read only"}`,
			wantStatus: 403, check: maCounts(2, 2, 6)},
		{name: "MeasureGoalCreate/ErrNoTitle", who: "steward", method: "POST", path: c + "/goals", body: `{"title": "  "}`,
			wantStatus: 422, want: map[string]any{"field": "title"}, check: maCounts(2, 2, 6)},
		{name: "MeasureGoalCreate/ErrUnknownField", who: "steward", method: "POST", path: c + "/goals", body: `{"title": "x", "colour": "red"}`,
			wantStatus: 422, want: map[string]any{"field": "colour"}, check: maCounts(2, 2, 6)},
		{name: "MeasureGoalCreate/Steward", who: "steward", method: "POST", path: c + "/goals",
			body: `{"title": "Families housed", "description": "A home for every family.", "position": 2}`, wantStatus: 201,
			want: map[string]any{"title": "Families housed", "position": 2}, check: maCounts(3, 2, 6)},
		{name: "MeasureGoal/Get", who: "member", method: "GET", path: goal, wantStatus: 200, want: map[string]any{"id": ids.goal, "title": "Every child fed"}},
		{name: "MeasureGoal/ErrMissing", who: "member", method: "GET", path: c + "/goals/999999", wantStatus: 404},
		{name: "MeasureGoal/ErrNotANumber", who: "member", method: "GET", path: c + "/goals/first", wantStatus: 404},
		{name: "MeasureGoal/ErrOtherCollective", who: "bsteward", method: "GET", path: "/api/v1/collectives/" + scB + fmt.Sprintf("/goals/%d", ids.goal),
			wantStatus: 404},
		{name: "MeasureGoalPut/ErrObserver", who: "observer", method: "PUT", path: goal, body: `{"title": "Renamed"}`, wantStatus: 403,
			check: maCounts(3, 2, 6)},
		{name: "MeasureGoalPut/Steward", who: "steward", method: "PUT", path: goal, body: `{"title": "Every child well fed", "position": 1}`,
			wantStatus: 200, want: map[string]any{"title": "Every child well fed", "description": "", "position": 1}},
		{name: "MeasureGoalDelete/ErrHasIndicators", who: "steward", method: "DELETE", path: goal, wantStatus: 409,
			want: map[string]any{"code": "conflict"}, check: maCounts(3, 2, 6)},

		{name: "MeasureIndicators/List", who: "member-read", method: "GET", path: c + "/indicators", wantStatus: 200,
			want: map[string]any{"items.#": 2, "items.0.name": "Meals served", "items.1.name": "Old count", "items.0.dimensions.0.name": "area",
				"items.0.dimensions.0.values.1": "South", "items.0.contributors.0": bank, "items.0.baseline_value": 100,
				"items.0.target_date": "2027-01-01", "items.0.additive": true, "items.0.kind": "population", "items.0.frequency": "monthly"}},
		{name: "MeasureIndicators/ByGoal", who: "observer", method: "GET", path: c + "/indicators?goal=999999", wantStatus: 200,
			want: map[string]any{"items.#": 0}},
		{name: "MeasureIndicators/ErrGoal", who: "observer", method: "GET", path: c + "/indicators?goal=first", wantStatus: 422,
			want: map[string]any{"field": "goal"}},
		{name: "MeasureIndicator/Get", who: "observer", method: "GET", path: ind, wantStatus: 200,
			want: map[string]any{"name": "Meals served", "unit": "meals", "direction": "higher", "target_value": 500, "goal_id": ids.goal}},
		{name: "MeasureIndicator/ErrMissing", who: "observer", method: "GET", path: maPath(999999, ""), wantStatus: 404},
		{name: "MeasureIndicatorCreate/ErrMember", who: "member", method: "POST", path: c + "/indicators", body: indicator("Waiting days", ""),
			wantStatus: 403, check: maCounts(3, 2, 6)},
		{name: "MeasureIndicatorCreate/ErrBaselineWithoutDate", who: "steward", method: "POST", path: c + "/indicators",
			body: indicator("Waiting days", `, "baseline_value": 30`), wantStatus: 422, want: map[string]any{"field": "baseline_value"},
			check: maCounts(3, 2, 6)},
		{name: "MeasureIndicatorCreate/ErrTargetNotANumber", who: "steward", method: "POST", path: c + "/indicators",
			body: indicator("Waiting days", `, "target_value": "soon", "target_date": "2028-01-01"`), wantStatus: 422,
			want: map[string]any{"field": "target_value"}, check: maCounts(3, 2, 6)},
		{name: "MeasureIndicatorCreate/ErrDirection", who: "steward", method: "POST", path: c + "/indicators",
			body: fmt.Sprintf(`{"goal_id": %d, "name": "Waiting days", "direction": "up"}`, ids.goal), wantStatus: 422,
			want: map[string]any{"field": "direction"}, check: maCounts(3, 2, 6)},
		{name: "MeasureIndicatorCreate/ErrSameName", who: "steward", method: "POST", path: c + "/indicators", body: indicator("meals served", ""),
			wantStatus: 422, want: map[string]any{"field": "name"}, check: maCounts(3, 2, 6)},
		{name: "MeasureIndicatorCreate/ErrGoalElsewhere", who: "steward", method: "POST", path: c + "/indicators",
			body: `{"goal_id": 999999, "name": "Waiting days", "direction": "lower"}`, wantStatus: 422,
			want: map[string]any{"field": "goal_id"}, check: maCounts(3, 2, 6)},
		{name: "MeasureIndicatorCreate/Steward", who: "steward", method: "POST", path: c + "/indicators",
			body:       indicator("Waiting days", `, "unit": "days", "baseline_value": "30.0", "baseline_date": "2026-01-01", "target_value": 7.5, "target_date": "2028-01-01", "kind": "how_well"`),
			wantStatus: 201, want: map[string]any{"name": "Waiting days", "baseline_value": 30, "target_value": 7.5, "kind": "how_well",
				"dimensions.#": 0, "contributors.#": 0},
			check: maCounts(3, 3, 6)},
		{name: "MeasureIndicatorPut/ErrMissing", who: "steward", method: "PUT", path: maPath(999999, ""), body: indicator("Nothing", ""),
			wantStatus: 404, check: maCounts(3, 3, 6)},
		{name: "MeasureIndicatorPut/Steward", who: "steward", method: "PUT", path: ind,
			body: fmt.Sprintf(`{"goal_id": %d, "name": "Meals served", "unit": "hot meals", "direction": "higher", "baseline_value": 100,
				"baseline_date": "2026-01-01", "target_value": 500, "target_date": "2027-01-01", "additive": true,
				"dimensions": [{"name": "area", "values": ["North", "South", "East"]}], "contributors": [%d]}`, ids.goal, bank),
			wantStatus: 200, want: map[string]any{"unit": "hot meals", "dimensions.0.values.#": 3, "contributors.#": 1}},

		{name: "MeasureForecast/OffTrack", who: "observer", method: "GET", path: fc, wantStatus: 200,
			want: map[string]any{"status": "off_track", "indicator_id": ids.indicator, "target_value": 500, "target_date": "2027-01-01",
				"points": 4, "grain": "day", "origin": "2026-01-01", "level": 0.8, "latest.date": "2026-01-31", "latest.value": 130,
				"at_target.date": "2027-01-01", "band.#": 13, "band.0.date": "2026-01-31", "band.12.date": "2027-01-01"},
			check: maNear(map[string]float64{"progress": 7.5, "slope_per_day": 1, "intercept": 100, "at_target.fit": 465,
				"at_target.lo": 465, "at_target.hi": 465})},
		{name: "MeasureForecast/NotEnoughData", who: "member", method: "GET", path: maPath(ids.spareIndicator, "/forecast"), wantStatus: 200,
			want: map[string]any{"status": "not_enough_data", "points": 0, "latest": nil, "at_target": nil, "progress": nil, "band.#": 0}},
		{name: "MeasureForecast/ErrOutsider", who: "outsider", method: "GET", path: fc, wantStatus: 404},
		{name: "MeasureForecast/ErrMissing", who: "member", method: "GET", path: maPath(999999, "/forecast"), wantStatus: 404},

		{name: "MeasureSeries/Total", who: "member", method: "GET", path: ms, wantStatus: 200,
			want: map[string]any{"grain": "day", "series.#": 1, "series.0.summed": false, "series.0.points.#": 4,
				"series.0.points.3.value": 130, "series.0.points.3.count": 1}},
		{name: "MeasureSeries/Area", who: "member", method: "GET", path: ms + "?breakdown=area=North", wantStatus: 200,
			want: map[string]any{"series.#": 1, "series.0.breakdown.area": "North", "series.0.points.0.value": 70}},
		{name: "MeasureSeries/All", who: "observer", method: "GET", path: ms + "?all=true", wantStatus: 200,
			want: map[string]any{"series.#": 3, "series.0.breakdown.area": apiAbsent, "series.1.points.#": 1}},
		{name: "MeasureSeries/Range", who: "observer", method: "GET", path: ms + "?from=2026-01-05&to=2026-01-21", wantStatus: 200,
			want: map[string]any{"series.0.points.#": 2, "series.0.points.0.date": "2026-01-11"}},
		{name: "MeasureSeries/Month", who: "observer", method: "GET", path: ms + "?grain=month", wantStatus: 200,
			want: map[string]any{"grain": "month", "series.0.points.#": 1, "series.0.points.0.date": "2026-01-01",
				"series.0.points.0.last_date": "2026-01-31", "series.0.points.0.value": 130, "series.0.points.0.count": 4,
				"series.0.points.0.sum": 460, "series.0.points.0.min": 100, "series.0.points.0.max": 130}},
		{name: "MeasureSeries/ErrDimension", who: "observer", method: "GET", path: ms + "?breakdown=colour=red", wantStatus: 422,
			want: map[string]any{"field": "breakdown"}},
		{name: "MeasureSeries/ErrValue", who: "observer", method: "GET", path: ms + "?breakdown=area=West", wantStatus: 422,
			want: map[string]any{"field": "breakdown"}},
		{name: "MeasureSeries/ErrGrain", who: "observer", method: "GET", path: ms + "?grain=week", wantStatus: 422,
			want: map[string]any{"field": "grain"}},
		{name: "MeasureSeries/ErrFrom", who: "observer", method: "GET", path: ms + "?from=yesterday", wantStatus: 422,
			want: map[string]any{"field": "from"}},
		{name: "MeasureSeries/ErrAll", who: "observer", method: "GET", path: ms + "?all=yes", wantStatus: 422,
			want: map[string]any{"field": "all"}},
		{name: "MeasureSeries/ErrOutsider", who: "outsider", method: "GET", path: ms, wantStatus: 404},

		{name: "MeasureReport/ErrObserver", who: "observer", method: "POST", path: ms, body: `{"date": "2026-02-01", "value": 1}`,
			wantStatus: 403, check: maCounts(3, 3, 6)},
		{name: "MeasureReport/ErrReadToken", who: "member-read", method: "POST", path: ms, body: `{"date": "2026-02-01", "value": 1}`,
			wantStatus: 403, check: maCounts(3, 3, 6)},
		{name: "MeasureReport/ErrNotTheirOrganisation", who: "member", method: "POST", path: ms,
			body: fmt.Sprintf(`{"organisation": %d, "date": "2026-02-01", "value": 1}`, eastbank), wantStatus: 403, check: maCounts(3, 3, 6)},
		{name: "MeasureReport/ErrBoth", who: "member", method: "POST", path: ms,
			body: fmt.Sprintf(`{"organisation": %d, "date": "2026-02-01", "value": 1, "items": [{"date": "2026-02-02", "value": 2}]}`, bank), wantStatus: 422,
			want: map[string]any{"field": "items"}, check: maCounts(3, 3, 6)},
		{name: "MeasureReport/ErrNone", who: "member", method: "POST", path: ms, body: fmt.Sprintf(`{"organisation": %d}`, bank), wantStatus: 422,
			want: map[string]any{"field": "measurements"}, check: maCounts(3, 3, 6)},
		// Item 6 repeats a stored date; the service looks for stored
		// duplicates only once the rest of the batch is good, so it is not
		// among these (MeasureReport/ErrAlreadyStored shows it alone).
		{name: "MeasureReport/ErrBatch", who: "member", method: "POST", path: ms, body: fmt.Sprintf(`{"organisation": %d, "items": [
				{"date": "2026-02-01", "value": 140},
				{"date": "2099-01-01", "value": 1},
				{"date": "2026-02-02", "value": "lots"},
				{"date": "2026-02-03", "value": 3, "breakdown": {"area": "West"}},
				{"date": "2026-02-01", "value": 141},
				{"date": "2026-01-31", "value": 131},
				{"date": "2026-02-04", "value": true}]}`, bank),
			wantStatus: 422, want: map[string]any{"code": "invalid", "field": "measurements", "bad.#": 5, "bad.0.item": 2,
				"bad.1.item": 3, "bad.2.item": 4, "bad.3.item": 5, "bad.4.item": 7,
				"bad.3.reason": "the same date and breakdown as item 1."},
			check: maCounts(3, 3, 6)},
		{name: "MeasureReport/MemberOne", who: "member", method: "POST", path: ms,
			body: fmt.Sprintf(`{"organisation": %d, "date": "2026-02-01", "value": "12.50", "breakdown": {"area": "East"}}`, bank), wantStatus: 201,
			want: map[string]any{"items.#": 1, "items.0.value_text": "12.50", "items.0.value": 12.5, "items.0.breakdown.area": "East",
				"items.0.organisation_id": bank, "items.0.reported_by": f.user["member"].ID},
			check: maCounts(3, 3, 7)},
		{name: "MeasureReport/StewardMany", who: "steward", method: "POST", path: ms,
			body: `{"items": [{"date": "2026-02-10", "value": 140}, {"date": "2026-02-20", "value": 150.0}]}`, wantStatus: 201,
			want:  map[string]any{"items.#": 2, "items.0.organisation_id": nil, "items.1.value_text": "150.0", "items.0.breakdown.area": apiAbsent},
			check: maCounts(3, 3, 9)},
		{name: "MeasureReport/ErrAlreadyStored", who: "steward", method: "POST", path: ms, body: `{"date": "2026-02-10", "value": 141}`,
			wantStatus: 422, want: map[string]any{"bad.#": 1, "bad.0.item": 1}, check: maCounts(3, 3, 9)},
		// Six points: East's lone value on 2026-02-01 is not a total (North
		// and South have none that day), so it does not become a point.
		{name: "MeasureForecast/AfterReports", who: "member", method: "GET", path: fc, wantStatus: 200,
			want: map[string]any{"points": 6, "latest.date": "2026-02-20", "latest.value": 150}},

		{name: "MeasureIndicatorDelete/ErrMember", who: "member", method: "DELETE", path: ind, wantStatus: 403, check: maCounts(3, 3, 9)},
		{name: "MeasureIndicatorDelete/Steward", who: "steward", method: "DELETE", path: maPath(ids.spareIndicator, ""), wantStatus: 204,
			check: maCounts(3, 2, 9)},
		{name: "MeasureIndicator/ErrDeleted", who: "steward", method: "GET", path: maPath(ids.spareIndicator, ""), wantStatus: 404},
		{name: "MeasureGoalDelete/Steward", who: "steward", method: "DELETE", path: fmt.Sprintf("%s/goals/%d", c, ids.spareGoal),
			wantStatus: 204, check: maCounts(2, 2, 9)},
	}, maCurveScenarios(f, ids)...)
}
