package decision

import (
	"context"

	"commonground/internal/collective"
)

// blockVote is how one organisation votes in the organisations' chamber:
// the ballot most of its voting members cast, or an abstention when two
// ballots tie for most.
type blockVote struct {
	name      string
	choice    string
	c         Choice
	reason    string
	voters    int
	abstained bool
}

// blocks works out each organisation's block vote from the counted
// ballots, in the order of the organisations' names. In an anonymous
// decision an organisation votes only with at least the collective's
// minimum group size of ballots, so a block never gives away a few
// people's votes.
func (s *Service) blocks(ctx context.Context, q querier, a *collective.Access, d *Decision, cs []counted) ([]blockVote, []Block, error) {
	var orgs []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
	}
	if err := q.Select(ctx, &orgs, "SELECT id, name FROM organisations WHERE collective_id = ? ORDER BY sort_name, id",
		d.CollectiveID); err != nil {
		return nil, nil, err
	}
	var out []blockVote
	var shown []Block
	for _, o := range orgs {
		tally := map[string]int{}
		var order []int // first ballot of each distinct choice, in ballot order
		n := 0
		for i, c := range cs {
			if !containsID(c.orgs, o.ID) {
				continue
			}
			n++
			if tally[c.choice] == 0 {
				order = append(order, i)
			}
			tally[c.choice]++
		}
		if n == 0 || (d.Anonymous && n < a.Collective.MinGroupSize) {
			continue
		}
		best, tied := -1, false
		for _, i := range order {
			switch k := tally[cs[i].choice]; {
			case best < 0 || k > tally[cs[best].choice]:
				best, tied = i, false
			case k == tally[cs[best].choice]:
				tied = true
			}
		}
		b := blockVote{name: o.Name, voters: n, abstained: tied}
		if !tied {
			b.choice, b.c, b.reason = cs[best].choice, cs[best].c, cs[best].reason
		}
		out = append(out, b)
		shown = append(shown, Block{Organisation: o.Name, Voters: n, Abstained: tied})
	}
	return out, shown, nil
}

// containsID reports whether ids holds id.
func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
