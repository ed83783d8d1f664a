package commitment

import (
	"context"

	"commonground/internal/store"
)

// tally is what one change adds to a party's ledger row (negative to take
// away). given and received are filled by unit from the commitment size.
type tally struct {
	made, open                                       int64
	givenCount, givenMinutes, givenMoney, givenUnits int64
	recvCount, recvMinutes, recvMoney, recvUnits     int64
	kept, keptOnTime, notKept, released              int64
}

// sized fills the given (or received) columns of t for one kept c: the
// count always, and the size under its unit.
func (t *tally) sized(c *Commitment, given bool) {
	count, minutes, money, units := &t.recvCount, &t.recvMinutes, &t.recvMoney, &t.recvUnits
	if given {
		count, minutes, money, units = &t.givenCount, &t.givenMinutes, &t.givenMoney, &t.givenUnits
	}
	*count++
	switch c.SizeUnit {
	case Hours:
		*minutes += c.SizeAmount
	case Money:
		*money += c.SizeAmount
	case Count:
		*units += c.SizeAmount
	}
}

// countCreated adds a new, proposed commitment to its committer's ledger
// rows and the board's counts. The counts go first, as in countTransition:
// every transaction takes its row locks in the same order (counts, ledger,
// months, pairs), so two of them on PostgreSQL never wait on each other in
// a circle.
func countCreated(ctx context.Context, tx *store.Tx, c *Commitment) error {
	if err := moveCount(ctx, tx, c, "", c.State); err != nil {
		return err
	}
	changes := partyTallies{}
	changes.add(committerParties(c), tally{made: 1, open: 1})
	return changes.writeLedger(ctx, tx, c.CollectiveID)
}

// countTransition moves the counters of c, which just went from state from
// to c.State, on day (YYYY-MM-DD, UTC): the board's counts always; the
// ledger, its months and the pair when the promise closes.
func countTransition(ctx context.Context, tx *store.Tx, c *Commitment, from State, day string) error {
	if from == c.State {
		return nil
	}
	if err := moveCount(ctx, tx, c, from, c.State); err != nil {
		return err
	}
	if c.State.Open() {
		return nil
	}
	giver := tally{open: -1}
	switch c.State {
	case Kept:
		giver.kept = 1
		if c.OnTime != nil && *c.OnTime {
			giver.keptOnTime = 1
		}
		giver.sized(c, true)
	case NotKept:
		giver.notKept = 1
	case Released:
		giver.released = 1
	}
	changes := partyTallies{}
	changes.add(committerParties(c), giver)
	if c.State == Kept {
		var taker tally
		taker.sized(c, false)
		changes.add(recipientParties(c), taker)
	}
	if err := changes.writeLedger(ctx, tx, c.CollectiveID); err != nil {
		return err
	}
	if c.State == Kept {
		if err := changes.writeMonths(ctx, tx, c.CollectiveID, day[:7]); err != nil {
			return err
		}
	}
	return addPair(ctx, tx, c)
}

// partyRef names one ledger row's party.
type partyRef struct {
	kind string // "member" or "organisation"
	id   int64
}

// committerParties are the rows a commitment counts for as made: its
// committer and the organisation they promised for. Someone who has left
// (id set to NULL) has no row to count in.
func committerParties(c *Commitment) []partyRef {
	return parties2(c.CommitterMemberID, c.CommitterOrgID)
}

// recipientParties are the rows a kept commitment counts for as received;
// the whole collective has none.
func recipientParties(c *Commitment) []partyRef {
	return parties2(c.RecipientMemberID, c.RecipientOrgID)
}

func parties2(member, org *int64) []partyRef {
	var out []partyRef
	if member != nil {
		out = append(out, partyRef{"member", *member})
	}
	if org != nil {
		out = append(out, partyRef{"organisation", *org})
	}
	return out
}

// addPair counts a kept or broken promise between two members.
func addPair(ctx context.Context, tx *store.Tx, c *Commitment) error {
	if c.State == Released || c.CommitterMemberID == nil || c.RecipientMemberID == nil {
		return nil
	}
	var kept, notKept int64 = 1, 0
	if c.State == NotKept {
		kept, notKept = 0, 1
	}
	_, err := tx.Exec(ctx, `INSERT INTO commitment_pairs (collective_id, committer_member_id, recipient_member_id, kept, not_kept)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (collective_id, committer_member_id, recipient_member_id) DO UPDATE SET
		kept = commitment_pairs.kept + excluded.kept, not_kept = commitment_pairs.not_kept + excluded.not_kept`,
		c.CollectiveID, *c.CommitterMemberID, *c.RecipientMemberID, kept, notKept)
	return err
}

// moveCount moves c from state from ("" for a new one) to state to in the
// board's counts of its goal (0 for none).
func moveCount(ctx context.Context, tx *store.Tx, c *Commitment, from, to State) error {
	goal := deref(c.GoalID)
	moves := []struct {
		state State
		n     int
	}{{from, -1}, {to, 1}}
	// Lower state name first, for the same reason as partyTallies.sorted.
	if from > to {
		moves[0], moves[1] = moves[1], moves[0]
	}
	for _, d := range moves {
		if d.state == "" {
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO commitment_counts (collective_id, goal_id, state, n) VALUES (?, ?, ?, ?)
			ON CONFLICT (collective_id, goal_id, state) DO UPDATE SET n = commitment_counts.n + excluded.n`,
			c.CollectiveID, goal, d.state, d.n); err != nil {
			return err
		}
	}
	return nil
}
