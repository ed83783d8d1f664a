package app

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/measure"
)

// seedMeasure gives the demo collective three goals with indicators and a
// year of monthly values ending this month, some broken down by area, so
// the scorecard shows each status and the indicator pages a forecast. It
// does nothing once the collective has a goal.
func seedMeasure(ctx context.Context, a *App, d *Demo) error {
	sctx := auth.WithUser(ctx, d.Steward)
	sa, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	if goals, err := a.Measure.Goals(sctx, sa); err != nil || len(goals) > 0 {
		return err
	}
	now := time.Now().UTC()
	start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(-1, 0, 0)
	day := func(months int) string { return start.AddDate(0, months, 0).Format("2006-01-02") }
	target := time.Date(now.Year()+2, 7, 31, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	org := func(i int) int64 {
		if i < len(d.Orgs) {
			return d.Orgs[i].ID
		}
		return 0
	}
	areas := []string{"North", "South", "East"}
	type series struct {
		in     measure.IndicatorInput
		org    int64
		values func(month int) []measure.MeasurementInput
	}
	total := func(f func(m int) float64) func(int) []measure.MeasurementInput {
		return func(m int) []measure.MeasurementInput {
			// Values are typed to one decimal, as people report them.
			return []measure.MeasurementInput{{Date: day(m), Value: strconv.FormatFloat(math.Round(f(m)*10)/10, 'f', -1, 64)}}
		}
	}
	goals := []struct {
		goal       measure.GoalInput
		indicators []series
	}{
		{measure.GoalInput{Title: "Every child in Riverside eats well", Description: "No child goes hungry, in term time or in the holidays."},
			[]series{
				{measure.IndicatorInput{Name: "Children eating at the breakfast club", Unit: "children", Direction: measure.Higher,
					Kind: measure.HowMuch, Baseline: "120", BaselineDate: day(0), Target: "450", TargetDate: target, Frequency: "monthly",
					Definition: "Children who ate at least once at a breakfast club in the month.", DataSource: "Club registers, sent by the schools.",
					Additive: true, Dimensions: []measure.Dimension{{Name: "Area", Values: areas}}}, org(3),
					func(m int) []measure.MeasurementInput {
						var out []measure.MeasurementInput
						for i, area := range areas {
							v := 40 + 5*m + 3*i + (m*7+i)%4
							out = append(out, measure.MeasurementInput{Date: day(m), Value: strconv.Itoa(v), Breakdown: measure.Breakdown{"Area": area}})
						}
						return out
					}},
				{measure.IndicatorInput{Name: "Children in food-insecure households", Unit: "%", Direction: measure.Lower,
					Kind: measure.Population, Baseline: "18.4", BaselineDate: day(0), Target: "9", TargetDate: target, Frequency: "monthly",
					Definition: "Share of children whose household skipped meals in the last month, from the termly survey.",
					DataSource: "Riverside family survey."}, 0,
					total(func(m int) float64 { return 18.4 - 0.2*float64(m) + float64((m*5)%3)*0.3 })},
			}},
		{measure.GoalInput{Title: "Families find help in one visit", Description: "One referral route instead of six."},
			[]series{
				{measure.IndicatorInput{Name: "Referrals answered within a week", Unit: "%", Direction: measure.Higher,
					Kind: measure.HowWell, Baseline: "55", BaselineDate: day(0), Target: "90", TargetDate: target, Frequency: "monthly",
					Definition: "Referrals with a first answer within seven days.", DataSource: "The shared referral log."}, org(0),
					total(func(m int) float64 { return 55 + 2.5*float64(m) + float64((m*3)%4) })},
			}},
		{measure.GoalInput{Title: "Young people feel they belong", Description: "Somewhere to go, and someone who listens."},
			[]series{
				{measure.IndicatorInput{Name: "Young people who feel safe in their area", Unit: "%", Direction: measure.Higher,
					Kind: measure.BetterOff, Baseline: "48", BaselineDate: day(0), Target: "75", TargetDate: target, Frequency: "monthly",
					Definition: "Answers of agree or strongly agree at the youth project's monthly check-in.", DataSource: "Northside Youth Project."}, org(4),
					total(func(m int) float64 { return 48 + 0.3*float64(m) - float64((m*7)%3)*0.5 })},
			}},
	}
	for i, g := range goals {
		g.goal.Position = i + 1
		goal, err := a.Measure.CreateGoal(sctx, sa, g.goal)
		if err != nil {
			return fmt.Errorf("demo goal %q: %w", g.goal.Title, err)
		}
		for j, s := range g.indicators {
			s.in.GoalID, s.in.Position = goal.ID, j+1
			if s.org != 0 {
				s.in.Contributors = []int64{s.org}
			}
			ind, err := a.Measure.CreateIndicator(sctx, sa, s.in)
			if err != nil {
				return fmt.Errorf("demo indicator %q: %w", s.in.Name, err)
			}
			var values []measure.MeasurementInput
			for m := 0; m <= 12; m++ {
				values = append(values, s.values(m)...)
			}
			if _, err := a.Measure.Report(sctx, sa, ind.ID, s.org, values); err != nil {
				return fmt.Errorf("demo values of %q: %w", s.in.Name, err)
			}
			if i == 0 && j == 0 {
				if err := seedCurveNotes(sctx, a, sa, ind.ID, org(3), org(0)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// seedCurveNotes gives the breakfast club indicator its "turn the curve"
// notes, so the demo shows the section filled in, with a history of two
// versions.
func seedCurveNotes(ctx context.Context, a *App, sa *collective.Access, indicatorID int64, school, foodBank int64) error {
	first := measure.CurveNotesInput{
		Story: "More children come since the school moved the club to 8:00 and stopped charging. " +
			"Families in the north of the ward still find it hard to arrive early: the first bus is at 8:10.",
		Partners: "St Anne's Primary runs the club; the Food Bank supplies the food; the bus company could move the first bus.",
	}
	for _, id := range []int64{school, foodBank} {
		if id != 0 {
			first.PartnerOrgs = append(first.PartnerOrgs, id)
		}
	}
	n, err := a.Measure.EditCurveNotes(ctx, sa, indicatorID, first)
	if err != nil {
		return fmt.Errorf("demo curve notes: %w", err)
	}
	second := first
	second.Base = n.Version
	second.WhatWorks = "Free, universal clubs reach children that means-tested ones miss. A walking bus worked in Eastbank."
	second.Proposal = "Ask the council for a walking bus from the north estate, and open a second club at the youth project."
	if _, err := a.Measure.EditCurveNotes(ctx, sa, indicatorID, second); err != nil {
		return fmt.Errorf("demo curve notes: %w", err)
	}
	return nil
}
