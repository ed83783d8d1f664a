package decision

// The power page: who proposes, who votes, whose objections change
// outcomes, per person, per organisation and per month, and how
// concentrated that is. It reads the monthly counters in power_counts and
// the sums kept beside them (power_totals per member, power_months per
// month), never ballots, so the page costs what the members and months
// cost, not what the decisions and ballots do. Anonymous decisions add nothing to the counters (the core
// calls addPower for named ones only): per-person figures would say who
// took part.

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"commonground/internal/store"
)

// PowerDelta is what one event adds to a member's power counters.
type PowerDelta struct {
	Proposals, Votes, Objections, Decisive int64
}

// MaxPowerMonths is the longest window the power page takes.
const MaxPowerMonths = 1200

// powerMonth is the counters' month of t.
func powerMonth(t time.Time) string { return t.UTC().Format("2006-01") }

// addPower adds d to the member's counters for the month of at, inside the
// transaction of the event (and to the sums kept beside them).
func addPower(ctx context.Context, tx *store.Tx, collectiveID, memberID int64, at time.Time, d PowerDelta) error {
	return addPowerBatch(ctx, tx, collectiveID, at, map[int64]*PowerDelta{memberID: &d})
}

// powerBatch is how many members one upsert of addPowerBatch writes: 7
// parameters a row stays under SQLite's 32,766 and PostgreSQL's 65,535.
const powerBatch = 400

// addsUp is the tail of an upsert into table that adds the new row's
// counters to the stored ones.
func addsUp(table string) string {
	return ` DO UPDATE SET proposals = ` + table + `.proposals + excluded.proposals,
		votes = ` + table + `.votes + excluded.votes, objections = ` + table + `.objections + excluded.objections,
		decisive_objections = ` + table + `.decisive_objections + excluded.decisive_objections`
}

// addPowerBatch adds each member's delta for the month of at to the
// counters (power_counts), to the members' totals (power_totals) and, all
// together, to the month's sums (power_months), in multi-row upserts:
// closing a decision with 100,000 voters is 500 statements, not 200,000.
// Members go in id order, so two closes in one collective lock rows in the
// same order on PostgreSQL and cannot deadlock; a member appears once per
// statement (a map key), which PostgreSQL's ON CONFLICT needs.
func addPowerBatch(ctx context.Context, tx *store.Tx, collectiveID int64, at time.Time, deltas map[int64]*PowerDelta) error {
	ids := make([]int64, 0, len(deltas))
	var sum PowerDelta
	for id, d := range deltas {
		if d != nil && *d != (PowerDelta{}) {
			ids = append(ids, id)
			sum.Proposals, sum.Votes = sum.Proposals+d.Proposals, sum.Votes+d.Votes
			sum.Objections, sum.Decisive = sum.Objections+d.Objections, sum.Decisive+d.Decisive
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	month := powerMonth(at)
	if tx.Dialect == store.Postgres {
		err := addPowerArrays(ctx, tx, collectiveID, month, ids, deltas)
		if err != nil {
			return err
		}
		return addPowerMonth(ctx, tx, collectiveID, month, sum)
	}
	for start := 0; start < len(ids); start += powerBatch {
		batch := ids[start:min(start+powerBatch, len(ids))]
		counts := make([]any, 0, 7*len(batch))
		totals := make([]any, 0, 6*len(batch))
		for _, id := range batch {
			d := deltas[id]
			counts = append(counts, collectiveID, id, month, d.Proposals, d.Votes, d.Objections, d.Decisive)
			totals = append(totals, collectiveID, id, d.Proposals, d.Votes, d.Objections, d.Decisive)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO power_counts (collective_id, member_id, month, proposals, votes, objections,
			decisive_objections) VALUES `+rowPlaceholders(len(batch), 7)+` ON CONFLICT (collective_id, member_id, month)`+
			addsUp("power_counts"), counts...); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO power_totals (collective_id, member_id, proposals, votes, objections,
			decisive_objections) VALUES `+rowPlaceholders(len(batch), 6)+` ON CONFLICT (collective_id, member_id)`+
			addsUp("power_totals"), totals...); err != nil {
			return err
		}
	}
	return addPowerMonth(ctx, tx, collectiveID, month, sum)
}

// addPowerMonth adds sum to the month's row of power_months.
func addPowerMonth(ctx context.Context, tx *store.Tx, collectiveID int64, month string, sum PowerDelta) error {
	_, err := tx.Exec(ctx, `INSERT INTO power_months (collective_id, month, proposals, votes, objections, decisive_objections)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (collective_id, month)`+addsUp("power_months"),
		collectiveID, month, sum.Proposals, sum.Votes, sum.Objections, sum.Decisive)
	return err
}

// addPowerArrays is addPowerBatch's PostgreSQL path: the members and their
// counters go as five arrays into one upsert per table (unnest), so closing
// a decision with 100,000 voters is two statements that PostgreSQL plans
// once, not 500 of 2,800 parameters each, which cost it seconds to parse
// and bind. ids are sorted, and unnest keeps their order.
func addPowerArrays(ctx context.Context, tx *store.Tx, collectiveID int64, month string, ids []int64,
	deltas map[int64]*PowerDelta) error {
	props, votes := make([]int64, len(ids)), make([]int64, len(ids))
	objs, decisive := make([]int64, len(ids)), make([]int64, len(ids))
	for i, id := range ids {
		d := deltas[id]
		props[i], votes[i], objs[i], decisive[i] = d.Proposals, d.Votes, d.Objections, d.Decisive
	}
	const rows = ` FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
		AS d(member_id, proposals, votes, objections, decisive_objections)`
	if _, err := tx.Exec(ctx, `INSERT INTO power_counts (collective_id, member_id, month, proposals, votes, objections,
		decisive_objections) SELECT ?, member_id, ?, proposals, votes, objections, decisive_objections`+rows+`
		ON CONFLICT (collective_id, member_id, month)`+addsUp("power_counts"),
		collectiveID, month, ids, props, votes, objs, decisive); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO power_totals (collective_id, member_id, proposals, votes, objections,
		decisive_objections) SELECT ?, member_id, proposals, votes, objections, decisive_objections`+rows+`
		ON CONFLICT (collective_id, member_id)`+addsUp("power_totals"),
		collectiveID, ids, props, votes, objs, decisive)
	return err
}

// rebuildPowerSums recomputes a collective's power_totals and power_months
// from its counters, for code that writes power_counts directly (tests,
// the benchmark's generator).
func rebuildPowerSums(ctx context.Context, tx *store.Tx, collectiveID int64) error {
	for _, q := range []string{
		`DELETE FROM power_totals WHERE collective_id = ?`,
		`DELETE FROM power_months WHERE collective_id = ?`,
		`INSERT INTO power_totals (collective_id, member_id, proposals, votes, objections, decisive_objections)
			SELECT collective_id, member_id, SUM(proposals), SUM(votes), SUM(objections), SUM(decisive_objections)
			FROM power_counts WHERE collective_id = ? GROUP BY collective_id, member_id`,
		`INSERT INTO power_months (collective_id, month, proposals, votes, objections, decisive_objections)
			SELECT collective_id, month, SUM(proposals), SUM(votes), SUM(objections), SUM(decisive_objections)
			FROM power_counts WHERE collective_id = ? GROUP BY collective_id, month`,
	} {
		if _, err := tx.Exec(ctx, q, collectiveID); err != nil {
			return err
		}
	}
	return nil
}

// halfCount is the fewest people whose proposals make at least half of
// total: the most active first. 0 when nobody proposed anything.
func halfCount(proposals []float64, total int64) int {
	if total == 0 {
		return 0
	}
	sorted := slices.Clone(proposals)
	slices.SortFunc(sorted, func(a, b float64) int { return cmp.Compare(b, a) })
	var sum float64
	for i, v := range sorted {
		sum += v
		if 2*sum >= float64(total) {
			return i + 1
		}
	}
	return len(sorted)
}

// nextMonth is the month after m (YYYY-MM).
func nextMonth(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return "9999-12" // ends the loop on a month that is not one
	}
	return powerMonth(t.AddDate(0, 1, 0))
}

// rowPlaceholders is "(?, ?), (?, ?)" for rows rows of cols columns.
func rowPlaceholders(rows, cols int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}
