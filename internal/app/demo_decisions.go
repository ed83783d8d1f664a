package app

import (
	"context"
	"fmt"
	"time"

	"commonground/internal/auth"
	"commonground/internal/decision"
)

func init() { RegisterSeeder(seedDecisions) }

// demoDecisions seeds the demo's proposals and decisions. Like the
// commitments seeder it moves the database clock (DB.Now) to stamp the past,
// since the service reads its time from it, and puts it back on return.
type demoDecisions struct {
	a      *App
	people []demoActor
	now    time.Time
}

// seedDecisions gives the demo collective decisions by several methods:
// consent passed and blocked (then amended), an instant runoff and an STV
// election with their rounds, an open majority vote, an open anonymous dot
// vote, a time poll, a proposal still in discussion, and a topic proxy;
// proposals by several members over five months for the power page. It
// does nothing once the collective has proposals.
func seedDecisions(ctx context.Context, a *App, d *Demo) error {
	if a.Decisions == nil {
		return nil
	}
	sctx := auth.WithUser(ctx, d.Steward)
	sa, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	if pg, err := a.Decisions.Proposals(sctx, sa, decision.ProposalQuery{}); err != nil || pg.Total > 0 {
		return err
	}
	s := &demoDecisions{a: a}
	for _, u := range d.People {
		uctx := auth.WithUser(ctx, u)
		ua, err := a.Collectives.Access(uctx, DemoSlug)
		if err != nil {
			return err
		}
		if ua.CanContribute() {
			s.people = append(s.people, demoActor{ctx: uctx, acc: ua})
		}
	}
	if len(s.people) < 16 {
		return nil
	}
	realNow := a.DB.Now
	defer func() { a.DB.Now = realNow }()
	s.now = realNow().UTC().Truncate(time.Hour)
	for _, step := range []func() error{s.consentPassed, s.consentBlocked, s.runoff, s.stv, s.history,
		s.openMajority, s.openDots, s.timePoll, s.discussion, s.proxy} {
		if err := step(); err != nil {
			return fmt.Errorf("decisions: %w", err)
		}
	}
	return nil
}

// at sets the clock to days after t0 (plus minutes, to keep order).
func (s *demoDecisions) at(t0 time.Time, days, minutes int) {
	t := t0.AddDate(0, 0, days).Add(time.Duration(minutes) * time.Minute)
	s.a.DB.Now = func() time.Time { return t }
}

// propose puts a proposal by person i, with a decision when in is not nil.
func (s *demoDecisions) propose(i int, title, body, topic string, in *decision.DecisionInput) (*decision.Proposal, *decision.Decision, error) {
	p := s.people[i%len(s.people)]
	return s.a.Decisions.Propose(p.ctx, p.acc, decision.ProposalInput{Title: title, Body: body, Topic: topic}, in)
}

// vote casts person i's ballot.
func (s *demoDecisions) vote(i int, id int64, c decision.Choice, reason string) error {
	p := s.people[i%len(s.people)]
	_, err := s.a.Decisions.Vote(p.ctx, p.acc, id, decision.VoteInput{Choice: c, Reason: reason})
	return err
}

// closeAndRecord closes decision id as person i and records the outcome.
func (s *demoDecisions) closeAndRecord(i int, id int64, statement, reviewOn string) error {
	p := s.people[i%len(s.people)]
	if err := s.a.Decisions.Close(p.ctx, p.acc, id); err != nil {
		return err
	}
	if statement == "" {
		return nil
	}
	_, err := s.a.Decisions.RecordOutcome(p.ctx, p.acc, id, decision.OutcomeInput{Statement: statement, ReviewOn: reviewOn})
	return err
}

// demoConsent is a consent decision closing a week after t0.
func demoConsent(q string, t0 time.Time) *decision.DecisionInput {
	return &decision.DecisionInput{Method: decision.Consent, Question: q, Electorate: decision.AllMembers,
		ResultsShown: decision.Always, ClosesAt: t0.AddDate(0, 0, 7)}
}

// demoPos is a ballot taking position k.
func demoPos(k string) decision.Choice { return decision.Choice{Position: k} }

// consentPassed: four months ago, a consent decision that passed, with an
// outcome and a review date.
func (s *demoDecisions) consentPassed() error {
	t0 := s.now.AddDate(0, -4, 0)
	s.at(t0, 0, 0)
	_, d, err := s.propose(2, "Open the pantry one weekday evening a month",
		"Families who work on Saturdays cannot reach the pantry. Let us open on the first Wednesday evening of each month, 5 to 7 pm, for a trial of six months.\n\nThe food bank has the volunteers; the school lends the hall.",
		"pantry", demoConsent("Shall we open the pantry on the first Wednesday evening of each month?", t0))
	if err != nil {
		return err
	}
	for k, v := range []string{"consent", "consent", "consent", "stand_aside", "consent", "consent", "consent"} {
		s.at(t0, 1, k)
		reason := ""
		if v == "stand_aside" {
			reason = "I cannot help on Wednesdays, but I will not stand in the way."
		}
		if err := s.vote(k+3, d.ID, demoPos(v), reason); err != nil {
			return err
		}
	}
	s.at(t0, 6, 0)
	return s.closeAndRecord(2, d.ID, "The pantry opens on the first Wednesday evening of each month, 5 to 7 pm, for six months.",
		s.now.AddDate(0, 2, 0).Format(time.DateOnly))
}

// consentBlocked: three months ago, a consent decision blocked by an
// objection, then the amended proposal that passed.
func (s *demoDecisions) consentBlocked() error {
	t0 := s.now.AddDate(0, -3, 0)
	s.at(t0, 0, 0)
	_, d, err := s.propose(0, "Move the pantry to Saturdays only",
		"Running the pantry twice a week stretches the volunteers. Let us keep Saturdays and close on Tuesdays.",
		"pantry", demoConsent("Shall we run the pantry on Saturdays only?", t0))
	if err != nil {
		return err
	}
	votes := []string{"consent", "consent", "object", "consent", "consent"}
	for k, v := range votes {
		s.at(t0, 1, k)
		reason := ""
		if v == "object" {
			reason = "Families who work weekends would lose their only way to the pantry; the evening opening was meant for them."
		}
		if err := s.vote(k+6, d.ID, demoPos(v), reason); err != nil {
			return err
		}
	}
	s.at(t0, 5, 0)
	if err := s.closeAndRecord(0, d.ID, "Not adopted: an objection showed it would cut off families who work weekends.", ""); err != nil {
		return err
	}
	s.at(t0, 8, 0)
	t1 := t0.AddDate(0, 0, 8)
	_, d2, err := s.propose(0, "Saturdays, with one weekday evening kept",
		"Amended after the objection: close on Tuesdays, keep Saturdays and the monthly Wednesday evening.",
		"pantry", demoConsent("Shall we run the pantry on Saturdays and the first Wednesday evening of the month?", t1))
	if err != nil {
		return err
	}
	for k := range 6 {
		s.at(t1, 1, k)
		if err := s.vote(k+6, d2.ID, demoPos("consent"), ""); err != nil {
			return err
		}
	}
	s.at(t1, 6, 0)
	return s.closeAndRecord(0, d2.ID, "The pantry runs on Saturdays and on the first Wednesday evening of each month; Tuesdays close.",
		s.now.AddDate(0, 3, 0).Format(time.DateOnly))
}

// demoOptions makes option inputs from labels.
func demoOptions(labels ...string) []decision.OptionInput {
	out := make([]decision.OptionInput, len(labels))
	for i, l := range labels {
		out[i] = decision.OptionInput{Label: l}
	}
	return out
}

// runoff: two months ago, an instant-runoff vote that takes three rounds.
func (s *demoDecisions) runoff() error {
	t0 := s.now.AddDate(0, -2, 0)
	s.at(t0, 0, 0)
	_, d, err := s.propose(5, "Where to hold the summer fun day",
		"Four places have offered to host the fun day. Rank them; the least liked drops out until one has a majority.",
		"events", &decision.DecisionInput{Method: decision.IRV, Question: "Where shall we hold the summer fun day?",
			Options:    demoOptions("Riverside Park", "St Anne's school field", "The health centre car park", "Eastbank community hall"),
			Electorate: decision.AllMembers, ResultsShown: decision.AfterVote, ClosesAt: t0.AddDate(0, 0, 10)})
	if err != nil {
		return err
	}
	// 4 put the park first, 3 the school field, 3 the car park and 1 the
	// hall: the hall drops out, then the school field, and the car park
	// wins 6 to 5 in the third round.
	ballots := [][]int{{1, 3, 2, 0}, {1, 3, 2, 0}, {1, 3, 2, 0}, {1, 3, 2, 0}, {0, 1, 2, 0}, {0, 1, 2, 0}, {2, 1, 0, 0},
		{2, 0, 1, 0}, {2, 0, 1, 0}, {2, 0, 1, 0}, {0, 0, 2, 1}}
	for k, r := range ballots {
		s.at(t0, 1, k)
		if err := s.vote(k+1, d.ID, decision.Choice{Ranks: r}, ""); err != nil {
			return err
		}
	}
	s.at(t0, 9, 0)
	return s.closeAndRecord(5, d.ID, "The summer fun day is at the health centre car park.", "")
}

// stv: six weeks ago, an STV election for three seats on the grants panel.
func (s *demoDecisions) stv() error {
	t0 := s.now.AddDate(0, 0, -45)
	s.at(t0, 0, 0)
	cands := []string{"Dolores Ruiz", "Emeka Nwosu", "Hana Kobayashi", "Kasia Nowak", "Maya Patel", "Samir Haddad"}
	_, d, err := s.propose(0, "Elect the grants panel",
		"The grants panel decides the community chest's small grants for a year. Three seats; six members stood.",
		"grants", &decision.DecisionInput{Method: decision.STV, Question: "Who should sit on the grants panel?",
			Options: demoOptions(cands...), Seats: 3, STVRules: "meek", Electorate: decision.AllMembers,
			ResultsShown: decision.AfterClose, ClosesAt: t0.AddDate(0, 0, 10)})
	if err != nil {
		return err
	}
	ballots := [][]int{{1, 2, 0, 0, 3, 0}, {1, 0, 2, 0, 0, 3}, {1, 2, 3, 0, 0, 0}, {1, 0, 0, 2, 0, 0}, {1, 3, 0, 0, 2, 0},
		{0, 1, 2, 0, 0, 0}, {0, 1, 0, 0, 2, 0}, {2, 1, 0, 3, 0, 0}, {0, 0, 1, 2, 0, 0}, {0, 0, 1, 0, 0, 2},
		{0, 0, 0, 1, 2, 0}, {0, 0, 2, 0, 1, 0}, {0, 0, 0, 0, 1, 2}, {0, 2, 0, 0, 0, 1}}
	for k, r := range ballots {
		s.at(t0, 1, k)
		if err := s.vote(k+4, d.ID, decision.Choice{Ranks: r}, ""); err != nil {
			return err
		}
	}
	s.at(t0, 10, -60)
	return s.closeAndRecord(0, d.ID, "The grants panel for the year is elected.", s.now.AddDate(0, 10, 0).Format(time.DateOnly))
}

// history: smaller proposals over the months, by several members, so the
// power page has a trend and a spread.
func (s *demoDecisions) history() error {
	titles := []string{"Buy a second chest freezer for the pantry", "Share one volunteer rota across the partners",
		"Print the newsletter in Polish and Arabic", "Ask the council for the old library as a hub",
		"Pay the interpreters from the community chest", "Meet partners at the health centre in winter"}
	for k, title := range titles {
		t0 := s.now.AddDate(0, -5+k%5, 3)
		s.at(t0, 0, k)
		in := &decision.DecisionInput{Method: decision.SenseCheck, Question: title + "?", Electorate: decision.AllMembers,
			ResultsShown: decision.Always, ClosesAt: t0.AddDate(0, 0, 5)}
		_, d, err := s.propose([]int{0, 0, 7, 9, 0, 11}[k], title, "A quick check before we plan it properly.", "", in)
		if err != nil {
			return err
		}
		for v := range 4 {
			s.at(t0, 1, k*10+v)
			if err := s.vote(v*3+k, d.ID, demoPos([]string{"looks_good", "looks_good", "not_sure", "concerned"}[(v+k)%4]), ""); err != nil {
				return err
			}
		}
		s.at(t0, 4, k)
		if err := s.closeAndRecord(0, d.ID, "", ""); err != nil {
			return err
		}
	}
	return nil
}
