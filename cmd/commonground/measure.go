package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/schollz/progressbar/v3"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/measure"
)

// runMeasure is `commonground measure import`: a CSV file of measurements
// into the configured database, checked line by line by the same service
// the pages and API use, all or nothing unless --skip-bad.
func runMeasure(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		args = append([]string{"import"}, args...)
	}
	if len(args) == 0 || args[0] != "import" {
		return errors.New("say `measure import --collective SLUG --as EMAIL [--organisation ID] [--skip-bad] FILE.csv`")
	}
	fs, s := newFlags("measure import", stderr, "./commonground.db")
	slug := fs.String("collective", "", "the collective's slug (its address, /c/SLUG)")
	as := fs.String("as", env("AS", ""), "the e-mail address of the member who reports: a steward, or a member for their own organisation (COMMONGROUND_AS)")
	org := fs.Int64("organisation", 0, "the id of the organisation the measurements are for (a member with one organisation may leave it out; a steward without it reports for the collective)")
	skipBad := fs.Bool("skip-bad", false, "write the good lines and skip the bad ones (without it, one bad line means nothing is written)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: commonground measure import --collective SLUG --as EMAIL [flags] FILE.csv")
		fmt.Fprintln(fs.Output(), "\nFILE.csv has the header indicator,date,value and a column per breakdown dimension; - reads standard input.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	// Everything that can be checked without the database is checked first,
	// so a typo costs nothing.
	switch {
	case *slug == "":
		return errors.New("--collective is required: the slug of the collective")
	case *as == "":
		return errors.New("--as is required: the e-mail address of the member who reports (measurements carry who reported them)")
	case fs.NArg() != 1:
		return errors.New("name one CSV file (or - for standard input)")
	case *org < 0:
		return errors.New("--organisation must be an organisation's id")
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
		// Every line is checked before the first is written: on a large
		// file that takes seconds, and the bar only starts with writing.
		fmt.Fprintf(stderr, "checking every line of %s…\n", file)
	}
	res, err := a.Measure.Import(ctx, acc, in, measure.ImportOptions{OrganisationID: *org, SkipBad: *skipBad, Progress: bar.progress()})
	bar.done()
	if res != nil {
		writeMeasureSummary(stdout, file, acc, res)
	}
	if err != nil {
		if errs.Is(err, errs.Invalid) && res != nil && len(res.Bad) > 0 && !*skipBad {
			return fmt.Errorf("%s (--skip-bad writes the good lines)", errs.Message(err))
		}
		return friendly(err)
	}
	return nil
}

// openMeasureFile opens the CSV file, or standard input for "-", and its
// size in bytes (-1 when unknown).
func openMeasureFile(file string) (io.ReadCloser, int64, error) {
	if file == "-" {
		return io.NopCloser(stdin), -1, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read %s: %w", file, errors.Unwrap(err))
	}
	size := int64(-1)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	return f, size, nil
}

// measureAccess is how the command acts as a person: the service needs an
// Access, so the command takes the account named by --as and its
// membership of the collective, as if that person had signed in. Running
// the binary against the database already means trusting the operator;
// --as says whose name the measurements carry, and the service's rules
// (stewards for any organisation, members for their own) still hold.
func measureAccess(ctx context.Context, a *app.App, slug, email string) (context.Context, *collective.Access, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	u, err := a.Auth.UserByEmail(ctx, email)
	if err == nil && u.DeletedAt != nil {
		err = errs.New(errs.NotFound, "")
	}
	if errs.Is(err, errs.NotFound) {
		return nil, nil, fmt.Errorf("--as: no account has the e-mail address %s", email)
	}
	if err != nil {
		return nil, nil, friendly(err)
	}
	ctx = auth.WithUser(ctx, u)
	acc, err := a.Collectives.Access(ctx, slug)
	if err == nil && !acc.IsMember() {
		err = errs.New(errs.NotFound, "")
	}
	if errs.Is(err, errs.NotFound) {
		return nil, nil, fmt.Errorf("%s is not a member of a collective %q (check --collective and --as)", email, slug)
	}
	if err != nil {
		return nil, nil, friendly(err)
	}
	return ctx, acc, nil
}

// writeMeasureSummary says what the import did: counts, then every bad line
// with its number (the header is line 1) and reason.
func writeMeasureSummary(w io.Writer, file string, acc *collective.Access, res *measure.ImportResult) {
	fmt.Fprintf(w, "%s into %s as %s\n", file, acc.Collective.Slug, acc.User.Email)
	fmt.Fprintf(w, "  lines read  %d\n", res.Lines)
	if res.Written > 0 {
		fmt.Fprintf(w, "  written     %d (%s)\n", res.Written, measurePlural(res.Indicators, "indicator"))
	} else {
		fmt.Fprintln(w, "  written     0")
	}
	fmt.Fprintf(w, "  skipped     %d\n", res.Skipped)
	fmt.Fprintf(w, "  bad lines   %d\n", len(res.Bad))
	for _, b := range res.Bad {
		fmt.Fprintf(w, "  line %d: %s\n", b.Line, b.Reason)
	}
}

func measurePlural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// measureBarFrom is the file size from which the import shows a bar:
// smaller files are written before anyone would wonder.
const measureBarFrom = 1 << 20

// measureBar shows the rows written on a terminal. Import calls its
// progress inside the write transaction, so it only draws; a nil
// *measureBar draws nothing, which is what pipes, logs and tests get.
type measureBar struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newMeasureBar(w io.Writer, tty bool, size int64) *measureBar {
	if !tty || (size >= 0 && size < measureBarFrom) {
		return nil
	}
	return &measureBar{w: w}
}

func (b *measureBar) progress() func(done, total int) {
	if b == nil {
		return nil
	}
	return func(done, total int) {
		if b.bar == nil {
			b.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(b.w), progressbar.OptionSetDescription("writing"),
				progressbar.OptionShowCount(), progressbar.OptionSetWidth(30), progressbar.OptionSetPredictTime(true),
				progressbar.OptionClearOnFinish())
		}
		_ = b.bar.Set(done)
	}
}

func (b *measureBar) done() {
	if b == nil || b.bar == nil {
		return
	}
	_ = b.bar.Finish()
}
