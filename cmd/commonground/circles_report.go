package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"commonground/internal/assign"
)

// circlesBarAfter is how long a search runs before its bar shows: shorter
// runs end before anyone would wonder.
var circlesBarAfter = time.Second

// circlesBar shows the search's progress on standard error once it has
// run for circlesBarAfter. A nil
// *circlesBar shows nothing, which is what pipes, logs and tests get.
type circlesBar struct {
	bars   *networkBars
	start  time.Time
	stage  string
	rounds int64 // rounds in all when the run is counted in rounds, else -1 (a spinner)
}

func newCirclesBar(w io.Writer, tty bool, req *circlesRequest) *circlesBar {
	if !tty {
		return nil
	}
	b := &circlesBar{bars: &networkBars{w: w}, start: time.Now(), stage: "searching", rounds: int64(req.iterations * assign.CircleIslands)}
	if req.seconds > 0 {
		// the time limit, not the rounds, is what ends such a run
		b.stage, b.rounds = fmt.Sprintf("searching for %s s", strconv.FormatFloat(req.seconds, 'f', -1, 64)), -1
	}
	return b
}

// progress is assign.CircleOptions.Progress; nil without a bar.
func (b *circlesBar) progress() func(rounds int, best float64) {
	if b == nil {
		return nil
	}
	return func(rounds int, _ float64) {
		if time.Since(b.start) >= circlesBarAfter {
			b.bars.show(b.stage, b.rounds, int64(rounds), false)
		}
	}
}

func (b *circlesBar) done() {
	if b != nil {
		b.bars.done()
	}
}

// circlesResult is a grouping ready to report.
type circlesResult struct {
	req    *circlesRequest
	c      *assign.Circles
	people *circlesPeople // nil for an MDGPLIB instance
	g      *assign.Grouping
	took   time.Duration // the search's time, as seen from outside it
	groups [][]int       // members of each group, in increasing order
	// same is whether every group has the same size bounds; the groups
	// are then listed by their first member, since their numbers mean
	// nothing, and otherwise in the order of the instance's bounds
	same bool
}

func newCirclesResult(req *circlesRequest, c *assign.Circles, people *circlesPeople, g *assign.Grouping, took time.Duration) *circlesResult {
	r := &circlesResult{req: req, c: c, people: people, g: g, took: took, groups: g.Members(c.Groups()), same: true}
	for k := range c.Groups() {
		r.same = r.same && c.Lower[k] == c.Lower[0] && c.Upper[k] == c.Upper[0]
	}
	if r.same {
		slices.SortStableFunc(r.groups, func(a, b []int) int { return slices.Compare(a, b) })
	}
	return r
}

// repeatable is whether --iterations and --seed give this very grouping
// again: they do unless a time limit or a target stopped the search, at a
// moment that depends on the machine. Checking either leaves the search's
// path alone, so a run that ended before its time limit (measured here
// from before the engine started its clock) and short of its target ran
// exactly its rounds.
func (r *circlesResult) repeatable() bool {
	req := r.req
	switch {
	case req.iterations == 0:
		return false // only the time limit could end it
	case req.seconds > 0 && r.took.Seconds() >= req.seconds:
		return false
	case req.target != 0 && r.g.Objective >= req.target:
		return false
	}
	return true
}

// perSearch is the rounds each search ran: exactly --iterations when
// repeatable, else the rounds in all shared out (rounded up).
func (r *circlesResult) perSearch() int {
	if r.repeatable() {
		return r.req.iterations
	}
	return (r.g.Iterations + assign.CircleIslands - 1) / assign.CircleIslands
}

// item names an item: its id in a people file, its number in an instance.
func (r *circlesResult) item(i int) string {
	if r.c.Names != nil {
		return r.c.Names[i]
	}
	return strconv.Itoa(i)
}

// diversity sums D within one group.
func (r *circlesResult) diversity(members []int) float64 {
	var f float64
	for a, i := range members {
		for _, j := range members[a+1:] {
			f += r.c.D[i*r.c.N+j]
		}
	}
	return f
}

// circlesNumber writes a figure for people: at most 6 decimals, no
// trailing zeros (JSON carries the full float).
func circlesNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', 6, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// json writes the --format json document (docs/matching.md), one group a
// line. The objective is rounded to 9 decimals, so that sums of 2-decimal
// diversities print as 986.57 and not 986.5699999999998.
func (r *circlesResult) json(w *bytes.Buffer) {
	obj := strconv.FormatFloat(r.g.Objective, 'f', 9, 64) // finite: the engine checks its input
	obj = strings.TrimSuffix(strings.TrimRight(obj, "0"), ".")
	if obj == "-0" {
		obj = "0"
	}
	fmt.Fprintf(w, "{\n  \"objective\": %s,\n  \"groups\": [", obj)
	for k, members := range r.groups {
		if k > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    [")
		for a, i := range members {
			if a > 0 {
				w.WriteString(", ")
			}
			if r.c.Names != nil {
				name, _ := json.Marshal(r.c.Names[i])
				w.Write(name)
			} else {
				w.WriteString(strconv.Itoa(i))
			}
		}
		w.WriteString("]")
	}
	fmt.Fprintf(w, "\n  ],\n  \"iterations\": %d,\n  \"rounds\": %d,\n  \"seed\": %d,\n  \"reproducible\": %t\n}\n",
		r.perSearch(), r.g.Iterations, r.req.seed, r.repeatable())
}

// text writes the report for people.
func (r *circlesResult) text(w io.Writer) {
	c := r.c
	kind, unit := "Circle", "people"
	if r.people == nil {
		kind, unit = "Group", "items"
		fmt.Fprintf(w, "Instance:     %s: %d items in %d groups%s\n", r.req.instance, c.N, c.Groups(), r.sizes())
		fmt.Fprintf(w, "Objective:    %s\n", circlesNumber(r.g.Objective))
	} else {
		fmt.Fprintf(w, "People:       %s: %d people in %d circles%s\n", r.req.people, c.N, c.Groups(), r.sizes())
		fmt.Fprintf(w, "Weights:      %s\n", r.weights())
		fmt.Fprintf(w, "Diversity:    %s\n", circlesNumber(r.g.Objective))
	}
	fmt.Fprintf(w, "Search:       %s\n", r.search())
	for k, members := range r.groups {
		fmt.Fprintf(w, "\n%s %d: %d %s, diversity %s", kind, k+1, len(members), unit, circlesNumber(r.diversity(members)))
		if !r.same {
			fmt.Fprintf(w, " (bounds %d to %d)", c.Lower[k], c.Upper[k])
		}
		if r.people == nil {
			names := make([]string, len(members))
			for a, i := range members {
				names[a] = r.item(i)
			}
			fmt.Fprintf(w, "\n  %s\n", strings.Join(names, " "))
			continue
		}
		fmt.Fprintln(w)
		rows := make([][]string, len(members))
		for a, i := range members {
			rows[a] = r.people.rows[i]
		}
		matchTable(w, r.people.header, rows, -1)
	}
}

// sizes says how large the groups are: " of 4", " of 4 or 5", " of 3 to
// 6", or nothing when each group has its own bounds (listed with it).
func (r *circlesResult) sizes() string {
	lo, hi := r.c.Lower[0], r.c.Upper[0]
	switch {
	case !r.same:
		return ""
	case lo == hi:
		return fmt.Sprintf(" of %d", lo)
	case hi == lo+1:
		return fmt.Sprintf(" of %d or %d", lo, hi)
	}
	return fmt.Sprintf(" of %d to %d", lo, hi)
}

// weights lists every attribute column with its weight.
func (r *circlesResult) weights() string {
	var parts []string
	for _, col := range r.people.header[1:] {
		w := 1.0
		for name, v := range r.req.weights {
			if strings.EqualFold(name, col) {
				w = v
			}
		}
		part := col + " " + circlesNumber(w)
		if w == 0 {
			part += " (ignored)"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, ", ")
}

// search says how the search ran and how to repeat it.
func (r *circlesResult) search() string {
	req := r.req
	if r.repeatable() {
		return fmt.Sprintf("%d rounds on each of %d searches, seed %d (--iterations %d --seed %d repeats it exactly)",
			req.iterations, assign.CircleIslands, req.seed, req.iterations, req.seed)
	}
	why := fmt.Sprintf("stopped at the %s s limit", strconv.FormatFloat(req.seconds, 'f', -1, 64))
	if req.target != 0 && r.g.Objective >= req.target {
		why = "stopped on reaching the target " + circlesNumber(req.target)
	}
	return fmt.Sprintf("%s, %d rounds in all, seed %d (a run stopped by time or a target does not repeat exactly: use --iterations and --seed for that)",
		why, r.g.Iterations, req.seed)
}
