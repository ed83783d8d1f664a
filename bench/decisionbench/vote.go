package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"commonground/bench/seed"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/decision"
	"commonground/internal/store"
)

// voteQuestions are decisiongen's anonymous decisions one vote is timed
// in, the smaller first.
var voteQuestions = []string{"Bench: anonymous majority, 10,000 ballots", "Bench: anonymous majority"}

// timeVote times one anonymous vote by the last member who may vote (not
// among the smaller decision's voters; in the larger one their turnout row
// is taken out before the runs and put back after, so they may vote). After
// each run the new ballot (found by its receipt, as the voter could) and
// turnout row are taken out, untimed, so every run votes into the same
// number of ballots.
func timeVote(ctx context.Context, db *store.DB, s *decision.Service, col *collective.Service, cid int64, runs int) error {
	var v struct {
		UserID int64  `db:"user_id"`
		Name   string `db:"name"`
	}
	if err := db.Get(ctx, &v, `SELECT u.id AS user_id, u.name AS name FROM members m JOIN users u ON u.id = m.user_id
		WHERE m.collective_id = ? AND EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = m.id AND r.role <> 'observer')
		ORDER BY m.id DESC LIMIT 1`, cid); err != nil {
		return fmt.Errorf("the voter: %w", err)
	}
	vctx := auth.WithUser(ctx, &auth.User{ID: v.UserID, Name: v.Name})
	a, err := col.Access(vctx, seed.Slug)
	if err != nil {
		return err
	}
	for _, q := range voteQuestions {
		var id int64
		if err := db.Get(ctx, &id, "SELECT id FROM decisions WHERE collective_id = ? AND question = ?", cid, q); err != nil {
			return fmt.Errorf("%s: %w (run decisiongen -mode close first)", q, err)
		}
		// The close bench leaves the decisions closed.
		if err := reopen(ctx, db, id); err != nil {
			return err
		}
		var had int
		if err := db.Get(ctx, &had, "SELECT count(*) FROM decision_turnout WHERE decision_id = ? AND member_id = ?", id, a.MemberID); err != nil {
			return err
		}
		ballots, err := count(ctx, db, id)
		if err != nil {
			return err
		}
		if had > 0 {
			if err := forget(ctx, db, id, a.MemberID, ""); err != nil {
				return err
			}
		}
		var took []time.Duration
		for range runs {
			t := time.Now()
			r, err := s.Vote(vctx, a, id, decision.VoteInput{Choice: decision.Choice{Option: new(0)}})
			if err != nil {
				return fmt.Errorf("%s: vote: %w", q, err)
			}
			took = append(took, time.Since(t))
			if r == nil || r.Code == "" {
				return fmt.Errorf("%s: the vote gave no receipt", q)
			}
			sum := sha256.Sum256([]byte(r.Code))
			if err := forget(ctx, db, id, a.MemberID, hex.EncodeToString(sum[:])); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
			if n, err := count(ctx, db, id); err != nil || n != ballots {
				return fmt.Errorf("%s: %d ballots after the run, want %d (%v)", q, n, ballots, err)
			}
		}
		if had > 0 {
			if err := db.Write(ctx, func(tx *store.Tx) error { return addTurnout(ctx, tx, id, a.MemberID) }); err != nil {
				return err
			}
		}
		fmt.Printf("Vote  %-43s %7d ballots, %d runs: %s\n", q+":", ballots, runs, stats(took))
	}
	return nil
}

// forget takes the member's turnout row out of the decision and, given a
// receipt hash, the ballot it belongs to (which must be there).
func forget(ctx context.Context, db *store.DB, id, member int64, hash string) error {
	return db.Write(ctx, func(tx *store.Tx) error {
		if hash != "" {
			n, err := tx.Exec(ctx, "DELETE FROM anonymous_ballots WHERE decision_id = ? AND receipt_hash = ?", id, hash)
			if err != nil {
				return err
			}
			if n != 1 {
				return fmt.Errorf("the new ballot was not found by its receipt (%d rows)", n)
			}
		}
		if _, err := tx.Exec(ctx, "DELETE FROM decision_turnout WHERE decision_id = ? AND member_id = ?", id, member); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE decisions SET turnout = (SELECT count(*) FROM decision_turnout WHERE decision_id = ?)
			WHERE id = ?`, id, id)
		return err
	})
}

// addTurnout puts the member's turnout row back, as before the runs.
func addTurnout(ctx context.Context, tx *store.Tx, id, member int64) error {
	if _, err := tx.Exec(ctx, "INSERT INTO decision_turnout (decision_id, member_id) VALUES (?, ?)", id, member); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, "UPDATE decisions SET turnout = turnout + 1 WHERE id = ?", id)
	return err
}

// count is the decision's anonymous ballots.
func count(ctx context.Context, db *store.DB, id int64) (int, error) {
	var n int
	err := db.Get(ctx, &n, "SELECT count(*) FROM anonymous_ballots WHERE decision_id = ?", id)
	return n, err
}
