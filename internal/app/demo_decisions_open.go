package app

import (
	"time"

	"commonground/internal/decision"
)

// openMajority: a majority vote open now, closing in five days.
func (s *demoDecisions) openMajority() error {
	t0 := s.now.AddDate(0, 0, -2)
	s.at(t0, 0, 0)
	_, d, err := s.propose(9, "Move the partners' meeting to an evening",
		"Daytime meetings keep out partners who volunteer around their jobs. Which evening suits most?",
		"meetings", &decision.DecisionInput{Method: decision.Majority, Question: "Which evening for the partners' meeting?",
			Options:    demoOptions("Tuesday", "Wednesday", "Thursday", "Keep it in the daytime"),
			Electorate: decision.AllMembers, ResultsShown: decision.Always, ClosesAt: s.now.AddDate(0, 0, 5)})
	if err != nil {
		return err
	}
	for k, o := range []int{1, 1, 2, 0, 1, 3, 2} {
		s.at(t0, 1, k)
		if err := s.vote(k+2, d.ID, decision.Choice{Option: new(o)}, ""); err != nil {
			return err
		}
	}
	return nil
}

// openDots: an anonymous dot vote open now; its results wait for the close.
func (s *demoDecisions) openDots() error {
	t0 := s.now.AddDate(0, 0, -1)
	s.at(t0, 0, 0)
	_, d, err := s.propose(13, "Spend the £2,000 community chest",
		"Four ideas came in. Spread your ten dots; nobody sees who put dots where.",
		"grants", &decision.DecisionInput{Method: decision.Dot, Question: "How should we spend the community chest?",
			Options: demoOptions("Breakfast club cereal for a year", "Youth project minibus trips", "Pantry freezer", "Interpreters for parents' evenings"),
			MaxDots: 10, Anonymous: true, Electorate: decision.AllMembers, ResultsShown: decision.AfterClose,
			ClosesAt: s.now.AddDate(0, 0, 6)})
	if err != nil {
		return err
	}
	for k, m := range [][]int64{{4, 3, 3, 0}, {0, 10, 0, 0}, {2, 2, 2, 4}, {5, 0, 5, 0}, {0, 3, 0, 7}} {
		s.at(t0, 0, 30+k)
		if err := s.vote(k+14, d.ID, decision.Choice{Marks: m}, ""); err != nil {
			return err
		}
	}
	return nil
}

// timePoll: a poll for the autumn assembly's date, open now.
func (s *demoDecisions) timePoll() error {
	t0 := s.now.AddDate(0, 0, -1)
	s.at(t0, 0, 0)
	day := s.now.AddDate(0, 0, 21).Truncate(24 * time.Hour)
	var opts []decision.OptionInput
	for _, off := range []time.Duration{18 * time.Hour, 24*time.Hour + 18*time.Hour, 4*24*time.Hour + 10*time.Hour} {
		t := day.Add(off)
		opts = append(opts, decision.OptionInput{Label: t.Format("Monday 2 January, 15:04"), StartsAt: &t})
	}
	_, d, err := s.propose(0, "Hold the autumn assembly",
		"Every member is invited to the assembly. Tick every time you can make.",
		"assembly", &decision.DecisionInput{Method: decision.TimePoll, Question: "When can you come to the autumn assembly?",
			Options: opts, Electorate: decision.AllMembers, ResultsShown: decision.Always, ClosesAt: s.now.AddDate(0, 0, 7)})
	if err != nil {
		return err
	}
	for k, m := range [][]int64{{1, 0, 1}, {1, 1, 0}, {0, 1, 1}, {1, 1, 1}, {0, 0, 1}} {
		s.at(t0, 0, 30+k)
		if err := s.vote(k+20, d.ID, decision.Choice{Marks: m}, ""); err != nil {
			return err
		}
	}
	return nil
}

// discussion: a proposal still being talked over, with replies and a
// mention.
func (s *demoDecisions) discussion() error {
	t0 := s.now.AddDate(0, 0, -4)
	s.at(t0, 0, 0)
	p, _, err := s.propose(12, "Start a tool library at the community hall",
		"Many households need a drill or a ladder twice a year. A tool library at Eastbank community hall would lend them, run by volunteers.\n\nWho would help set it up?",
		"hall", nil)
	if err != nil {
		return err
	}
	say := func(who, day int, parent int64, body string) (int64, error) {
		s.at(t0, day, who)
		w := s.people[who%len(s.people)]
		c, err := s.a.Decisions.AddComment(w.ctx, w.acc, p.ID, parent, body)
		if err != nil {
			return 0, err
		}
		return c.ID, nil
	}
	c1, err := say(3, 1, 0, "The housing association has a store room we could lend. @Chen Wei, would the hall's insurance cover lending tools?")
	if err != nil {
		return err
	}
	if _, err := say(2, 2, c1, "I will ask the insurer this week; I think we need a simple signed loan form."); err != nil {
		return err
	}
	if _, err := say(15, 2, c1, "A store room would be perfect. I can do Saturday mornings."); err != nil {
		return err
	}
	_, err = say(8, 3, 0, "Let us start small: twenty tools, and see what people borrow.")
	return err
}

// proxy: a member lets another vote for them on the pantry.
func (s *demoDecisions) proxy() error {
	s.at(s.now, 0, -30)
	from, to := s.people[10], s.people[2]
	_, err := s.a.Decisions.Delegate(from.ctx, from.acc, decision.ProxyInput{ToMemberID: to.acc.MemberID, Topic: "pantry"})
	return err
}
