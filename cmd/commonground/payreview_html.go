package main

import (
	"bytes"
	_ "embed"
	"html/template"
	"strconv"

	"commonground/internal/payreview"
)

//go:embed templates/payreview.html
var payHTMLSource string

// payHTMLTemplate is the printable report: one self-contained page with its
// own small stylesheet, readable on screen and on paper.
var payHTMLTemplate = template.Must(template.New("payreview").Funcs(template.FuncMap{
	"pct":      pct,
	"money":    money,
	"count":    count,
	"fixed":    func(v float64, digits int) string { return strconv.FormatFloat(v, 'f', digits, 64) },
	"deref":    func(v *float64) float64 { return *v },
	"optional": optional,
	"first": func(n int, list any) any {
		switch l := list.(type) {
		case []payreview.Outlier:
			return l[:min(n, len(l))]
		case []payreview.Raise:
			return l[:min(n, len(l))]
		}
		return list
	},
}).Parse(payHTMLSource))

func payHTML(w *bytes.Buffer, rep *payreview.Report, input string) error {
	return payHTMLTemplate.Execute(w, map[string]any{"R": rep, "Input": input, "Listed": payListed,
		"OutlierLimit": payreview.OutlierLimit})
}
