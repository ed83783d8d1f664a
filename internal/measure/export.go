package measure

import (
	"context"
	"encoding/csv"
	"io"

	"commonground/internal/collective"
)

// Export writes an indicator's measurements as CSV in the import format
// (indicator,date,value and one column per dimension), each value exactly
// as it was entered, so an exported file imports into another collective
// unchanged. Rows come breakdown by breakdown (the total first), by date.
func (s *Service) Export(ctx context.Context, a *collective.Access, indicatorID int64, w io.Writer) error {
	ind, err := s.Indicator(ctx, a, indicatorID)
	if err != nil {
		return err
	}
	bds, err := s.breakdowns(ctx, ind.ID)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head := []string{"indicator", "date", "value"}
	for _, d := range ind.Dimensions {
		head = append(head, d.Name)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	for _, bd := range bds {
		for i, d := range ind.Dimensions {
			rec[3+i] = bd.b[d.Name]
		}
		// One breakdown at a time keeps memory to one curve, not the whole
		// indicator.
		var rows []struct {
			Day  string `db:"on_date"`
			Text string `db:"value_text"`
		}
		if err := s.DB.Select(ctx, &rows, "SELECT on_date, value_text FROM measure_measurements WHERE indicator_id = ? AND breakdown_id = ? ORDER BY on_date",
			ind.ID, bd.ID); err != nil {
			return err
		}
		for _, r := range rows {
			rec[0], rec[1], rec[2] = ind.Name, r.Day, r.Text
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
