package decision

import (
	"context"
	"encoding/json"
	"fmt"

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

// blocks works out each organisation's block vote, in the order of the
// organisations' names: from the counted ballots of its members in a named
// decision, from its own rows (anonymous_blocks) in an anonymous one, which
// are kept apart from the ballots so no ballot names its voter's
// organisations. In an anonymous decision an organisation votes only with
// at least the collective's minimum group size of ballots, so a block never
// gives away a few people's votes.
func (s *Service) blocks(ctx context.Context, q querier, a *collective.Access, d *Decision, cs []counted) ([]blockVote, []Block, error) {
	var orgs []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
	}
	if err := q.Select(ctx, &orgs, "SELECT id, name FROM organisations WHERE collective_id = ? ORDER BY sort_name, id",
		d.CollectiveID); err != nil {
		return nil, nil, err
	}
	byOrg := map[int64][]counted{}
	if d.Anonymous {
		rows, err := readBlocks(ctx, q, d.ID)
		if err != nil {
			return nil, nil, err
		}
		decoded := map[string]Choice{}
		for _, r := range rows {
			c, found := decoded[r.Choice]
			if !found {
				if err := json.Unmarshal([]byte(r.Choice), &c); err != nil {
					return nil, nil, fmt.Errorf("decision %d: organisation %d's ballot: %w", d.ID, r.OrgID, err)
				}
				decoded[r.Choice] = c
			}
			byOrg[r.OrgID] = append(byOrg[r.OrgID], counted{choice: r.Choice, c: c})
		}
	} else {
		for _, c := range cs {
			for _, o := range c.orgs {
				byOrg[o] = append(byOrg[o], c)
			}
		}
	}
	var out []blockVote
	var shown []Block
	for _, o := range orgs {
		b, ok := blockOf(byOrg[o.ID], d.Anonymous, a.Collective.MinGroupSize)
		if !ok {
			continue
		}
		b.name = o.Name
		out = append(out, b)
		shown = append(shown, Block{Organisation: o.Name, Voters: b.voters, Abstained: b.abstained})
	}
	return out, shown, nil
}

// blockOf is one organisation's block vote from its ballots: the most
// common, or an abstention when two tie for most. It votes not at all with
// no ballots, nor in an anonymous decision with fewer than minGroup.
func blockOf(cs []counted, anonymous bool, minGroup int) (blockVote, bool) {
	n := len(cs)
	if n == 0 || (anonymous && n < minGroup) {
		return blockVote{}, false
	}
	tally := map[string]int{}
	var order []int // first ballot of each distinct choice, in ballot order
	for i, c := range cs {
		if tally[c.choice] == 0 {
			order = append(order, i)
		}
		tally[c.choice]++
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
	b := blockVote{voters: n, abstained: tied}
	if !tied {
		b.choice, b.c, b.reason = cs[best].choice, cs[best].c, cs[best].reason
	}
	return b, true
}
