package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"commonground/internal/assign"
)

// matchDecimal writes v micro-units (1/assign.ScoreUnit) as the exact
// decimal it stands for, with no trailing zeros: 734512 → 0.734512,
// 12000000 → 12, -100000 → -0.1. Floats would print 0.1 as
// 0.09999999999999998 after a sum; these are integers all the way.
func matchDecimal(v int64) string {
	var b []byte
	u := uint64(v) // two's complement: -v fits even for the smallest int64
	if v < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/assign.ScoreUnit, 10)
	if frac := u % assign.ScoreUnit; frac != 0 {
		digits := strconv.FormatUint(frac+assign.ScoreUnit, 10)[1:] // zero-padded to 6
		b = append(append(b, '.'), strings.TrimRight(digits, "0")...)
	}
	return string(b)
}

// matchJSON writes the --format json document (docs/matching.md): one
// assignment, name or mentor per line, so that a large answer stays
// readable and diffs well.
func matchJSON(w *bytes.Buffer, p *assign.Problem, sol *assign.Solution) {
	q := func(s string) string {
		b, _ := json.Marshal(s) // a string always marshals
		return string(b)
	}
	list := func(key string, items []string, last bool) {
		fmt.Fprintf(w, "  %q: [", key)
		for k, it := range items {
			if k > 0 {
				w.WriteByte(',')
			}
			w.WriteString("\n    " + it)
		}
		if len(items) > 0 {
			w.WriteString("\n  ")
		}
		w.WriteString("]")
		if !last {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	score := matchScores(p, sol)
	var pairs, unmatched []string
	for i, j := range sol.Assign {
		if j < 0 {
			unmatched = append(unmatched, q(p.Mentees[i]))
			continue
		}
		pairs = append(pairs, fmt.Sprintf(`{"mentee": %s, "mentor": %s, "score": %s}`, q(p.Mentees[i]), q(p.Mentors[j]), matchDecimal(score[i])))
	}
	w.WriteString("{\n")
	list("assignments", pairs, false)
	fmt.Fprintf(w, "  \"total_score\": %s,\n  \"matched\": %d,\n", matchDecimal(sol.Total), sol.Matched)
	list("unmatched", unmatched, false)
	w.WriteString("  \"certified\": true,\n")
	load := matchLoad(p, sol)
	mentors := make([]string, len(p.Mentors))
	for j, name := range p.Mentors {
		mentors[j] = fmt.Sprintf(`{"mentor": %s, "capacity": %d, "assigned": %d, "price": %s}`, q(name), p.Capacity[j], load[j], matchDecimal(sol.Price[j]))
	}
	list("mentors", mentors, true)
	w.WriteString("}\n")
}

// matchScores gives each matched mentee its pair's score, read from the
// problem rather than from the solver.
func matchScores(p *assign.Problem, sol *assign.Solution) []int64 {
	score := make([]int64, len(p.Mentees))
	for _, pr := range p.Pairs {
		if sol.Assign[pr.Mentee] == pr.Mentor {
			score[pr.Mentee] = pr.Score
		}
	}
	return score
}

// matchLoad counts each mentor's mentees.
func matchLoad(p *assign.Problem, sol *assign.Solution) []int {
	load := make([]int, len(p.Mentors))
	for _, j := range sol.Assign {
		if j >= 0 {
			load[j]++
		}
	}
	return load
}

// text writes the report for people: the totals, the pairs, who is left
// unmatched, and each mentor's load and price.
func (req *matchRequest) text(w io.Writer, p *assign.Problem, sol *assign.Solution) {
	seats := 0
	for _, c := range p.Capacity {
		seats += c
	}
	fmt.Fprintf(w, "Mentees:      %d, over %d allowed pairs (%s)\n", len(p.Mentees), len(p.Pairs), req.scores)
	fmt.Fprintf(w, "Mentors:      %d, with %d seats (%s)\n", len(p.Mentors), seats, req.capacities)
	pairs := func(n int) string {
		if n == 1 {
			return "1 pair"
		}
		return strconv.Itoa(n) + " pairs"
	}
	if req.fixed != "" {
		fmt.Fprintf(w, "Fixed:        %s (%s)\n", pairs(len(p.Fixed)), req.fixed)
	}
	if req.forbid != "" {
		fmt.Fprintf(w, "Forbidden:    %s (%s)\n", pairs(len(p.Forbidden)), req.forbid)
	}
	fmt.Fprintf(w, "Total score:  %s\n", matchDecimal(sol.Total))
	fmt.Fprintf(w, "Matched:      %d of %d mentees\n", sol.Matched, len(p.Mentees))
	fmt.Fprintln(w, "Certified optimal: dual prices prove no other assignment scores higher.")

	fixed := make(map[int]bool, len(p.Fixed))
	for _, f := range p.Fixed {
		fixed[f[0]] = true
	}
	score := matchScores(p, sol)
	var rows [][]string
	var unmatched []string
	for i, j := range sol.Assign {
		if j < 0 {
			unmatched = append(unmatched, p.Mentees[i])
			continue
		}
		row := []string{p.Mentees[i], p.Mentors[j], matchDecimal(score[i]), ""}
		if fixed[i] {
			row[3] = "fixed"
		}
		rows = append(rows, row)
	}
	fmt.Fprintf(w, "\nAssignments (%d)\n", len(rows))
	matchTable(w, []string{"mentee", "mentor", "score", ""}, rows, 2)
	fmt.Fprintf(w, "\nUnmatched (%d)\n", len(unmatched))
	if len(unmatched) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, name := range unmatched {
		fmt.Fprintln(w, "  "+name)
	}
	load := matchLoad(p, sol)
	mentors := make([][]string, len(p.Mentors))
	for j, name := range p.Mentors {
		mentors[j] = []string{name, strconv.Itoa(p.Capacity[j]), strconv.Itoa(load[j]), matchDecimal(sol.Price[j])}
	}
	// the price bounds the margin both ways (the optimum is concave in a
	// capacity and the price is a supergradient): a seat more adds at most
	// this, a seat fewer costs at least this
	fmt.Fprintln(w, "\nMentors (price: what a seat with the mentor is worth at the margin)")
	matchTable(w, []string{"mentor", "capacity", "assigned", "price"}, mentors, 1)
}

// matchTable writes rows under a header, two spaces in, the named columns
// from numbersFrom on aligned right (-1: none), trailing spaces trimmed.
func matchTable(w io.Writer, header []string, rows [][]string, numbersFrom int) {
	width := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for c, s := range r {
			width[c] = max(width[c], utf8.RuneCountInString(s))
		}
	}
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		b.Reset()
		for c, s := range r {
			pad := strings.Repeat(" ", width[c]-utf8.RuneCountInString(s))
			b.WriteString("  ")
			if numbersFrom >= 0 && c >= numbersFrom && header[c] != "" {
				b.WriteString(pad + s)
			} else {
				b.WriteString(s + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
