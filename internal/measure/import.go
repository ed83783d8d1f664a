package measure

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// ImportOptions says how to import a CSV file of measurements.
type ImportOptions struct {
	// OrganisationID is who the measurements are for (see ReportFor).
	OrganisationID int64
	// SkipBad writes the good lines and skips the bad ones; without it one
	// bad line means nothing is written.
	SkipBad bool
	// Progress, when set, is called with rows written so far and the rows
	// to write. It runs inside the import's transaction: on SQLite it must
	// not write to the database (the single writer is busy with the import).
	Progress func(done, total int)
}

// ImportResult is what an import did, or would have done.
type ImportResult struct {
	Lines      int         `json:"lines"`   // data lines read (the header not counted)
	Written    int         `json:"written"` // measurements stored
	Skipped    int         `json:"skipped"` // bad lines left out with SkipBad
	Indicators int         `json:"indicators"`
	Bad        []LineError `json:"bad"` // every bad line, in order
}

// MaxImportLines bounds one file, so an upload cannot exhaust memory: every
// line is checked before anything is written, so all are held at once.
const MaxImportLines = 2_000_000

// Import reads a CSV file with the header indicator,date,value followed by
// one column per breakdown dimension (any the file's indicators declare; a
// cell left empty means the line does not use that dimension). Every line
// is checked: the indicator exists, the date is a date no more than a day
// ahead, the value is a number, the breakdown is declared, and the line is
// not a duplicate. A duplicate is a second line for the same indicator,
// date and breakdown in the file, or a line for one already stored: stored
// values change by correction, which keeps history, so re-importing a file
// never overwrites silently and never counts a value twice.
//
// Without SkipBad, one bad line means nothing is written and the error says
// so; the result lists every bad line with its number (the header is line
// 1) and reason either way.
func (s *Service) Import(ctx context.Context, a *collective.Access, r io.Reader, opt ImportOptions) (*ImportResult, error) {
	org, err := s.ReportFor(ctx, a, opt.OrganisationID)
	if err != nil {
		return nil, err
	}
	inds, err := s.Indicators(ctx, a)
	if err != nil {
		return nil, err
	}
	byName := make(map[string]*Indicator, len(inds))
	for i := range inds {
		byName[sortName(inds[i].Name)] = &inds[i]
	}
	res := &ImportResult{Bad: []LineError{}}
	rows, err := s.readCSV(r, a, org, byName, res)
	if err != nil {
		return res, err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		stored, err := markStored(ctx, tx, rows)
		if err != nil {
			return err
		}
		if len(stored) > 0 {
			good := rows[:0]
			for i, r := range rows {
				if reason, ok := stored[i]; ok {
					res.Bad = append(res.Bad, LineError{r.line, reason})
				} else {
					good = append(good, r)
				}
			}
			rows = good
			sortBad(res.Bad)
		}
		if len(res.Bad) > 0 && !opt.SkipBad {
			return errs.New(errs.Invalid, "Nothing was imported: %s of %d %s problems; fix them and import again, or skip them.",
				plural(len(res.Bad), "line"), res.Lines, map[bool]string{true: "has", false: "have"}[len(res.Bad) == 1])
		}
		res.Skipped = len(res.Bad)
		if len(rows) == 0 {
			return nil
		}
		rollups, err := insertRows(ctx, tx, a, rows, opt.Progress)
		if err != nil {
			return err
		}
		if err := addRollups(ctx, tx, rollups); err != nil {
			return err
		}
		used := map[int64]bool{}
		for _, r := range rows {
			used[r.ind] = true
		}
		res.Written, res.Indicators = len(rows), len(used)
		summary := fmt.Sprintf("%s imported %s of %s.", actorName(a), plural(len(rows), "measurement"), plural(len(used), "indicator"))
		if res.Skipped > 0 {
			summary = strings.TrimSuffix(summary, ".") + fmt.Sprintf(", skipping %s.", plural(res.Skipped, "bad line"))
		}
		return record(ctx, tx, a, "measurement.imported", "collective:"+a.Collective.Slug, base(a)+"/indicators", summary)
	})
	if err != nil {
		res.Written, res.Indicators, res.Skipped = 0, 0, 0
	}
	return res, err
}

// readCSV parses and checks every line, collecting bad ones in res.Bad and
// returning the good rows. Only a file that cannot be read as CSV at all
// is an error.
func (s *Service) readCSV(r io.Reader, a *collective.Access, org int64, byName map[string]*Indicator, res *ImportResult) ([]row, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, errs.Field("file", "The file has no header line (indicator,date,value[,breakdown columns]).")
	}
	cols := make([]string, len(head))
	for i, h := range head {
		cols[i] = strings.TrimSpace(h)
	}
	cols[0] = strings.TrimPrefix(cols[0], "\ufeff") // a byte-order mark from spreadsheet programs
	if len(cols) < 3 || !strings.EqualFold(cols[0], "indicator") || !strings.EqualFold(cols[1], "date") || !strings.EqualFold(cols[2], "value") {
		return nil, errs.Field("file", "The header must start with indicator,date,value; breakdown columns follow it.")
	}
	dims := cols[3:]
	for i, d := range dims {
		if d == "" || reservedColumn(d) || slicesIndexFold(dims[:i], d) >= 0 {
			return nil, errs.Field("file", "Column %d of the header, %q, must name a breakdown dimension once.", i+4, d)
		}
	}
	check := newLineChecker(dims, byName, a, org, tomorrow(s.DB.Now()))
	type seenKey struct {
		ind      int64
		key, day string
	}
	seen := map[seenKey]int{}
	var rows []row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		res.Lines++
		if res.Lines > MaxImportLines {
			return nil, errs.Field("file", "The file has more than %d lines; split it.", MaxImportLines)
		}
		line, _ := cr.FieldPos(0)
		var perr *csv.ParseError
		if errors.As(err, &perr) && errors.Is(perr.Err, csv.ErrFieldCount) {
			res.Bad = append(res.Bad, LineError{perr.Line, fmt.Sprintf("%d fields where the header has %d.", len(rec), len(cols))})
			continue
		}
		if err != nil {
			if errors.As(err, &perr) {
				res.Bad = append(res.Bad, LineError{perr.Line, "this line cannot be read as CSV: " + perr.Err.Error() + "; nothing after it was read."})
				return nil, errs.Field("file", "Line %d cannot be read as CSV (%v).", perr.Line, perr.Err)
			}
			return nil, err
		}
		rw, reason := check.check(rec)
		if reason == "" {
			k := seenKey{rw.ind, rw.key, rw.day}
			if first, dup := seen[k]; dup {
				reason = fmt.Sprintf("the same indicator, date and breakdown as line %d.", first)
			} else {
				seen[k] = line
			}
		}
		if reason != "" {
			res.Bad = append(res.Bad, LineError{line, reason})
			continue
		}
		rw.line = line
		rows = append(rows, rw)
	}
	return rows, nil
}

// lineChecker checks data lines. A file repeats few dates and breakdowns
// across many lines, so it remembers what it made of each: parsing a date
// and encoding a breakdown key would otherwise be a third of an import.
type lineChecker struct {
	dims   []string
	byName map[string]*Indicator
	a      *collective.Access
	org    int64
	limit  string
	dates  map[string]checked
	bds    map[string]checked // by indicator id and the breakdown cells
	cells  strings.Builder
}

// checked is a date or breakdown key, or why it is refused.
type checked struct{ value, reason string }

func newLineChecker(dims []string, byName map[string]*Indicator, a *collective.Access, org int64, limit string) *lineChecker {
	return &lineChecker{dims: dims, byName: byName, a: a, org: org, limit: limit, dates: map[string]checked{}, bds: map[string]checked{}}
}

// check checks one data line.
func (c *lineChecker) check(rec []string) (row, string) {
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return row{}, "the line is not valid UTF-8 text."
		}
	}
	name := strings.TrimSpace(rec[0])
	ind := c.byName[sortName(name)]
	if ind == nil {
		return row{}, fmt.Sprintf("there is no indicator called %q.", name)
	}
	if reason := contributes(c.a, ind, c.org); reason != "" {
		return row{}, reason
	}
	d, ok := c.dates[rec[1]]
	if !ok {
		day, reason := checkDate(rec[1], c.limit)
		d = checked{day, reason}
		if len(c.dates) < 100_000 {
			c.dates[rec[1]] = d
		}
	}
	if d.reason != "" {
		return row{}, d.reason
	}
	c.cells.Reset()
	c.cells.WriteString(strconv.FormatInt(ind.ID, 10))
	for _, cell := range rec[3:] {
		c.cells.WriteByte(0)
		c.cells.WriteString(cell)
	}
	bk, ok := c.bds[c.cells.String()]
	if !ok {
		var b Breakdown
		for i, dim := range c.dims {
			if v := strings.TrimSpace(rec[3+i]); v != "" {
				if b == nil {
					b = Breakdown{}
				}
				b[dim] = v
			}
		}
		bk = checked{b.Key(), ""}
		if err := fits(b, ind.Dimensions); err != nil {
			bk.reason = errs.Message(err)
		}
		if len(c.bds) < 100_000 {
			c.bds[c.cells.String()] = bk
		}
	}
	if bk.reason != "" {
		return row{}, bk.reason
	}
	text := strings.TrimSpace(rec[2])
	v, err := parseValue(text)
	if err != nil {
		return row{}, lower(errs.Message(err))
	}
	return row{ind: ind.ID, key: bk.value, day: d.value, value: v, text: text, org: c.org}, ""
}

func slicesIndexFold(list []string, s string) int {
	for i, x := range list {
		if strings.EqualFold(x, s) {
			return i
		}
	}
	return -1
}

// sortBad orders bad lines by number; stored duplicates are found after
// the others, so they arrive out of order.
func sortBad(bad []LineError) {
	slices.SortStableFunc(bad, func(x, y LineError) int { return cmp.Compare(x.Line, y.Line) })
}
