package graph

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

func TestParseErrors(t *testing.T) {
	const w = "source,target,weight\n"
	for _, tc := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"EmptyFile", "", 0, "empty file: want a header `source,target[,weight]` and edges"},
		{"OnlyBlankLines", "\n  \n\r\n", 0, "empty file: want a header `source,target[,weight]` and edges"},
		{"HeaderOnly", "source,target\n\n", 0, "no edges after the header"},
		{"BadHeader", "from,to\na,b\n", 1, `header "from,to": want source,target or source,target,weight`},
		{"HeaderAfterBlankLines", "\n\nsource\na,b\n", 3, `header "source": want source,target or source,target,weight`},
		{"HeaderTooWide", "source,target,weight,kind\n", 1, `header "source,target,weight,kind": want source,target or source,target,weight`},
		{"HeaderLongClipped", strings.Repeat("x", 50) + "\n", 1, `header "` + strings.Repeat("x", 40) + `…": want source,target or source,target,weight`},
		// A byte-order mark (Excel's "CSV UTF-8") is not skipped.
		{"HeaderUnknownColumn", "source,target,kind\na,b,c\n", 1, `header "source,target,kind": want source,target or source,target,weight`},
		{"WeightHex", w + "a,b,0x1p-2\n", 2, `weight "0x1p-2" is not a number`},
		{"WeightUnderscore", w + "a,b,1_0\n", 2, `weight "1_0" is not a number`},
		{"MissingWeightColumn", w + "a,b,1\nc,d\n", 3, "want 3 fields (source,target,weight), got 2"},
		{"ExtraColumn", "source,target\na,b\nb,c,2\n", 3, "want 2 fields (source,target), got 3"},
		{"OneField", "source,target\na\n", 2, "want 2 fields (source,target), got 1"},
		{"LineCountsBlankLines", "source,target\na,b\n\n\n\nc\n", 6, "want 2 fields (source,target), got 1"},
		{"MissingSource", w + ",b,1\n", 2, "missing source"},
		{"MissingTarget", w + "a,  ,1\n", 2, "missing target"},
		{"MissingQuotedSource", "source,target\n\"\",b\n", 2, "missing source"},
		{"MissingWeight", w + "a,b,1\na,b,\n", 3, "missing weight"},
		{"MissingQuotedWeight", w + "a,b,\"\"\n", 2, "missing weight"},
		{"WeightNotNumber", w + "a,b,abc\n", 2, `weight "abc" is not a number`},
		{"WeightDecimalComma", w + "a,b,\"1,5\"\n", 2, `weight "1,5" is not a number`},
		{"WeightLongClipped", w + "a,b," + strings.Repeat("9x", 30) + "\n", 2, `weight "` + strings.Repeat("9x", 20) + `…" is not a number`},
		{"WeightNegative", w + "a,b,-1.5\n", 2, "weight -1.5 is negative"},
		{"WeightNaN", w + "a,b,NaN\n", 2, `weight "NaN" is not finite`},
		{"WeightInf", w + "a,b,+Inf\n", 2, `weight "+Inf" is not finite`},
		{"WeightMinusInf", w + "a,b,-inf\n", 2, `weight "-inf" is not finite`},
		// Out of float64's range: strconv says so, and Parse calls it not a number.
		{"WeightOverflow", w + "a,b,1e400\n", 2, `weight "1e400" is not finite`},
		{"BareQuote", "source,target\na\"b,c\n", 2, `bad quoting: bare " in non-quoted-field`},
		{"UnclosedQuote", "source,target\na,b\n\"a,b\n", 3, `bad quoting: extraneous or missing " in quoted-field`},
		{"TextAfterQuote", "source,target\n\"a\"x,b\n", 2, `bad quoting: extraneous or missing " in quoted-field`},
		{"SpaceBeforeQuote", "source,target\n \"a\",b\n", 2, `bad quoting: bare " in non-quoted-field`},
		// Lines are cut before CSV quoting is read, so a quoted field cannot span lines.
		{"NewlineInQuotes", "source,target\n\"a\nb\",c\n", 2, `bad quoting: extraneous or missing " in quoted-field`},
		{"BadQuotedHeader", "\"source,target\na,b\n", 1, `bad quoting: extraneous or missing " in quoted-field`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Parse(strings.NewReader(tc.in), ParseOptions{})
			if g != nil {
				t.Errorf("a graph with the error %v", err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T), want a *ParseError", err, err)
			}
			if pe.Line != tc.line || pe.Msg != tc.msg {
				t.Errorf("line %d %q, want line %d %q", pe.Line, pe.Msg, tc.line, tc.msg)
			}
			want := tc.msg
			if tc.line > 0 {
				want = "line " + strconv.Itoa(tc.line) + ": " + tc.msg
			}
			if err.Error() != want {
				t.Errorf("Error() %q, want %q", err.Error(), want)
			}
		})
	}
}

func TestParseReadError(t *testing.T) {
	boom := errors.New("boom")
	r := iotest.DataErrReader(errReader{strings.NewReader("source,target\na,b\n"), boom})
	_, err := Parse(r, ParseOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || pe.Msg != "read: boom" {
		t.Errorf("got %v, want line 3: read: boom", err)
	}
}

// errReader returns err once r is drained.
type errReader struct {
	r   *strings.Reader
	err error
}

func (e errReader) Read(p []byte) (int, error) {
	n, _ := e.r.Read(p)
	if n == 0 {
		return 0, e.err
	}
	return n, nil
}

// edgesOf lists g's stored out-edges as "u>v:w" with node names.
func edgesOf(g *Graph) []string {
	var out []string
	for u := range g.Order() {
		adj, w := g.Out(u)
		for i, v := range adj {
			out = append(out, g.Names[u]+">"+g.Names[v]+":"+ftoa(w[i]))
		}
	}
	return out
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func TestParseAccepts(t *testing.T) {
	for _, tc := range []struct {
		name, in   string
		directed   bool
		names      []string
		edges      []string // stored out-edges, by source then target number
		loops, mer int
	}{
		{"WeightDefaultsToOne", "source,target\nb,a\na,c\n", true,
			[]string{"b", "a", "c"}, []string{"b>a:1", "a>c:1"}, 0, 0},
		{"HeaderCaseAndSpaces", " Source , TARGET ,Weight\na,b,2\n", true,
			[]string{"a", "b"}, []string{"a>b:2"}, 0, 0},
		{"QuotedHeader", "\"source\",\"target\"\na,b\n", true,
			[]string{"a", "b"}, []string{"a>b:1"}, 0, 0},
		{"Quoting", "source,target,weight\n\"smith, j\",\"o\"\"neil\",\"2.5\"\n\" x \",\"smith, j\",1\n", true,
			[]string{"smith, j", "o\"neil", "x"}, []string{"smith, j>o\"neil:2.5", "x>smith, j:1"}, 0, 0},
		{"BlankLinesAndCRLF", "\r\n  \nsource,target\r\n\r\na,b\r\n\t\r\nb,c", true,
			[]string{"a", "b", "c"}, []string{"a>b:1", "b>c:1"}, 0, 0},
		{"SpacesTrimmed", "source,target,weight\n  a ,\tb , 0.5 \n", true,
			[]string{"a", "b"}, []string{"a>b:0.5"}, 0, 0},
		{"NumberForms", "source,target,weight\na,b,1e-3\na,c,2.5E0\na,d,0\na,e,.5\na,f,-0\na,g,1e-400\n", true,
			[]string{"a", "b", "c", "d", "e", "f", "g"}, []string{"a>b:0.001", "a>c:2.5", "a>d:0", "a>e:0.5", "a>f:0", "a>g:0"}, 0, 0},
		{"ByteOrderMark", "\ufeffsource,target\na,b\n", true, []string{"a", "b"}, []string{"a>b:1"}, 0, 0},
		{"SelfLoopsCounted", "source,target,weight\na,a,3\na,b,1\nc,c,1\nb,b,2\n", true,
			[]string{"a", "b", "c"}, []string{"a>b:1"}, 3, 0},
		{"DirectedMergedSummed", "source,target,weight\na,b,1\nb,a,2\na,b,0.5\na,b,0.25\nb,a,4\n", true,
			[]string{"a", "b"}, []string{"a>b:1.75", "b>a:6"}, 0, 3},
		{"UndirectedMergedSummed", "source,target,weight\na,b,1\nb,a,2\na,b,0.5\nc,a,1\na,c,1\n", false,
			[]string{"a", "b", "c"}, []string{"a>b:3.5", "a>c:2", "b>a:3.5", "c>a:2"}, 0, 3},
		{"UnweightedMergedCount", "source,target\na,b\na,b\nb,a\n", false,
			[]string{"a", "b"}, []string{"a>b:3", "b>a:3"}, 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Parse(strings.NewReader(tc.in), ParseOptions{Directed: tc.directed})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(g.Names, "|") != strings.Join(tc.names, "|") {
				t.Errorf("names %q, want %q", g.Names, tc.names)
			}
			if tc.edges != nil && strings.Join(edgesOf(g), " ") != strings.Join(tc.edges, " ") {
				t.Errorf("edges %q, want %q", edgesOf(g), tc.edges)
			}
			if g.SelfLoops != tc.loops || g.Merged != tc.mer {
				t.Errorf("%d self-loops, %d merged; want %d, %d", g.SelfLoops, g.Merged, tc.loops, tc.mer)
			}
			checkGraph(t, g)
		})
	}
}

// The sum of repeated weights is taken in file order, as the golden
// script takes it: (0.1+0.2)+0.3 is not 0.1+(0.2+0.3).
func TestParseMergeOrder(t *testing.T) {
	g, err := Parse(strings.NewReader("source,target,weight\nz,w,0.1\nw,z,0.2\nz,w,0.3\n"), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := 0.1, 0.2, 0.3
	if want := (a + b) + c; g.W[0] != want || want == a+(b+c) {
		t.Errorf("weight %v, want %v", g.W[0], want)
	}
}

// A node seen only in self-loops stays, with no edges.
func TestParseSelfLoopOnlyNode(t *testing.T) {
	g, err := Parse(strings.NewReader("source,target\na,b\nc,c\n"), ParseOptions{Directed: true})
	if err != nil {
		t.Fatal(err)
	}
	if g.Order() != 3 || g.Edges != 1 || g.SelfLoops != 1 {
		t.Fatalf("%d nodes, %d edges, %d self-loops; want 3, 1, 1", g.Order(), g.Edges, g.SelfLoops)
	}
	if out, _ := g.Out(2); len(out) != 0 {
		t.Errorf("c has out-edges %v", out)
	}
}

// A line longer than the reader's buffer is read whole, and the line
// numbers after it stay right.
func TestParseLongLine(t *testing.T) {
	long := strings.Repeat("n", 600<<10)
	in := "source,target\n" + long + ",b\nb,c\nc\n"
	_, err := Parse(strings.NewReader(in), ParseOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 4 {
		t.Fatalf("got %v, want an error on line 4", err)
	}
	g, err := Parse(strings.NewReader(in[:len(in)-2]), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g.Names[0] != long || g.Edges != 2 {
		t.Errorf("first name of %d bytes, %d edges", len(g.Names[0]), g.Edges)
	}
}

// Progress ends with the whole size read, in increasing steps.
func TestParseProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("source,target\n")
	pad := strings.Repeat("p", 40)
	for i := range 200000 { // 10 MB: reported at least every 4 MiB
		b.WriteString(pad + strconv.Itoa(i%5000) + "," + strconv.Itoa(i%7001) + "\n")
	}
	var seen []int64
	_, err := Parse(strings.NewReader(b.String()), ParseOptions{Progress: func(n int64) { seen = append(seen, n) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 || seen[len(seen)-1] != int64(b.Len()) {
		t.Fatalf("progress %v, want several calls ending at %d", seen, b.Len())
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] <= seen[i-1] {
			t.Errorf("progress went from %d to %d", seen[i-1], seen[i])
		}
	}
}

// checkGraph checks what any graph Parse returns must hold.
func checkGraph(t testing.TB, g *Graph) {
	t.Helper()
	n := g.Order()
	seen := make(map[string]bool, n)
	for _, name := range g.Names {
		if name == "" || strings.TrimSpace(name) != name || seen[name] {
			t.Fatalf("node name %q is empty, untrimmed or repeated", name)
		}
		seen[name] = true
	}
	for _, side := range []struct {
		what  string
		start []int
		adj   []int32
		w     []float64
	}{{"out", g.Start, g.Adj, g.W}, {"in", g.InStart, g.InAdj, g.InW}} {
		if len(side.start) != n+1 || side.start[0] != 0 || side.start[n] != len(side.adj) || len(side.w) != len(side.adj) {
			t.Fatalf("%s: start has %d entries for %d nodes, %d edges, %d weights", side.what, len(side.start), n, len(side.adj), len(side.w))
		}
		for v := range n {
			if side.start[v] > side.start[v+1] {
				t.Fatalf("%s: start falls at %d", side.what, v)
			}
			for i := side.start[v]; i < side.start[v+1]; i++ {
				u := side.adj[i]
				if u < 0 || int(u) >= n || int(u) == v {
					t.Fatalf("%s: node %d has neighbour %d", side.what, v, u)
				}
				if i > side.start[v] && side.adj[i-1] >= u {
					t.Fatalf("%s: neighbours of %d not strictly increasing: %v", side.what, v, side.adj[side.start[v]:side.start[v+1]])
				}
				if x := side.w[i]; math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("%s: weight %v", side.what, x)
				}
			}
		}
	}
	wantAdj := g.Edges
	if !g.Directed {
		wantAdj = 2 * g.Edges
	}
	if len(g.Adj) != wantAdj || len(g.InAdj) != len(g.Adj) {
		t.Fatalf("%d out and %d in entries for %d edges", len(g.Adj), len(g.InAdj), g.Edges)
	}
	// Every u→v (w) must be found as an in-edge of v from u with the same
	// weight; undirected graphs hold the same in both directions.
	for u := range n {
		adj, w := g.Out(u)
		for i, v := range adj {
			in, inW := g.In(int(v))
			if !g.Directed {
				in, inW = g.Out(int(v))
			}
			j := search(in, int32(u))
			if j < 0 || inW[j] != w[i] {
				t.Fatalf("edge %d>%d (%v) missing from the other side", u, v, w[i])
			}
		}
	}
}

func search(a []int32, x int32) int {
	for i, y := range a {
		if y == x {
			return i
		}
	}
	return -1
}

// FuzzParse: Parse never panics; what it returns is a well-formed graph
// holding every edge line once (kept, merged or dropped as a self-loop),
// or a *ParseError on a line of the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"source,target\na,b\nb,a\n",
		"source,target,weight\na,b,1\nb,a,2\na,b,0.5\na,a,3\n",
		"Source, Target ,WEIGHT\r\n\"smith, j\",\"o\"\"neil\",2.5\r\n\r\nx,y,1e-3\n",
		"source,target,weight\na,b,NaN\n",
		"source,target\n\"a,b\n",
		"source,target\nabcdefgh,abcdefghi\nabcdefghi,abcdefgh\nabcdefgh,abcdefgh\n",
		"",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, directed bool) {
		g, err := Parse(bytes.NewReader(data), ParseOptions{Directed: directed})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || g != nil {
				t.Fatalf("error %v (%T) with graph %v", err, err, g != nil)
			}
			if lines := bytes.Count(data, []byte("\n")) + 1; pe.Line < 0 || pe.Line > lines {
				t.Fatalf("error on line %d of %d", pe.Line, lines)
			}
			return
		}
		if g.Directed != directed {
			t.Fatalf("directed %v, asked %v", g.Directed, directed)
		}
		checkGraph(t, g)
		checkAgainstReference(t, g, data)
	})
}

// checkAgainstReference reads data again the plain way (encoding/csv on
// each non-blank line, a map for names, a map for edges) and checks g
// holds the same names in the same order and the same summed edges.
func checkAgainstReference(t *testing.T, g *Graph, data []byte) {
	ids := map[string]int32{}
	var names []string
	type key struct{ u, v int32 }
	sums := map[key]float64{}
	lines, header := 0, true
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		line = bytes.TrimRight(line, "\r\n")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if header {
			header = false
			continue
		}
		lines++
		rec, err := csv.NewReader(bytes.NewReader(line)).Read()
		if err != nil {
			t.Fatalf("Parse took %q, encoding/csv says %v", line, err)
		}
		var e [2]int32
		for i, f := range rec[:2] {
			f = strings.TrimSpace(f)
			id, ok := ids[f]
			if !ok {
				id = int32(len(names))
				ids[f] = id
				names = append(names, f)
			}
			e[i] = id
		}
		w := 1.0
		if len(rec) == 3 {
			w, _ = strconv.ParseFloat(strings.TrimSpace(rec[2]), 64)
		}
		if e[0] == e[1] {
			continue
		}
		if !g.Directed && e[0] > e[1] {
			e[0], e[1] = e[1], e[0]
		}
		sums[key{e[0], e[1]}] += w
	}
	if got := g.Edges + g.Merged + g.SelfLoops; got != lines {
		t.Fatalf("%d edges + %d merged + %d self-loops, but %d edge lines", g.Edges, g.Merged, g.SelfLoops, lines)
	}
	if !slices.Equal(g.Names, names) {
		t.Fatalf("names %q, read plainly %q", g.Names, names)
	}
	if len(sums) != g.Edges {
		t.Fatalf("%d edges, read plainly %d", g.Edges, len(sums))
	}
	for k, w := range sums {
		adj, ws := g.Out(int(k.u))
		j := search(adj, k.v)
		if j < 0 || ws[j] != w {
			t.Fatalf("edge %q-%q: want weight %v, graph has %v", names[k.u], names[k.v], w, adj)
		}
	}
}
