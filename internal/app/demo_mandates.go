package app

import (
	"context"
	"fmt"
	"time"

	"commonground/internal/auth"
	"commonground/internal/decision"
	"commonground/internal/mandate"
)

func init() { RegisterSeeder(seedMandates) }

// demoFeedback is what the demo's members said about the facilitator in
// the last feedback round: serves, listens, within, comment.
var demoFeedback = []mandate.Answer{
	{Serves: 5, Listens: 4, Within: 5, Comment: "Meetings finish on time and decisions get written down."},
	{Serves: 4, Listens: 3, Within: 5, Comment: "Could say more about why agenda items get dropped."},
	{Serves: 5, Listens: 5, Within: 4},
	{Serves: 4, Listens: 4, Within: 5, Comment: "Good at drawing out the quieter partners."},
	{Serves: 3, Listens: 4, Within: 4},
	{Serves: 5, Listens: 4, Within: 5},
	{Serves: 4, Listens: 5, Within: 3, Comment: "Booked the hall for the fun day without asking; small, but outside the scope."},
}

// seedMandates gives the demo a facilitator mandate granted by a consent
// decision eleven months ago, ending within 30 days ("up for renewal"),
// with a feedback round whose results show and a renewal decision open
// with a few consents in. It does nothing once the collective has
// mandates. Like the other seeders it moves the database clock (DB.Now)
// to stamp the past.
func seedMandates(ctx context.Context, a *App, d *Demo) error {
	if a.Mandates == nil {
		return nil
	}
	sctx := auth.WithUser(ctx, d.Steward)
	sa, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	if l, err := a.Mandates.Mandates(sctx, sa); err != nil || len(l.Active)+len(l.Proposed)+len(l.Past) > 0 {
		return err
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
	if len(people) < len(demoFeedback)+4 {
		return nil
	}
	holder, voters := people[2], people[3:]
	realNow := a.DB.Now
	defer func() { a.DB.Now = realNow }()
	now := realNow().UTC().Truncate(time.Hour)
	at := func(t time.Time) { a.DB.Now = func() time.Time { return t } }
	refresh := func() error { // the steward's Access after roles moved the version on
		sa, err = a.Collectives.Access(sctx, DemoSlug)
		return err
	}

	t0 := now.AddDate(0, -11, 0)
	at(t0)
	end := now.AddDate(0, 0, 20).Format(time.DateOnly)
	m, err := a.Mandates.Propose(sctx, sa, mandate.Input{Role: auth.Facilitator, HolderMemberID: holder.acc.MemberID,
		Scope: "Sets the agenda of the monthly partners' meeting, chairs it, and decides alone when to move an item to the next " +
			"meeting or to a working group. Spends up to 150 from the meetings budget on rooms and refreshments.",
		TermStart: t0.Format(time.DateOnly), TermEnd: end, ClosesInDays: 7})
	if err != nil {
		return fmt.Errorf("mandates: propose: %w", err)
	}
	consent := decision.VoteInput{Choice: decision.Choice{Position: "consent"}}
	for i, v := range voters[:5] {
		at(t0.Add(time.Duration(i+1) * time.Hour))
		if _, err := a.Decisions.Vote(v.ctx, v.acc, *m.PendingDecisionID, consent); err != nil {
			return fmt.Errorf("mandates: grant vote: %w", err)
		}
	}
	at(t0.AddDate(0, 0, 7))
	if err := a.Decisions.Close(sctx, sa, *m.PendingDecisionID); err != nil {
		return fmt.Errorf("mandates: grant close: %w", err)
	}

	at(now.AddDate(0, 0, -40))
	if err := refresh(); err != nil {
		return err
	}
	r, err := a.Mandates.OpenRound(sctx, sa, m.ID, 14)
	if err != nil {
		return fmt.Errorf("mandates: feedback round: %w", err)
	}
	for i, ans := range demoFeedback {
		v := voters[i]
		if err := a.Mandates.Give(v.ctx, v.acc, m.ID, r.ID, ans); err != nil {
			return fmt.Errorf("mandates: feedback: %w", err)
		}
	}

	at(now.AddDate(0, 0, -1))
	if err := refresh(); err != nil {
		return err
	}
	next := now.AddDate(1, 0, 20).Format(time.DateOnly)
	rn, err := a.Mandates.Renew(sctx, sa, m.ID, mandate.RenewInput{TermEnd: next, ClosesInDays: 7})
	if err != nil {
		return fmt.Errorf("mandates: renew: %w", err)
	}
	for i, v := range voters[:3] {
		at(now.AddDate(0, 0, -1).Add(time.Duration(i+1) * time.Hour))
		if _, err := a.Decisions.Vote(v.ctx, v.acc, *rn.PendingDecisionID, consent); err != nil {
			return fmt.Errorf("mandates: renewal vote: %w", err)
		}
	}
	return nil
}
