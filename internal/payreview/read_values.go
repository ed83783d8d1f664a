package payreview

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// numStatus is what parseNumber made of a cell.
type numStatus uint8

const (
	numOK numStatus = iota
	numEmpty
	numSyntax // not a decimal number
	numRange  // a decimal number too large for a float64
)

// parseNumber reads a decimal number as people write one in a
// spreadsheet: an optional sign, digits with an optional point, an
// optional exponent; spaces around it are allowed. ParseFloat alone would
// also take "Inf", "NaN", hex floats and 1_000, none of which is pay.
// Thousands separators and currency signs are refused rather than guessed
// at: "12,5" may be twelve and a half or twelve thousand five hundred.
func parseNumber(s string) (float64, numStatus) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, numEmpty
	}
	if x, ok := plainDecimal(s); ok {
		return x, numOK
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E' {
			return 0, numSyntax
		}
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, numRange
		}
		return 0, numSyntax
	}
	return x + 0, numOK // -0 becomes 0
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// plainDecimal reads the usual cell, "-123456.78", three times faster
// than ParseFloat: with at most 15 digits the digits make an exact
// integer and 10^decimals is exact, so one division, correctly rounded by
// IEEE 754, gives the same float64 ParseFloat would. Anything else (more
// digits, an exponent, a stray character) is left to parseNumber.
func plainDecimal(s string) (float64, bool) {
	i, neg := 0, false
	if s[0] == '-' || s[0] == '+' {
		neg, i = s[0] == '-', 1
	}
	var mant uint64
	digits, decimals, point := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			if point {
				decimals++
			}
		case c == '.' && !point:
			point = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	x := float64(mant)
	if decimals > 0 {
		x /= pow10[decimals]
	}
	if neg {
		x = -x
	}
	return x + 0, true // -0 becomes 0
}

// builtinGenders are the codes known without Mapping.Values, folded to
// lower case.
var builtinGenders = map[string]Gender{
	"male": Man, "m": Man, "man": Man, "men": Man,
	"female": Woman, "f": Woman, "woman": Woman, "women": Woman,
}

// maxUnknownCodes bounds the unknown gender codes remembered. Past it the
// gender column is most likely the wrong column (ids, names), and the
// first codes say so well enough.
const maxUnknownCodes = 10000

// genderTable turns the gender column's codes into groups and gathers the
// codes it does not know, with their lines.
type genderTable struct {
	column string
	values map[string]Gender // Mapping.Values for the gender column, by trimmed code
	folded []string          // the keys of values, sorted, for the case-insensitive match
	seen   map[string]Gender // raw cell → group, so each distinct spelling is resolved once

	unknown         map[string]*unknownCode // by trimmed code
	unknownDistinct int
	unknownCapped   bool
}

type unknownCode struct {
	code  string
	lines []int // the first few
	count int
}

func newGenderTable(column string, values map[string]Gender) *genderTable {
	t := &genderTable{column: column, values: map[string]Gender{}, seen: map[string]Gender{},
		unknown: map[string]*unknownCode{}}
	for code, g := range values {
		t.values[strings.TrimSpace(code)] = g
	}
	for code := range t.values {
		t.folded = append(t.folded, code)
	}
	slices.Sort(t.folded)
	return t
}

// group is the group of a cell; false when the code is unknown (it is
// then recorded with its line).
func (t *genderTable) group(raw string, line int) (Gender, bool) {
	if g, ok := t.seen[raw]; ok {
		return g, true
	}
	code := strings.TrimSpace(raw)
	if g, ok := t.resolve(code); ok {
		t.seen[strings.Clone(raw)] = g
		return g, true
	}
	u := t.unknown[code]
	if u == nil {
		if len(t.unknown) >= maxUnknownCodes {
			t.unknownCapped = true
			return 0, false
		}
		u = &unknownCode{code: strings.Clone(code)}
		t.unknown[u.code] = u
		t.unknownDistinct++
	}
	u.count++
	if len(u.lines) < 3 {
		u.lines = append(u.lines, line)
	}
	return 0, false
}

// resolve looks a code up in the mapping given (exactly, then ignoring
// case), then among the codes known without it, ignoring case.
func (t *genderTable) resolve(code string) (Gender, bool) {
	if g, ok := t.values[code]; ok {
		return g, true
	}
	for _, k := range t.folded {
		if strings.EqualFold(k, code) {
			return t.values[k], true
		}
	}
	g, ok := builtinGenders[strings.ToLower(code)]
	return g, ok
}

// problems are the unknown codes, one problem each, by first line.
func (t *genderTable) problems() []Problem {
	var out []Problem
	for _, u := range t.unknown {
		var msg string
		if u.code == "" {
			msg = "column " + strconv.Quote(t.column) + " is empty on " + lineList(u.lines, u.count) +
				"; every employee needs a gender code"
		} else {
			msg = "column " + strconv.Quote(t.column) + ": unknown code " + quote(u.code) + " on " +
				lineList(u.lines, u.count) + "; say what it means with --values " + t.column + ":" +
				clip(u.code) + "=men|women|other"
		}
		out = append(out, Problem{Line: u.lines[0], Msg: msg})
	}
	slices.SortFunc(out, func(a, b Problem) int { return a.Line - b.Line })
	return out
}

// levelTable numbers the distinct values of a categorical column in the
// order they come, and renumbers them in sorted order at the end (sorting
// a few names once is cheaper than keeping a million codes in order).
type levelTable struct {
	raw    map[string]int32 // raw cell → index, so spaces are trimmed once per spelling
	byName map[string]int32 // trimmed value → index
	names  []string
}

func newLevelTable() *levelTable {
	return &levelTable{raw: map[string]int32{}, byName: map[string]int32{}}
}

// code is the index of a cell's level; false for an empty cell.
func (t *levelTable) code(raw string) (int32, bool) {
	if c, ok := t.raw[raw]; ok {
		return c, true
	}
	name := strings.TrimSpace(raw)
	if name == "" {
		return 0, false
	}
	c, ok := t.byName[name]
	if !ok {
		c = int32(len(t.names))
		name = strings.Clone(name)
		t.names = append(t.names, name)
		t.byName[name] = c
	}
	t.raw[strings.Clone(raw)] = c
	return c, true
}

// sorted puts the levels in byte order and renumbers codes to match.
func (t *levelTable) sorted(codes []int32) []string {
	names := slices.Clone(t.names)
	slices.Sort(names)
	to := make([]int32, len(names))
	for i, n := range names {
		to[t.byName[n]] = int32(i)
	}
	for i, c := range codes {
		codes[i] = to[c]
	}
	return names
}

// bandOf is the band a value falls in: the number of cut points at or
// below it, so band 0 is below the first cut and each band includes its
// lower cut.
func bandOf(cuts []float64, x float64) int32 {
	k := 0
	for k < len(cuts) && cuts[k] <= x {
		k++
	}
	return int32(k)
}

// bandLabels names the len(cuts)+1 bands. With whole-number cuts they read
// as people write age bands, "<25", "25–34", "55+" (a band of one number,
// "25"); otherwise as half-open intervals, "<2.5", "[2.5, 5)", "≥5".
func bandLabels(cuts []float64) []string {
	whole := true
	for _, c := range cuts {
		if c != math.Trunc(c) || math.Abs(c) > 1<<53 {
			whole = false
		}
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	n := len(cuts)
	labels := make([]string, n+1)
	labels[0] = "<" + f(cuts[0])
	for k := 1; k < n; k++ {
		lo, hi := cuts[k-1], cuts[k]
		switch {
		case !whole:
			labels[k] = "[" + f(lo) + ", " + f(hi) + ")"
		case hi-1 == lo:
			labels[k] = f(lo)
		default:
			labels[k] = f(lo) + "–" + f(hi-1)
		}
	}
	if whole {
		labels[n] = f(cuts[n-1]) + "+"
	} else {
		labels[n] = "≥" + f(cuts[n-1])
	}
	return labels
}

// compactBands keeps the bands someone falls in, lowest first, and
// renumbers codes to match: an empty band would be a dummy column of
// zeros, and an empty lowest band would leave the base level with no one.
func compactBands(labels []string, codes []int32) []string {
	used := make([]bool, len(labels))
	for _, c := range codes {
		used[c] = true
	}
	to := make([]int32, len(labels))
	var kept []string
	for k, u := range used {
		if u {
			to[k] = int32(len(kept))
			kept = append(kept, labels[k])
		}
	}
	if len(kept) == len(labels) {
		return kept
	}
	for i, c := range codes {
		codes[i] = to[c]
	}
	return kept
}
