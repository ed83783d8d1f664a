package vote

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
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
	p := &parser{kind: kind, opts: opts, seed: maphash.MakeSeed(), table: make([]int32, 1024)}
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
	if len(p.ballots) == 0 {
		return nil, &ParseError{Msg: "no ballots"}
	}
	seats := opts.Seats
	if seats <= 0 {
		seats = 1
	}
	return &Election{Candidates: p.names, Ballots: p.ballots, Seats: seats, Seed: opts.Seed}, nil
}

type parser struct {
	kind    Kind
	opts    ParseOptions
	fixed   bool
	names   []string
	ntab    []int32  // open-addressing table of name index+1, by nhash
	nhash   []uint64 // nhash[c]: hash of names[c]
	singles []int    // singles[c] == c: one-candidate groups share it
	ballots []Ballot
	total   int64

	// Merging: an open-addressing table (linear probing, at most half
	// full) of ballot index+1, found by a hash of the canonical key; the
	// keys live in one arena (keyAt[i] is where ballot i's key starts).
	// No allocation per line.
	seed   maphash.Seed
	table  []int32
	hashes []uint64 // hashes[i]: ballot i's key hash
	keys   []byte
	keyAt  []int

	// slabs the ballots' candidate lists are cut from
	ints   []int
	groupz [][]int

	// scratch, reused from line to line
	key    []byte
	cands  []int   // candidates of the line, in order
	groups []int   // ranked: group sizes
	vals   []int64 // scored: values, parallel to cands
	seen   []bool  // by candidate, reset after each line
	order  []int   // permutation used to canonicalise
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
		if i, err := strconv.ParseInt(string(f), 10, 64); err == nil && i <= 0 {
			return 0, p.errf(n, "count must be positive, got %d", i)
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

func (p *parser) ranked(n int, body []byte) *ParseError {
	// one pass over the bytes: names end at '=' (same place) or '>'
	// (next place) or the end
	start, size := 0, 0
	for i := 0; i <= len(body); i++ {
		ch := byte('>')
		if i < len(body) {
			ch = body[i]
			if ch != '>' && ch != '=' && ch != ';' {
				continue
			}
		}
		if ch == ';' {
			return p.errf(n, "unexpected \";\" in ranked ballot")
		}
		if _, err := p.name(n, body[start:i], ""); err != nil {
			return err
		}
		size++
		if ch == '>' {
			p.groups = append(p.groups, size)
			size = 0
		}
		start = i + 1
	}
	return nil
}

func (p *parser) list(n int, body []byte, scored bool) *ParseError {
	var dots int64
	forbid := ">="
	if scored {
		forbid = ">"
	}
	for {
		f, rest, more := bytes.Cut(body, []byte{';'})
		body = rest
		if !scored {
			if _, err := p.name(n, f, forbid); err != nil {
				return err
			}
		} else {
			nm, num, ok := bytes.Cut(f, []byte{'='})
			if !ok {
				if len(bytes.TrimSpace(f)) == 0 {
					return p.errf(n, "empty candidate name")
				}
				return p.errf(n, "missing score for %q (want NAME=SCORE)", parseClip(bytes.TrimSpace(f)))
			}
			c, err := p.name(n, nm, "=>")
			if err != nil {
				return err
			}
			num = bytes.TrimSpace(num)
			v, perr := strconv.ParseInt(string(num), 10, 64)
			if perr != nil {
				return p.errf(n, "score %q for %q is not a whole number", parseClip(num), p.names[c])
			}
			if (p.opts.ScoreMin != 0 || p.opts.ScoreMax != 0) && (v < p.opts.ScoreMin || v > p.opts.ScoreMax) {
				return p.errf(n, "score %d for %q is outside the range %d-%d", v, p.names[c], p.opts.ScoreMin, p.opts.ScoreMax)
			}
			if p.opts.MaxDots > 0 {
				if v < 0 {
					return p.errf(n, "negative dots (%d) for %q", v, p.names[c])
				}
				dots += v
				if dots > p.opts.MaxDots {
					return p.errf(n, "more dots than the %d allowed", p.opts.MaxDots)
				}
			}
			p.vals = append(p.vals, v)
		}
		if !more {
			return nil
		}
	}
}

func (p *parser) single(n int, body []byte) *ParseError {
	if bytes.IndexAny(body, ";>=") >= 0 {
		return p.errf(n, "a majority ballot names exactly one candidate, got %q", parseClip(body))
	}
	_, err := p.name(n, body, "")
	return err
}

// store merges the line's ballot into the ones seen so far.
func (p *parser) store(count int64, chamber []byte) {
	// Canonical key: the candidates with each tie group or the whole mark
	// list sorted, so "A=B" and "B=A" merge.
	// The chamber comes first, length-prefixed; the rest is a stream of
	// varints whose shape the kind fixes, so distinct ballots never share
	// a key.
	k := binary.AppendUvarint(p.key[:0], uint64(len(chamber)))
	k = append(k, chamber...)
	switch p.kind {
	case KindRanked:
		at := 0
		for _, g := range p.groups {
			slices.Sort(p.cands[at : at+g])
			k = binary.AppendUvarint(k, uint64(g))
			for _, c := range p.cands[at : at+g] {
				k = binary.AppendUvarint(k, uint64(c))
			}
			at += g
		}
	case KindApproval, KindSingle:
		slices.Sort(p.cands)
		for _, c := range p.cands {
			k = binary.AppendUvarint(k, uint64(c))
		}
	case KindScored:
		p.order = p.order[:0]
		for i := range p.cands {
			p.order = append(p.order, i)
		}
		slices.SortFunc(p.order, func(a, b int) int { return p.cands[a] - p.cands[b] })
		for _, i := range p.order {
			k = binary.AppendUvarint(k, uint64(p.cands[i]))
			k = binary.AppendVarint(k, p.vals[i])
		}
	}
	p.key = k
	h := maphash.Bytes(p.seed, k)
	mask := uint64(len(p.table) - 1)
	slot := h & mask
	for ; p.table[slot] != 0; slot = (slot + 1) & mask {
		i := p.table[slot] - 1
		if p.hashes[i] != h {
			continue
		}
		end := len(p.keys)
		if int(i)+1 < len(p.keyAt) {
			end = p.keyAt[i+1]
		}
		if bytes.Equal(p.keys[p.keyAt[i]:end], k) {
			p.ballots[i].Count += count
			return
		}
	}
	p.table[slot] = int32(len(p.ballots) + 1)
	p.hashes = append(p.hashes, h)
	p.keyAt = append(p.keyAt, len(p.keys))
	p.keys = append(p.keys, k...)
	if 2*(len(p.ballots)+1) > len(p.table) {
		p.grow()
	}
	b := Ballot{Count: count}
	if len(chamber) > 0 {
		b.Chamber = string(chamber)
	}
	switch p.kind {
	case KindRanked:
		b.Ranks = p.slabGroups(len(p.groups))
		at := 0
		for i, g := range p.groups {
			if g == 1 {
				c := p.cands[at]
				b.Ranks[i] = p.singles[c : c+1 : c+1]
			} else {
				b.Ranks[i] = p.slabInts(g)
				copy(b.Ranks[i], p.cands[at:at+g])
			}
			at += g
		}
	case KindApproval, KindSingle:
		b.Marks = make([]Mark, len(p.cands))
		for i, c := range p.cands {
			b.Marks[i] = Mark{Candidate: c, Value: 1}
		}
	case KindScored:
		b.Marks = make([]Mark, len(p.order))
		for j, i := range p.order {
			b.Marks[j] = Mark{Candidate: p.cands[i], Value: p.vals[i]}
		}
	}
	p.ballots = append(p.ballots, b)
}

// lookup finds a candidate by name without allocating.
func (p *parser) lookup(f []byte) (int, bool) {
	if len(p.ntab) == 0 {
		return 0, false
	}
	h := fnv(f)
	mask := uint64(len(p.ntab) - 1)
	for slot := h & mask; p.ntab[slot] != 0; slot = (slot + 1) & mask {
		c := int(p.ntab[slot] - 1)
		if p.nhash[c] == h && p.names[c] == string(f) {
			return c, true
		}
	}
	return 0, false
}

// fnv is FNV-1a, fast on short names.
func fnv(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h ^ h>>29
}

// addName numbers a new candidate.
func (p *parser) addName(name string) int {
	c := len(p.names)
	p.names = append(p.names, name)
	p.nhash = append(p.nhash, fnv([]byte(name)))
	if 2*len(p.names) > len(p.ntab) {
		size := 64 // a power of two, so that h & (size-1) probes every slot
		for size < 4*len(p.names) {
			size *= 2
		}
		p.ntab = make([]int32, size)
		mask := uint64(len(p.ntab) - 1)
		for i, h := range p.nhash {
			slot := h & mask
			for p.ntab[slot] != 0 {
				slot = (slot + 1) & mask
			}
			p.ntab[slot] = int32(i + 1)
		}
	} else {
		mask := uint64(len(p.ntab) - 1)
		slot := p.nhash[c] & mask
		for p.ntab[slot] != 0 {
			slot = (slot + 1) & mask
		}
		p.ntab[slot] = int32(c + 1)
	}
	// one-candidate groups point into singles; a new array when it grows
	// (ballots made earlier keep the old one, whose values never change)
	if c >= len(p.singles) {
		p.singles = make([]int, max(64, 2*len(p.names)))
		for i := range p.singles {
			p.singles[i] = i
		}
	}
	return c
}

// grow doubles the merge table and re-inserts every ballot by its hash.
func (p *parser) grow() {
	t := make([]int32, 2*len(p.table))
	mask := uint64(len(t) - 1)
	for i, h := range p.hashes {
		slot := h & mask
		for t[slot] != 0 {
			slot = (slot + 1) & mask
		}
		t[slot] = int32(i + 1)
	}
	p.table = t
}

// slabInts returns n ints cut from a shared slab.
func (p *parser) slabInts(n int) []int {
	if cap(p.ints)-len(p.ints) < n {
		p.ints = make([]int, 0, max(n, 1<<16))
	}
	s := p.ints[len(p.ints) : len(p.ints)+n : len(p.ints)+n]
	p.ints = p.ints[:len(p.ints)+n]
	return s
}

// slabGroups returns n group slots cut from a shared slab.
func (p *parser) slabGroups(n int) [][]int {
	if cap(p.groupz)-len(p.groupz) < n {
		p.groupz = make([][]int, 0, max(n, 1<<14))
	}
	s := p.groupz[len(p.groupz) : len(p.groupz)+n : len(p.groupz)+n]
	p.groupz = p.groupz[:len(p.groupz)+n]
	return s
}

// parseClip shortens a quoted fragment of a bad line.
func parseClip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
