package chart

import (
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// svgw collects the SVG text. Appending to one byte slice with strconv is
// what keeps a 1,000-point line well under a millisecond; fmt would
// allocate per number.
type svgw struct{ b []byte }

func (w *svgw) s(x string) { w.b = append(w.b, x...) }

// n appends a coordinate rounded to two decimals: a hundredth of a user
// unit is below what any screen or printer shows, and fewer digits keep
// the output small and byte-stable.
func (w *svgw) n(v float64) { w.b = appendCoord(w.b, v) }

// e appends text escaped for both element content and quoted attributes.
func (w *svgw) e(x string) { w.b = appendEscaped(w.b, x) }

func appendCoord(b []byte, v float64) []byte {
	r := math.Round(v*100) / 100
	if r == 0 || math.IsNaN(r) || math.IsInf(r, 0) {
		return append(b, '0') // also turns -0 into 0
	}
	return strconv.AppendFloat(b, r, 'f', -1, 64)
}

// appendEscaped escapes the five XML specials and replaces what XML 1.0
// cannot hold at all (control characters, broken UTF-8) by U+FFFD, so a
// label never breaks the document it lands in.
func appendEscaped(b []byte, x string) []byte {
	for i := 0; i < len(x); {
		r, size := utf8.DecodeRuneInString(x[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&#34;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case r == '\t' || r == '\n' || r == '\r':
			b = append(b, ' ')
		case r == utf8.RuneError && size == 1, r < 0x20, r == 0xFFFE, r == 0xFFFF:
			b = append(b, "\uFFFD"...)
		default:
			b = append(b, x[i:i+size]...)
		}
		i += size
	}
	return b
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// decimalsFor is how many decimals tell apart values a step apart.
func decimalsFor(step float64) int {
	if !(step > 0) || !finite(step) {
		return 0
	}
	d := int(math.Ceil(-math.Log10(step) - 1e-9))
	return max(0, min(d, 12))
}

// formatFixed prints v with d decimals (see group).
func formatFixed(v float64, d int) string {
	return group(strconv.FormatFloat(v, 'f', d, 64))
}

// group puts thousands separators in a printed number from 10,000 up (a
// long run of digits is hard to read at a glance) and never leaves "-0".
func group(s string) string {
	neg := s != "" && s[0] == '-'
	if neg {
		s = s[1:]
		neg = strings.ContainsAny(s, "123456789")
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) > 4 {
		g := make([]byte, 0, len(intPart)+len(intPart)/3)
		for i := 0; i < len(intPart); i++ {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				g = append(g, ',')
			}
			g = append(g, intPart[i])
		}
		intPart = string(g)
	}
	if neg {
		return "-" + intPart + frac
	}
	return intPart + frac
}

// formatValue prints a measured value as entered, up to ten significant
// digits: enough for any measurement, few enough to hide binary noise such
// as 0.30000000000000004.
func formatValue(v float64) string {
	if !finite(v) {
		return ""
	}
	if v == 0 {
		return "0"
	}
	e := int(math.Floor(math.Log10(math.Abs(v))))
	s := strconv.FormatFloat(v, 'f', max(0, min(9-e, 15)), 64)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return group(s)
}

// withUnit joins a value and its unit the way people write them: "12%",
// "12 people".
func withUnit(v, unit string) string {
	switch unit {
	case "":
		return v
	case "%", "‰", "°":
		return v + unit
	}
	return v + " " + unit
}

// Dates are shown in UTC: measurements are dated, not timed, and a page
// must not show a different day depending on the server's zone.
func dayText(t time.Time) string   { return t.UTC().Format("2 Jan 2006") }
func isoDay(t time.Time) string    { return t.UTC().Format("2006-01-02") }
func unixDays(t time.Time) float64 { return float64(t.Unix()) / 86400 }

// openSVG starts a chart: the svg element labelled by its title and
// described by desc (ids derived from both when id is ""), and a white
// background of width × height.
func openSVG(w *svgw, id, class, title, desc string, width, height float64) {
	if id == "" {
		h := fnv.New32a()
		h.Write([]byte(title))
		h.Write([]byte{0})
		h.Write([]byte(desc))
		id = "chart-" + strconv.FormatUint(uint64(h.Sum32()), 36)
	}
	w.s(`<svg xmlns="http://www.w3.org/2000/svg" class="chart ` + class + `" viewBox="0 0 `)
	w.n(width)
	w.s(" ")
	w.n(height)
	w.s(`" width="100%" role="img" aria-labelledby="`)
	w.e(id)
	w.s(`-title" aria-describedby="`)
	w.e(id)
	w.s(`-desc" font-family="` + fontFamily + `" font-size="` + strconv.Itoa(fontSize) + `">`)
	w.s(`<title id="`)
	w.e(id)
	w.s(`-title">`)
	w.e(title)
	w.s(`</title><desc id="`)
	w.e(id)
	w.s(`-desc">`)
	w.e(desc)
	w.s(`</desc><rect fill="#fff" width="`)
	w.n(width)
	w.s(`" height="`)
	w.n(height)
	w.s(`"/>`)
}
