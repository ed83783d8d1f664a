package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"commonground/internal/decision"
	"commonground/internal/store"
)

// Questions name the close decisions, so bench/decisionbench finds them.
// Voters, when set, is how many of the first voters (in member order) have
// voted in it; otherwise all of them have. The smaller anonymous decision
// is for timing one anonymous vote at 10,000 ballots (beside the 100,000 of
// the others); its last voters have not voted, so they can.
var Questions = []struct {
	Q         string
	Method    decision.Method
	Anonymous bool
	Voters    int
}{
	{"Bench: named majority", decision.Majority, false, 0},
	{"Bench: named Schulze", decision.Schulze, false, 0},
	{"Bench: anonymous majority", decision.Majority, true, 0},
	{"Bench: anonymous Schulze", decision.Schulze, true, 0},
	{"Bench: anonymous majority, 10,000 ballots", decision.Majority, true, 10_000},
}

// fillClose makes the decisions through the service and writes every
// voter's ballot in each (the first Voters' in a smaller one).
func fillClose(ctx context.Context, db *store.DB, w *world, options int) error {
	rng := rand.New(rand.NewPCG(11, 2026))
	// The options' pull: the first is liked most, the others less and
	// less, with enough noise that every option gets votes and a ranking
	// has pairs to compare.
	pull := make([]float64, options)
	for i := range pull {
		pull[i] = float64(options-i) / float64(options)
	}
	for _, q := range Questions {
		t := time.Now()
		opts := make([]decision.OptionInput, options)
		for i := range opts {
			opts[i] = decision.OptionInput{Label: fmt.Sprintf("Option %c", 'A'+i)}
		}
		_, d, err := w.S.Propose(w.Ctx, w.Steward, decision.ProposalInput{Title: q.Q, Body: "Generated for the benchmark."},
			&decision.DecisionInput{Method: q.Method, Question: q.Q, Options: opts, Electorate: decision.AllMembers,
				Anonymous: q.Anonymous, ResultsShown: decision.AfterClose, Reasons: decision.ReasonsOff,
				ClosesAt: db.Now().Add(30 * 24 * time.Hour)})
		if err != nil {
			return fmt.Errorf("%s: %w", q.Q, err)
		}
		voters := w.Voters
		if q.Voters > 0 {
			voters = voters[:min(q.Voters, len(voters)-1)]
		}
		err = db.Write(ctx, func(tx *store.Tx) error { return writeBallots(ctx, tx, d, voters, q.Method, q.Anonymous, pull, rng) })
		if err != nil {
			return fmt.Errorf("%s: ballots: %w", q.Q, err)
		}
		fmt.Printf("%s: decision %d, %d ballots in %s\n", q.Q, d.ID, len(voters), time.Since(t).Round(time.Millisecond))
	}
	return nil
}

// writeBallots writes one ballot for each of voters in d and their turnout rows, as
// voting does: named ballots carry the voter and the time; anonymous ones
// a random key, a receipt hash and no time, inserted in key order (as the
// PostgreSQL path rewrites them), turnout in member order.
func writeBallots(ctx context.Context, tx *store.Tx, d *decision.Decision, voters []voter, m decision.Method, anonymous bool,
	pull []float64, rng *rand.Rand) error {
	now := tx.Now.Truncate(time.Second)
	type anon struct{ id, hash, choice string }
	var anons []anon
	named := newBatch(tx, "ballots (decision_id, member_id, voter_name, choice, reason, cast_at, updated_at)")
	for i, v := range voters {
		choice, err := draw(rng, m, pull)
		if err != nil {
			return err
		}
		if anonymous {
			var key, code [16]byte
			for j := range key {
				key[j], code[j] = byte(rng.Uint32()), byte(rng.Uint32())
			}
			sum := sha256.Sum256([]byte(hex.EncodeToString(code[:])[:12]))
			anons = append(anons, anon{hex.EncodeToString(key[:]), hex.EncodeToString(sum[:]), choice})
			continue
		}
		at := now.Add(-time.Duration(len(voters)-i) * time.Second)
		if err := named.add(ctx, d.ID, v.ID, v.Name, choice, "", at, at); err != nil {
			return err
		}
	}
	if err := named.flush(ctx); err != nil {
		return err
	}
	slices.SortFunc(anons, func(a, b anon) int { return strings.Compare(a.id, b.id) })
	ab := newBatch(tx, "anonymous_ballots (decision_id, id, receipt_hash, choice, reason)")
	for _, a := range anons {
		if err := ab.add(ctx, d.ID, a.id, a.hash, a.choice, ""); err != nil {
			return err
		}
	}
	if err := ab.flush(ctx); err != nil {
		return err
	}
	turnout := newBatch(tx, "decision_turnout (decision_id, member_id)")
	for _, v := range voters {
		if err := turnout.add(ctx, d.ID, v.ID); err != nil {
			return err
		}
	}
	if err := turnout.flush(ctx); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, "UPDATE decisions SET turnout = ? WHERE id = ?", len(voters), d.ID)
	return err
}

// draw is one voter's ballot as stored (the service's Choice as JSON): a
// majority vote for the option with the most pull plus noise, or a full
// ranking by the same.
func draw(rng *rand.Rand, m decision.Method, pull []float64) (string, error) {
	score := make([]float64, len(pull))
	for i, p := range pull {
		score[i] = p + rng.Float64()*1.2
	}
	order := make([]int, len(pull))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return 0
	})
	var c decision.Choice
	if m == decision.Majority {
		c.Option = &order[0]
	} else {
		c.Ranks = make([]int, len(pull))
		for rank, o := range order {
			c.Ranks[o] = rank + 1
		}
	}
	b, err := json.Marshal(c)
	return string(b), err
}
