package decision

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/vote"
)

// counted is one ballot as the count sees it: a voter's own, one a proxy
// carries for a member who did not vote, or an anonymous one.
type counted struct {
	choice   string // JSON, so identical ballots merge
	c        Choice
	reason   string
	name     string // the voter; "Anonymous ballot N" in anonymous decisions
	memberID int64  // 0 for anonymous ballots
	own      bool   // cast by the voter themselves
	weight   int64
	orgs     []int64 // organisations a named ballot speaks for (anonymous ones: anonymous_blocks)
}

// tallied is what closing needs besides the Results.
type tallied struct {
	own        []int64 // members who voted themselves (named decisions)
	objectors  []int64 // members whose own ballot objects
	blockedBy  bool    // consent failed because objections stood (not for want of a quorum)
	winners    []int   // options, in the order elected; none when the chambers disagree
	ballotsCnt int     // ballots counted, people not weights
}

// count tallies d's ballots as they stand: named ballots, ballots proxies
// carry, and anon (the anonymous ballots, in key order).
func (s *Service) count(ctx context.Context, q querier, a *collective.Access, d *Decision, p *Proposal, anon []anonBallot) (*Results, *tallied, error) {
	mi, _ := Lookup(d.Method)
	// Only proxies need the electorate by name; otherwise its size will do
	// (a decision may have 100,000 voters).
	var voters []voter
	size, err := electorateSize(ctx, q, d)
	if err != nil {
		return nil, nil, err
	}
	if d.Proxies && !d.Anonymous {
		if voters, err = electorate(ctx, q, d); err != nil {
			return nil, nil, err
		}
	}
	ws, err := weights(ctx, q, d)
	if err != nil {
		return nil, nil, err
	}
	var cs []counted
	t := &tallied{}
	if d.Anonymous {
		decoded := map[string]Choice{} // ballots alike decode once
		for i, b := range anon {
			c := counted{choice: b.Choice, reason: b.Reason, name: fmt.Sprintf("Anonymous ballot %d", i+1), weight: 1}
			var found bool
			if c.c, found = decoded[b.Choice]; !found {
				if err := json.Unmarshal([]byte(b.Choice), &c.c); err != nil {
					return nil, nil, fmt.Errorf("decision %d: anonymous ballot %d: %w", d.ID, i+1, err)
				}
				decoded[b.Choice] = c.c
			}
			cs = append(cs, c)
		}
	} else if cs, err = s.namedBallots(ctx, q, d, p, voters, ws, t); err != nil {
		return nil, nil, err
	}
	if d.Chambers && !d.Anonymous {
		if err := affiliate(ctx, q, d.CollectiveID, cs); err != nil {
			return nil, nil, err
		}
	}
	t.ballotsCnt = len(cs)
	r := &Results{DecisionID: d.ID, Visible: true, Turnout: d.Turnout, Electorate: size}
	for _, c := range cs {
		r.Counted += c.weight
	}
	quorumMet := true
	if d.Quorum > 0 {
		quorumMet = r.Counted >= d.Quorum
		r.QuorumMet = &quorumMet
	}
	var blocks []blockVote
	if d.Chambers {
		if blocks, r.Blocks, err = s.blocks(ctx, q, a, d, cs); err != nil {
			return nil, nil, err
		}
	}
	if mi.Ballot == PositionBallot {
		tallyPositions(mi, d, r, cs, t)
		if d.Method == Consent {
			if err := tallyConsent(d, r, cs, blocks, quorumMet, t); err != nil {
				return nil, nil, err
			}
		}
	} else if err := tallyOptions(d, r, cs, blocks, t); err != nil {
		return nil, nil, err
	}
	r.Explanation = explain(d, r)
	for _, c := range cs {
		if d.Anonymous && c.reason != "" {
			r.Reasons = append(r.Reasons, c.reason)
		}
	}
	return r, t, nil
}

// namedBallots reads the named ballots and adds, for each voter who did
// not vote, the ballot their chain of proxies leads to.
func (s *Service) namedBallots(ctx context.Context, q querier, d *Decision, p *Proposal, voters []voter, ws map[int64]int64, t *tallied) ([]counted, error) {
	// Only what the count needs: a decision may have 100,000 ballots, and
	// reading their times alone would cost a second.
	var bs []struct {
		MemberID int64  `db:"member_id"`
		Name     string `db:"voter_name"`
		Choice   string `db:"choice"`
		Reason   string `db:"reason"`
	}
	if err := q.Select(ctx, &bs, `SELECT member_id, voter_name, choice, reason FROM ballots WHERE decision_id = ? ORDER BY member_id`,
		d.ID); err != nil {
		return nil, err
	}
	mi, _ := Lookup(d.Method)
	cs := make([]counted, 0, len(bs))
	byMember := make(map[int64]int, len(bs))
	decoded := map[string]Choice{} // ballots alike decode once
	for _, b := range bs {
		c, found := decoded[b.Choice]
		if !found {
			if err := json.Unmarshal([]byte(b.Choice), &c); err != nil {
				return nil, fmt.Errorf("decision %d: ballot of member %d: %w", d.ID, b.MemberID, err)
			}
			decoded[b.Choice] = c
		}
		byMember[b.MemberID] = len(cs)
		cs = append(cs, counted{choice: b.Choice, c: c, reason: b.Reason, name: b.Name, memberID: b.MemberID,
			own: true, weight: weightOf(ws, b.MemberID)})
		t.own = append(t.own, b.MemberID)
		if pos, found := mi.PositionOf(c.Position); found && pos.Objection {
			t.objectors = append(t.objectors, b.MemberID)
		}
	}
	if !d.Proxies {
		return cs, nil
	}
	chain, err := proxyMap(ctx, q, d.CollectiveID, d.ID, p.Topic)
	if err != nil {
		return nil, err
	}
	voted := func(id int64) bool { _, found := byMember[id]; return found }
	for _, v := range voters {
		if voted(v.MemberID) {
			continue
		}
		to, found := follow(chain, voted, v.MemberID)
		if !found {
			continue
		}
		b := cs[byMember[to]]
		cs = append(cs, counted{choice: b.choice, c: b.c, reason: b.reason, name: v.Name + " (by proxy: " + b.name + ")",
			memberID: v.MemberID, weight: weightOf(ws, v.MemberID)})
	}
	return cs, nil
}

// affiliate fills each named ballot's organisations from its member's
// affiliations.
func affiliate(ctx context.Context, q querier, collectiveID int64, cs []counted) error {
	var rows []struct {
		Member int64 `db:"member_id"`
		Org    int64 `db:"organisation_id"`
	}
	if err := q.Select(ctx, &rows, `SELECT f.member_id, f.organisation_id FROM affiliations f
		JOIN organisations o ON o.id = f.organisation_id WHERE o.collective_id = ? ORDER BY f.member_id, f.organisation_id`,
		collectiveID); err != nil {
		return err
	}
	orgs := map[int64][]int64{}
	for _, r := range rows {
		orgs[r.Member] = append(orgs[r.Member], r.Org)
	}
	for i := range cs {
		cs[i].orgs = orgs[cs[i].memberID]
	}
	return nil
}

// tallyPositions counts position ballots by weight, in the method's order,
// and lists the objections.
func tallyPositions(mi MethodInfo, d *Decision, r *Results, cs []counted, t *tallied) {
	for _, p := range mi.Positions {
		pc := PositionCount{Position: p}
		for _, c := range cs {
			if c.c.Position == p.Key {
				pc.Count += c.weight
			}
		}
		r.Positions = append(r.Positions, pc)
	}
	for _, c := range cs {
		if p, found := mi.PositionOf(c.c.Position); found && p.Objection {
			o := Objection{Reason: c.reason}
			if !d.Anonymous {
				o.Name = c.name
			}
			r.Objections = append(r.Objections, o)
		}
	}
}

// tallyConsent decides a consent decision: no standing objection and the
// quorum met; with two chambers, no organisation's block objecting either.
func tallyConsent(d *Decision, r *Results, cs []counted, blocks []blockVote, quorumMet bool, t *tallied) error {
	var obj []vote.Objection
	for _, c := range cs {
		if c.c.Position == "object" {
			obj = append(obj, vote.Objection{Member: c.name, Reason: reasonOr(c.reason)})
		}
	}
	res, err := vote.Consent(obj)
	if err != nil {
		return err
	}
	r.Tally = res
	passed := *res.Passed
	t.blockedBy = !passed && quorumMet
	if d.Chambers {
		var orgObj []vote.Objection
		for _, b := range blocks {
			if !b.abstained && b.c.Position == "object" {
				orgObj = append(orgObj, vote.Objection{Member: b.name, Reason: reasonOr(b.reason)})
			}
		}
		orgs, err := vote.Consent(orgObj)
		if err != nil {
			return err
		}
		both := passed && *orgs.Passed && len(blocks) > 0
		r.Chambers = map[string]*vote.Result{"individuals": res, "organisations": orgs}
		r.ChambersPassed = &both
		t.blockedBy = t.blockedBy || (!*orgs.Passed && quorumMet)
		passed = both
	}
	r.Note = res.Note
	if !quorumMet {
		r.Note = fmt.Sprintf("failed: the quorum is %d and %d counted", d.Quorum, r.Counted)
		passed = false
	}
	r.Passed = &passed
	return nil
}

// reasonOr is a reason, or a placeholder for an objection given without
// one (allowed when the decision's rule is not to ask).
func reasonOr(reason string) string {
	if strings.TrimSpace(reason) == "" {
		return "no reason given"
	}
	return reason
}

// tallyOptions counts an option method, in two chambers when d has them.
func tallyOptions(d *Decision, r *Results, cs []counted, blocks []blockVote, t *tallied) error {
	run := engine(d)
	e := election(d, cs, "")
	if len(e.Ballots) == 0 {
		r.Note = "No ballots were counted."
		if d.Method == Majority {
			no := false
			r.Passed = &no
		}
		return nil
	}
	res, err := run(e)
	if err != nil {
		return err
	}
	r.Tally, r.Passed, r.Note = res, res.Passed, res.Note
	t.winners = res.Winners
	if !d.Chambers {
		return nil
	}
	var orgCs []counted
	for _, b := range blocks {
		if !b.abstained {
			orgCs = append(orgCs, counted{choice: b.choice, c: b.c, weight: 1})
		}
	}
	both := false
	r.Chambers = map[string]*vote.Result{"individuals": res}
	if org := election(d, orgCs, "organisations"); len(org.Ballots) > 0 {
		all := election(d, cs, "individuals")
		all.Ballots = append(all.Ballots, org.Ballots...)
		if r.Chambers, both, err = vote.Chambers(all, run); err != nil {
			return err
		}
	}
	r.ChambersPassed = &both
	if !both {
		t.winners = nil
		if r.Passed != nil {
			no := false
			r.Passed = &no
		}
		r.Note = "The individuals and the organisations did not choose the same; nothing passes."
	}
	return nil
}
