package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"commonground/internal/app"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/people"
)

// runPeople is `commonground people import`: a CSV file of profiles and
// ranked values into a collective, for stewards onboarding a large
// network, checked line by line by the service the pages and API use, all
// or nothing.
func runPeople(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		args = append([]string{"import"}, args...)
	}
	if len(args) == 0 || args[0] != "import" {
		return errors.New("say `people import --collective SLUG --as EMAIL [--visibility WORD] [--format json] FILE.csv`")
	}
	fs, s := newFlags("people import", stderr, "./commonground.db")
	slug := fs.String("collective", "", "the collective's slug (its address, /c/SLUG)")
	as := fs.String("as", env("AS", ""), "the e-mail address of a steward of the collective, who imports (COMMONGROUND_AS)")
	visWord := fs.String("visibility", "collectives", "the most who may see a field the import fills (never wider than the person's own choice): me, stewards or collectives")
	format := fs.String("format", "text", "text or json")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: commonground people import --collective SLUG --as EMAIL [flags] FILE.csv")
		fmt.Fprintln(fs.Output(), "\nFILE.csv has a header naming its columns: email (required), display_name, pronouns, organisation,"+
			"\ndepartment, role_title, about, skills, offers, needs, values (lists separated by ;). - reads standard input."+
			"\nThe import only fills what is empty; it never replaces what a person wrote, and tells each person it filled in.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	vis, err := people.ParseVisibility("visibility", *visWord)
	switch {
	case *slug == "":
		return errors.New("--collective is required: the slug of the collective")
	case *as == "":
		return errors.New("--as is required: the e-mail address of a steward who imports (the activity log names them)")
	case err != nil:
		return fmt.Errorf("--visibility: %q is not one of me, stewards, collectives", *visWord)
	case *format != "text" && *format != "json":
		return fmt.Errorf("--format: %q is not text or json", *format)
	case fs.NArg() != 1:
		return errors.New("name one CSV file (or - for standard input)")
	}
	file := fs.Arg(0)
	in, size, err := openMeasureFile(file)
	if err != nil {
		return err
	}
	defer in.Close()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := app.Open(ctx, app.Config{DB: s.db, Addr: s.addr, Logger: log})
	if err != nil {
		return err
	}
	defer a.Close()
	ctx, acc, err := measureAccess(ctx, a, *slug, *as)
	if err != nil {
		return err
	}
	bar := newMeasureBar(stderr, isTerminal(stderr), size)
	if bar != nil {
		fmt.Fprintf(stderr, "checking every line of %s…\n", file)
	}
	res, err := a.People.Import(ctx, acc, in, people.ImportOptions{Visibility: &vis, Progress: bar.progress()})
	bar.done()
	if res != nil {
		if *format == "json" {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			if jerr := enc.Encode(res); jerr != nil {
				return jerr
			}
		} else {
			writePeopleSummary(stdout, file, acc, res)
		}
	}
	if err != nil {
		if errs.Is(err, errs.Invalid) {
			return errors.New(errs.Message(err))
		}
		return friendly(err)
	}
	return nil
}

// writePeopleSummary says what the import did: counts (cells left alone
// because the person had filled them included), then every bad
// line with its number (the header is line 1) and reason.
func writePeopleSummary(w io.Writer, file string, acc *collective.Access, res *people.ImportResult) {
	fmt.Fprintf(w, "%s into %s as %s\n", file, acc.Collective.Slug, acc.User.Email)
	fmt.Fprintf(w, "  lines read  %d\n", res.Lines)
	fmt.Fprintf(w, "  created     %d\n", res.Created)
	fmt.Fprintf(w, "  updated     %d\n", res.Updated)
	fmt.Fprintf(w, "  left alone  %d cells the people had already filled\n", res.Kept)
	fmt.Fprintf(w, "  bad lines   %d\n", len(res.Bad))
	for _, b := range res.Bad {
		fmt.Fprintf(w, "  line %d: %s\n", b.Line, b.Reason)
	}
}
