package decision

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"commonground/internal/collective"
)

// outcomesCSVHeader is the first row of the decision log's export.
var outcomesCSVHeader = []string{"id", "decided_on", "title", "method", "passed", "statement", "review_on", "recorded_by"}

// csvBatch is how many outcomes the export reads at a time, so a long log
// streams instead of sitting in memory.
const csvBatch = 500

// WriteOutcomesCSV writes the whole decision log (filtered by search) as
// CSV, newest first: RFC 4180 (encoding/csv quotes what needs it). A cell
// that a spreadsheet would take for a formula gets a leading apostrophe
// (see csvCell). decided_on is the day the decision closed, or the day the
// outcome was recorded when the decision is gone.
func (s *Service) WriteOutcomesCSV(ctx context.Context, a *collective.Access, w io.Writer, search string) error {
	if err := requireMember(a); err != nil {
		return err
	}
	where, args := s.outcomeWhere(a, search)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180 ends lines with CRLF
	if err := cw.Write(outcomesCSVHeader); err != nil {
		return err
	}
	type row struct {
		Outcome
		ClosedAt *time.Time `db:"closed_at"`
	}
	cols := strings.ReplaceAll(outcomeCols, "\n", " ")
	var prefixed []string
	for _, c := range strings.Split(cols, ",") {
		prefixed = append(prefixed, "o."+strings.TrimSpace(c))
	}
	for before := int64(-1); ; {
		cond := where
		qargs := append([]any{}, args...)
		if before >= 0 {
			cond += " AND id < ?"
			qargs = append(qargs, before)
		}
		var rows []row
		if err := s.DB.Select(ctx, &rows, `SELECT `+strings.Join(prefixed, ", ")+`, d.closed_at FROM decision_outcomes o
			LEFT JOIN decisions d ON d.id = o.decision_id WHERE o.id IN (SELECT id FROM decision_outcomes WHERE `+cond+
			` ORDER BY id DESC LIMIT ?) ORDER BY o.id DESC`, append(qargs, csvBatch)...); err != nil {
			return err
		}
		for _, r := range rows {
			decided := r.CreatedAt
			if r.ClosedAt != nil {
				decided = *r.ClosedAt
			}
			passed := ""
			if r.Passed != nil {
				passed = map[bool]string{true: "yes", false: "no"}[*r.Passed]
			}
			method := r.Method
			if mi, ok := Lookup(Method(r.Method)); ok {
				method = mi.Name
			}
			cells := []string{strconv.FormatInt(r.ID, 10), decided.UTC().Format(time.DateOnly), r.Title, method, passed,
				r.Statement, r.ReviewOn, r.RecordedByName}
			for i := range cells {
				cells[i] = csvCell(cells[i])
			}
			if err := cw.Write(cells); err != nil {
				return err
			}
			before = r.ID
		}
		if len(rows) < csvBatch {
			break
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvCell defuses formula injection: a spreadsheet runs a cell that starts
// with = + - or @ (and, in some, a tab or carriage return before one), so
// such a cell gets a leading apostrophe, which spreadsheets show as text.
// Titles and statements are written by members and read by others, so
// one member could otherwise run a formula on another's computer.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
