package ical

import (
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// flushAt is how much output a writer holds before handing it on, so a
// large feed streams instead of sitting whole in memory.
const flushAt = 32 << 10

// writer builds content lines one at a time in line, then folds each into
// out. It appends bytes by hand: fmt in this path would cost a feed of
// thousands of events more than its budget.
type writer struct {
	out  []byte
	line []byte
	dst  io.Writer // nil: keep everything in out
	n    int64
	err  error
	// tzid and tzidParam are the last zone a time was written in and its
	// ";TZID=..." parameter.
	tzid      string
	tzidParam []byte
}

// begin starts a content line with its property name.
func (w *writer) begin(name string) { w.line = append(w.line[:0], name...) }

// prop writes a whole line NAME:value, the value written as is.
func (w *writer) prop(name, value string) {
	w.begin(name)
	w.line = append(w.line, ':')
	w.line = appendRaw(w.line, value)
	w.end()
}

// textProp writes NAME:value with value escaped as TEXT.
func (w *writer) textProp(name, value string) {
	w.begin(name)
	w.line = append(w.line, ':')
	w.line = appendText(w.line, value)
	w.end()
}

// param adds ;NAME=value to the current line.
func (w *writer) param(name, value string) {
	w.line = append(w.line, ';')
	w.line = append(w.line, name...)
	w.line = append(w.line, '=')
	w.line = appendParam(w.line, value)
}

// end folds the current line into out: at most 75 octets a line, cut only
// between UTF-8 sequences, continuation lines starting with one space.
func (w *writer) end() {
	l := w.line
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && l[cut]&0xC0 == 0x80 {
			cut--
		}
		if cut == 0 {
			cut = limit // not UTF-8 at all; any cut will do
		}
		w.out = append(w.out, l[:cut]...)
		w.out = append(w.out, "\r\n "...)
		l = l[cut:]
		limit = 74
	}
	w.out = append(w.out, l...)
	w.out = append(w.out, '\r', '\n')
	if w.dst != nil && len(w.out) >= flushAt {
		w.flush()
	}
}

// raw appends already-made content lines (a cached VTIMEZONE).
func (w *writer) raw(b []byte) { w.out = append(w.out, b...) }

func (w *writer) flush() {
	if w.err == nil && len(w.out) > 0 {
		var n int
		n, w.err = w.dst.Write(w.out)
		w.n += int64(n)
	}
	w.out = w.out[:0]
}

// control and textSpecial mark the bytes appendRaw and appendText must
// look at; a table lookup keeps the scan of long texts cheap.
var control, textSpecial = func() (c, t [256]bool) {
	for i := range 0x20 {
		c[i], t[i] = true, true
	}
	c[0x7f], t[0x7f] = true, true
	t['\\'], t[';'], t[','] = true, true, true
	return c, t
}()

// appendText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon
// and comma get a backslash, line breaks become \n, other control
// characters are dropped, and invalid UTF-8 is replaced.
func appendText(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !textSpecial[c] {
			continue
		}
		b = append(b, s[start:i]...)
		start = i + 1
		switch c {
		case '\\', ';', ',':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // CRLF is one break, written at the LF
			}
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\t')
		}
	}
	return append(b, s[start:]...)
}

// appendRaw appends a value that needs no escaping (a URI, a rule) but
// must not break the line: control characters are dropped.
func appendRaw(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	start := 0
	for i := 0; i < len(s); i++ {
		if control[s[i]] {
			b = append(b, s[start:i]...)
			start = i + 1
		}
	}
	return append(b, s[start:]...)
}

// appendParam appends a parameter value: double quotes cannot be escaped
// in one (RFC 5545 3.2), so they are removed, and the value is quoted when
// it holds a colon, semicolon or comma.
func appendParam(b []byte, s string) []byte {
	if strings.IndexByte(s, '"') >= 0 {
		s = strings.ReplaceAll(s, "\"", "")
	}
	quote := strings.ContainsAny(s, ":;,")
	if quote {
		b = append(b, '"')
	}
	b = appendRaw(b, s)
	if quote {
		b = append(b, '"')
	}
	return b
}

// appendLocal appends t's own wall clock as YYYYMMDDTHHMMSS.
func appendLocal(b []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 0 {
		y = 0
	}
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	b = append2(b, int(mo))
	b = append2(b, d)
	b = append(b, 'T')
	b = append2(b, h)
	b = append2(b, mi)
	return append2(b, s)
}

// appendUTC appends t in UTC as YYYYMMDDTHHMMSSZ.
func appendUTC(b []byte, t time.Time) []byte {
	return append(appendLocal(b, t.UTC()), 'Z')
}

func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10%10), byte('0'+n%10))
}

// appendOffset appends a UTC offset in seconds as +HHMM (+HHMMSS when it
// has seconds, as some old zones do).
func appendOffset(b []byte, off int) []byte {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = append2(b, off/3600)
	b = append2(b, off/60%60)
	if off%60 != 0 {
		b = append2(b, off%60)
	}
	return b
}
