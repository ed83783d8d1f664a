package payreview

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Mapping says how to read a file: which column holds each field, what the
// gender codes mean, and which columns are controls. The CLI builds it from
// its flags (--map, --values, --controls, --categorical, --bands,
// --category). Column names are matched exactly, else ignoring case.
type Mapping struct {
	// Fields maps a field (id, gender, category, base_pay, variable_pay,
	// hours) to the column that holds it. A field left out is looked for
	// by its usual header names (see Read); category never is.
	Fields map[string]string
	// Values maps the gender column's codes to groups, over and beside the
	// codes known without it (the code "" maps empty cells). It names the
	// gender column; no other column has codes that mean groups.
	Values map[string]map[string]Gender
	// Controls are the explanatory columns of the adjusted gap, in order.
	Controls []string
	// Categorical marks the controls coded by levels; the rest are numeric
	// unless cut into Bands.
	Categorical map[string]bool
	// Bands cuts a numeric control into bands at strictly ascending cut
	// points; the control is then categorical.
	Bands map[string][]float64
}

// Read reads a table of employees from CSV (RFC 4180, UTF-8, commas, a
// header row naming the columns, one row per employee) and checks it all.
//
// Fields the mapping does not place are looked for by header, compared in
// lower case with letters and digits only: id (id, employeeid), gender
// (gender, sex), base_pay (basepay, pay, salary, basesalary), variable_pay
// (variablepay, bonus), hours (hours, hoursworked). Gender and base pay
// are required; without an id column an employee's id is its line number.
// Dataset.Columns records the column each field was read from.
//
// Cells may have spaces around them. Gender codes Male/Female, M/F,
// man/woman and men/women are known in any case; Mapping.Values adds to
// them and overrides them. Numbers are plain decimals (no thousands
// separators or currency signs). Base pay must be above zero (log pay
// needs it) and hours too; variable pay must not be negative, and an empty
// variable pay cell means none (0), as HR exports leave it. Ids must be
// unique.
//
// A control is numeric unless categorical or banded, and then every cell
// must be a number. A categorical control's levels, and the categories,
// are the distinct trimmed values in byte order, so the first is the base
// level; an empty cell there is an error rather than a level of its own,
// since it usually means data is missing and a regression should not
// quietly treat that as a group. A banded control's levels are the bands
// anyone falls in, lowest first (band order, not string order), so the
// lowest occupied band is the base; with whole-number cuts 25,35 the
// bands read "<25", "25–34", "35+", otherwise "<2.5", "[2.5, 5)", "≥5".
//
// On any fault Read returns a nil Dataset and a *ReadError listing the
// first problems by line (a gender code that is not known is one problem,
// with its lines), so one run shows what to fix.
func Read(r io.Reader, m Mapping) (*Dataset, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 256<<10))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // the splitter checks the count, to say it with the line
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, fileError("empty file: want a header row naming the columns, then one row per employee")
	}
	if err != nil {
		ps := &problems{}
		ps.add(csvProblem(err))
		return nil, ps.err(nil)
	}
	line, _ := cr.FieldPos(0)
	p, err := newPlan(rec, line, m)
	if err != nil {
		return nil, err
	}
	// Two stages on two cores: one splits the CSV into cells, the other
	// checks and converts them; each is about half the work.
	sp := &splitter{cr: cr, p: p, size: inputSize(r), full: make(chan *batch, 4), free: make(chan *batch, 4)}
	go sp.run()
	rs := newRows(p)
	for b := range sp.full {
		if b.estimate > 0 {
			rs.grow(b.estimate)
		}
		n := len(p.header)
		for k, line := range b.lines {
			rs.row(line, b.cells[k*n:(k+1)*n])
		}
		select {
		case sp.free <- b:
		default:
		}
	}
	rs.errs.merge(&sp.errs)
	return rs.finish()
}

// csvProblem says what encoding/csv found, with the line.
func csvProblem(err error) (int, string) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return 0, "read: " + err.Error()
	}
	if pe.StartLine != pe.Line {
		// a quoted field ran on over lines: most likely its closing quote
		// is missing, and the line to look at is where the row starts
		return pe.StartLine, fmt.Sprintf("line %d: bad quoting: %v (found on line %d; is a closing quote missing?)",
			pe.StartLine, pe.Err, pe.Line)
	}
	msg := fmt.Sprintf("line %d: bad quoting at character %d: %v", pe.Line, pe.Column, pe.Err)
	if errors.Is(pe.Err, csv.ErrBareQuote) {
		msg += ` (a field with a quote in it must be quoted, the quote doubled: "say ""hi""")`
	}
	return pe.Line, msg
}

// rows builds the Dataset one row at a time.
type rows struct {
	p    *plan
	d    *Dataset
	errs problems

	idCol, genderCol, baseCol, varCol, hoursCol, catCol int

	ids      *idColumn
	category *levelTable
	levels   []*levelTable // per control, for the categorical ones
}

func newRows(p *plan) *rows {
	rs := &rows{p: p, d: &Dataset{}, ids: newIDColumn(),
		idCol: p.col("id"), genderCol: p.col("gender"), baseCol: p.col("base_pay"),
		varCol: p.col("variable_pay"), hoursCol: p.col("hours"), catCol: p.col("category")}
	if rs.catCol >= 0 {
		rs.category = newLevelTable()
	}
	rs.levels = make([]*levelTable, len(p.ctrls))
	for k, c := range p.ctrls {
		rs.d.Controls = append(rs.d.Controls, Control{Name: c.name})
		if c.kind == categoricalControl {
			rs.levels[k] = newLevelTable()
		}
	}
	return rs
}

// grow makes room for about n rows at once.
func (rs *rows) grow(n int) {
	d := rs.d
	d.Lines = slices.Grow(d.Lines, n)
	d.Gender = slices.Grow(d.Gender, n)
	d.Base = slices.Grow(d.Base, n)
	if rs.varCol >= 0 {
		d.Variable = slices.Grow(d.Variable, n)
	}
	if rs.hoursCol >= 0 {
		d.Hours = slices.Grow(d.Hours, n)
	}
	if rs.catCol >= 0 {
		d.Category = slices.Grow(d.Category, n)
	}
	for k, c := range rs.p.ctrls {
		if c.kind == numericControl {
			d.Controls[k].Numeric = slices.Grow(d.Controls[k].Numeric, n)
		} else {
			d.Controls[k].Codes = slices.Grow(d.Controls[k].Codes, n)
		}
	}
	rs.ids.grow(n)
}

// cellf records a problem with one cell.
func (rs *rows) cellf(line, col int, msg string) {
	rs.errs.addf(line, "column ", strconv.Quote(rs.p.header[col]), msg)
}

// number reads a numeric cell, recording the problem when it is not one.
func (rs *rows) number(line, col int, raw string) (float64, numStatus) {
	x, st := parseNumber(raw)
	switch st {
	case numEmpty:
		rs.cellf(line, col, " is empty")
	case numSyntax:
		rs.cellf(line, col, ": "+quote(strings.TrimSpace(raw))+" is not a number")
	case numRange:
		rs.cellf(line, col, ": "+quote(strings.TrimSpace(raw))+" is too large")
	}
	return x, st
}

// row checks one row and appends it. A row with faults is still appended
// (with zeros), so the slices stay in step; the Dataset is dropped anyway.
// The splitter has checked its shape.
func (rs *rows) row(line int, rec []string) {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			rs.cellf(line, i, " is not UTF-8 text; save the file as CSV UTF-8")
			return
		}
	}
	d := rs.d
	d.Lines = append(d.Lines, line)
	rs.id(line, rec)

	g, _ := rs.p.gender.group(rec[rs.genderCol], line)
	d.Gender = append(d.Gender, g)

	base, st := rs.number(line, rs.baseCol, rec[rs.baseCol])
	if st == numOK && base <= 0 {
		v := quote(strings.TrimSpace(rec[rs.baseCol]))
		if base < 0 {
			rs.cellf(line, rs.baseCol, ": "+v+" is negative")
		} else {
			rs.cellf(line, rs.baseCol, ": "+v+" is not a positive amount (log pay needs pay above zero)")
		}
	}
	d.Base = append(d.Base, base)

	if rs.varCol >= 0 {
		raw := rec[rs.varCol]
		var v float64
		if strings.TrimSpace(raw) != "" { // an empty cell is no variable pay
			var st numStatus
			v, st = rs.number(line, rs.varCol, raw)
			if st == numOK && v < 0 {
				rs.cellf(line, rs.varCol, ": "+quote(strings.TrimSpace(raw))+" is negative")
			}
		}
		d.Variable = append(d.Variable, v)
	}
	if rs.hoursCol >= 0 {
		h, st := rs.number(line, rs.hoursCol, rec[rs.hoursCol])
		if st == numOK && h <= 0 {
			v := quote(strings.TrimSpace(rec[rs.hoursCol]))
			if h < 0 {
				rs.cellf(line, rs.hoursCol, ": "+v+" is negative")
			} else {
				rs.cellf(line, rs.hoursCol, ": "+v+" hours (hourly pay needs hours above zero)")
			}
		}
		d.Hours = append(d.Hours, h)
	}
	if rs.category != nil {
		c, ok := rs.category.code(rec[rs.catCol])
		if !ok {
			rs.cellf(line, rs.catCol, " is empty (every employee needs a category)")
		}
		d.Category = append(d.Category, c)
	}
	rs.controls(line, rec)
}

// id takes a row's id, checked to be there (uniqueness is checked at the
// end).
func (rs *rows) id(line int, rec []string) {
	if rs.idCol < 0 {
		rs.ids.addLine(line)
		return
	}
	id := strings.TrimSpace(rec[rs.idCol])
	if id == "" {
		rs.cellf(line, rs.idCol, " is empty (every employee needs an id)")
	}
	rs.ids.add(id)
}

func (rs *rows) controls(line int, rec []string) {
	for k, c := range rs.p.ctrls {
		ctl := &rs.d.Controls[k]
		raw := rec[c.col]
		switch c.kind {
		case numericControl:
			x, st := parseNumber(raw)
			switch st {
			case numEmpty:
				rs.cellf(line, c.col, " is empty (a control needs a value on every row)")
			case numSyntax:
				rs.cellf(line, c.col, ": "+quote(strings.TrimSpace(raw))+
					" is not a number (mark the control categorical if it holds names)")
			case numRange:
				rs.cellf(line, c.col, ": "+quote(strings.TrimSpace(raw))+" is too large")
			}
			ctl.Numeric = append(ctl.Numeric, x)
		case bandedControl:
			x, _ := rs.number(line, c.col, raw)
			ctl.Codes = append(ctl.Codes, bandOf(c.cuts, x))
		case categoricalControl:
			code, ok := rs.levels[k].code(raw)
			if !ok {
				rs.cellf(line, c.col, " is empty (a categorical control needs a value on every row)")
			}
			ctl.Codes = append(ctl.Codes, code)
		}
	}
}

// finish puts levels in order and hands the Dataset over, or the problems.
func (rs *rows) finish() (*Dataset, error) {
	rs.ids.duplicates(rs.d.Lines, &rs.errs)
	if err := rs.errs.err(rs.p.gender); err != nil {
		return nil, err
	}
	d := rs.d
	if len(d.Lines) == 0 {
		return nil, fileError("no rows after the header: want one row per employee")
	}
	if rs.category != nil {
		d.Categories = rs.category.sorted(d.Category)
		d.CategoryOf = rs.p.header[rs.catCol]
	}
	for k, c := range rs.p.ctrls {
		ctl := &d.Controls[k]
		switch c.kind {
		case categoricalControl:
			ctl.Levels = rs.levels[k].sorted(ctl.Codes)
		case bandedControl:
			ctl.Levels = compactBands(c.labels, ctl.Codes)
			ctl.Banded = c.cuts
		}
	}
	d.IDs = rs.ids.strings()
	d.Columns = map[string]string{}
	for f, i := range rs.p.cols {
		d.Columns[f] = rs.p.header[i]
	}
	return d, nil
}
