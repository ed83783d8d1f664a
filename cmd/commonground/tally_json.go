package main

import (
	"bytes"
	"encoding/json"
	"io"
)

// tallyJSON is the --format json document; docs/tally.md describes it.
// Fields a method does not produce are left out, except tie_breaks, which
// is always a list so a program can tell "no tie" from "not reported".
type tallyJSON struct {
	Method     string           `json:"method"`
	Rules      string           `json:"rules,omitempty"` // stv: meek or wigm
	Candidates []string         `json:"candidates"`
	Ballots    int64            `json:"ballots"`
	Seats      int              `json:"seats"`
	Seed       uint64           `json:"seed"`
	Scale      int64            `json:"scale"`
	Winners    []string         `json:"winners"`
	Ranking    [][]string       `json:"ranking,omitempty"`
	Totals     tallyObject      `json:"totals,omitempty"`
	Means      tallyObject      `json:"means,omitempty"` // score
	Rounds     []tallyRoundJSON `json:"rounds,omitempty"`
	Quota      *json.Number     `json:"quota,omitempty"` // stv; majority: the votes needed to pass
	Threshold  string           `json:"threshold,omitempty"`
	Quorum     *int64           `json:"quorum,omitempty"`
	Pairwise   tallyObject      `json:"pairwise,omitempty"`
	Strongest  tallyObject      `json:"strongest,omitempty"`
	TieBreaks  []tallyTieJSON   `json:"tie_breaks"`
	Passed     *bool            `json:"passed,omitempty"`
	Note       string           `json:"note,omitempty"`
}

type tallyRoundJSON struct {
	Round      int          `json:"round"`
	Totals     tallyObject  `json:"totals"` // the candidates still in the count
	Exhausted  json.Number  `json:"exhausted"`
	Quota      *json.Number `json:"quota,omitempty"` // stv: the quota in force this round
	Keep       tallyObject  `json:"keep,omitempty"`  // meek: keep factors of the candidates elected so far
	Elected    []string     `json:"elected"`
	Eliminated []string     `json:"eliminated"`
	Transfers  string       `json:"transfers"`
}

type tallyTieJSON struct {
	Round  int      `json:"round"` // 0: not in a round
	Among  []string `json:"among"`
	Chosen []string `json:"chosen"`
	Rule   string   `json:"rule"`
}

// tallyObject is a JSON object whose keys keep the order they were added
// in (candidate order), which a Go map would lose.
type tallyObject []tallyField

type tallyField struct {
	key string
	val any
}

func (o tallyObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.val)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (rep *tallyReport) writeJSON(w io.Writer) error {
	e, r, req := rep.e, rep.r, rep.req
	num := func(v int64) json.Number { return tallyJSONNumber(v, rep.scale) }
	doc := tallyJSON{
		Method:     req.method,
		Candidates: e.Candidates,
		Ballots:    rep.ballots,
		Seats:      e.Seats,
		Seed:       e.Seed,
		Scale:      rep.scale,
		Winners:    nonNil(rep.names(r.Winners)),
		TieBreaks:  []tallyTieJSON{},
		Passed:     r.Passed,
		Note:       r.Note,
	}
	if req.method == "stv" {
		doc.Rules = req.rules.String()
	}
	for _, g := range r.Ranking {
		doc.Ranking = append(doc.Ranking, rep.names(g))
	}
	if len(r.Totals) > 0 {
		for c, name := range e.Candidates {
			doc.Totals = append(doc.Totals, tallyField{name, num(r.Totals[c])})
		}
	}
	if rep.scoredBy != nil {
		for c, name := range e.Candidates {
			var mean any // null: nobody scored the candidate
			if rep.scoredBy[c] > 0 {
				mean = tallyJSONNumber(r.Totals[c], rep.scoredBy[c])
			}
			doc.Means = append(doc.Means, tallyField{name, mean})
		}
	}
	for i, round := range r.Rounds {
		rj := tallyRoundJSON{
			Round:      round.Number,
			Exhausted:  num(round.Exhausted),
			Elected:    nonNil(rep.names(round.Elected)),
			Eliminated: nonNil(rep.names(round.Eliminated)),
			Transfers:  round.Transfers,
			Totals:     tallyObject{},
		}
		elected := rep.electedBy(i)
		for _, c := range rep.continuing(i) {
			rj.Totals = append(rj.Totals, tallyField{e.Candidates[c], num(round.Totals[c])})
			if elected[c] && len(round.Keep) == len(e.Candidates) {
				rj.Keep = append(rj.Keep, tallyField{e.Candidates[c], num(round.Keep[c])})
			}
		}
		if req.method == "stv" {
			q := num(round.Quota)
			rj.Quota = &q
		}
		doc.Rounds = append(doc.Rounds, rj)
	}
	switch req.method {
	case "stv":
		q := num(r.Quota)
		doc.Quota = &q
	case "majority":
		q := tallyJSONNumber(r.Quota, 1)
		doc.Quota = &q
		doc.Threshold = rep.thresholdText()
		doc.Quorum = &req.majority.Quorum
	}
	doc.Pairwise = rep.jsonMatrix(r.Pairwise)
	doc.Strongest = rep.jsonMatrix(r.Strongest)
	for _, t := range r.TieBreaks {
		doc.TieBreaks = append(doc.TieBreaks, tallyTieJSON{
			Round: t.Round, Among: nonNil(rep.names(t.Among)), Chosen: nonNil(rep.names(t.Chosen)), Rule: t.Rule,
		})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// jsonMatrix writes m as {row: {column: n}}, both in candidate order,
// leaving out the diagonal (a candidate against itself means nothing).
func (rep *tallyReport) jsonMatrix(m [][]int64) tallyObject {
	if m == nil {
		return nil
	}
	var rows tallyObject
	for a, row := range rep.e.Candidates {
		cols := tallyObject{}
		for b, col := range rep.e.Candidates {
			if a != b {
				cols = append(cols, tallyField{col, m[a][b]})
			}
		}
		rows = append(rows, tallyField{row, cols})
	}
	return rows
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
