package decision

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// StartDecision opens (or schedules) a decision on a proposal.
func (s *Service) StartDecision(ctx context.Context, a *collective.Access, proposalID int64, in DecisionInput) (*Decision, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	in.Subject = "" // only other features name a subject, through ProposeInTx
	var d *Decision
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		p, err := loadProposal(ctx, tx, a, proposalID)
		if err != nil {
			return err
		}
		d, err = s.startDecision(ctx, tx, a, p, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// startDecision checks and stores a decision on p inside tx.
func (s *Service) startDecision(ctx context.Context, tx *store.Tx, a *collective.Access, p *Proposal, in DecisionInput) (*Decision, error) {
	if !leads(a, p) {
		return nil, errs.New(errs.Forbidden, "Only the proposal's author, a facilitator or a steward can start a decision on it.")
	}
	if p.Status == Withdrawn {
		return nil, errs.New(errs.Conflict, "This proposal was withdrawn; it cannot be decided.")
	}
	if err := noDecisionUnderWay(ctx, tx, p.ID, "start another"); err != nil {
		return nil, err
	}
	c, err := checkDecision(ctx, tx, a, p, in)
	if err != nil {
		return nil, err
	}
	d := c.d
	d.Seed = newSeed()
	uid := a.User.ID
	d.CreatedBy, d.CreatedAt = &uid, tx.Now
	d.ID, err = tx.Insert(ctx, `INSERT INTO decisions (collective_id, proposal_id, method, question, subject, electorate,
		electorate_role, anonymous, results_shown, reasons, seats, quorum, threshold_num, threshold_den, at_least, max_score,
		max_dots, stv_rules, weighted, proxies, chambers, status, opens_at, closes_at, seed, version, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		d.CollectiveID, d.ProposalID, d.Method, d.Question, d.Subject, d.Electorate, d.ElectorateRole, d.Anonymous,
		d.ResultsShown, d.Reasons, d.Seats, d.Quorum, d.ThresholdNum, d.ThresholdDen, d.AtLeast, d.MaxScore, d.MaxDots,
		d.STVRules, d.Weighted, d.Proxies, d.Chambers, d.Status, d.OpensAt, d.ClosesAt, d.Seed, uid, tx.Now)
	if err != nil {
		return nil, err
	}
	d.Options = []Option{}
	for i, o := range c.options {
		if _, err := tx.Exec(ctx, "INSERT INTO decision_options (decision_id, position, label, starts_at) VALUES (?, ?, ?, ?)",
			d.ID, i, o.Label, o.StartsAt); err != nil {
			return nil, err
		}
		d.Options = append(d.Options, Option{Position: i, Label: o.Label, StartsAt: o.StartsAt})
	}
	voters := map[int64]int64{}
	for _, id := range c.invited {
		voters[id] = weightOf(c.weights, id)
	}
	for id, w := range c.weights {
		voters[id] = w
	}
	for id, w := range voters {
		if _, err := tx.Exec(ctx, "INSERT INTO decision_voters (decision_id, member_id, weight) VALUES (?, ?, ?)", d.ID, id, w); err != nil {
			return nil, err
		}
	}
	if d.Chambers {
		if err := needOrganisation(ctx, tx, a, d); err != nil {
			return nil, err
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE proposals SET status = 'deciding', updated_at = ? WHERE id = ?", tx.Now, p.ID); err != nil {
		return nil, err
	}
	verb, summary := "decision.opened", actorName(a)+" opened a decision on “"+p.Title+"”"
	if d.Status == Scheduled {
		verb, summary = "decision.scheduled", actorName(a)+" scheduled a decision on “"+p.Title+"” to open on "+when(d.OpensAt)
	}
	return d, record(ctx, tx, a, activity.Everyone, verb, d.Question, DecisionLink(a, d.ID), summary)
}

// needOrganisation refuses two chambers when no organisation has members
// who may vote in d; in an anonymous decision, at least the collective's
// minimum group size of them, as only such organisations vote as a block.
func needOrganisation(ctx context.Context, tx *store.Tx, a *collective.Access, d *Decision) error {
	w, args := electorateWhere(d)
	var most []int
	if err := tx.Select(ctx, &most, `SELECT count(*) AS n FROM affiliations f JOIN members m ON m.id = f.member_id
		WHERE `+w+` GROUP BY f.organisation_id ORDER BY n DESC LIMIT 1`, args...); err != nil {
		return err
	}
	switch {
	case len(most) == 0:
		return errs.Field("chambers", "Two chambers need at least one organisation with members who may vote.")
	case d.Anonymous && most[0] < a.Collective.MinGroupSize:
		return errs.Field("chambers", "Two chambers in an anonymous decision need an organisation with at least %d members who may vote, so that no block gives away a few people's votes.",
			a.Collective.MinGroupSize)
	}
	return nil
}

// newSeed draws the positive seed that settles ties by lot.
func newSeed() int64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("decision: no randomness: %v", err))
	}
	if s := int64(binary.BigEndian.Uint64(b[:]) >> 1); s > 0 {
		return s
	}
	return 1
}

// Decision returns a decision as the viewer sees it.
func (s *Service) Decision(ctx context.Context, a *collective.Access, id int64) (*DecisionView, error) {
	if err := requireMember(a); err != nil {
		return nil, err
	}
	d, err := loadDecision(ctx, s.DB, a, id)
	if err != nil {
		return nil, err
	}
	p, err := loadProposal(ctx, s.DB, a, d.ProposalID)
	if err != nil {
		return nil, err
	}
	mi, _ := Lookup(d.Method)
	v := &DecisionView{Decision: *d, Proposal: *p, Info: mi}
	if v.Electorate, err = electorateSize(ctx, s.DB, d); err != nil {
		return nil, err
	}
	var n int
	if err := s.DB.Get(ctx, &n, "SELECT count(*) FROM decision_turnout WHERE decision_id = ? AND member_id = ?", id, a.MemberID); err != nil {
		return nil, err
	}
	v.Voted = n > 0
	if !d.Anonymous && v.Voted {
		var bs []Ballot
		if err := s.DB.Select(ctx, &bs, `SELECT decision_id, member_id, voter_name, choice, reason, cast_at, updated_at
			FROM ballots WHERE decision_id = ? AND member_id = ?`, id, a.MemberID); err != nil {
			return nil, err
		}
		if len(bs) > 0 {
			_ = json.Unmarshal([]byte(bs[0].ChoiceJSON), &bs[0].Choice)
			v.MyBallot = &bs[0]
		}
	}
	v.WhyNot = s.whyNot(ctx, a, d, v.Voted)
	v.CanVote = v.WhyNot == ""
	if d.Proxies && !d.Anonymous {
		if v.MyProxy, v.VotingFor, err = s.proxiesAround(ctx, s.DB, d, p, a.MemberID); err != nil {
			return nil, err
		}
	}
	lead := leads(a, p)
	v.CanClose = lead && d.Status == Open && mayEnd(a, d, s.DB.Now())
	v.CanCancel = lead && (d.Status == Open || d.Status == Scheduled) && (d.Subject == "" || a.IsSteward())
	v.CanRecord = lead && d.Status == Closed
	return v, nil
}

// whyNot says in a sentence why the viewer cannot vote in d now, or "".
func (s *Service) whyNot(ctx context.Context, a *collective.Access, d *Decision, voted bool) string {
	now := s.DB.Now()
	switch {
	case d.Status == Cancelled:
		return "This decision was cancelled."
	case d.Status == Scheduled || now.Before(d.OpensAt):
		return "Voting opens on " + when(d.OpensAt) + "."
	case d.Status == Closed && d.ClosedAt != nil:
		return "Voting closed on " + when(*d.ClosedAt) + "."
	case d.Status == Closed || !now.Before(d.ClosesAt):
		return "Voting closed on " + when(d.ClosesAt) + "."
	case !a.CanContribute() && a.IsMember() && !a.Collective.Archived():
		return "Observers can read but not vote."
	}
	if _, err := s.voterWeight(ctx, s.DB, a, d, a.MemberID); err != nil {
		return errs.Message(err)
	}
	if d.Anonymous && voted {
		return "You have already voted; use your receipt code to change your ballot."
	}
	return ""
}

// Cancel stops a decision before it closes (the proposer or a steward);
// its ballots are not counted.
func (s *Service) Cancel(ctx context.Context, a *collective.Access, id int64) error {
	if err := a.RequireContributor(); err != nil {
		return err
	}
	d, err := loadDecision(ctx, s.DB, a, id)
	if err != nil {
		return err
	}
	p, err := loadProposal(ctx, s.DB, a, d.ProposalID)
	if err != nil {
		return err
	}
	if !leads(a, p) {
		return errs.New(errs.Forbidden, "Only the proposal's author, a facilitator or a steward can cancel its decision.")
	}
	if d.Subject != "" && !a.IsSteward() {
		return errs.New(errs.Forbidden, "Only a steward can cancel this decision: it decides a mandate.")
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		n, err := tx.Exec(ctx, `UPDATE decisions SET status = 'cancelled', version = version + 1
			WHERE id = ? AND status IN ('scheduled', 'open')`, id)
		if err != nil {
			return err
		}
		if n == 0 {
			var st Status
			if err := tx.Get(ctx, &st, "SELECT status FROM decisions WHERE id = ?", id); err != nil {
				return err
			}
			return errs.New(errs.Conflict, "This decision is already %s.", st)
		}
		if err := s.runCancelHooks(ctx, tx, d); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE proposals SET status = 'discussion', updated_at = ? WHERE id = ? AND status = 'deciding'",
			tx.Now, p.ID); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.Everyone, "decision.cancelled", d.Question, DecisionLink(a, id),
			actorName(a)+" cancelled the decision on “"+p.Title+"”")
	})
}
