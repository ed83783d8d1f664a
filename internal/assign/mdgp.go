package assign

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ParseMDGP reads an instance in the MDGPLIB format: a first line
// `n groups ss|ds` followed by the lower and the upper size of each group
// (the sizes may run on over the next lines), then one line `i j d` per
// pair of items, 0 ≤ i, j < n, i ≠ j, giving their diversity d, a finite
// decimal number (negative ones are allowed: they keep two items apart).
// Fields are separated by spaces or tabs; blank lines are skipped.
//
// "ss" (same size) instances must give every group the same bounds. Every
// pair must be listed exactly once, in either order: a missing pair is
// refused rather than taken as 0, because it is far more often a cut-off
// file than a meaning. On any fault ParseMDGP returns a nil instance and a
// *CirclesError with the line.
func ParseMDGP(r io.Reader) (*Circles, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	p := &mdgpParser{}
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if err := p.line(line, fields); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &CirclesError{Line: line + 1, Msg: "line longer than 1 MiB"}
		}
		return nil, &CirclesError{Line: line + 1, Msg: "read: " + err.Error()}
	}
	return p.finish()
}

type mdgpParser struct {
	c      *Circles
	groups int
	same   bool
	bounds []int // lower, upper, lower, upper, ... as read so far
	given  []uint64
	pairs  int
}

func (p *mdgpParser) line(n int, f []string) *CirclesError {
	if p.c == nil {
		return p.header(n, f)
	}
	if len(p.bounds) < 2*p.groups {
		return p.sizes(n, f)
	}
	if len(f) != 3 {
		return &CirclesError{Line: n, Msg: fmt.Sprintf("want `i j d`, got %d fields", len(f))}
	}
	i, err := p.item(n, f[0])
	if err != nil {
		return err
	}
	j, err := p.item(n, f[1])
	if err != nil {
		return err
	}
	if i == j {
		return &CirclesError{Line: n, Msg: fmt.Sprintf("item %d paired with itself", i)}
	}
	d, msg := mdgpDecimal(f[2])
	if msg != "" {
		return &CirclesError{Line: n, Msg: "diversity " + msg}
	}
	a, b := min(i, j), max(i, j)
	bit := a*p.c.N + b
	if p.given[bit/64]&(1<<(bit%64)) != 0 {
		return &CirclesError{Line: n, Msg: fmt.Sprintf("pair %d %d given twice", a, b)}
	}
	p.given[bit/64] |= 1 << (bit % 64)
	p.pairs++
	p.c.D[i*p.c.N+j] = d
	p.c.D[j*p.c.N+i] = d
	return nil
}

func (p *mdgpParser) header(n int, f []string) *CirclesError {
	if len(f) < 3 {
		return &CirclesError{Line: n, Msg: "want `n groups ss|ds` and the group sizes"}
	}
	items, err := strconv.Atoi(f[0])
	if err != nil || items < 1 {
		return &CirclesError{Line: n, Msg: fmt.Sprintf("number of items %q is not a positive whole number", mdgpClip(f[0]))}
	}
	if items > MaxCircleItems {
		return &CirclesError{Line: n, Msg: fmt.Sprintf("%d items: at most %d", items, MaxCircleItems)}
	}
	groups, err := strconv.Atoi(f[1])
	if err != nil || groups < 1 {
		return &CirclesError{Line: n, Msg: fmt.Sprintf("number of groups %q is not a positive whole number", mdgpClip(f[1]))}
	}
	if groups > items {
		return &CirclesError{Line: n, Msg: fmt.Sprintf("%d groups for %d items", groups, items)}
	}
	switch strings.ToLower(f[2]) {
	case "ss":
		p.same = true
	case "ds":
	default:
		return &CirclesError{Line: n, Msg: fmt.Sprintf("group kind %q: want ss or ds", mdgpClip(f[2]))}
	}
	p.groups = groups
	p.c = &Circles{N: items}
	return p.sizes(n, f[3:])
}

// sizes takes the group bounds, which all of the first line or the lines
// after it carry.
func (p *mdgpParser) sizes(n int, f []string) *CirclesError {
	for _, s := range f {
		if len(p.bounds) == 2*p.groups {
			return &CirclesError{Line: n, Msg: fmt.Sprintf("more than the %d group sizes (a lower and an upper size for each of %d groups)", 2*p.groups, p.groups)}
		}
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			return &CirclesError{Line: n, Msg: fmt.Sprintf("group size %q is not a whole number", mdgpClip(s))}
		}
		p.bounds = append(p.bounds, v)
	}
	if len(p.bounds) < 2*p.groups {
		return nil
	}
	c := p.c
	c.Lower = make([]int, p.groups)
	c.Upper = make([]int, p.groups)
	for k := range p.groups {
		c.Lower[k], c.Upper[k] = p.bounds[2*k], p.bounds[2*k+1]
	}
	if err := circleBounds(c.N, c.Lower, c.Upper); err != nil {
		return &CirclesError{Line: n, Msg: err.Error()}
	}
	if p.same {
		for k := 1; k < p.groups; k++ {
			if c.Lower[k] != c.Lower[0] || c.Upper[k] != c.Upper[0] {
				return &CirclesError{Line: n, Msg: fmt.Sprintf("ss instance, but group %d's sizes %d %d differ from group 1's %d %d", k+1, c.Lower[k], c.Upper[k], c.Lower[0], c.Upper[0])}
			}
		}
	}
	c.D = make([]float64, c.N*c.N)
	p.given = make([]uint64, (c.N*c.N+63)/64)
	return nil
}

func (p *mdgpParser) item(n int, s string) (int, *CirclesError) {
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, &CirclesError{Line: n, Msg: fmt.Sprintf("item %q is not a whole number", mdgpClip(s))}
	}
	if v < 0 || v >= p.c.N {
		return 0, &CirclesError{Line: n, Msg: fmt.Sprintf("item %d out of range 0..%d", v, p.c.N-1)}
	}
	return v, nil
}

func (p *mdgpParser) finish() (*Circles, error) {
	if p.c == nil {
		return nil, &CirclesError{Msg: "empty file: want `n groups ss|ds`, the group sizes and `i j d` lines"}
	}
	if len(p.bounds) < 2*p.groups {
		return nil, &CirclesError{Msg: fmt.Sprintf("%d of the %d group sizes given", len(p.bounds), 2*p.groups)}
	}
	n := p.c.N
	if want := n * (n - 1) / 2; p.pairs < want {
		for a := range n {
			for b := a + 1; b < n; b++ {
				if bit := a*n + b; p.given[bit/64]&(1<<(bit%64)) == 0 {
					return nil, &CirclesError{Msg: fmt.Sprintf("pair %d %d missing: %d of the %d pairs given", a, b, p.pairs, want)}
				}
			}
		}
	}
	return p.c, nil
}

// mdgpDecimal reads a finite decimal number such as 12, -0.5 or 1e3, and
// says what is wrong otherwise. Go's own syntax would also take 0x1p-2,
// 1_000, Inf and NaN, none of which a diversity file means.
func mdgpDecimal(s string) (float64, string) {
	if strings.Trim(s, "0123456789.eE+-") != "" {
		if t := strings.ToLower(strings.TrimLeft(s, "+-")); t == "inf" || t == "infinity" || t == "nan" {
			return 0, fmt.Sprintf("%q is not finite", mdgpClip(s))
		}
		return 0, fmt.Sprintf("%q is not a number", mdgpClip(s))
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Sprintf("%q is not a number", mdgpClip(s))
	}
	if math.IsInf(x, 0) {
		return 0, fmt.Sprintf("%q is not finite", mdgpClip(s))
	}
	return x + 0, "" // -0 becomes 0
}

func mdgpClip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
