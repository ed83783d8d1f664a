package main

import (
	"fmt"
	"io"
	"strings"

	"commonground/internal/vote"
)

// tallyReport is one counted vote, ready to be written as text or JSON.
type tallyReport struct {
	req      *tallyRequest
	e        *vote.Election
	r        *vote.Result
	scale    int64
	ballots  int64   // the sum of the counts
	scoredBy []int64 // score: how many ballots scored each candidate
}

var tallyTitles = map[string]string{
	"majority": "majority vote",
	"approval": "approval voting",
	"score":    "score voting",
	"dot":      "dot voting",
	"borda":    "Borda count",
	"irv":      "instant-runoff voting",
	"stv":      "single transferable vote",
	"schulze":  "Schulze method",
}

func newTallyReport(req *tallyRequest, e *vote.Election, r *vote.Result) *tallyReport {
	rep := &tallyReport{req: req, e: e, r: r, scale: r.Scale}
	if rep.scale <= 0 {
		rep.scale = 1
	}
	if req.method == "score" {
		rep.scoredBy = make([]int64, len(e.Candidates))
	}
	for _, b := range e.Ballots {
		rep.ballots += b.Count
		if rep.scoredBy != nil {
			for _, m := range b.Marks {
				rep.scoredBy[m.Candidate] += b.Count
			}
		}
	}
	return rep
}

func (rep *tallyReport) names(cs []int) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = rep.e.Candidates[c]
	}
	return out
}

// continuing lists, for round i (0-based), the candidates not eliminated
// in an earlier round, in candidate order. Candidates elected earlier
// stay: an STV round still shows what they hold.
func (rep *tallyReport) continuing(i int) []int {
	gone := make([]bool, len(rep.e.Candidates))
	for _, r := range rep.r.Rounds[:i] {
		for _, c := range r.Eliminated {
			gone[c] = true
		}
	}
	var out []int
	for c := range rep.e.Candidates {
		if !gone[c] {
			out = append(out, c)
		}
	}
	return out
}

// tieVerb says what a tie-break's Chosen were chosen for.
func (rep *tallyReport) tieVerb(t vote.TieBreak) string {
	switch {
	case rep.req.method == "stv" && strings.Contains(t.Rule, "surplus order"):
		return "chosen to transfer first"
	case rep.req.method == "irv" || rep.req.method == "stv":
		return "eliminated"
	}
	return "elected"
}

// electedBy lists the candidates elected in round i (0-based) or before.
func (rep *tallyReport) electedBy(i int) map[int]bool {
	in := map[int]bool{}
	for _, r := range rep.r.Rounds[:i+1] {
		for _, c := range r.Elected {
			in[c] = true
		}
	}
	return in
}

// thresholdText is the majority rule in words: "more than 1/2".
func (rep *tallyReport) thresholdText() string {
	m := rep.req.majority
	num, den := m.ThresholdNum, m.ThresholdDen
	if num == 0 && den == 0 {
		num, den = 1, 2
	}
	rel := "more than"
	if m.AtLeast {
		rel = "at least"
	}
	return fmt.Sprintf("%s %d/%d", rel, num, den)
}

func (rep *tallyReport) writeText(w io.Writer) error {
	e, r, req := rep.e, rep.r, rep.req
	tw := &tallyWriter{w: w}
	tw.line("Method:      %s (%s)", tallyTitles[req.method], req.method)
	if req.method == "stv" {
		tw.line("Rules:       %s", req.rules)
	}
	tw.line("Candidates:  %d (%s)", len(e.Candidates), strings.Join(e.Candidates, ", "))
	tw.line("Ballots:     %d (%d distinct)", rep.ballots, len(e.Ballots))
	if tallyHas(tallyFlagMethods["seats"], req.method) {
		tw.line("Seats:       %d", e.Seats)
	}
	switch req.method {
	case "score":
		if req.scoreRange {
			tw.line("Score range: %d-%d", req.opts.ScoreMin, req.opts.ScoreMax)
		} else {
			tw.line("Score range: not declared (any whole number)")
		}
	case "dot":
		if req.opts.MaxDots > 0 {
			tw.line("Dots:        %d per ballot", req.opts.MaxDots)
		} else {
			tw.line("Dots:        no limit per ballot")
		}
	case "majority":
		tw.line("Threshold:   %s of the valid votes (%d needed)", rep.thresholdText(), r.Quota)
		if req.majority.Quorum > 0 {
			tw.line("Quorum:      %d ballots", req.majority.Quorum)
		} else {
			tw.line("Quorum:      none")
		}
	case "stv":
		label := "Quota:      "
		if req.rules == vote.STVMeek {
			label = "Final quota:" // Meek's falls as ballots exhaust; each round shows its own
		}
		tw.line("%s %s", label, tallyText(r.Quota, rep.scale))
	}
	label := "Winner:     "
	if len(r.Winners) > 1 {
		label = "Winners:    "
	}
	winners := strings.Join(rep.names(r.Winners), ", ")
	if winners == "" {
		winners = "none"
	}
	tw.line("%s %s", label, winners)
	if r.Passed != nil {
		passed := "no"
		if *r.Passed {
			passed = "yes"
		}
		tw.line("Passed:      %s", passed)
		tw.line("Note:        %s", r.Note)
	}

	if len(r.Ranking) > 0 {
		tw.line("\nRanking")
		for i, g := range r.Ranking {
			tw.line("  %d. %s", i+1, strings.Join(rep.names(g), " = "))
		}
	}
	rep.textTotals(tw)
	for i, round := range r.Rounds {
		rep.textRound(tw, i, round)
	}
	if r.Pairwise != nil {
		tw.line("\nPairwise: how many ballots rank the row's candidate above the column's")
		rep.textMatrix(tw, r.Pairwise)
	}
	if r.Strongest != nil {
		tw.line("\nStrongest paths: the strength of the strongest path from row to column")
		rep.textMatrix(tw, r.Strongest)
	}
	if r.Note != "" && r.Passed == nil && req.method != "score" { // score's means are in the table
		tw.line("\nNote: %s", r.Note)
	}
	if len(r.TieBreaks) == 0 {
		tw.line("\nTie-breaks: none")
	} else {
		tw.line("\nTie-breaks")
		for _, t := range r.TieBreaks {
			where := "Tie"
			if t.Round > 0 {
				where = fmt.Sprintf("Round %d: tie", t.Round)
			}
			tw.line("  %s among %s broken by %s: %s %s", where, strings.Join(rep.names(t.Among), ", "),
				t.Rule, strings.Join(rep.names(t.Chosen), ", "), rep.tieVerb(t))
		}
	}
	return tw.err
}

// textTotals writes each candidate's total, best first. Round methods
// show the final round's continuing candidates (the eliminated hold 0);
// score adds the mean score and how many ballots gave one.
func (rep *tallyReport) textTotals(tw *tallyWriter) {
	r := rep.r
	if len(r.Totals) == 0 {
		return
	}
	order := tallyFlatten(r.Ranking)
	if len(order) != len(r.Totals) {
		order = rep.continuing(0)
	}
	title := map[string]string{
		"majority": "Votes", "approval": "Approvals", "score": "Scores",
		"dot": "Dots", "borda": "Borda points", "schulze": "Candidates each beats (Schulze relation)",
	}[rep.req.method]
	if len(r.Rounds) > 0 {
		title = "Votes in the final round"
		keep := rep.continuing(len(r.Rounds))
		order = tallyKeep(order, keep)
	}
	var rows [][]string
	if rep.scoredBy != nil {
		rows = append(rows, []string{"", "total", "mean", "ballots"})
	}
	for _, c := range order {
		row := []string{rep.e.Candidates[c], tallyText(r.Totals[c], rep.scale)}
		if rep.scoredBy != nil {
			mean := "-"
			if rep.scoredBy[c] > 0 {
				mean = tallyMixed(r.Totals[c], rep.scoredBy[c])
			}
			row = append(row, mean, fmt.Sprint(rep.scoredBy[c]))
		}
		rows = append(rows, row)
	}
	tw.line("\n%s", title)
	tw.table(rows, "  ", 1)
}

func (rep *tallyReport) textRound(tw *tallyWriter, i int, round vote.Round) {
	tw.line("\nRound %d", round.Number)
	var rows [][]string
	elected := rep.electedBy(i)
	for _, c := range rep.continuing(i) {
		row := []string{rep.e.Candidates[c], tallyText(round.Totals[c], rep.scale)}
		if elected[c] && len(round.Keep) == len(rep.e.Candidates) {
			row = append(row, "keep "+tallyText(round.Keep[c], rep.scale))
		}
		rows = append(rows, row)
	}
	rows = append(rows, []string{"exhausted", tallyText(round.Exhausted, rep.scale)})
	if rep.req.method == "stv" {
		rows = append(rows, []string{"quota", tallyText(round.Quota, rep.scale)})
	}
	tw.table(rows, "  ", 1)
	if len(round.Elected) > 0 {
		tw.line("  elected: %s", strings.Join(rep.names(round.Elected), ", "))
	}
	if len(round.Eliminated) > 0 {
		tw.line("  eliminated: %s", strings.Join(rep.names(round.Eliminated), ", "))
	}
	if round.Transfers != "" {
		tw.line("  %s", round.Transfers)
	}
}

// textMatrix writes a candidates × candidates matrix with "-" on the
// diagonal, every column as wide as its widest cell.
func (rep *tallyReport) textMatrix(tw *tallyWriter, m [][]int64) {
	n := len(rep.e.Candidates)
	rows := [][]string{append([]string{""}, rep.e.Candidates...)}
	for a := range n {
		row := []string{rep.e.Candidates[a]}
		for b := range n {
			if a == b {
				row = append(row, "-")
			} else {
				row = append(row, tallyText(m[a][b], 1))
			}
		}
		rows = append(rows, row)
	}
	tw.table(rows, "  ", 1)
}

func tallyFlatten(groups [][]int) []int {
	var out []int
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// tallyKeep returns the entries of order that are in keep.
func tallyKeep(order, keep []int) []int {
	in := map[int]bool{}
	for _, c := range keep {
		in[c] = true
	}
	var out []int
	for _, c := range order {
		if in[c] {
			out = append(out, c)
		}
	}
	return out
}

// tallyWriter writes lines and tables, keeping the first error.
type tallyWriter struct {
	w   io.Writer
	err error
}

func (tw *tallyWriter) line(format string, args ...any) {
	if tw.err == nil {
		_, tw.err = fmt.Fprintf(tw.w, format+"\n", args...)
	}
}

// table writes rows with columns separated by two spaces, the first
// `left` columns aligned left (names) and the others right (numbers).
func (tw *tallyWriter) table(rows [][]string, indent string, left int) {
	var width []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], len([]rune(cell)))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		b.WriteString(indent)
		for i, cell := range row {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-len([]rune(cell)))
			if i < left {
				b.WriteString(cell)
				if i < len(row)-1 {
					b.WriteString(pad)
				}
			} else {
				b.WriteString(pad + cell)
			}
		}
		tw.line("%s", b.String())
	}
}
