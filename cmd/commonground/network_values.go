package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"commonground/internal/graph"
)

// networkCounts are the metrics that count something (nodes, edges, a
// community's number): printed as whole numbers in every format.
var networkCounts = []string{"degree", "in_degree", "out_degree", "reach2", "community",
	"nodes", "edges", "components"}

// networkValue is node i's figure for a metric: an int64 for a count, a
// float64 otherwise, nil where the figure does not exist (in and out
// degrees of an undirected graph, eigenvector centrality of a
// disconnected one).
func networkValue(a *graph.Analysis, metric string, i int) any {
	v, whole, ok := a.Value(metric, i)
	switch {
	case !ok:
		return nil
	case whole:
		return int64(v)
	}
	return v
}

// networkDefined says whether a metric has a figure for the nodes of a
// (all of them or none).
func networkDefined(a *graph.Analysis, metric string) bool {
	return a.Nodes > 0 && networkValue(a, metric, 0) != nil
}

// networkFromChange turns one side of a graph.Change into a value as
// networkValue gives it.
func networkFromChange(metric string, x *float64) any {
	if x == nil {
		return nil
	}
	if slices.Contains(networkCounts, metric) {
		return int64(math.Round(*x))
	}
	return *x
}

// networkJSONValue is a value for encoding/json. Floats are written as
// strconv's shortest form that reads back to the same float64 ('g', -1),
// so a program gets every bit the engine computed.
func networkJSONValue(v any) any {
	if x, ok := v.(float64); ok {
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	}
	return v
}

// networkCSVValue is a CSV cell: exact like JSON, empty where null.
func networkCSVValue(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return ""
}

// networkTextValue is a value for people: four significant digits (no
// trailing zeros), no exponent for the sizes a network of people has, "-"
// where null.
func networkTextValue(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return networkFloat(x)
	}
	return "-"
}

func networkFloat(x float64) string {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	digits := 3 - int(math.Floor(math.Log10(math.Abs(x))))
	if digits > 10 {
		return strconv.FormatFloat(x, 'g', 4, 64)
	}
	s := strconv.FormatFloat(x, 'f', max(digits, 0), 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// networkSigned is a change for people, with its sign.
func networkSigned(v any) string {
	s := networkTextValue(v)
	switch x := v.(type) {
	case int64:
		if x > 0 {
			s = "+" + s
		}
	case float64:
		if x > 0 {
			s = "+" + s
		}
	}
	return s
}

// networkGreater orders two values of one metric, largest first and nil
// last.
func networkGreater(x, y any) bool {
	switch a := x.(type) {
	case int64:
		b, ok := y.(int64)
		return !ok || a > b
	case float64:
		b, ok := y.(float64)
		return !ok || a > b
	}
	return false
}

// networkTable writes rows under a header, the first column aligned left
// and the others right, each row indented by two spaces.
func networkTable(w io.Writer, header []string, rows [][]string) {
	widths := make([]int, len(header))
	for _, row := range append([][]string{header}, rows...) {
		for j, cell := range row {
			widths[j] = max(widths[j], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range append([][]string{header}, rows...) {
		var b strings.Builder
		for j, cell := range row {
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(cell))
			b.WriteString("  ")
			if j == 0 {
				b.WriteString(cell + pad)
			} else {
				b.WriteString(pad + cell)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// networkFileName names an input in reports.
func networkFileName(file string) string {
	if file == "-" {
		return "standard input"
	}
	return file
}
