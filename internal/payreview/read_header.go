package payreview

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fieldNames are the fields of Mapping.Fields, in the order messages list
// them.
var fieldNames = []string{"id", "gender", "category", "base_pay", "variable_pay", "hours"}

// fieldAliases are the normalised header names (lower case, letters and
// digits only) each field is found by when the mapping does not name its
// column, in order of preference. category has none: any column could be
// one, and a wrong guess would change the report.
var fieldAliases = map[string][]string{
	"id":           {"id", "employeeid"},
	"gender":       {"gender", "sex"},
	"base_pay":     {"basepay", "pay", "salary", "basesalary"},
	"variable_pay": {"variablepay", "bonus"},
	"hours":        {"hours", "hoursworked"},
}

type controlKind uint8

const (
	numericControl controlKind = iota
	categoricalControl
	bandedControl
)

// controlPlan is how to read one control.
type controlPlan struct {
	name   string // the header's spelling
	col    int
	kind   controlKind
	cuts   []float64 // banded only
	labels []string  // banded only: one per band, lowest first
}

// plan is what Read takes from each row, worked out from the header and
// the mapping before any row is read: every mistake in the mapping is
// found at once, not one run at a time.
type plan struct {
	header []string       // the column names, trimmed
	cols   map[string]int // field → column index, for the fields there are
	ctrls  []controlPlan
	gender *genderTable
	errs   problems
}

// col is the column of a field, or -1.
func (p *plan) col(field string) int {
	if i, ok := p.cols[field]; ok {
		return i
	}
	return -1
}

func newPlan(rec []string, line int, m Mapping) (*plan, error) {
	p := &plan{cols: map[string]int{}}
	for i, h := range rec {
		if i == 0 {
			// spreadsheets save "CSV UTF-8" with a byte-order mark
			h = strings.TrimPrefix(h, "\ufeff")
		}
		if !utf8.ValidString(h) {
			p.errs.addf(line, "the header is not UTF-8 text; save the file as CSV UTF-8")
			return nil, p.errs.err(nil)
		}
		p.header = append(p.header, strings.TrimSpace(h))
	}
	first := map[string]int{}
	for i, h := range p.header {
		if h == "" {
			continue // an unnamed column cannot be mapped, so it is harmless
		}
		if j, dup := first[h]; dup {
			p.errs.addf(line, fmt.Sprintf("column %q appears twice in the header (columns %d and %d)", h, j+1, i+1))
			continue
		}
		first[h] = i
	}
	if !p.errs.empty() {
		return nil, p.errs.err(nil)
	}
	p.fields(m)
	p.values(m)
	p.controls(m)
	if !p.errs.empty() {
		return nil, p.errs.err(nil)
	}
	return p, nil
}

// fields finds the column of each field: the one the mapping names, else
// one whose header is a usual name for it.
func (p *plan) fields(m Mapping) {
	used := map[int]string{} // column → field
	for _, f := range sortedKeys(m.Fields) {
		if !slices.Contains(fieldNames, f) {
			p.errs.add(0, fmt.Sprintf("unknown field %q in the mapping; the fields are %s", f, strings.Join(fieldNames, ", ")))
			continue
		}
		i, ok := p.column(m.Fields[f], "for "+f)
		if !ok {
			continue
		}
		if other, dup := used[i]; dup {
			p.errs.add(0, fmt.Sprintf("column %q is mapped to both %s and %s", p.header[i], other, f))
			continue
		}
		used[i] = f
		p.cols[f] = i
	}
	ambiguous := map[string]bool{}
	for _, f := range fieldNames {
		if _, given := m.Fields[f]; given || fieldAliases[f] == nil {
			continue
		}
		switch i := p.detect(f, used); {
		case i >= 0:
			used[i] = f
			p.cols[f] = i
		case i == ambiguousColumn:
			ambiguous[f] = true
		}
	}
	for _, f := range []string{"gender", "base_pay"} {
		_, found := p.cols[f]
		if _, given := m.Fields[f]; !found && !given && !ambiguous[f] {
			p.errs.add(0, fmt.Sprintf("no %s column: no header reads %s; name it with --map Column=%s; %s",
				f, strings.Join(fieldAliases[f], " or "), f, p.columnList()))
		}
	}
}

// ambiguousColumn is what detect gives when two columns could be a field.
const ambiguousColumn = -2

// detect finds a field's column by its usual names, the first name in
// fieldAliases winning; -1 when there is none, ambiguousColumn when two
// columns read the same (that is reported: guessing between them could
// pick the wrong one).
func (p *plan) detect(field string, used map[int]string) int {
	for _, alias := range fieldAliases[field] {
		var found []int
		for i, h := range p.header {
			if _, taken := used[i]; !taken && h != "" && normalise(h) == alias {
				found = append(found, i)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0]
		default:
			p.errs.add(0, fmt.Sprintf("columns %s could each be %s; choose one with --map Column=%s",
				p.quoted(found), field, field))
			return ambiguousColumn
		}
	}
	return -1
}

// normalise is a header as the automatic mapping compares it: lower case,
// letters and digits only, so "Base Pay", "base_pay" and "BasePay" agree.
func normalise(h string) string {
	var b strings.Builder
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// column finds a column by name: exactly, else ignoring case (which must
// then be unambiguous). what says what the column is for, in a message.
func (p *plan) column(name, what string) (int, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		p.errs.add(0, "an empty column name "+what)
		return -1, false
	}
	if i := slices.Index(p.header, name); i >= 0 {
		return i, true
	}
	var found []int
	for i, h := range p.header {
		if h != "" && strings.EqualFold(h, name) {
			found = append(found, i)
		}
	}
	switch len(found) {
	case 1:
		return found[0], true
	case 0:
		p.errs.add(0, fmt.Sprintf("no column %q %s; %s", name, what, p.columnList()))
	default:
		p.errs.add(0, fmt.Sprintf("column %q %s is ambiguous: the header has %s", name, what, p.quoted(found)))
	}
	return -1, false
}

// columnList names the columns there are, for a message about one that is
// not there.
func (p *plan) columnList() string {
	const max = 30
	var names []string
	for i, h := range p.header {
		if i == max {
			names = append(names, fmt.Sprintf("… (%d in all)", len(p.header)))
			break
		}
		names = append(names, strconv.Quote(clip(h)))
	}
	s := "the columns are " + strings.Join(names, ", ")
	if len(p.header) == 1 && strings.Contains(p.header[0], ";") {
		s += " (one column with semicolons in it: save the file with commas between the columns)"
	}
	return s
}

func (p *plan) quoted(cols []int) string {
	var names []string
	for _, i := range cols {
		names = append(names, strconv.Quote(p.header[i]))
	}
	return strings.Join(names, " and ")
}

// values checks the gender codes of the mapping: only the gender column
// has codes that mean groups.
func (p *plan) values(m Mapping) {
	gcol := p.col("gender")
	merged := map[string]Gender{}
	for _, name := range sortedKeys(m.Values) {
		i, ok := p.column(name, "in --values")
		if !ok {
			continue
		}
		if i != gcol {
			if gcol >= 0 {
				p.errs.add(0, fmt.Sprintf("--values names column %q, but only the gender column (%q) has codes to map",
					p.header[i], p.header[gcol]))
			}
			continue
		}
		for _, code := range sortedKeys(m.Values[name]) {
			g := m.Values[name][code]
			if g != Man && g != Woman && g != Other {
				p.errs.add(0, fmt.Sprintf("--values %s:%s: %d is not a group (men, women or other)", name, code, g))
				continue
			}
			merged[code] = g
		}
	}
	if gcol >= 0 {
		p.gender = newGenderTable(p.header[gcol], merged)
	}
}

// controls resolves the controls and how each is read.
func (p *plan) controls(m Mapping) {
	cat := map[int]bool{}
	for _, name := range sortedKeys(m.Categorical) {
		if i, ok := p.column(name, "in --categorical"); ok && m.Categorical[name] {
			cat[i] = true
		}
	}
	bands := map[int][]float64{}
	for _, name := range sortedKeys(m.Bands) {
		if i, ok := p.column(name, "in --bands"); ok && p.checkCuts(p.header[i], m.Bands[name]) {
			bands[i] = m.Bands[name]
		}
	}
	seen := map[int]bool{}
	for _, name := range m.Controls {
		i, ok := p.column(name, "for a control")
		if !ok {
			continue
		}
		h := p.header[i]
		if seen[i] {
			p.errs.add(0, fmt.Sprintf("control %q is listed twice", h))
			continue
		}
		seen[i] = true
		for _, f := range []string{"id", "gender", "base_pay"} {
			if p.col(f) == i {
				p.errs.add(0, fmt.Sprintf("column %q is the %s; it cannot be a control too", h, f))
			}
		}
		c := controlPlan{name: h, col: i}
		switch cuts, banded := bands[i]; {
		case banded && cat[i]:
			p.errs.add(0, fmt.Sprintf("column %q has bands and is marked categorical; give it one or the other", h))
		case banded:
			c.kind, c.cuts, c.labels = bandedControl, slices.Clone(cuts), bandLabels(cuts)
		case cat[i]:
			c.kind = categoricalControl
		}
		p.ctrls = append(p.ctrls, c)
	}
	for _, i := range sortedKeys(cat) {
		if !seen[i] {
			p.errs.add(0, fmt.Sprintf("column %q is marked categorical but is not a control; add it to the controls", p.header[i]))
		}
	}
	for _, i := range sortedKeys(bands) {
		if !seen[i] {
			p.errs.add(0, fmt.Sprintf("column %q has bands but is not a control; add it to the controls", p.header[i]))
		}
	}
}

// checkCuts checks a column's cut points: finite, strictly ascending.
func (p *plan) checkCuts(name string, cuts []float64) bool {
	var msg string
	switch {
	case len(cuts) == 0:
		msg = "no cut points"
	case slices.ContainsFunc(cuts, func(c float64) bool { return math.IsNaN(c) || math.IsInf(c, 0) }):
		msg = "cut points must be finite numbers"
	default:
		for k := 1; k < len(cuts); k++ {
			if !(cuts[k] > cuts[k-1]) {
				var s []string
				for _, c := range cuts {
					s = append(s, strconv.FormatFloat(c, 'f', -1, 64))
				}
				msg = "cut points " + strings.Join(s, ", ") + " are not strictly ascending"
				break
			}
		}
	}
	if msg != "" {
		p.errs.add(0, fmt.Sprintf("bands for %q: %s", name, msg))
		return false
	}
	return true
}

// sortedKeys gives a map's keys in order, so messages come out the same
// on every run.
func sortedKeys[K int | string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
