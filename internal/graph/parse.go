package graph

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ParseOptions are the choices of an edge list.
type ParseOptions struct {
	Directed bool
	// Progress, when set, is called now and then with the bytes read so
	// far, for a progress bar.
	Progress func(read int64)
}

// ParseError is a fault in an edge list; Line is 1-based (0 for the
// whole file).
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

// Parse reads an edge list: CSV whose header is `source,target` or
// `source,target,weight`, then one edge per line. Nodes are named by
// strings (trimmed of spaces), numbered in the order first seen. A
// missing weight column means every weight is 1; a weight must be a
// finite number, not negative. Blank lines are skipped; fields may be
// quoted as in RFC 4180. Self-loops are dropped and repeated edges merged,
// their weights added (Graph.SelfLoops and Graph.Merged count them). On
// any fault Parse returns a nil graph and a *ParseError with the line.
func Parse(r io.Reader, opts ParseOptions) (*Graph, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	p := &edgeParser{}
	var read, reported int64
	line := 0
	for {
		raw, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long := append([]byte(nil), raw...)
			for errors.Is(err, bufio.ErrBufferFull) {
				raw, err = br.ReadSlice('\n')
				long = append(long, raw...)
			}
			raw = long
		}
		if err != nil && err != io.EOF {
			return nil, &ParseError{Line: line + 1, Msg: "read: " + err.Error()}
		}
		read += int64(len(raw))
		if len(raw) > 0 {
			line++
			if perr := p.line(line, raw); perr != nil {
				return nil, perr
			}
		}
		if opts.Progress != nil && (read-reported >= 4<<20 || err == io.EOF) {
			opts.Progress(read)
			reported = read
		}
		if err == io.EOF {
			break
		}
	}
	if !p.header {
		return nil, &ParseError{Msg: "empty file: want a header `source,target[,weight]` and edges"}
	}
	if len(p.edges) == 0 {
		return nil, &ParseError{Msg: "no edges after the header"}
	}
	g, err := New(p.names, p.edges, opts.Directed)
	if err != nil {
		return nil, &ParseError{Msg: err.Error()}
	}
	return g, nil
}

type edgeParser struct {
	header   bool
	weighted bool
	names    []string
	ids      nameTable
	edges    []Edge
	fields   [][]byte
}

func (p *edgeParser) line(n int, raw []byte) *ParseError {
	s := bytes.TrimRight(raw, "\r\n")
	if len(bytes.TrimSpace(s)) == 0 {
		return nil
	}
	fields, perr := p.split(n, s)
	if perr != nil {
		return perr
	}
	if !p.header {
		// spreadsheets save "CSV UTF-8" with a byte-order mark
		fields[0] = bytes.TrimPrefix(fields[0], []byte("\ufeff"))
		return p.readHeader(n, fields)
	}
	want := 2
	if p.weighted {
		want = 3
	}
	if len(fields) != want {
		return &ParseError{Line: n, Msg: fmt.Sprintf("want %d fields (%s), got %d", want, p.columns(), len(fields))}
	}
	u, perr := p.node(n, fields[0], "source")
	if perr != nil {
		return perr
	}
	v, perr := p.node(n, fields[1], "target")
	if perr != nil {
		return perr
	}
	w := 1.0
	if p.weighted {
		f := string(bytes.TrimSpace(fields[2]))
		x, err := strconv.ParseFloat(f, 64)
		switch {
		case f == "":
			return &ParseError{Line: n, Msg: "missing weight"}
		case strings.Trim(f, "0123456789.eE+-") != "" && !strings.EqualFold(strings.TrimLeft(f, "+-"), "inf") &&
			!strings.EqualFold(f, "nan") && !strings.EqualFold(strings.TrimLeft(f, "+-"), "infinity"):
			// decimal numbers only: Go's syntax would also take 0x1p-2 and 1_0
			return &ParseError{Line: n, Msg: fmt.Sprintf("weight %q is not a number", clip(f))}
		case math.IsNaN(x) || math.IsInf(x, 0):
			// (1e400 overflows to infinity, with a range error)
			return &ParseError{Line: n, Msg: fmt.Sprintf("weight %q is not finite", clip(f))}
		case err != nil && !errors.Is(err, strconv.ErrRange):
			return &ParseError{Line: n, Msg: fmt.Sprintf("weight %q is not a number", clip(f))}
		case x < 0:
			return &ParseError{Line: n, Msg: fmt.Sprintf("weight %s is negative", clip(f))}
		}
		w = x + 0 // -0 becomes 0
	}
	p.edges = append(p.edges, Edge{U: u, V: v, W: w})
	return nil
}

func (p *edgeParser) readHeader(n int, fields [][]byte) *ParseError {
	var names []string
	for _, f := range fields {
		names = append(names, strings.ToLower(string(bytes.TrimSpace(f))))
	}
	switch strings.Join(names, ",") {
	case "source,target":
	case "source,target,weight":
		p.weighted = true
	default:
		return &ParseError{Line: n, Msg: fmt.Sprintf("header %q: want source,target or source,target,weight", clip(strings.Join(names, ",")))}
	}
	p.header = true
	return nil
}

func (p *edgeParser) columns() string {
	if p.weighted {
		return "source,target,weight"
	}
	return "source,target"
}

// split cuts a line at commas; a line with a quote goes through
// encoding/csv for RFC 4180 quoting.
func (p *edgeParser) split(n int, s []byte) ([][]byte, *ParseError) {
	if bytes.IndexByte(s, '"') < 0 {
		p.fields = p.fields[:0]
		for {
			i := bytes.IndexByte(s, ',')
			if i < 0 {
				return append(p.fields, s), nil
			}
			p.fields = append(p.fields, s[:i])
			s = s[i+1:]
		}
	}
	rec, err := csv.NewReader(bytes.NewReader(s)).Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &ParseError{Line: n, Msg: "bad quoting: " + err.Error()}
	}
	out := make([][]byte, len(rec))
	for i, f := range rec {
		out[i] = []byte(f)
	}
	return out, nil
}

func (p *edgeParser) node(n int, f []byte, what string) (int32, *ParseError) {
	f = bytes.TrimSpace(f)
	if len(f) == 0 {
		return 0, &ParseError{Line: n, Msg: "missing " + what}
	}
	if id, ok := p.ids.find(f, p.names); ok {
		return id, nil
	}
	if len(p.names) == math.MaxInt32 {
		return 0, &ParseError{Line: n, Msg: "too many nodes"}
	}
	name := string(f)
	id := int32(len(p.names))
	p.names = append(p.names, name)
	p.ids.add(f, id, p.names)
	return id, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
