package app_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"strings"
	"testing"

	"commonground/internal/measure"
)

func init() { scMoreScenarios = append(scMoreScenarios, mpScenarios) }

// mpIDs are what mpSeed made in collective A.
type mpIDs struct {
	goal, spareGoal, ind, spareInd, m, daily int64
}

// mpSeed writes, through the service, what the measure page scenarios start
// from: a goal with an indicator broken down by area that only the Riverside
// Food Bank contributes to, three totals and two breakdown values reported
// by Mo Member for it; and a spare goal and indicator to delete.
func mpSeed(f *scFixture) mpIDs {
	ctx := f.as("steward")
	sa, err := f.app.Collectives.Access(ctx, scA)
	if err != nil {
		panic(err)
	}
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	s := f.app.Measure
	var ids mpIDs
	g, err := s.CreateGoal(ctx, sa, measure.GoalInput{Title: "Children eat well"})
	must(err)
	spare, err := s.CreateGoal(ctx, sa, measure.GoalInput{Title: "A spare goal"})
	must(err)
	ind, err := s.CreateIndicator(ctx, sa, measure.IndicatorInput{GoalID: g.ID, Name: "Breakfasts served", Unit: "meals",
		Direction: measure.Higher, Kind: measure.HowMuch, Baseline: "100", BaselineDate: "2024-01-01", Target: "400",
		TargetDate: "2030-12-31", Additive: true, Definition: "Breakfasts at the clubs.",
		Dimensions: []measure.Dimension{{Name: "Area", Values: []string{"North", "South"}}}, Contributors: []int64{f.org["Riverside Food Bank"]}})
	must(err)
	spareInd, err := s.CreateIndicator(ctx, sa, measure.IndicatorInput{GoalID: g.ID, Name: "A spare indicator", Direction: measure.Lower})
	must(err)
	mctx := f.as("member")
	ma, err := f.app.Collectives.Access(mctx, scA)
	must(err)
	ms, err := s.Report(mctx, ma, ind.ID, 0, []measure.MeasurementInput{
		{Date: "2024-02-01", Value: "120"}, {Date: "2024-03-01", Value: "150"}, {Date: "2024-04-01", Value: "170.5"},
		{Date: "2024-04-01", Value: "90", Breakdown: measure.Breakdown{"Area": "North"}},
		{Date: "2024-04-01", Value: "80.5", Breakdown: measure.Breakdown{"Area": "South"}},
	})
	must(err)
	// Sixty values over two areas, for the history's pages.
	daily, err := s.CreateIndicator(ctx, sa, measure.IndicatorInput{GoalID: g.ID, Name: "Daily visits", Direction: measure.Higher,
		Dimensions: []measure.Dimension{{Name: "Area", Values: []string{"North", "South"}}}})
	must(err)
	var visits []measure.MeasurementInput
	for d := 1; d <= 30; d++ {
		for _, area := range []string{"North", "South"} {
			visits = append(visits, measure.MeasurementInput{Date: fmt.Sprintf("2024-01-%02d", d), Value: fmt.Sprint(d), Breakdown: measure.Breakdown{"Area": area}})
		}
	}
	_, err = s.Report(ctx, sa, daily.ID, 0, visits)
	must(err)
	ids = mpIDs{goal: g.ID, spareGoal: spare.ID, ind: ind.ID, spareInd: spareInd.ID, m: ms[0].ID, daily: daily.ID}
	return ids
}

// mpUpload is a multipart body with a CSV file and other fields.
func mpUpload(csv string, fields map[string]string) (*bytes.Buffer, map[string]string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", "values.csv")
	_, _ = fw.Write([]byte(csv))
	_ = w.Close()
	return &b, map[string]string{"Content-Type": w.FormDataContentType()}
}

// mpValues fails unless the indicator has n measurements in A's history.
func mpValues(id int64, n int) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, _ *scBrowser) {
		t.Helper()
		var got int
		if err := f.app.DB.Get(f.as("steward"), &got, "SELECT count(*) FROM measure_measurements WHERE indicator_id = ?", id); err != nil {
			t.Fatal(err)
		}
		if got != n {
			t.Fatalf("indicator %d has %d measurements, want %d", id, got, n)
		}
	}
}

// mpPost posts a form as the scenario's browser and expects a redirect to
// a path starting with prefix: for creations, whose new id is not known
// beforehand.
func mpPost(path string, form scForm, prefix string, then ...string) func(*testing.T, *scFixture, *scBrowser) {
	return func(t *testing.T, f *scFixture, b *scBrowser) {
		t.Helper()
		res, body := b.do(t, "POST", path, form, nil, nil)
		if loc := res.Header.Get("Location"); res.StatusCode != 303 || !strings.HasPrefix(loc, prefix) {
			t.Fatalf("POST %s: %d to %q, want 303 to %s…\n%s", path, res.StatusCode, loc, prefix, body)
		}
		res, body = b.do(t, "GET", res.Header.Get("Location"), nil, nil, nil)
		if res.StatusCode != 200 {
			t.Fatalf("after POST %s: %d", path, res.StatusCode)
		}
		scCheckBody(t, "the page after", body, then, nil)
	}
}

// mpHistoryPages follows the history's "Older values" link from the
// indicator page: the first page has the 50 newest values (30 January down
// to 6 January in both areas), the second the 10 before them.
func mpHistoryPages(t *testing.T, f *scFixture, b *scBrowser) {
	t.Helper()
	row := func(day int) string {
		return fmt.Sprintf(`<time datetime="2024-01-%02d">2024-01-%02d</time></a>`, day, day)
	}
	_, body := b.do(t, "GET", mpDailyPath, nil, nil, nil)
	if strings.Count(body, "<time datetime=\"2024-01-") != 50 || !strings.Contains(body, row(6)) || strings.Contains(body, row(5)) {
		t.Fatalf("the first page of history should run from 30 to 6 January")
	}
	_, rest, ok := strings.Cut(body, "?before=")
	if !ok {
		t.Fatal("no link to older values")
	}
	link := mpDailyPath + "?before=" + strings.ReplaceAll(rest[:strings.Index(rest, "#")], "&amp;", "&")
	res, body := b.do(t, "GET", link, nil, nil, nil)
	if res.StatusCode != 200 || strings.Count(body, "<time datetime=\"2024-01-") != 10 || !strings.Contains(body, row(5)) ||
		!strings.Contains(body, row(1)) || strings.Contains(body, row(6)) || strings.Contains(body, "Older values") ||
		!strings.Contains(body, "Newest values") {
		t.Fatalf("GET %s: %d; the second page should hold 5 to 1 January and no older link", link, res.StatusCode)
	}
}

// mpDailyPath is the page of the indicator with sixty values.
var mpDailyPath string

// mpScenarios: the scorecard, indicator, reporting, import and editing pages
// as stewards, members, observers, outsiders and visitors.
func mpScenarios(f *scFixture) []scScenario {
	ids := mpSeed(f)
	c := "/c/" + scA
	bank := fmt.Sprint(f.org["Riverside Food Bank"])
	ind := fmt.Sprintf("%s/indicators/%d", c, ids.ind)
	spareInd := fmt.Sprintf("%s/indicators/%d", c, ids.spareInd)
	goal := fmt.Sprintf("%s/goals/%d", c, ids.goal)
	spareGoal := fmt.Sprintf("%s/goals/%d", c, ids.spareGoal)
	m := fmt.Sprintf("%s/measurements/%d", c, ids.m)
	mpDailyPath = fmt.Sprintf("%s/indicators/%d", c, ids.daily)
	const stewardsOnly = "Only stewards of Riverside Coalition can do this."
	const observersRead = "Observers can read but not change anything."
	indForm := func(name string) scForm {
		return scForm{"goal": {fmt.Sprint(ids.goal)}, "name": {name}, "unit": {"meals"}, "direction": {"higher"}, "kind": {"how_much"},
			"baseline": {"100"}, "baseline_date": {"2024-01-01"}, "target": {"400"}, "target_date": {"2030-12-31"}, "frequency": {"monthly"},
			"additive": {"on"}, "dimensions": {"Area: North, South"}, "contributors": {fmt.Sprint(f.org["Riverside Food Bank"])}}
	}
	goodCSV := "indicator,date,value,Area\nBreakfasts served,2024-05-01,180,\nBreakfasts served,2024-05-01,95,North\n"
	badCSV := "indicator,date,value,Area\nBreakfasts served,2024-06-01,190,\nNo such thing,2024-06-01,1,\nBreakfasts served,2024-06-02,lots,\nBreakfasts served,2024-06-03,3,West\n"
	upload := func(csv string, fields map[string]string) (*bytes.Buffer, map[string]string) {
		return mpUpload(csv, fields)
	}
	goodBody, goodHead := upload(goodCSV, map[string]string{"organisation": bank})
	badBody, badHead := upload(badCSV, map[string]string{"organisation": bank})
	skipBody, skipHead := upload(badCSV, map[string]string{"skip_bad": "on", "organisation": bank})
	obsBody, obsHead := upload(goodCSV, nil)
	noFile, noFileHead := func() (*bytes.Buffer, map[string]string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		_ = w.WriteField("skip_bad", "on")
		_ = w.Close()
		return &b, map[string]string{"Content-Type": w.FormDataContentType()}
	}()
	return append([]scScenario{
		// The scorecard.
		{name: "Scorecard/AnonymousPrivate", who: "anonymous", method: "GET", path: c + "/scorecard", wantStatus: 303, wantLocation: scSignIn(c + "/scorecard")},
		{name: "Scorecard/Outsider", who: "outsider", method: "GET", path: c + "/scorecard", wantStatus: 404, wantNotContains: []string{"Breakfasts served"}},
		{name: "Scorecard/Member", who: "member", method: "GET", path: c + "/scorecard", wantStatus: 200,
			wantContains: []string{"<h1>Scorecard</h1>", "Children eat well", "Breakfasts served", "How much did we do?", `role="img"`,
				"170.5 meals", "24%", "Import measurements from CSV", `<a href="/c/riverside/scorecard" aria-current="page">Scorecard</a>`},
			wantNotContains: []string{"Add a goal", "Edit the goal"}},
		{name: "Scorecard/Steward", who: "steward", method: "GET", path: c + "/scorecard", wantStatus: 200,
			wantContains: []string{"Add a goal", "Add an indicator", goal + "/edit", "A spare goal", "No indicators yet."}},
		{name: "Scorecard/ObserverReads", who: "observer", method: "GET", path: c + "/scorecard", wantStatus: 200,
			wantContains: []string{"Breakfasts served"}, wantNotContains: []string{"Import measurements", "Add a goal"}},
		{name: "Scorecard/PublicEmpty", who: "anonymous", method: "GET", path: "/c/" + scP + "/scorecard", wantStatus: 200,
			wantContains: []string{"Open Commons has no goals yet."}},
		{name: "Goal/LeadsToScorecard", who: "member", method: "GET", path: goal, wantStatus: 303,
			wantLocation: fmt.Sprintf("%s/scorecard#goal-%d", c, ids.goal)},
		{name: "Goal/Missing", who: "member", method: "GET", path: c + "/goals/999999", wantStatus: 404},
		{name: "Indicators/LeadToScorecard", who: "member", method: "GET", path: c + "/indicators", wantStatus: 303, wantLocation: c + "/scorecard"},

		// The indicator page.
		{name: "Indicator/Member", who: "member", method: "GET", path: ind, wantStatus: 200,
			wantContains: []string{"<h1>Breakfasts served</h1>", `role="img"`, "<title", "<desc", "<caption>Breakfasts served (meals)</caption>",
				`<th scope="col">Date</th>`, "A straight line fitted to 3 points", "least squares", "80% prediction interval", ind + "/export.csv", "Report a value",
				"Riverside Food Bank", "Area: North, South", "the breakdowns add up to the total", "History of measurements", "170.5",
				"Nothing is linked to this indicator yet.", `<option value="Area=North">`},
			wantNotContains: []string{"Edit the indicator"}},
		{name: "Indicator/HistoryPages", who: "member", method: "GET", path: mpDailyPath + "?before=not-a-date", wantStatus: 200,
			wantContains: []string{"Older values"}, wantNotContains: []string{"Newest values"}, check: mpHistoryPages},
		{name: "Indicator/Compare", who: "member", method: "GET", path: ind + "?compare=Area%3DNorth", wantStatus: 200,
			wantContains: []string{"Breakfasts served by breakdown", "<th scope=\"col\">Area: North</th>", `<option value="Area=North" selected>`}},
		{name: "Indicator/CompareAll", who: "member", method: "GET", path: ind + "?compare=all", wantStatus: 200,
			wantContains: []string{"<th scope=\"col\">Total</th>", "<th scope=\"col\">Area: South</th>"}},
		{name: "Indicator/CompareUnknown", who: "member", method: "GET", path: ind + "?compare=Area%3DWest", wantStatus: 200,
			wantContains: []string{"That breakdown is not one of this indicator&#39;s"}},
		{name: "Indicator/StewardMayEdit", who: "steward", method: "GET", path: ind, wantStatus: 200, wantContains: []string{"Edit the indicator"}},
		{name: "Indicator/ObserverReadsOnly", who: "observer", method: "GET", path: ind, wantStatus: 200,
			wantContains: []string{"Breakfasts served"}, wantNotContains: []string{"Report a value"}},
		{name: "Indicator/Outsider", who: "outsider", method: "GET", path: ind, wantStatus: 404, wantNotContains: []string{"Breakfasts served"}},
		{name: "Indicator/Anonymous", who: "anonymous", method: "GET", path: ind, wantStatus: 303, wantLocation: scSignIn(ind)},
		{name: "Indicator/Missing", who: "member", method: "GET", path: c + "/indicators/999999", wantStatus: 404},
		{name: "Indicator/NotANumber", who: "member", method: "GET", path: c + "/indicators/first", wantStatus: 404},
		{name: "IndicatorExport/Member", who: "member", method: "GET", path: ind + "/export.csv", wantStatus: 200,
			wantContains: []string{"indicator,date,value,Area\n", "Breakfasts served,2024-04-01,170.5,\n", "Breakfasts served,2024-04-01,90,North\n"}},
		{name: "IndicatorExport/Outsider", who: "outsider", method: "GET", path: ind + "/export.csv", wantStatus: 404},

		// Reporting a value.
		{name: "ReportForm/Member", who: "member", method: "GET", path: ind + "/report", wantStatus: 200,
			wantContains: []string{"Report a value of Breakfasts served", `type="date"`, `name="dim:Area"`, "<option>North</option>", "Value (meals)"}},
		{name: "ReportForm/ObserverForbidden", who: "observer", method: "GET", path: ind + "/report", wantStatus: 403, wantContains: []string{observersRead}},
		{name: "ReportForm/Outsider", who: "outsider", method: "GET", path: ind + "/report", wantStatus: 404},
		{name: "Report/ObserverForbidden", who: "observer", method: "POST", path: ind + "/report", form: scForm{"date": {"2024-05-02"}, "value": {"1"}},
			wantStatus: 403, wantContains: []string{observersRead}, check: mpValues(ids.ind, 5)},
		{name: "Report/OutsiderNotFound", who: "outsider", method: "POST", path: ind + "/report", form: scForm{"date": {"2024-05-02"}, "value": {"1"}},
			wantStatus: 404, check: mpValues(ids.ind, 5)},
		{name: "Report/ErrNotANumber", who: "member", method: "POST", path: ind + "/report", form: scForm{"organisation": {bank}, "date": {"2024-05-02"}, "value": {"many"}},
			wantStatus: 422, wantContains: []string{"Nothing was saved", "&#34;many&#34; is not a number", `value="many"`}, check: mpValues(ids.ind, 5)},
		{name: "Report/ErrFuture", who: "member", method: "POST", path: ind + "/report", form: scForm{"organisation": {bank}, "date": {"2999-01-01"}, "value": {"1"}},
			wantStatus: 422, wantContains: []string{"Nothing was saved"}, check: mpValues(ids.ind, 5)},
		{name: "Report/ErrDuplicate", who: "member", method: "POST", path: ind + "/report", form: scForm{"organisation": {bank}, "date": {"2024-04-01"}, "value": {"1"}},
			wantStatus: 422, wantContains: []string{"Nothing was saved"}, check: mpValues(ids.ind, 5)},
		{name: "Report/AnyOrganisationWhenNoneNamed", who: "member", method: "POST", path: spareInd + "/report", form: scForm{"organisation": {bank}, "date": {"2024-05-02"}, "value": {"1"}},
			wantStatus: 303, wantLocation: spareInd, check: mpValues(ids.spareInd, 1)},
		{name: "Report/Member", who: "member", method: "POST", path: ind + "/report",
			form: scForm{"organisation": {bank}, "date": {"2024-04-15"}, "value": {"40"}, "dim:Area": {"South"}}, wantStatus: 303, wantLocation: ind,
			check: scAll(mpValues(ids.ind, 6), scThen(ind, 200, "The value is saved.", "Area: South"))},

		// A measurement and its corrections.
		{name: "Measurement/Member", who: "member", method: "GET", path: m, wantStatus: 200,
			wantContains: []string{"Measurement of Breakfasts served on 2024-02-01", "Riverside Food Bank", "This value has not been corrected.", "Correct the value"}},
		{name: "Measurement/ObserverReadsOnly", who: "observer", method: "GET", path: m, wantStatus: 200, wantNotContains: []string{"Correct the value"}},
		{name: "Measurement/Outsider", who: "outsider", method: "GET", path: m, wantStatus: 404},
		{name: "Measurement/Missing", who: "member", method: "GET", path: c + "/measurements/999999", wantStatus: 404},
		{name: "Correct/ObserverForbidden", who: "observer", method: "POST", path: m, form: scForm{"value": {"1"}}, wantStatus: 403,
			wantContains: []string{observersRead}},
		{name: "Correct/ErrNotANumber", who: "member", method: "POST", path: m, form: scForm{"value": {"12,5"}, "reason": {"typo"}}, wantStatus: 422,
			wantContains: []string{"is not a number", `aria-invalid="true"`}},
		{name: "Correct/Member", who: "member", method: "POST", path: m, form: scForm{"value": {"125"}, "reason": {"The register was recounted."}},
			wantStatus: 303, wantLocation: m,
			check: scThen(m, 200, "The value of 2024-02-01 is now 125", "<td data-label=\"From\">120</td>", "The register was recounted.")},

		// Importing a CSV file.
		{name: "ImportForm/Member", who: "member", method: "GET", path: c + "/import", wantStatus: 200,
			wantContains: []string{"<h1>Import measurements</h1>", `enctype="multipart/form-data"`, `name="skip_bad"`, "indicator,date,value", "Files up to 1 MB;"}},
		{name: "ImportForm/ObserverForbidden", who: "observer", method: "GET", path: c + "/import", wantStatus: 403, wantContains: []string{observersRead}},
		{name: "ImportForm/Anonymous", who: "anonymous", method: "GET", path: c + "/import", wantStatus: 303, wantLocation: scSignIn(c + "/import")},
		{name: "Import/ObserverForbidden", who: "observer", method: "POST", path: c + "/import", body: obsBody, header: obsHead, wantStatus: 403,
			wantContains: []string{observersRead}, check: mpValues(ids.ind, 6)},
		{name: "Import/ErrNoFile", who: "member", method: "POST", path: c + "/import", body: noFile, header: noFileHead, wantStatus: 422,
			wantContains: []string{"Choose a CSV file to import."}},
		{name: "Import/ErrAllOrNothing", who: "member", method: "POST", path: c + "/import", body: badBody, header: badHead, wantStatus: 422,
			wantContains: []string{"Nothing was imported: 3 lines of 4 have problems", "Lines with problems (3)", `<th scope="row">3</th>`,
				`<th scope="row">4</th>`, `<th scope="row">5</th>`, "No such thing"}, check: mpValues(ids.ind, 6)},
		{name: "Import/SkipBad", who: "member", method: "POST", path: c + "/import", body: skipBody, header: skipHead, wantStatus: 200,
			wantContains: []string{"Imported 1 measurement and skipped 3 bad lines.", "Lines with problems (3)"}, check: mpValues(ids.ind, 7)},
		{name: "Import/Member", who: "member", method: "POST", path: c + "/import", body: goodBody, header: goodHead, wantStatus: 200,
			wantContains: []string{"Imported 2 measurements."}, check: mpValues(ids.ind, 9)},

		// Goals, for stewards.
		{name: "GoalNew/Steward", who: "steward", method: "GET", path: c + "/goals/new", wantStatus: 200, wantContains: []string{"<h1>New goal</h1>", `name="title"`}},
		{name: "GoalNew/MemberForbidden", who: "member", method: "GET", path: c + "/goals/new", wantStatus: 403, wantContains: []string{stewardsOnly}},
		{name: "GoalCreate/MemberForbidden", who: "member", method: "POST", path: c + "/goals", form: scForm{"title": {"Mine"}}, wantStatus: 403,
			wantContains: []string{stewardsOnly}},
		{name: "GoalCreate/ErrNoTitle", who: "steward", method: "POST", path: c + "/goals", form: scForm{"title": {" "}, "description": {"Kept"}},
			wantStatus: 422, wantContains: []string{`id="title-error"`, "Kept</textarea>"},
			check: mpPost(c+"/goals", scForm{"title": {"Nobody sleeps rough"}}, c+"/scorecard#goal-", "The goal Nobody sleeps rough is added.")},
		{name: "GoalEdit/Steward", who: "steward", method: "GET", path: goal + "/edit", wantStatus: 200, wantContains: []string{`value="Children eat well"`, "Delete the goal"}},
		{name: "GoalEdit/MemberForbidden", who: "member", method: "GET", path: goal + "/edit", wantStatus: 403, wantContains: []string{stewardsOnly}},
		{name: "GoalUpdate/MemberForbidden", who: "member", method: "POST", path: goal, form: scForm{"title": {"x"}}, wantStatus: 403},
		{name: "GoalUpdate/ErrPosition", who: "steward", method: "POST", path: goal, form: scForm{"title": {"x"}, "position": {"first"}}, wantStatus: 422,
			wantContains: []string{"Enter a whole number"}},
		{name: "GoalUpdate/Steward", who: "steward", method: "POST", path: goal, form: scForm{"title": {"Children eat well, all year"}}, wantStatus: 303,
			wantLocation: fmt.Sprintf("%s/scorecard#goal-%d", c, ids.goal), check: scThen(c+"/scorecard", 200, "Children eat well, all year")},
		{name: "GoalDelete/HasIndicators", who: "steward", method: "POST", path: goal + "/delete", wantStatus: 409,
			wantContains: []string{"still has 3 indicators; move or delete them first."}},
		{name: "GoalDelete/MemberForbidden", who: "member", method: "POST", path: spareGoal + "/delete", wantStatus: 403},
		{name: "GoalDelete/Steward", who: "steward", method: "POST", path: spareGoal + "/delete", wantStatus: 303, wantLocation: c + "/scorecard",
			check: scThen(c+"/scorecard", 200, "The goal is deleted.")},

		// Indicators, for stewards.
		{name: "IndicatorNew/Steward", who: "steward", method: "GET", path: c + "/indicators/new?goal=" + fmt.Sprint(ids.goal), wantStatus: 200,
			wantContains: []string{"<h1>New indicator</h1>", fmt.Sprintf(`<option value="%d" selected>`, ids.goal), `id="direction-higher" name="direction" value="higher" checked`,
				"Riverside Food Bank", "Contributing organisations"}},
		{name: "IndicatorNew/MemberForbidden", who: "member", method: "GET", path: c + "/indicators/new", wantStatus: 403, wantContains: []string{stewardsOnly}},
		{name: "IndicatorCreate/MemberForbidden", who: "member", method: "POST", path: c + "/indicators", form: indForm("Mine"), wantStatus: 403,
			wantContains: []string{stewardsOnly}},
		{name: "IndicatorCreate/ErrDimensions", who: "steward", method: "POST", path: c + "/indicators",
			form: func() scForm { v := indForm("Lunches served"); v.Set("dimensions", "Area North"); return v }(), wantStatus: 422,
			wantContains: []string{"has no colon", "Lunches served"},
			check:        mpPost(c+"/indicators", indForm("Lunches served"), c+"/indicators/", "The indicator Lunches served is added.", "Area: North, South")},
		{name: "IndicatorEdit/Steward", who: "steward", method: "GET", path: ind + "/edit", wantStatus: 200,
			wantContains: []string{`value="Breakfasts served"`, "Area: North, South</textarea>", `name="additive" value="on" checked`,
				fmt.Sprintf(`value="%d" checked`, f.org["Riverside Food Bank"]), "Delete the indicator"}},
		{name: "IndicatorEdit/MemberForbidden", who: "member", method: "GET", path: ind + "/edit", wantStatus: 403, wantContains: []string{stewardsOnly}},
		{name: "IndicatorUpdate/MemberForbidden", who: "member", method: "POST", path: ind, form: indForm("Mine"), wantStatus: 403},
		{name: "IndicatorUpdate/ErrDirection", who: "steward", method: "POST", path: ind,
			form: func() scForm { v := indForm("Breakfasts served"); v.Del("direction"); return v }(), wantStatus: 422,
			wantContains: []string{"Choose whether higher or lower is better."}},
		{name: "IndicatorUpdate/Steward", who: "steward", method: "POST", path: ind,
			form: func() scForm { v := indForm("Breakfasts served"); v.Set("target", "500"); return v }(), wantStatus: 303, wantLocation: ind,
			check: scThen(ind, 200, "The indicator is saved.", "500 meals by 2030-12-31")},
		{name: "IndicatorDelete/MemberForbidden", who: "member", method: "POST", path: spareInd + "/delete", wantStatus: 403, check: mpValues(ids.spareInd, 1)},
		{name: "IndicatorDelete/Steward", who: "steward", method: "POST", path: spareInd + "/delete", wantStatus: 303, wantLocation: c + "/scorecard",
			check: scAll(mpValues(ids.spareInd, 0), scThen(spareInd, 404))},
	}, mpCurveScenarios(f, ids)...)
}
