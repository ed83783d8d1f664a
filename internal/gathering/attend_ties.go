package gathering

import (
	"context"
	"sort"
	"time"
)

// SharedAttendance lists the ties of shared attendance in a collective
// between from and to (occurrences starting in [from, to)), ordered by A
// then B. It checks no role: the trust feature calls it for its network
// metrics, which it shows under its own rules.
func (s *Service) SharedAttendance(ctx context.Context, collectiveID int64, from, to time.Time) ([]Tie, error) {
	var occs []struct {
		ID       int64     `db:"id"`
		StartsAt time.Time `db:"starts_at"`
		EndsAt   time.Time `db:"ends_at"`
	}
	err := s.DB.Select(ctx, &occs, `SELECT o.id, o.starts_at, o.ends_at FROM gathering_occurrences o
		WHERE o.collective_id = ? AND o.status = 'planned' AND o.starts_at >= ? AND o.starts_at < ? AND o.attended > 1`,
		collectiveID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	hours := make(map[int64]float64, len(occs))
	for _, o := range occs {
		hours[o.ID] = o.EndsAt.Sub(o.StartsAt).Hours()
	}
	var rows []struct {
		OccurrenceID int64 `db:"occurrence_id"`
		MemberID     int64 `db:"member_id"`
	}
	// The pairs are made here rather than by a self-join: a self-join
	// returns one row per pair per date, the same work with more rows.
	err = s.DB.Select(ctx, &rows, `SELECT a.occurrence_id, a.member_id FROM gathering_attendance a
		JOIN gathering_occurrences o ON o.id = a.occurrence_id
		WHERE o.collective_id = ? AND o.status = 'planned' AND o.starts_at >= ? AND o.starts_at < ? AND o.attended > 1
		ORDER BY a.occurrence_id, a.member_id`, collectiveID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	type pair struct{ a, b int64 }
	ties := map[pair]*Tie{}
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].OccurrenceID == rows[i].OccurrenceID {
			j++
		}
		h := hours[rows[i].OccurrenceID]
		for x := i; x < j; x++ {
			for y := x + 1; y < j; y++ {
				p := pair{rows[x].MemberID, rows[y].MemberID} // ordered by member_id, so a < b
				t := ties[p]
				if t == nil {
					t = &Tie{A: p.a, B: p.b}
					ties[p] = t
				}
				t.Gatherings++
				t.SharedHours += h
			}
		}
		i = j
	}
	out := make([]Tie, 0, len(ties))
	for _, t := range ties {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out, nil
}
