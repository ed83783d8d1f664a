package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"commonground/internal/app"
	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/measure"
)

// measureWorld is a database with collective "riverside": Sam Steward,
// Mo Member (with the Food Bank), Ola Observer, and Otto Outsider who is
// in no collective; a goal with "Meals served" (by area North/South) and
// "Waiting days".
type measureWorld struct {
	db  string
	ind map[string]int64
	org int64
}

func newMeasureWorld(t *testing.T) *measureWorld {
	t.Helper()
	w := &measureWorld{db: filepath.Join(t.TempDir(), "cg.db"), ind: map[string]int64{}}
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DB: w.db, Addr: "127.0.0.1:0", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	users := map[string]*auth.User{}
	for _, p := range [][2]string{{"steward", "Sam Steward"}, {"member", "Mo Member"}, {"observer", "Ola Observer"}, {"outsider", "Otto Outsider"}} {
		users[p[0]], err = a.Auth.CreateUser(ctx, p[0]+"@example.org", p[1], "a-long-password", false)
		must(err)
	}
	sctx := auth.WithUser(ctx, users["steward"])
	_, err = a.Collectives.Create(sctx, collective.Input{Slug: "riverside", Name: "Riverside Coalition", Visibility: "private"})
	must(err)
	sa, err := a.Collectives.Access(sctx, "riverside")
	must(err)
	for who, role := range map[string]string{"member": auth.Member, "observer": auth.Observer} {
		inv, err := a.Collectives.CreateInvitation(sctx, sa, collective.InviteInput{Roles: []string{role}})
		must(err)
		_, err = a.Collectives.AcceptInvitation(auth.WithUser(ctx, users[who]), inv.Link[strings.LastIndex(inv.Link, "/")+1:])
		must(err)
	}
	o, err := a.Collectives.CreateOrganisation(sctx, sa, collective.OrgInput{Name: "Riverside Food Bank"})
	must(err)
	w.org = o.ID
	ma, err := a.Collectives.Access(auth.WithUser(ctx, users["member"]), "riverside")
	must(err)
	must(a.Collectives.SetAffiliations(sctx, sa, ma.MemberID, []int64{o.ID}))
	g, err := a.Measure.CreateGoal(sctx, sa, measure.GoalInput{Title: "Every child fed"})
	must(err)
	for _, in := range []measure.IndicatorInput{
		{GoalID: g.ID, Name: "Meals served", Direction: measure.Higher, Additive: true,
			Dimensions: []measure.Dimension{{Name: "area", Values: []string{"North", "South"}}}},
		{GoalID: g.ID, Name: "Waiting days", Direction: measure.Lower},
	} {
		ind, err := a.Measure.CreateIndicator(sctx, sa, in)
		must(err)
		w.ind[in.Name] = ind.ID
	}
	return w
}

// stored counts the measurements of every indicator, and which
// organisation the last one read was reported for.
func (w *measureWorld) stored(t *testing.T) (n int, org *int64) {
	t.Helper()
	a, err := app.Open(context.Background(), app.Config{DB: w.db, Addr: "127.0.0.1:0", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.DB.Get(context.Background(), &n, "SELECT count(*) FROM measure_measurements"); err != nil {
		t.Fatal(err)
	}
	if n > 0 {
		if err := a.DB.Get(context.Background(), &org, "SELECT organisation_id FROM measure_measurements ORDER BY id DESC LIMIT 1"); err != nil {
			t.Fatal(err)
		}
	}
	return n, org
}

const measureGood = `indicator,date,value,area
Meals served,2026-01-01,100,
Meals served,2026-01-01,60,North
Meals served,2026-01-01,40,South
Waiting days,2026-01-01,12.5,
`

// measureBad has four bad lines among three good ones.
const measureBad = `indicator,date,value,area
Meals served,2026-02-01,100,
Meals sold,2026-02-01,1,
Meals served,2099-02-01,1,
Meals served,2026-02-02,lots,
Meals served,2026-02-01,7,West
Meals served,2026-02-01,60,North
Waiting days,2026-02-01,11,
`

func TestMeasureImport(t *testing.T) {
	w := newMeasureWorld(t)
	dir := t.TempDir()
	t.Chdir(dir)
	for name, body := range map[string]string{"good.csv": measureGood, "bad.csv": measureBad, "empty.csv": ""} {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden := func(name string) string { return filepath.Join(measureTestdata, name) }
	imp := func(args ...string) (int, string, string) {
		t.Helper()
		return runCLI(t, "", append([]string{"measure", "import", "--db", w.db, "--collective", "riverside"}, args...)...)
	}

	t.Run("ErrBadLinesWriteNothing", func(t *testing.T) {
		code, out, errOut := imp("--as", "steward@example.org", "bad.csv")
		want := "commonground measure: Nothing was imported: 4 lines of 7 have problems; fix them and import again, or skip them. (--skip-bad writes the good lines)\n"
		if code != 1 || errOut != want {
			t.Fatalf("code %d stderr %q, want 1 and %q", code, errOut, want)
		}
		checkGolden(t, golden("bad.txt"), out, "TestMeasureImport")
		if n, _ := w.stored(t); n != 0 {
			t.Fatalf("%d measurements stored after a refused import", n)
		}
	})
	t.Run("Steward", func(t *testing.T) {
		code, out, errOut := imp("--as", "Steward@Example.org", "good.csv")
		if code != 0 || errOut != "" {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
		checkGolden(t, golden("good.txt"), out, "TestMeasureImport")
		if n, org := w.stored(t); n != 4 || org != nil {
			t.Fatalf("%d stored for organisation %v, want 4 for the collective", n, org)
		}
	})
	t.Run("ErrAgainIsDuplicate", func(t *testing.T) {
		code, out, _ := imp("--as", "steward@example.org", "good.csv")
		if code != 1 || !strings.Contains(out, "  bad lines   4\n") || !strings.Contains(out, "  line 2: ") {
			t.Fatalf("code %d stdout %q", code, out)
		}
	})
	t.Run("MemberSkipsBad", func(t *testing.T) {
		code, out, errOut := imp("--as", "member@example.org", "--skip-bad", "bad.csv")
		if code != 0 || errOut != "" {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
		checkGolden(t, golden("skip.txt"), out, "TestMeasureImport")
		if n, org := w.stored(t); n != 7 || org == nil || *org != w.org {
			t.Fatalf("%d stored, the last for organisation %v; want 7, for the member's (%d)", n, org, w.org)
		}
	})
	t.Run("StandardInput", func(t *testing.T) {
		code, out, errOut := runCLI(t, "indicator,date,value\nWaiting days,2026-03-01,10\n", "measure", "import", "--db", w.db,
			"--collective", "riverside", "--as", "steward@example.org", "--organisation", fmt.Sprint(w.org), "-")
		if code != 0 || errOut != "" || !strings.HasPrefix(out, "- into riverside as steward@example.org\n") {
			t.Fatalf("code %d stdout %q stderr %q", code, out, errOut)
		}
	})
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"ErrNoAs", []string{"good.csv"}, "--as is required: the e-mail address of the member who reports (measurements carry who reported them)"},
		{"ErrNoFile", []string{"--as", "steward@example.org"}, "name one CSV file (or - for standard input)"},
		{"ErrTwoFiles", []string{"--as", "steward@example.org", "good.csv", "bad.csv"}, "name one CSV file (or - for standard input)"},
		{"ErrMissingFile", []string{"--as", "steward@example.org", "nothing.csv"}, "cannot read nothing.csv: no such file or directory"},
		{"ErrUnknownAccount", []string{"--as", "nobody@example.org", "good.csv"}, "--as: no account has the e-mail address nobody@example.org"},
		{"ErrOutsider", []string{"--as", "outsider@example.org", "good.csv"},
			`outsider@example.org is not a member of a collective "riverside" (check --collective and --as)`},
		{"ErrObserver", []string{"--as", "observer@example.org", "good.csv"}, "Observers can read but not change anything."},
		{"ErrMemberForAnother", []string{"--as", "member@example.org", "--organisation", "999", "good.csv"},
			"You can report only for an organisation you are with."},
		{"ErrStewardUnknownOrganisation", []string{"--as", "steward@example.org", "--organisation", "999", "good.csv"},
			"organisation: Choose an organisation of Riverside Coalition."},
		{"ErrEmptyFile", []string{"--as", "steward@example.org", "empty.csv"},
			"file: The file has no header line (indicator,date,value[,breakdown columns])."},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, _ := w.stored(t)
			code, out, errOut := imp(c.args...)
			if code != 1 || errOut != "commonground measure: "+c.want+"\n" {
				t.Fatalf("code %d stdout %q stderr %q, want 1 and %q", code, out, errOut, c.want)
			}
			if after, _ := w.stored(t); after != before {
				t.Fatalf("%d measurements, was %d", after, before)
			}
		})
	}
	t.Run("ErrNoCollective", func(t *testing.T) {
		code, _, errOut := runCLI(t, "", "measure", "import", "--db", w.db, "--as", "steward@example.org", "good.csv")
		if code != 1 || errOut != "commonground measure: --collective is required: the slug of the collective\n" {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
	})
	t.Run("ErrNoVerb", func(t *testing.T) {
		code, _, errOut := runCLI(t, "", "measure", "good.csv")
		if code != 1 || !strings.Contains(errOut, "say `measure import --collective SLUG --as EMAIL") {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
	})
	t.Run("Help", func(t *testing.T) {
		code, _, errOut := runCLI(t, "", "help", "measure")
		if code != 0 || !strings.Contains(errOut, "-skip-bad") || !strings.Contains(errOut, "indicator,date,value") {
			t.Fatalf("help measure: %d %q", code, errOut)
		}
	})
}

// measureTestdata is where the golden summaries are, absolute because the
// test changes directory.
var measureTestdata = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return filepath.Join(wd, "testdata", "measure")
}()

// The bar shows only on a terminal and for a large file, draws the rows
// written, and clears its line when done.
func TestMeasureBar(t *testing.T) {
	if newMeasureBar(&bytes.Buffer{}, false, 1<<30) != nil || newMeasureBar(&bytes.Buffer{}, true, 100) != nil {
		t.Fatal("a bar for a pipe or a small file")
	}
	var buf bytes.Buffer
	b := newMeasureBar(&buf, true, -1)
	p := b.progress()
	p(500, 1000)
	p(1000, 1000)
	b.done()
	if !strings.Contains(buf.String(), "writing") || !strings.Contains(buf.String(), "(500/1000)") {
		t.Fatalf("bar drew %q", buf.String())
	}
	var nilBar *measureBar
	if nilBar.progress() != nil {
		t.Fatal("a nil bar reports progress")
	}
	nilBar.done()
}
