package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"commonground/internal/payreview"
)

// payRequest is a checked `payreview` command line.
type payRequest struct {
	input, format string
	mapping       payreview.Mapping
	options       payreview.Options
	timings       bool
}

// listFlag collects a flag given several times, or once with commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

func runPayReview(_ context.Context, args []string, stdout, stderr io.Writer) error {
	req, err := payArgs(args, stderr)
	if err != nil {
		return err
	}
	interruptible()
	start := time.Now()
	f, err := os.Open(req.input)
	if err != nil {
		return err
	}
	defer f.Close()
	d, err := payreview.Read(f, req.mapping)
	if err != nil {
		return fmt.Errorf("%s: %w", req.input, err)
	}
	read := time.Now()
	rep, err := payreview.Review(d, req.options)
	if err != nil {
		return fmt.Errorf("%s: %w", req.input, err)
	}
	reviewed := time.Now()
	var out bytes.Buffer // written whole, so a failure leaves no half report
	switch req.format {
	case "json":
		err = payJSON(&out, rep)
	case "html":
		err = payHTML(&out, rep, req.input)
	default:
		payText(&out, rep, req.input)
	}
	if err != nil {
		return err
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		return err
	}
	if req.timings {
		fmt.Fprintf(stderr, "commonground payreview: read %.3f s, review %.3f s, write %.3f s\n",
			read.Sub(start).Seconds(), reviewed.Sub(read).Seconds(), time.Since(reviewed).Seconds())
	}
	return nil
}

// payArgs reads and checks the flags, before the file is opened.
func payArgs(args []string, stderr io.Writer) (*payRequest, error) {
	fs := flag.NewFlagSet("commonground payreview", flag.ContinueOnError)
	fs.SetOutput(stderr)
	req := &payRequest{options: payreview.DefaultOptions()}
	var maps, values, controls, categorical, bands listFlag
	var category, capText string
	fs.StringVar(&req.input, "input", "", "the employees: CSV with a header row, one employee per line")
	fs.Var(&maps, "map", "which column holds which field: Column=field,… with fields id, gender, category, base_pay, variable_pay, hours")
	fs.Var(&values, "values", "what a gender code means: Column:Code=men|women|other,… (Male/Female, M/F, man/woman, men/women are known)")
	fs.Var(&controls, "controls", "the columns to adjust for, in order: col,… (numeric unless in --categorical or --bands)")
	fs.Var(&categorical, "categorical", "the controls that are categories: col,… (the first level in sorted order is the base)")
	fs.Var(&bands, "bands", "cut a numeric control into bands: Column=25,35,45,55 gives <25, 25–34, 35–44, 45–54, 55+ (repeat for more columns)")
	fs.StringVar(&category, "category", "", "the column holding the category of workers, for the gaps by category (EU Art. 9(1)(g), Art. 10)")
	fs.IntVar(&req.options.MinGroup, "min-group", req.options.MinGroup, "withhold any figure on fewer people of a gender than this (at least 3)")
	fs.StringVar(&capText, "cap", "10%", "the largest raise for one person in the remediation plan")
	fs.Float64Var(&req.options.Target, "target", 0, "the adjusted coefficient the remediation brings the gap to (0: no gap)")
	fs.StringVar(&req.format, "format", "text", "text, json or html (a printable report)")
	fs.BoolVar(&req.timings, "timings", false, "after the report, write the time spent reading, reviewing and writing to standard error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: commonground payreview --input FILE.csv [--map Column=field,...] [--values Column:Code=men,...]")
		fmt.Fprintln(stderr, "         [--controls col,...] [--categorical col,...] [--bands Column=25,35,45,55] [--category Column]")
		fmt.Fprintln(stderr, "         [--min-group N] [--cap 10%] [--format text|json|html]")
		fmt.Fprintln(stderr, "\nReviews pay equity between men and women: the EU and UK statutory gaps, the gap adjusted")
		fmt.Fprintln(stderr, "for the controls, its decomposition, outliers and the cheapest remediation; see docs/payreview.md.")
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q: give the file with --input", fs.Arg(0))
	case req.input == "":
		return nil, errors.New("--input is required: the employees, as CSV with a header row")
	case req.format != "text" && req.format != "json" && req.format != "html":
		return nil, fmt.Errorf("--format %q: want text, json or html", req.format)
	case req.options.MinGroup < 3:
		return nil, fmt.Errorf("--min-group %d: figures on fewer than 3 people can identify them; give 3 or more", req.options.MinGroup)
	}
	var err error
	if req.options.Cap, err = payCap(capText); err != nil {
		return nil, err
	}
	if req.mapping, err = payMapping(maps, values, controls, categorical, bands, category); err != nil {
		return nil, err
	}
	return req, nil
}

// payCap reads --cap as a percentage, with or without the % sign.
func payCap(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil || !(v > 0) || v > 1000 {
		return 0, fmt.Errorf("--cap %q: give the largest raise as a percentage above 0, such as 10%%", s)
	}
	return v / 100, nil
}

// splitList splits the comma lists of a repeatable flag.
func splitList(l listFlag) []string {
	var out []string
	for _, v := range l {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}
