package payreview

import (
	"slices"
	"strconv"
	"strings"
)

// maxProblems is how many problems a ReadError lists: enough to show the
// pattern of what is wrong, few enough to read.
const maxProblems = 10

// ReadError is everything Read found wrong with a file, in line order:
// the first maxProblems problems and a count of the rest, so that one
// message shows what to fix.
type ReadError struct {
	Problems []Problem
	More     int // problems found beyond those listed
	// AtLeast says More is a lower bound: there were too many distinct
	// unknown gender codes to count them all.
	AtLeast bool
}

// Problem is one thing wrong with a file.
type Problem struct {
	Line int    // the line it is on (for a code on many lines, the first); 0 for the file as a whole
	Msg  string // the whole message, line included
}

func (e *ReadError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Msg)
	}
	if e.More > 0 {
		b.WriteString("\n… and ")
		if e.AtLeast {
			b.WriteString("more than ")
		}
		b.WriteString(strconv.Itoa(e.More))
		if e.More == 1 && !e.AtLeast {
			b.WriteString(" more problem")
		} else {
			b.WriteString(" more problems")
		}
	}
	return b.String()
}

// problems collects the faults of a file: the maxProblems on the lowest
// lines are kept and the rest only counted. Most come in line order, but
// repeated ids are found after the last row; the gender codes are gathered
// apart (one problem per code, with its lines) and merged in by their
// first line at the end.
type problems struct {
	list  []Problem
	count int
}

func (ps *problems) add(line int, msg string) {
	ps.count++
	if len(ps.list) < maxProblems {
		ps.list = append(ps.list, Problem{Line: line, Msg: msg})
		return
	}
	last := 0
	for i, p := range ps.list {
		if p.Line >= ps.list[last].Line {
			last = i
		}
	}
	if line < ps.list[last].Line {
		ps.list[last] = Problem{Line: line, Msg: msg}
	}
}

// addf adds a problem on a line, its message the parts joined.
func (ps *problems) addf(line int, parts ...string) {
	ps.add(line, "line "+strconv.Itoa(line)+": "+strings.Join(parts, ""))
}

func (ps *problems) empty() bool { return ps.count == 0 }

// err merges the row problems with the unknown gender codes into one
// ReadError, or nil when there are none.
func (ps *problems) err(g *genderTable) error {
	var codes []Problem
	distinct := 0
	atLeast := false
	if g != nil {
		codes = g.problems()
		distinct = g.unknownDistinct
		atLeast = g.unknownCapped
	}
	total := ps.count + distinct
	if total == 0 {
		return nil
	}
	all := append(slices.Clone(ps.list), codes...)
	slices.SortStableFunc(all, func(a, b Problem) int { return a.Line - b.Line })
	if len(all) > maxProblems {
		all = all[:maxProblems]
	}
	return &ReadError{Problems: all, More: total - len(all), AtLeast: atLeast}
}

// fileError is a ReadError for faults of the file as a whole (the header,
// the mapping), which stop the reading before any row.
func fileError(msgs ...string) error {
	ps := &problems{}
	for _, m := range msgs {
		ps.add(0, m)
	}
	return ps.err(nil)
}

// clip shortens a value quoted in a message: a long one is most likely a
// whole row read as one field.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

// quote is clip and %q in one, for values in messages.
func quote(s string) string { return strconv.Quote(clip(s)) }

// lineList writes "line 4" or "lines 4, 9, 12 (and 3 more)".
func lineList(lines []int, total int) string {
	var b strings.Builder
	if total == 1 {
		b.WriteString("line ")
	} else {
		b.WriteString("lines ")
	}
	for i, l := range lines {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(l))
	}
	if total > len(lines) {
		b.WriteString(" (and " + strconv.Itoa(total-len(lines)) + " more)")
	}
	return b.String()
}

// merge takes in the problems another collector found.
func (ps *problems) merge(other *problems) {
	ps.count += other.count - len(other.list)
	for _, p := range other.list {
		ps.add(p.Line, p.Msg)
	}
}
