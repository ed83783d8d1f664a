package assign

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// FileError is a fault in one of a problem's files, with its line
// (1-based; 0 for the whole file).
type FileError struct {
	File string // "scores", "capacities", "fixed" or "forbid"
	Line int
	Msg  string
}

func (e *FileError) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return e.File + ": line " + strconv.Itoa(e.Line) + ": " + e.Msg
}

// ParseProblem reads a matching problem from CSV files with headers:
// capacities `mentor,capacity` (every mentor, capacity a whole number of
// at least 1), scores `mentee,mentor,score` (the allowed pairs; mentees
// are numbered as first seen; the mentor must be in capacities; a score
// is a decimal, read exactly and rounded to ScoreUnit), and optionally
// fixed and forbid, `mentee,mentor` each (nil readers for none). Repeated
// mentors, pairs or fixed mentees, unknown names and bad numbers are
// refused with the file and line; nothing is returned then.
func ParseProblem(scores, capacities, fixed, forbid io.Reader) (*Problem, error) {
	p := &Problem{}
	mentor := map[string]int{}
	err := readCSV("capacities", capacities, []string{"mentor", "capacity"}, func(line int, f []string) error {
		if _, dup := mentor[f[0]]; dup {
			return fmt.Errorf("mentor %q is listed twice", f[0])
		}
		c, err := strconv.Atoi(f[1])
		if err != nil || c < 1 {
			return fmt.Errorf("capacity %q of %q: want a whole number of at least 1", f[1], f[0])
		}
		mentor[f[0]] = len(p.Mentors)
		p.Mentors = append(p.Mentors, f[0])
		p.Capacity = append(p.Capacity, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	mentee := map[string]int{}
	var lines []int32 // the line of each pair
	err = readCSV("scores", scores, []string{"mentee", "mentor", "score"}, func(line int, f []string) error {
		j, ok := mentor[f[1]]
		if !ok {
			return fmt.Errorf("unknown mentor %q (not in the capacities file)", f[1])
		}
		sc, err := ParseScore(f[2])
		if err != nil {
			return err
		}
		i, ok := mentee[f[0]]
		if !ok {
			i = len(p.Mentees)
			mentee[f[0]] = i
			p.Mentees = append(p.Mentees, f[0])
		}
		p.Pairs = append(p.Pairs, Pair{Mentee: i, Mentor: j, Score: sc})
		lines = append(lines, int32(line))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(p.Pairs) == 0 {
		return nil, &FileError{File: "scores", Msg: "no pairs"}
	}
	table := newPairTable(len(p.Mentees), p.Pairs)
	if a, b, dup := table.repeat(); dup {
		return nil, &FileError{File: "scores", Line: int(lines[b]), Msg: fmt.Sprintf("the pair %s,%s is listed twice (first on line %d)",
			p.Mentees[p.Pairs[a].Mentee], p.Mentors[p.Pairs[a].Mentor], lines[a])}
	}
	var fixedLines []int
	pairs := func(name string, r io.Reader, into *[][2]int) error {
		if r == nil {
			return nil
		}
		return readCSV(name, r, []string{"mentee", "mentor"}, func(line int, f []string) error {
			if name == "fixed" {
				fixedLines = append(fixedLines, line)
			}
			i, ok := mentee[f[0]]
			if !ok {
				return fmt.Errorf("unknown mentee %q (not in the scores file)", f[0])
			}
			j, ok := mentor[f[1]]
			if !ok {
				return fmt.Errorf("unknown mentor %q (not in the capacities file)", f[1])
			}
			if table.find(i, j) < 0 {
				return fmt.Errorf("the pair %s,%s has no score (only scored pairs can be %s)", f[0], f[1], name)
			}
			*into = append(*into, [2]int{i, j})
			return nil
		})
	}
	if err := pairs("fixed", fixed, &p.Fixed); err != nil {
		return nil, err
	}
	if err := pairs("forbid", forbid, &p.Forbidden); err != nil {
		return nil, err
	}
	// fixed pairs: one per mentee, within capacity, not forbidden
	byMentee := map[int]bool{}
	used := make([]int, len(p.Mentors))
	forbidden := map[[2]int]bool{}
	for _, f := range p.Forbidden {
		forbidden[f] = true
	}
	for k, f := range p.Fixed {
		switch {
		case byMentee[f[0]]:
			return nil, &FileError{File: "fixed", Line: fixedLines[k], Msg: fmt.Sprintf("mentee %q is fixed twice", p.Mentees[f[0]])}
		case forbidden[f]:
			return nil, &FileError{File: "fixed", Line: fixedLines[k], Msg: fmt.Sprintf("the pair %s,%s is also forbidden", p.Mentees[f[0]], p.Mentors[f[1]])}
		}
		byMentee[f[0]] = true
		if used[f[1]]++; used[f[1]] > p.Capacity[f[1]] {
			return nil, &FileError{File: "fixed", Line: fixedLines[k], Msg: fmt.Sprintf("mentor %q gets more fixed mentees than its capacity of %d", p.Mentors[f[1]], p.Capacity[f[1]])}
		}
	}
	return p, nil
}

// ParseScore reads a decimal score into units of 1/ScoreUnit, exactly,
// rounding half away from zero at the seventh decimal.
func ParseScore(s string) (int64, error) {
	if v, ok := plainScore(s); ok {
		return v, nil
	}
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "inf", "infinity", "nan":
		return 0, fmt.Errorf("score %q is not finite", s)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/xXpP_") {
		return 0, fmt.Errorf("score %q is not a number", s)
	}
	r.Mul(r, big.NewRat(ScoreUnit, 1))
	// round half away from zero: floor(|r| + 1/2) with r's sign
	num, den := new(big.Int).Abs(r.Num()), r.Denom()
	q := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Mul(num, big.NewInt(2)), den), new(big.Int).Mul(den, big.NewInt(2)))
	if !q.IsInt64() || q.Int64() > math.MaxInt64/4 {
		return 0, fmt.Errorf("score %q is too large", s)
	}
	v := q.Int64()
	if r.Sign() < 0 {
		v = -v
	}
	return v, nil
}

// plainScore reads the common case, [-]digits[.up to 6 digits], without
// allocating.
func plainScore(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg || strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole)+len(frac) == 0 || len(whole) > 12 || len(frac) > 6 {
		return 0, false
	}
	var v int64
	for _, c := range whole + frac + strings.Repeat("0", 6-len(frac)) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// readCSV reads a CSV file with the given header (case and spaces
// ignored), handing each record's trimmed fields to row; an error from
// row is reported with the line.
func readCSV(name string, r io.Reader, header []string, row func(line int, f []string) error) error {
	if r == nil {
		return &FileError{File: name, Msg: "missing"}
	}
	cr := csv.NewReader(bufio.NewReaderSize(skipBOM(r), 256<<10))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	first := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &FileError{File: name, Line: pe.Line, Msg: pe.Err.Error()}
			}
			return &FileError{File: name, Msg: err.Error()}
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if first {
			first = false
			if !strings.EqualFold(strings.Join(rec, ","), strings.Join(header, ",")) {
				return &FileError{File: name, Line: line, Msg: fmt.Sprintf("header %q: want %s", strings.Join(rec, ","), strings.Join(header, ","))}
			}
			continue
		}
		if len(rec) == 1 && rec[0] == "" {
			continue
		}
		if len(rec) != len(header) {
			return &FileError{File: name, Line: line, Msg: fmt.Sprintf("want %d fields (%s), got %d", len(header), strings.Join(header, ","), len(rec))}
		}
		for i, f := range rec {
			if f == "" {
				return &FileError{File: name, Line: line, Msg: "empty " + header[i]}
			}
		}
		if err := row(line, rec); err != nil {
			return &FileError{File: name, Line: line, Msg: err.Error()}
		}
	}
	if first {
		return &FileError{File: name, Msg: "empty file: want the header " + strings.Join(header, ",")}
	}
	return nil
}

// skipBOM drops a UTF-8 byte-order mark, which spreadsheets write.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3)
	}
	return br
}
