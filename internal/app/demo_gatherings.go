package app

import (
	"context"
	"fmt"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/gathering"
)

func init() { RegisterSeeder(seedGatherings) }

// demoSeries is a gathering of the demo, planned some weeks back, with
// what each held date yielded.
type demoSeries struct {
	in       gathering.Input
	weeksAgo int // the first date, this many weeks before now
	came     int // how many people check in at each held date
	outcomes [][]gathering.OutcomeInput
	minutes  []string
}

// demoZone is where the demo collective meets.
const demoZone = "Europe/London"

// seedGatherings gives the demo a monthly partners' meeting that yields
// well, a weekly volunteers' huddle that yields little (so the balance
// page has a series to question), both with past dates people came to,
// outcomes, minutes and closed reports, and a fun-day planning session
// next week with answers and a waiting list; and the steward's focus
// budget. It does nothing once the collective has gatherings. Like the
// other seeders it moves the database clock (DB.Now) to stamp the past.
func seedGatherings(ctx context.Context, a *App, d *Demo) error {
	if a.Gatherings == nil {
		return nil
	}
	sctx := auth.WithUser(ctx, d.Steward)
	sa, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	for _, past := range []bool{false, true} {
		l, err := a.Gatherings.List(sctx, sa, gathering.ListQuery{Past: past})
		if err != nil || len(l.Items) > 0 {
			return err
		}
	}
	var people []demoActor
	for _, u := range d.People[1:] {
		uctx := auth.WithUser(ctx, u)
		ua, err := a.Collectives.Access(uctx, DemoSlug)
		if err != nil {
			return err
		}
		if ua.CanContribute() {
			people = append(people, demoActor{ctx: uctx, acc: ua})
		}
	}
	if len(people) < 14 {
		return nil
	}
	realNow := a.DB.Now
	defer func() { a.DB.Now = realNow }()
	now := realNow().UTC().Truncate(time.Hour)
	at := func(t time.Time) { a.DB.Now = func() time.Time { return t } }

	for _, s := range demoGatheringPlans(now) {
		at(now.AddDate(0, 0, -7*s.weeksAgo-3))
		g, err := a.Gatherings.Create(sctx, sa, s.in)
		if err != nil {
			return fmt.Errorf("gatherings: plan %q: %w", s.in.Title, err)
		}
		if err := seedDates(a, sctx, sa, g, s, people, now, at); err != nil {
			return fmt.Errorf("gatherings: %q: %w", s.in.Title, err)
		}
	}

	at(now)
	if err := a.Gatherings.SetFocus(sctx, sa, gathering.Focus{WeekMinutes: 40 * 60, FocusMinutes: 34 * 60}); err != nil {
		return fmt.Errorf("gatherings: focus: %w", err)
	}
	// Next week's fun-day planning: twelve places, fourteen want one.
	fun, err := a.Gatherings.Create(sctx, sa, gathering.Input{Title: "Summer fun day: planning session",
		Intention: "Every partner leaves with a stall or a job for the fun day, and we know what it costs.",
		Format:    gathering.InPerson, Place: "Northside Youth Project, main hall", TimeZone: demoZone,
		Start: localDemo(now.AddDate(0, 0, 8), 18, 0), End: localDemo(now.AddDate(0, 0, 8), 19, 30), Capacity: 12,
		Registration: true, InviteEveryone: true,
		Agenda: []gathering.AgendaInput{{Title: "Last year's fun day in numbers", Minutes: 10},
			{Title: "Stalls and jobs: who does what", Minutes: 50}, {Title: "Budget and asks to the council", Minutes: 30}},
		Prereads: []gathering.PrereadInput{{Title: "Last year's fun day report", URL: "https://example.org/funday-2026"}}})
	if err != nil {
		return fmt.Errorf("gatherings: fun day: %w", err)
	}
	dates, err := a.Gatherings.Occurrences(sctx, sa, fun.ID)
	if err != nil || len(dates) == 0 {
		return fmt.Errorf("gatherings: fun day dates: %v", err)
	}
	for i, p := range people[:16] {
		status := gathering.Going
		if i%8 == 7 {
			status = gathering.Declined
		}
		at(now.Add(time.Duration(i) * time.Minute))
		if _, err := a.Gatherings.Respond(p.ctx, p.acc, dates[0].ID, gathering.RSVPInput{Status: status}); err != nil {
			return fmt.Errorf("gatherings: fun day answer: %w", err)
		}
	}
	return nil
}

// seedDates answers, checks people in and writes outcomes, minutes and
// closed reports for each past date of g, and answers the next one.
func seedDates(a *App, sctx context.Context, sa *collective.Access, g *gathering.Gathering, s demoSeries,
	people []demoActor, now time.Time, at func(time.Time)) error {
	dates, err := a.Gatherings.Occurrences(sctx, sa, g.ID)
	if err != nil {
		return err
	}
	held := 0
	for _, o := range dates {
		// A different few come each time, so shared attendance makes a
		// network rather than one clique.
		crowd := make([]demoActor, 0, s.came)
		for k := range s.came {
			crowd = append(crowd, people[(held*3+k)%len(people)])
		}
		// now is the hour begun, so a date that ended on the hour has been
		// held, as the demo's readers (and its test) see it a moment later.
		if o.EndsAt.After(now) {
			// A coming date (or one under way): answered beforehand.
			when := o.StartsAt.Add(-time.Hour)
			if now.Before(when) {
				when = now
			}
			at(when)
			for _, p := range crowd[:min(len(crowd), 6)] {
				if _, err := a.Gatherings.Respond(p.ctx, p.acc, o.ID, gathering.RSVPInput{Status: gathering.Going}); err != nil {
					return err
				}
			}
			return nil
		}
		at(o.StartsAt.Add(-24 * time.Hour))
		for _, p := range crowd {
			if _, err := a.Gatherings.Respond(p.ctx, p.acc, o.ID, gathering.RSVPInput{Status: gathering.Going}); err != nil {
				return err
			}
		}
		at(o.StartsAt.Add(5 * time.Minute))
		for _, p := range crowd {
			if _, err := a.Gatherings.CheckIn(sctx, sa, o.ID, gathering.CheckInInput{MemberID: p.acc.MemberID}); err != nil {
				return err
			}
		}
		at(o.StartsAt.Add(45 * time.Minute))
		if held < len(s.outcomes) {
			for _, in := range s.outcomes[held] {
				if _, err := a.Gatherings.AddOutcome(sctx, sa, o.ID, in); err != nil {
					return err
				}
			}
		}
		at(o.EndsAt.Add(time.Hour))
		if held < len(s.minutes) {
			if err := a.Gatherings.SetMinutes(sctx, sa, o.ID, s.minutes[held]); err != nil {
				return err
			}
		}
		if err := a.Gatherings.CloseReport(sctx, sa, o.ID); err != nil {
			return err
		}
		held++
	}
	return nil
}

// localDemo is a wall-clock time on t's day in the demo's zone, as the
// form sends it.
func localDemo(t time.Time, hour, minute int) string {
	loc, err := time.LoadLocation(demoZone)
	if err != nil {
		loc = time.UTC
	}
	d := t.In(loc)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, loc).Format("2006-01-02T15:04")
}

// demoGatheringPlans are the two series, the first dates weeks back.
func demoGatheringPlans(now time.Time) []demoSeries {
	out := func(k gathering.OutcomeKind, text string) gathering.OutcomeInput {
		return gathering.OutcomeInput{Kind: k, Text: text}
	}
	partners := now.AddDate(0, 0, -7*17)
	huddle := now.AddDate(0, 0, -7*6)
	return []demoSeries{
		{weeksAgo: 17, came: 9, in: gathering.Input{Title: "Partners' meeting",
			Intention: "Partners leave knowing where the food insecurity figures stand and with the next term's actions agreed.",
			Format:    gathering.Hybrid, Place: "Riverside Health Centre, community room", Link: "https://meet.example.org/partners",
			TimeZone: demoZone, Start: localDemo(partners, 10, 0), End: localDemo(partners, 11, 30),
			Repeat:         gathering.RepeatInput{Every: gathering.MonthlyWeekday, Count: 6},
			InviteEveryone: true,
			Agenda: []gathering.AgendaInput{{Title: "The figures this month", Minutes: 15},
				{Title: "What partners did and what got in the way", Minutes: 40}, {Title: "Next steps and who", Minutes: 35}},
			Prereads: []gathering.PrereadInput{{Title: "Scorecard", URL: "https://example.org/scorecard"}}},
			outcomes: [][]gathering.OutcomeInput{
				{out(gathering.DecisionTaken, "Breakfast club extends to St Anne's second site from next term."),
					out(gathering.Opportunity, "The housing association can fund two more pantry sessions.")},
				{out(gathering.Breakthrough, "The school and the health centre agreed to share referral lists."),
					out(gathering.Request, "The food bank asks for volunteers for the Saturday pantry.")},
				{out(gathering.OpenQuestion, "How do we reach families who do not use the school?")},
				{out(gathering.Opportunity, "The council's community team offers a van on Fridays."),
					out(gathering.DecisionTaken, "Holiday meals move to the youth project's kitchen.")},
			},
			minutes: []string{"Figures: food insecurity among pupils down from 24% to 21%.\n\nAgreed the breakfast club extension.",
				"Referral lists: a data sharing note follows from the health centre.",
				"Short meeting; most partners sent apologies for half term.",
				"The van comes from the 3rd. Holiday meals at the youth project from Easter."}},
		{weeksAgo: 6, came: 5, in: gathering.Input{Title: "Volunteers' huddle",
			Intention: "Everyone on the Saturday rota knows their job and the week's problems are heard.",
			Format:    gathering.Online, Link: "https://meet.example.org/huddle", TimeZone: demoZone,
			Start: localDemo(huddle, 9, 0), End: localDemo(huddle, 10, 0),
			Repeat: gathering.RepeatInput{Every: gathering.Weekly, Count: 10}, InviteEveryone: true},
			outcomes: [][]gathering.OutcomeInput{{out(gathering.Request, "Two more drivers for the Saturday round.")}}},
	}
}
