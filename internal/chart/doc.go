// Package chart draws the pictures of commonground's pages as SVG: for now
// a time-series Line for an indicator and a Sparkline for a scorecard row;
// bar, radar and network pictures are meant to follow the same pattern.
//
// Design choices:
//
//   - Pure and small. Standard library only, no project imports, no
//     JavaScript and no CSS: the pages work without scripts and the
//     pictures print as they show. Colours are fixed in style.go.
//   - A chart is a plain struct of data (series, references, target,
//     forecast) with methods SVG ([]byte) and HTML (template.HTML). Rendering
//     cannot fail: a non-finite value is a gap, and a chart with no data
//     says so. Every text that reaches the output is escaped, and
//     characters XML cannot hold become U+FFFD, so labels from users cannot
//     break or inject into a page.
//   - Accessible (WCAG 2.2 AA). The <svg> has role="img", a <title> (the
//     accessible name) and a <desc> that says in words what the picture
//     shows: per series its span, first and last values, extremes and
//     trend; the references, the target and where the forecast ends.
//     Line.Table gives the same data as rows of text for an HTML table
//     beside the chart. Series differ by a dash pattern and a marker shape
//     as well as by colour, and every meaningful colour has at least 3:1
//     contrast on white (style_test.go checks it).
//   - Scales to its container. A Line has a fixed viewBox (640 × 320 by
//     default) and width="100%", so the layout is computed once in
//     viewBox units and text keeps its proportion to the plot; a Sparkline
//     has a fixed pixel size because it sits inside a line of text.
//   - Readable axes. Value ticks step by 1, 2 or 5 × 10^k (NiceTicks) and
//     bound the axis; date ticks fall on calendar boundaries chosen by the
//     span (days, Monday weeks, months, quarters, years; TimeTicks), with
//     the year written where it changes. Dates are UTC.
//   - Deterministic. The same input gives byte-identical output: no maps
//     are iterated while drawing, coordinates are rounded to hundredths,
//     and the default element ids derive from the content. Golden files
//     under testdata hold the expected pictures (go test -update rewrites
//     them; look at them in a browser before committing).
//   - Fast. Output is appended to one byte slice with strconv; a
//     1,000-point line renders in about 0.1 ms.
package chart
