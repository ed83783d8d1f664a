package decision

import (
	"fmt"
	"slices"
	"strings"

	"commonground/internal/vote"
)

// election builds the engine's election from ballots, merging identical
// ones (in chamber) and multiplying by weight.
func election(d *Decision, cs []counted, chamber string) *vote.Election {
	e := &vote.Election{Seats: d.Seats, Seed: uint64(d.Seed)}
	for _, o := range d.Options {
		e.Candidates = append(e.Candidates, o.Label)
	}
	at := map[string]int{}
	for _, c := range cs {
		if c.weight <= 0 {
			continue
		}
		if i, found := at[c.choice]; found {
			e.Ballots[i].Count += c.weight
			continue
		}
		at[c.choice] = len(e.Ballots)
		b := toVote(c.c)
		b.Count, b.Chamber = c.weight, chamber
		e.Ballots = append(e.Ballots, b)
	}
	return e
}

// toVote is a choice as the engine reads it.
func toVote(c Choice) vote.Ballot {
	var b vote.Ballot
	switch {
	case c.Option != nil:
		b.Marks = []vote.Mark{{Candidate: *c.Option, Value: 1}}
	case c.Marks != nil:
		for i, m := range c.Marks {
			if m > 0 {
				b.Marks = append(b.Marks, vote.Mark{Candidate: i, Value: m})
			}
		}
	case c.Ranks != nil:
		var levels []int
		for _, r := range c.Ranks {
			if r > 0 && !slices.Contains(levels, r) {
				levels = append(levels, r)
			}
		}
		slices.Sort(levels)
		groups := make([][]int, len(levels))
		for i, r := range c.Ranks {
			if r > 0 {
				k := slices.Index(levels, r)
				groups[k] = append(groups[k], i)
			}
		}
		b.Ranks = vote.Rank(groups)
	}
	return b
}

// engine is the tally function of d's option method.
func engine(d *Decision) func(*vote.Election) (*vote.Result, error) {
	switch d.Method {
	case Majority:
		return func(e *vote.Election) (*vote.Result, error) {
			return vote.Majority(e, vote.MajorityOptions{Quorum: d.Quorum, ThresholdNum: d.ThresholdNum,
				ThresholdDen: d.ThresholdDen, AtLeast: d.AtLeast})
		}
	case Approval, TimePoll:
		return vote.Approval
	case Score:
		return vote.Score
	case Dot:
		return func(e *vote.Election) (*vote.Result, error) { return vote.Dot(e, d.MaxDots) }
	case Borda:
		return vote.Borda
	case IRV:
		return vote.IRV
	case STV:
		rules := vote.STVMeek
		if d.STVRules == "wigm" {
			rules = vote.STVWIGM
		}
		return func(e *vote.Election) (*vote.Result, error) { return vote.STV(e, vote.STVOptions{Rules: rules}) }
	}
	return vote.Schulze
}

// explain writes the count in sentences: the engine's note, each round's
// transfers and each tie broken.
func explain(d *Decision, r *Results) []string {
	var out []string
	if r.Note != "" {
		out = append(out, strings.TrimSuffix(upperFirst(r.Note), ".")+".")
	}
	if r.Tally == nil {
		return out
	}
	for _, rd := range r.Tally.Rounds {
		if rd.Transfers != "" {
			out = append(out, fmt.Sprintf("Round %d: %s", rd.Number, rd.Transfers))
		}
	}
	name := func(cs []int) string {
		var ns []string
		for _, c := range cs {
			if c >= 0 && c < len(d.Options) {
				ns = append(ns, d.Options[c].Label)
			}
		}
		if len(ns) < 2 {
			return strings.Join(ns, "")
		}
		return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
	}
	for _, tb := range r.Tally.TieBreaks {
		s := fmt.Sprintf("%s were tied; settled by %s: %s.", name(tb.Among), tb.Rule, name(tb.Chosen))
		if tb.Round > 0 {
			s = fmt.Sprintf("Round %d: %s", tb.Round, s)
		}
		out = append(out, s)
	}
	return out
}
