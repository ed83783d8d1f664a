package measure

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// row is one measurement on its way in, from a form, the API or a CSV line.
type row struct {
	line  int   // the CSV line, or the position in a request (from 1)
	ind   int64 // indicator id
	key   string
	day   string
	value float64
	text  string
	org   int64 // 0 for none (a steward reporting for the collective itself)
}

// LineError is one refused line or item and why.
type LineError struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// bdKey names a breakdown of an indicator before it has an id.
type bdKey struct {
	ind int64
	key string
}

// bucket is a rollup key: an indicator's breakdown in one month.
type bucket struct {
	ind, bd int64
	period  string
}

// agg is a rollup's figures.
type agg struct {
	count         int64
	sum, min, max float64
	lastDay       string
	lastValue     float64
}

func (g *agg) add(day string, v float64) {
	if g.count == 0 {
		g.min, g.max = v, v
	}
	g.count++
	g.sum += v
	g.min, g.max = min(g.min, v), max(g.max, v)
	if day >= g.lastDay {
		g.lastDay, g.lastValue = day, v
	}
}

// period is the month a day falls in: the rollups' grain.
func period(day string) string { return day[:7] }

// markStored finds rows already stored (same indicator, breakdown and date)
// and returns their reasons by index: a stored measurement is changed by a
// correction, which keeps its history, never by reporting it again.
func markStored(ctx context.Context, tx *store.Tx, rows []row) (map[int]string, error) {
	type span struct{ from, to string }
	spans := map[bdKey]*span{} // the dates each breakdown has in the batch
	for _, r := range rows {
		k := bdKey{r.ind, r.key}
		s := spans[k]
		if s == nil {
			spans[k] = &span{r.day, r.day}
		} else {
			s.from, s.to = min(s.from, r.day), max(s.to, r.day)
		}
	}
	type dated struct {
		bdKey
		day string
	}
	stored := map[dated]bool{}
	for k, s := range spans {
		var days []string
		err := tx.Select(ctx, &days, `SELECT m.on_date FROM measure_measurements m JOIN measure_breakdowns b ON b.id = m.breakdown_id
			WHERE b.indicator_id = ? AND b.key = ? AND m.indicator_id = b.indicator_id AND m.on_date BETWEEN ? AND ?`, k.ind, k.key, s.from, s.to)
		if err != nil {
			return nil, err
		}
		for _, d := range days {
			stored[dated{k, d}] = true
		}
	}
	bad := map[int]string{}
	if len(stored) == 0 {
		return bad, nil
	}
	for i, r := range rows {
		if stored[dated{bdKey{r.ind, r.key}, r.day}] {
			bad[i] = "a measurement for this indicator, date and breakdown is already stored; correct it instead of reporting it again."
		}
	}
	return bad, nil
}

// breakdownIDs returns the id of every (indicator, key) in rows, making
// the breakdowns that are new.
func breakdownIDs(ctx context.Context, tx *store.Tx, rows []row) (map[bdKey]int64, error) {
	ids := map[bdKey]int64{}
	for _, r := range rows {
		k := bdKey{r.ind, r.key}
		if _, ok := ids[k]; ok {
			continue
		}
		if _, err := tx.Exec(ctx, "INSERT INTO measure_breakdowns (indicator_id, key) VALUES (?, ?) ON CONFLICT DO NOTHING", r.ind, r.key); err != nil {
			return nil, err
		}
		var id int64
		if err := tx.Get(ctx, &id, "SELECT id FROM measure_breakdowns WHERE indicator_id = ? AND key = ?", r.ind, r.key); err != nil {
			return nil, err
		}
		ids[k] = id
	}
	return ids, nil
}

// batchRows is how many measurements one INSERT carries: 9 values each,
// well under both databases' limits on parameters, and large enough that
// parsing and planning the statement is paid rarely.
const batchRows = 256

// insertRows writes rows in multi-row INSERTs through prepared statements
// and returns the rollups they add to, accumulated in memory so each is
// written once however many rows fall into it.
func insertRows(ctx context.Context, tx *store.Tx, a *collective.Access, rows []row, progress func(done, total int)) (map[bucket]*agg, error) {
	ids, err := breakdownIDs(ctx, tx, rows)
	if err != nil {
		return nil, err
	}
	var reporter any
	if a.User != nil {
		reporter = a.User.ID
	}
	prepare := func(n int) (*sql.Stmt, error) {
		q := "INSERT INTO measure_measurements (indicator_id, breakdown_id, on_date, value, value_text, reported_by, organisation_id, created_at, updated_at) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
		return tx.SQL().PrepareContext(ctx, rebind(tx.Dialect, q))
	}
	full, err := prepare(batchRows)
	if err != nil {
		return nil, err
	}
	defer full.Close()
	rollups := map[bucket]*agg{}
	args := make([]any, 0, 9*batchRows)
	for start := 0; start < len(rows); start += batchRows {
		chunk := rows[start:min(start+batchRows, len(rows))]
		args = args[:0]
		for _, r := range chunk {
			bd := ids[bdKey{r.ind, r.key}]
			var org any
			if r.org != 0 {
				org = r.org
			}
			args = append(args, r.ind, bd, r.day, r.value, r.text, reporter, org, tx.Now, tx.Now)
			b := bucket{r.ind, bd, period(r.day)}
			g := rollups[b]
			if g == nil {
				g = &agg{}
				rollups[b] = g
			}
			g.add(r.day, r.value)
		}
		st := full
		if len(chunk) < batchRows {
			if st, err = prepare(len(chunk)); err != nil {
				return nil, err
			}
			defer st.Close()
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return nil, fmt.Errorf("measure: insert measurements: %w", err)
		}
		if progress != nil && (start/batchRows)%40 == 0 {
			progress(start+len(chunk), len(rows))
		}
	}
	if progress != nil {
		progress(len(rows), len(rows))
	}
	return rollups, nil
}

// addRollups merges new figures into the stored rollups, one upsert per
// bucket. It is only right for rows that are new to their bucket, which
// markStored guarantees.
func addRollups(ctx context.Context, tx *store.Tx, rollups map[bucket]*agg) error {
	least, greatest := "min", "max"
	if tx.Dialect == store.Postgres {
		least, greatest = "LEAST", "GREATEST"
	}
	q := rebind(tx.Dialect, `INSERT INTO measure_rollups (indicator_id, breakdown_id, period, count, sum, min, max, last_date, last_value)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (indicator_id, breakdown_id, period) DO UPDATE SET
		count = measure_rollups.count + excluded.count, sum = measure_rollups.sum + excluded.sum,
		min = `+least+`(measure_rollups.min, excluded.min), max = `+greatest+`(measure_rollups.max, excluded.max),
		last_value = CASE WHEN excluded.last_date > measure_rollups.last_date THEN excluded.last_value ELSE measure_rollups.last_value END,
		last_date = CASE WHEN excluded.last_date > measure_rollups.last_date THEN excluded.last_date ELSE measure_rollups.last_date END`)
	st, err := tx.SQL().PrepareContext(ctx, q)
	if err != nil {
		return err
	}
	defer st.Close()
	keys := make([]bucket, 0, len(rollups))
	for b := range rollups {
		keys = append(keys, b)
	}
	// A fixed order, so two writers on PostgreSQL lock rollup rows in the
	// same order and cannot deadlock each other.
	sort.Slice(keys, func(i, j int) bool {
		x, y := keys[i], keys[j]
		if x.ind != y.ind {
			return x.ind < y.ind
		}
		if x.bd != y.bd {
			return x.bd < y.bd
		}
		return x.period < y.period
	})
	for _, b := range keys {
		g := rollups[b]
		if _, err := st.ExecContext(ctx, b.ind, b.bd, b.period, g.count, g.sum, g.min, g.max, g.lastDay, g.lastValue); err != nil {
			return fmt.Errorf("measure: rollup: %w", err)
		}
	}
	for i, b := range keys { // keys are sorted by indicator: one bump each
		if i == 0 || keys[i-1].ind != b.ind {
			if err := bumpDataVersion(ctx, tx, b.ind); err != nil {
				return err
			}
		}
	}
	return nil
}

// bumpDataVersion marks an indicator's measurements as changed, so cached
// series read before the change are never used again.
func bumpDataVersion(ctx context.Context, tx *store.Tx, ind int64) error {
	_, err := tx.Exec(ctx, "UPDATE measure_indicators SET data_version = data_version + 1 WHERE id = ?", ind)
	return err
}

// recomputeRollup rebuilds one bucket from its raw rows, after a change
// that cannot be merged (a correction can lower a maximum).
func recomputeRollup(ctx context.Context, tx *store.Tx, b bucket) error {
	if _, err := tx.Exec(ctx, "DELETE FROM measure_rollups WHERE indicator_id = ? AND breakdown_id = ? AND period = ?", b.ind, b.bd, b.period); err != nil {
		return err
	}
	var rs []struct {
		Day   string  `db:"on_date"`
		Value float64 `db:"value"`
	}
	if err := tx.Select(ctx, &rs, `SELECT on_date, value FROM measure_measurements
		WHERE indicator_id = ? AND breakdown_id = ? AND on_date BETWEEN ? AND ? ORDER BY on_date`,
		b.ind, b.bd, b.period+"-01", b.period+"-31"); err != nil {
		return err
	}
	if len(rs) == 0 {
		return bumpDataVersion(ctx, tx, b.ind)
	}
	g := &agg{}
	for _, r := range rs {
		g.add(r.Day, r.Value)
	}
	return addRollups(ctx, tx, map[bucket]*agg{b: g})
}

// rebind turns ? placeholders into PostgreSQL's $1, $2, … for statements
// prepared on the raw transaction (Tx's own methods rebind for themselves).
// The measurement statements hold no literal question marks.
func rebind(d store.Dialect, q string) string {
	if d != store.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// today is the date of now in UTC.
func today(now time.Time) string { return now.UTC().Format(dateLayout) }
