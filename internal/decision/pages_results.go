package decision

import (
	"html/template"
	"sort"
	"strconv"
	"strings"

	"commonground/internal/chart"
	"commonground/internal/collective"
	"commonground/internal/vote"
)

// resultsPage is a decision's count laid out for the page: every chart
// comes with its table.
type resultsPage struct {
	*Results
	Outcome       string
	Chart         template.HTML
	Table         chart.Table
	Winners       []string
	Rounds        *chart.Table
	Chambers      []chamberPage
	ChambersWords string
	Ballots       []ballotRow
}

// chamberPage is one chamber's count.
type chamberPage struct {
	Name    string
	Winners []string
	Outcome string
	Table   chart.Table
}

// ballotRow is a named ballot in words.
type ballotRow struct{ Name, Choice, Reason string }

// chamberNames says the chambers in words.
var chamberNames = map[string]string{"individuals": "Individuals", "organisations": "Organisations"}

// resultsView lays out res for the page; nil when there is nothing to show.
func (h *Handlers) resultsView(a *collective.Access, d *Decision, mi MethodInfo, res *Results) *resultsPage {
	if res == nil {
		return nil
	}
	rp := &resultsPage{Results: res, Outcome: outcomeWords(res.Passed)}
	// A final count with a Hidden note (an anonymous decision with fewer
	// voters than the minimum group) shows only turnout and outcome: no
	// chart or table, which would be empty or say who voted how.
	if !res.Visible || res.Hidden != "" {
		return rp
	}
	if d.Method == Consent && res.Passed != nil && !*res.Passed && len(res.Objections) > 0 {
		rp.Outcome = "Blocked by an objection"
		if len(res.Objections) > 1 {
			rp.Outcome = "Blocked by objections"
		}
	}
	title := "Results: " + d.Question
	if len(res.Positions) > 0 {
		// No unit after the numbers: "1 people" reads badly, and the header says what they count.
		c := chart.Bars{Title: title, ID: "results-chart", LabelHeader: "Answer", ValueHeader: "Ballots"}
		for _, pc := range res.Positions {
			c.Bars = append(c.Bars, chart.Bar{Label: pc.Position.Label, Value: float64(pc.Count)})
		}
		rp.Chart, rp.Table = c.HTML(), c.Table()
	}
	// Position methods (consent) have a tally too, without totals: their
	// chart is the positions above.
	if t := res.Tally; t != nil && mi.Options {
		c := tallyBars(d, t, title, "results-chart")
		rp.Chart, rp.Table = c.HTML(), c.Table()
		rp.Winners = optionNames(d, t.Winners)
		rp.Rounds = roundsTable(d, t)
	}
	names := make([]string, 0, len(res.Chambers))
	for n := range res.Chambers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t := res.Chambers[n]
		label := chamberNames[n]
		if label == "" {
			label = n
		}
		c := tallyBars(d, t, label+": "+d.Question, "chamber-"+n)
		rp.Chambers = append(rp.Chambers, chamberPage{Name: label, Winners: optionNames(d, t.Winners),
			Outcome: outcomeWords(t.Passed), Table: c.Table()})
	}
	if res.ChambersPassed != nil {
		rp.ChambersWords = "Both chambers passed it."
		if !*res.ChambersPassed {
			rp.ChambersWords = "It needed both chambers to pass, and at least one did not."
		}
	}
	for _, b := range res.Ballots {
		rp.Ballots = append(rp.Ballots, ballotRow{Name: b.VoterName, Choice: choiceWords(d, mi, b.Choice), Reason: b.Reason})
	}
	return rp
}

// tallyBars is an option method's totals as a bar chart.
func tallyBars(d *Decision, t *vote.Result, title, id string) chart.Bars {
	c := chart.Bars{Title: title, ID: id, LabelHeader: "Option", ValueHeader: totalsUnit(d.Method)}
	totals := t.Totals
	if len(t.Rounds) > 0 && len(totals) == 0 {
		totals = t.Rounds[len(t.Rounds)-1].Totals
	}
	winners := map[int]bool{}
	for _, w := range t.Winners {
		winners[w] = true
	}
	for i, v := range totals {
		b := chart.Bar{Label: optionName(d, i), Value: scaled(v, t.Scale)}
		if winners[i] {
			b.Detail = "Elected"
			if len(t.Winners) == 1 {
				b.Detail = "Winner"
			}
		}
		c.Bars = append(c.Bars, b)
	}
	if len(t.Winners) > 0 {
		c.DetailHeader = "Result"
	}
	return c
}

// totalsUnit says what an option method's totals count.
func totalsUnit(m Method) string {
	switch m {
	case Approval, TimePoll:
		return "Approvals"
	case Score, Borda:
		return "Points"
	case Dot:
		return "Dots"
	}
	return "Votes"
}

// roundsTable is a round-based count as a table: a row per option, a
// column per round; nil for methods without rounds.
func roundsTable(d *Decision, t *vote.Result) *chart.Table {
	if len(t.Rounds) == 0 {
		return nil
	}
	tb := &chart.Table{Caption: "Votes in each round", Headers: []string{"Option"}}
	for _, rd := range t.Rounds {
		tb.Headers = append(tb.Headers, "Round "+strconv.Itoa(rd.Number))
	}
	n := 0
	for _, rd := range t.Rounds {
		n = max(n, len(rd.Totals))
	}
	for i := range n {
		row := []string{optionName(d, i)}
		for _, rd := range t.Rounds {
			cell := ""
			if i < len(rd.Totals) {
				cell = number(scaled(rd.Totals[i], t.Scale))
			}
			switch {
			case contains(rd.Elected, i):
				cell += " (elected)"
			case contains(rd.Eliminated, i):
				cell += " (dropped)"
			}
			row = append(row, cell)
		}
		tb.Rows = append(tb.Rows, row)
	}
	ex := []string{"No longer counting (exhausted)"}
	for _, rd := range t.Rounds {
		ex = append(ex, number(scaled(rd.Exhausted, t.Scale)))
	}
	tb.Rows = append(tb.Rows, ex)
	return tb
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// scaled turns an engine total into a number of votes.
func scaled(v, scale int64) float64 {
	if scale <= 1 {
		return float64(v)
	}
	return float64(v) / float64(scale)
}

// number writes a total with at most two decimals.
func number(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// optionName is candidate i's label: the option at position i.
func optionName(d *Decision, i int) string {
	for _, o := range d.Options {
		if o.Position == i {
			return o.Label
		}
	}
	if i >= 0 && i < len(d.Options) {
		return d.Options[i].Label
	}
	return "Option " + strconv.Itoa(i+1)
}

func optionNames(d *Decision, is []int) []string {
	out := make([]string, 0, len(is))
	for _, i := range is {
		out = append(out, optionName(d, i))
	}
	return out
}

// choiceWords says a ballot in words.
func choiceWords(d *Decision, mi MethodInfo, c Choice) string {
	switch mi.Ballot {
	case PositionBallot:
		if p, ok := mi.PositionOf(c.Position); ok {
			return p.Label
		}
		return c.Position
	case SingleBallot:
		if c.Option != nil {
			return optionName(d, *c.Option)
		}
	case MarksBallot:
		var parts []string
		for i, m := range c.Marks {
			if m == 0 || i >= len(d.Options) {
				continue
			}
			if d.Method == Approval || d.Method == TimePoll {
				parts = append(parts, d.Options[i].Label)
			} else {
				parts = append(parts, d.Options[i].Label+": "+strconv.FormatInt(m, 10))
			}
		}
		return strings.Join(parts, "; ")
	case RankedBallot:
		type rk struct {
			label string
			n     int
		}
		var rs []rk
		for i, n := range c.Ranks {
			if n > 0 && i < len(d.Options) {
				rs = append(rs, rk{d.Options[i].Label, n})
			}
		}
		sort.SliceStable(rs, func(x, y int) bool { return rs[x].n < rs[y].n })
		var parts []string
		for _, r := range rs {
			parts = append(parts, strconv.Itoa(r.n)+". "+r.label)
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
