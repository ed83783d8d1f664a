package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/commitment"
	"commonground/internal/measure"
)

// demoPromises are what the demo's members promise, dealt round in order.
var demoPromises = []struct {
	what string
	kind commitment.Kind
	unit commitment.Unit
	size string
}{
	{"Introduce the food bank to the county health office", commitment.Introduce, "", ""},
	{"Drive the van for the Saturday pantry", commitment.Do, commitment.Hours, "4"},
	{"Teach two volunteers to run the termly survey", commitment.Teach, commitment.Hours, "3.5"},
	{"Give 40 breakfast packs for the holiday club", commitment.Give, commitment.Count, "40"},
	{"Share the school's attendance data for the evaluation", commitment.Share, "", ""},
	{"Show up at the family fun day to cook", commitment.ShowUp, commitment.Hours, "6"},
	{"Fund the interpreters for the parents' evening", commitment.Give, commitment.Money, "250.00"},
	{"Write the grant bid's section on outcomes", commitment.Do, commitment.Hours, "8"},
	{"Translate the pantry leaflet into Polish", commitment.Do, commitment.Count, "1"},
	{"Host the partners' meeting at the health centre", commitment.ShowUp, "", ""},
}

// demoEnds is where each demo commitment ends, dealt round: every state,
// a promise marked done that waits for confirmation, one kept late, one
// overdue and one with a release asked and not yet agreed.
var demoEnds = []string{"kept", "accepted", "kept", "in_progress", "done", "kept", "not_kept", "proposed",
	"released", "kept_late", "declined", "release_asked", "overdue", "kept", "withdrawn", "kept"}

// demoActor is one demo member as the service sees them.
type demoActor struct {
	ctx  context.Context
	acc  *collective.Access
	orgs []int64
}

// seedCommitments gives the demo collective commitments in every state
// between members, organisations and the collective, spread over the last
// six months so the ledgers have a balance over time. It does nothing once
// the collective has commitments.
//
// The months are made by moving the database clock (DB.Now) back while
// seeding, since the service stamps every change with it; seeding runs
// before the server starts, and the clock is put back on return.
func seedCommitments(ctx context.Context, a *App, d *Demo) error {
	sctx := auth.WithUser(ctx, d.Steward)
	sa, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	if pg, err := a.Commitments.List(sctx, sa, commitment.Query{}); err != nil || len(pg.Items) > 0 {
		return err
	}
	var people []demoActor
	for _, u := range d.People {
		uctx := auth.WithUser(ctx, u)
		ua, err := a.Collectives.Access(uctx, DemoSlug)
		if err != nil {
			return err
		}
		if !ua.CanContribute() {
			continue
		}
		m, err := a.Collectives.Member(uctx, ua, ua.MemberID)
		if err != nil {
			return err
		}
		act := demoActor{ctx: uctx, acc: ua}
		for _, o := range m.Organisations {
			act.orgs = append(act.orgs, o.ID)
		}
		people = append(people, act)
	}
	if len(people) < 4 || len(d.Orgs) == 0 {
		return nil
	}
	goals, err := a.Measure.Goals(sctx, sa)
	if err != nil {
		return err
	}
	realNow := a.DB.Now
	defer func() { a.DB.Now = realNow }()
	now := realNow().UTC().Truncate(time.Hour)
	for k := range 48 {
		if err := seedOneCommitment(a, d, people, goals, now, k); err != nil {
			return fmt.Errorf("commitment %d: %w", k, err)
		}
	}
	return seedRequestsAndParts(ctx, a, d, people, now)
}

// seedOneCommitment makes demo commitment k and moves it to its end.
func seedOneCommitment(a *App, d *Demo, people []demoActor, goals []measure.Goal, now time.Time, k int) error {
	n := len(people)
	by := people[(k*7)%n]
	end := demoEnds[k%len(demoEnds)]
	months := 5 - k%6
	if end == "proposed" || end == "accepted" || end == "in_progress" || end == "done" || end == "release_asked" {
		months = 0
	}
	t0 := now.AddDate(0, -months, -9).Add(time.Duration(k) * time.Minute)
	due := t0.AddDate(0, 0, 10)
	if end == "kept_late" || end == "not_kept" || end == "overdue" {
		due = t0.AddDate(0, 0, 3)
	}
	if end == "overdue" {
		t0 = now.AddDate(0, 0, -20)
		due = t0.AddDate(0, 0, 3)
	}
	p := demoPromises[k%len(demoPromises)]
	in := commitment.Input{What: p.what, Kind: p.kind, SizeUnit: p.unit, Size: p.size, DueOn: due.Format(time.DateOnly)}
	var to demoActor // who answers for the recipient
	switch {
	case k%5 == 0:
		org := d.Orgs[k%len(d.Orgs)].ID
		i := slices.IndexFunc(people, func(x demoActor) bool { return slices.Contains(x.orgs, org) && x.acc.MemberID != by.acc.MemberID })
		if i < 0 || slices.Contains(by.orgs, org) {
			return nil
		}
		in.RecipientKind, in.RecipientOrgID, to = commitment.ToOrganisation, org, people[i]
	case k%7 == 3:
		if by.acc.IsSteward() {
			return nil
		}
		in.RecipientKind, to = commitment.ToCollective, people[0] // the steward
	default:
		to = people[(k*3+1)%n]
		if to.acc.MemberID == by.acc.MemberID {
			to = people[(k*3+2)%n]
		}
		in.RecipientKind, in.RecipientMemberID = commitment.ToMember, to.acc.MemberID
	}
	if k%4 == 1 && len(by.orgs) > 0 && in.RecipientKind != commitment.ToOrganisation {
		in.ForOrgID = by.orgs[0]
	}
	if len(goals) > 0 && k%3 != 2 {
		in.GoalID = goals[k%len(goals)].ID
	}
	at := func(days int) { t := t0.AddDate(0, 0, days); a.DB.Now = func() time.Time { return t } }
	at(0)
	c, err := a.Commitments.Create(by.ctx, by.acc, in)
	if err != nil {
		return err
	}
	step := func(who demoActor, days int, act commitment.Action, note string) error {
		at(days)
		_, err := a.Commitments.Transition(who.ctx, who.acc, c.ID, act, 0, note)
		return err
	}
	var steps []func() error
	add := func(who demoActor, days int, act commitment.Action, note string) {
		steps = append(steps, func() error { return step(who, days, act, note) })
	}
	switch end {
	case "proposed":
	case "declined":
		add(to, 1, commitment.Decline, "We have this covered already, thank you.")
	case "withdrawn":
		add(by, 1, commitment.Withdraw, "")
	default:
		add(to, 1, commitment.Accept, "")
	}
	switch end {
	case "in_progress", "done", "kept", "kept_late", "not_kept":
		add(by, 2, commitment.Start, "")
	}
	switch end {
	case "done", "kept", "kept_late":
		add(by, 5, commitment.MarkDone, "Done; see the shared folder.")
	}
	switch end {
	case "kept", "kept_late":
		add(to, 6, commitment.Confirm, "Thank you, this made a difference.")
	case "not_kept":
		add(to, 6, commitment.Broken, "It did not happen in the end.")
	case "released", "release_asked":
		add(by, 3, commitment.Release, "Circumstances changed.")
	}
	if end == "released" {
		add(to, 4, commitment.Release, "")
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}

// demoRequests are the demo's requests for help: the first is answered by
// a promise, the last is closed.
var demoRequests = []string{
	"I need an introduction to the county health office",
	"Can someone help us translate the survey into Arabic?",
	"Looking for a volunteer to teach basic bookkeeping to the pantry team",
	"We need a van for the school holiday meals in August",
}

// demoParts are what some members write as their part.
var demoParts = []commitment.PartInput{
	{Contribute: "I run the Saturday pantry the way it has always been run, which suits the regulars but not families who work weekends.",
		WillChange: "Open one weekday evening a month and ask the families who come what else would help."},
	{Contribute: "Our referral forms ask for documents many families do not have to hand.",
		WillChange: "Accept a link worker's word instead, and review the form with two parents."},
	{Contribute: "I tend to share data only when asked, so partners plan without it.",
		WillChange: "Send the termly figures to every partner the week they are ready."},
}

// seedRequestsAndParts adds the demo's requests (one answered, one closed)
// and some members' parts.
func seedRequestsAndParts(ctx context.Context, a *App, d *Demo, people []demoActor, now time.Time) error {
	a.DB.Now = func() time.Time { return now.AddDate(0, 0, -3) }
	for i, what := range demoRequests {
		asker := people[(i*5+2)%len(people)]
		r, err := a.Commitments.CreateRequest(asker.ctx, asker.acc, commitment.RequestInput{What: what, Kind: commitment.Kinds[i%len(commitment.Kinds)]})
		if err != nil {
			return err
		}
		switch i {
		case 0:
			by := people[(i*5+3)%len(people)]
			if _, err := a.Commitments.Create(by.ctx, by.acc, commitment.Input{What: "Introduce you to Dr Patel at the county health office",
				Kind: commitment.Introduce, RequestID: r.ID, DueOn: now.AddDate(0, 0, 7).Format(time.DateOnly)}); err != nil {
				return err
			}
		case len(demoRequests) - 1:
			if _, err := a.Commitments.CloseRequest(asker.ctx, asker.acc, r.ID); err != nil {
				return err
			}
		}
	}
	for i, in := range demoParts {
		p := people[(i*4+1)%len(people)]
		if _, err := a.Commitments.SavePart(p.ctx, p.acc, in); err != nil {
			return err
		}
	}
	return nil
}
