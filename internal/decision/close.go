package decision

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Close closes an open decision now (the proposer, a facilitator or a
// steward): it counts the ballots, stores the result, and runs the hooks.
func (s *Service) Close(ctx context.Context, a *collective.Access, id int64) error {
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
		return errs.New(errs.Forbidden, "Only the proposal's author, a facilitator or a steward can close its decision.")
	}
	if !mayEnd(a, d, s.DB.Now()) {
		return errs.New(errs.Forbidden, "Only a steward can close this decision early: it decides a mandate.")
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		closed, err := s.closeTx(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if !closed {
			var st Status
			if err := tx.Get(ctx, &st, "SELECT status FROM decisions WHERE id = ?", id); err != nil {
				return err
			}
			if st == Scheduled {
				return errs.New(errs.Conflict, "Voting has not opened yet; cancel the decision instead.")
			}
			return errs.New(errs.Conflict, "This decision is already %s.", st)
		}
		return nil
	})
}

// closeTx closes decision id inside tx if it is still open, and reports
// whether it did. Its first statement takes the decision's row, so a ballot
// whose transaction took it first is counted and one that waits finds the
// decision closed.
func (s *Service) closeTx(ctx context.Context, tx *store.Tx, a *collective.Access, id int64) (bool, error) {
	n, err := tx.Exec(ctx, `UPDATE decisions SET status = 'closed', closed_at = ?, version = version + 1
		WHERE id = ? AND collective_id = ? AND status = 'open'`, tx.Now, id, a.Collective.ID)
	if err != nil || n == 0 {
		return false, err
	}
	d, err := loadDecision(ctx, tx, a, id)
	if err != nil {
		return false, err
	}
	p, err := loadProposal(ctx, tx, a, d.ProposalID)
	if err != nil {
		return false, err
	}
	var anon []anonBallot
	if d.Anonymous {
		if anon, err = s.anonymousBallots(ctx, tx, id); err != nil {
			return false, err
		}
	}
	r, t, err := s.count(ctx, tx, a, d, p, anon)
	if err != nil {
		return false, fmt.Errorf("decision %d: count: %w", id, err)
	}
	r.Final, r.Visible, r.Hidden, r.Seed = true, true, "", d.Seed
	r = fewVoters(d, r, a.Collective.MinGroupSize)
	// The named ballots stay in their table (Results reads them back): a
	// decision with 100,000 voters would otherwise store and re-read
	// megabytes with every look at its result.
	js, err := json.Marshal(r)
	if err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, "UPDATE decisions SET result = ?, passed = ? WHERE id = ?", string(js), r.Passed, id); err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, "UPDATE proposals SET status = 'decided', updated_at = ? WHERE id = ? AND status = 'deciding'",
		tx.Now, p.ID); err != nil {
		return false, err
	}
	if !d.Anonymous {
		if err := closePower(ctx, tx, d, t); err != nil {
			return false, err
		}
	}
	summary := fmt.Sprintf("The decision on “%s” closed: %d %s counted", p.Title, t.ballotsCnt, plural(t.ballotsCnt, "ballot", "ballots"))
	if !d.Anonymous && r.Passed != nil {
		summary += map[bool]string{true: "; it passed", false: "; it did not pass"}[*r.Passed]
	}
	if err := record(ctx, tx, a, activity.Everyone, "decision.closed", d.Question, DecisionLink(a, id), summary+"."); err != nil {
		return false, err
	}
	cd := ClosedDecision{CollectiveID: d.CollectiveID, DecisionID: id, ProposalID: p.ID, Subject: d.Subject, Method: d.Method,
		Passed: r.Passed, ClosedAt: tx.Now}
	for _, w := range t.winners {
		cd.Winners = append(cd.Winners, d.Options[w])
	}
	for _, h := range s.OnClose {
		if err := h(ctx, tx, cd); err != nil {
			return false, err
		}
	}
	return true, nil
}

// closePower counts a named decision in its voters' power: a vote per own
// ballot, an objection per objection, and a decisive objection per
// objection when objections made a consent decision fail.
func closePower(ctx context.Context, tx *store.Tx, d *Decision, t *tallied) error {
	deltas := map[int64]*PowerDelta{}
	get := func(id int64) *PowerDelta {
		if deltas[id] == nil {
			deltas[id] = &PowerDelta{}
		}
		return deltas[id]
	}
	for _, id := range t.own {
		get(id).Votes++
	}
	for _, id := range t.objectors {
		get(id).Objections++
		if d.Method == Consent && t.blockedBy {
			get(id).Decisive++
		}
	}
	return addPowerBatch(ctx, tx, d.CollectiveID, tx.Now, deltas)
}

// plural picks the word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// mayEnd reports whether a may close d now or cancel it: a decision another
// feature made (a mandate's grant) is closed early or cancelled only by a
// steward, so its proposer cannot cut the vote short in their own favour;
// at its closing time anyone who leads it may close it.
func mayEnd(a *collective.Access, d *Decision, now time.Time) bool {
	return d.Subject == "" || a.IsSteward() || !now.Before(d.ClosesAt)
}
