package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"commonground/internal/payreview"
)

// payFields are the fields --map may name.
var payFields = []string{"id", "gender", "category", "base_pay", "variable_pay", "hours"}

// payMapping turns the column flags into the reader's mapping, refusing
// anything it cannot mean before the file is read.
func payMapping(maps, values, controls, categorical, bands listFlag, category string) (payreview.Mapping, error) {
	m := payreview.Mapping{Fields: map[string]string{}, Values: map[string]map[string]payreview.Gender{},
		Categorical: map[string]bool{}, Bands: map[string][]float64{}}
	for _, pair := range splitList(maps) {
		col, field, ok := strings.Cut(pair, "=")
		col, field = strings.TrimSpace(col), strings.TrimSpace(field)
		if !ok || col == "" || !slices.Contains(payFields, field) {
			return m, fmt.Errorf("--map %q: want Column=field with field one of %s", pair, strings.Join(payFields, ", "))
		}
		if prev, dup := m.Fields[field]; dup && prev != col {
			return m, fmt.Errorf("--map: %s is mapped twice, to %q and %q", field, prev, col)
		}
		m.Fields[field] = col
	}
	if category != "" {
		if prev, dup := m.Fields["category"]; dup && prev != category {
			return m, fmt.Errorf("--category %q and --map %s=category disagree", category, prev)
		}
		m.Fields["category"] = category
	}
	for _, v := range splitList(values) {
		colCode, group, ok := strings.Cut(v, "=")
		col, code, ok2 := strings.Cut(colCode, ":")
		g, known := map[string]payreview.Gender{"men": payreview.Man, "man": payreview.Man,
			"women": payreview.Woman, "woman": payreview.Woman, "other": payreview.Other}[strings.ToLower(strings.TrimSpace(group))]
		if !ok || !ok2 || !known || strings.TrimSpace(col) == "" {
			return m, fmt.Errorf("--values %q: want Column:Code=men, =women or =other", v)
		}
		col = strings.TrimSpace(col)
		if m.Values[col] == nil {
			m.Values[col] = map[string]payreview.Gender{}
		}
		code = strings.TrimSpace(code)
		if prev, dup := m.Values[col][code]; dup && prev != g {
			return m, fmt.Errorf("--values: %s:%s is given two meanings", col, code)
		}
		m.Values[col][code] = g
	}
	m.Controls = splitList(controls)
	for i, c := range m.Controls {
		if slices.Contains(m.Controls[:i], c) {
			return m, fmt.Errorf("--controls: %q is listed twice", c)
		}
	}
	for _, c := range splitList(categorical) {
		if !slices.Contains(m.Controls, c) {
			return m, fmt.Errorf("--categorical %q: not in --controls; list it there too", c)
		}
		m.Categorical[c] = true
	}
	for _, b := range bands {
		col, cuts, err := payBands(b)
		if err != nil {
			return m, err
		}
		if !slices.Contains(m.Controls, col) {
			return m, fmt.Errorf("--bands %q: %q is not in --controls; list it there too", b, col)
		}
		if m.Categorical[col] {
			return m, fmt.Errorf("--bands %q: %q is also in --categorical; a column is cut into bands or taken as categories, not both", b, col)
		}
		if _, dup := m.Bands[col]; dup {
			return m, fmt.Errorf("--bands: %q is cut twice; give its cut points once", col)
		}
		m.Bands[col] = cuts
	}
	return m, nil
}

// payBands reads one --bands value: Column=25,35,45,55, ascending.
func payBands(s string) (string, []float64, error) {
	col, list, ok := strings.Cut(s, "=")
	col = strings.TrimSpace(col)
	if !ok || col == "" {
		return "", nil, fmt.Errorf("--bands %q: want Column=cut,cut,… such as Age=25,35,45,55", s)
	}
	var cuts []float64
	for _, part := range strings.Split(list, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil {
			return "", nil, fmt.Errorf("--bands %q: %q is not a number", s, strings.TrimSpace(part))
		}
		if len(cuts) > 0 && v <= cuts[len(cuts)-1] {
			return "", nil, fmt.Errorf("--bands %q: the cut points must go up", s)
		}
		cuts = append(cuts, v)
	}
	return col, cuts, nil
}
