package vote

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// Kind is the form of the ballots in a file.
type Kind int

const (
	// KindRanked: ranked ballots, `3,C>A=B>D` (">" separates places, "=" ties).
	KindRanked Kind = iota
	// KindApproval: approval ballots, `3,A;B` (every candidate named is approved).
	KindApproval
	// KindScored: scored ballots, for score and dot votes: `3,A=5;B=3`.
	KindScored
	// Single-choice ballots, for majority votes: `3,A`.
	KindSingle
)

func (k Kind) String() string {
	switch k {
	case KindRanked:
		return "ranked"
	case KindApproval:
		return "approval"
	case KindScored:
		return "scored"
	case KindSingle:
		return "single"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseOptions fixes what a ballot file may hold.
type ParseOptions struct {
	// Candidates fixes the candidates and their order; a name not in it is
	// an error. When empty, candidates are numbered in the order they are
	// first seen.
	Candidates []string
	// ScoreMin and ScoreMax declare the range of a score (KindScored).
	// The range is checked only when one of them is non-zero.
	ScoreMin, ScoreMax int64
	// MaxDots, when positive, is how many points (dots) a scored ballot may
	// give in all; dots must then be zero or more.
	MaxDots int64
	// Strict refuses "=" in ranked ballots, for methods that need a
	// strict order (STV), so the fault is reported with its line.
	Strict bool
	// Seats and Seed are copied into the election (Seats 0 means 1).
	Seats int
	Seed  uint64
}

// ParseError is a fault in a ballot file. Line is 1-based and counts
// every line, blank and comment lines included; it is 0 for faults of the
// whole file or of the options.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return "line " + strconv.Itoa(e.Line) + ": " + e.Msg
}

// maxLine is the longest line Parse accepts.
const maxLine = 1 << 20

// Parse reads a ballot file: CSV without a header, one ballot form per
// line, `COUNT,BALLOT` or `COUNT,BALLOT,CHAMBER`. COUNT is a positive
// whole number (the ballot's weight already multiplied in). BALLOT is, by
// kind:
//
//	KindRanked    C>A=B>D    best first; "=" ranks equal; unranked share the last place
//	KindApproval  A;B        the approved candidates
//	KindScored    A=5;B=3    a score or number of dots per candidate
//	KindSingle    A          the one choice
//
// The optional CHAMBER names the chamber the ballots belong to. Blank
// lines and lines starting with '#' are skipped; spaces around names,
// numbers and fields are trimmed. Names may not contain , ; > or =.
//
// Identical ballots (same ranking, marks and chamber; the order of
// candidates inside a tie group or a list of marks does not matter) are
// merged into one Ballot whose Count is their sum, in the order first
// seen, so a million alike voters cost one ballot.
//
// The ballots share storage (one-candidate groups point into one array,
// other groups and the group lists are cut from shared slabs): treat them
// as read-only, and copy a ballot before changing it.
//
// On any fault Parse returns a nil election and a *ParseError naming the
// line: nothing is tallied from a bad file.
func Parse(r io.Reader, kind Kind, opts ParseOptions) (*Election, error) {
	if kind < KindRanked || kind > KindSingle {
		return nil, &ParseError{Msg: "unknown ballot kind " + kind.String()}
	}
	p := &parser{kind: kind, opts: opts, hashSeed: rand.Uint64(), table: make([]uint64, 1024)}
	for _, c := range opts.Candidates {
		name := string(bytes.TrimSpace([]byte(c)))
		if name == "" || bytes.ContainsAny([]byte(name), ",;>=") {
			return nil, &ParseError{Msg: fmt.Sprintf("candidates: bad name %q", c)}
		}
		if _, dup := p.lookup([]byte(name)); dup {
			return nil, &ParseError{Msg: fmt.Sprintf("candidates: %q listed twice", name)}
		}
		p.addName(name)
	}
	p.fixed = len(opts.Candidates) > 0
	if opts.ScoreMin > opts.ScoreMax {
		return nil, &ParseError{Msg: fmt.Sprintf("score range %d-%d is empty", opts.ScoreMin, opts.ScoreMax)}
	}

	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte // a line longer than the reader's buffer, assembled
	line := 0
	for {
		raw, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], raw...)
			for errors.Is(err, bufio.ErrBufferFull) && len(long) <= maxLine {
				raw, err = br.ReadSlice('\n')
				long = append(long, raw...)
			}
			if len(long) > maxLine {
				return nil, &ParseError{Line: line + 1, Msg: "line longer than 1 MiB"}
			}
			raw = long
		}
		if err != nil && err != io.EOF {
			return nil, &ParseError{Line: line + 1, Msg: "read: " + err.Error()}
		}
		if len(raw) > 0 {
			line++
			if perr := p.line(line, raw); perr != nil {
				return nil, perr
			}
		}
		if err == io.EOF {
			break
		}
	}
	if len(p.counts) == 0 {
		return nil, &ParseError{Msg: "no ballots"}
	}
	seats := opts.Seats
	if seats <= 0 {
		seats = 1
	}
	return &Election{Candidates: p.names, Ballots: p.ballots(), Seats: seats, Seed: opts.Seed}, nil
}

type parser struct {
	kind  Kind
	opts  ParseOptions
	fixed bool
	names []string
	ntab  []int32  // open-addressing table of name index+1, by nhash
	nhash []uint64 // nhash[c]: hash of names[c]
	// the distinct ballots, by index (see store)
	counts    []int64
	chamberOf []uint32 // 0, or index+1 in chambers
	where     []uint64 // position in rankSlab or markSlab
	total     int64

	// merging (see store)
	hashSeed uint64 // random, so no file can be crafted to collide
	table    []uint64
	chambers []string // interned chamber names

	// slabs the ballots' rankings and marks are cut from
	rankSlab slab[uint32]
	markSlab slab[Mark]

	// scratch, reused from line to line
	cands  []int    // candidates of the line, in order
	groups []int    // ranked: group sizes
	vals   []int64  // scored: values, parallel to cands
	seen   []bool   // by candidate, reset after each line
	packed []uint32 // ranked: the canonical packed ranking
	marks  []Mark   // others: the canonical marks
}

func (p *parser) errf(line int, format string, args ...any) *ParseError {
	return &ParseError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) line(n int, raw []byte) *ParseError {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 || s[0] == '#' {
		return nil
	}
	comma := bytes.IndexByte(s, ',')
	if comma < 0 {
		if _, err := strconv.ParseInt(string(s), 10, 64); err == nil {
			return p.errf(n, "no ballot after the count")
		}
		return p.errf(n, "want COUNT,BALLOT, got %q", parseClip(s))
	}
	count, perr := p.count(n, bytes.TrimSpace(s[:comma]))
	if perr != nil {
		return perr
	}
	body := s[comma+1:]
	var chamber []byte
	if c := bytes.IndexByte(body, ','); c >= 0 {
		chamber = bytes.TrimSpace(body[c+1:])
		body = body[:c]
		if len(chamber) == 0 {
			return p.errf(n, "empty chamber name")
		}
		if bytes.IndexByte(chamber, ',') >= 0 {
			return p.errf(n, "too many fields (want COUNT,BALLOT[,CHAMBER])")
		}
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return p.errf(n, "empty ballot")
	}
	p.cands, p.groups, p.vals = p.cands[:0], p.groups[:0], p.vals[:0]
	var err *ParseError
	switch p.kind {
	case KindRanked:
		err = p.ranked(n, body)
	case KindApproval:
		err = p.list(n, body, false)
	case KindScored:
		err = p.list(n, body, true)
	case KindSingle:
		err = p.single(n, body)
	}
	for _, c := range p.cands {
		p.seen[c] = false
	}
	if err != nil {
		return err
	}
	if p.total > (1<<63-1)-count {
		return p.errf(n, "counts add up to more than %d", int64(1<<63-1))
	}
	p.total += count
	p.store(count, chamber)
	return nil
}

func (p *parser) count(n int, f []byte) (int64, *ParseError) {
	if len(f) == 0 {
		return 0, p.errf(n, "missing count")
	}
	var v int64
	digits := true
	for _, b := range f {
		if b < '0' || b > '9' {
			digits = false
			break
		}
		if v > (1<<63-1-int64(b-'0'))/10 {
			return 0, p.errf(n, "count %q is too large", parseClip(f))
		}
		v = v*10 + int64(b-'0')
	}
	if !digits {
		if i, err := strconv.ParseInt(string(f), 10, 64); err == nil {
			if i <= 0 {
				return 0, p.errf(n, "count must be positive, got %d", i)
			}
			return 0, p.errf(n, "count %q: write it with digits only", parseClip(f))
		}
		return 0, p.errf(n, "count %q is not a whole number", parseClip(f))
	}
	if v == 0 {
		return 0, p.errf(n, "count must be positive, got 0")
	}
	return v, nil
}

// name resolves a trimmed candidate name and marks it seen on this line.
func (p *parser) name(n int, f []byte, forbid string) (int, *ParseError) {
	for len(f) > 0 && (f[0] == ' ' || f[0] == '\t') {
		f = f[1:]
	}
	for len(f) > 0 && (f[len(f)-1] == ' ' || f[len(f)-1] == '\t') {
		f = f[:len(f)-1]
	}
	if len(f) > 0 && (f[0] >= 0x80 || f[len(f)-1] >= 0x80 || f[0] <= ' ' || f[len(f)-1] <= ' ') {
		f = bytes.TrimSpace(f) // other (Unicode) spaces
	}
	if len(f) == 0 {
		return 0, p.errf(n, "empty candidate name")
	}
	// (ranked passes no forbid: it split on every separator itself)
	if i := bytes.IndexAny(f, forbid); forbid != "" && i >= 0 {
		return 0, p.errf(n, "unexpected %q in %s ballot", f[i:i+1], p.kind)
	}
	c, ok := p.lookup(f)
	if !ok {
		if p.fixed {
			return 0, p.errf(n, "unknown candidate %q", parseClip(f))
		}
		c = p.addName(string(f))
	}
	for len(p.seen) < len(p.names) {
		p.seen = append(p.seen, false)
	}
	if p.seen[c] {
		return 0, p.errf(n, "repeated candidate %q", p.names[c])
	}
	p.seen[c] = true
	p.cands = append(p.cands, c)
	return c, nil
}
