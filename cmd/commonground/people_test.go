package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"

	"commonground/internal/app"
)

// peopleStored is how many profiles and ranked values the database holds,
// and the stored pronouns and visibility of pronouns of member@example.org.
func peopleStored(t *testing.T, db string) (profiles, values int, pronouns string, vis int) {
	t.Helper()
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DB: db, Addr: "127.0.0.1:0", Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for q, into := range map[string]*int{"SELECT count(*) FROM profiles": &profiles, "SELECT count(*) FROM person_values": &values} {
		if err := a.DB.Get(ctx, into, q); err != nil {
			t.Fatal(err)
		}
	}
	var rows []struct {
		Pronouns string `db:"pronouns"`
		Vis      int    `db:"vis_pronouns"`
	}
	if err := a.DB.Select(ctx, &rows, `SELECT p.pronouns, p.vis_pronouns FROM profiles p JOIN users u ON u.id = p.user_id
		WHERE u.email = 'member@example.org'`); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 1 {
		pronouns, vis = rows[0].Pronouns, rows[0].Vis
	}
	return profiles, values, pronouns, vis
}

func TestPeopleImport(t *testing.T) {
	w := newMeasureWorld(t)
	t.Chdir(t.TempDir())
	files := map[string]string{
		"good.csv": "email,pronouns,skills,values\nmember@example.org,they/them,cooking; Grant writing,Fairness; care\nsteward@example.org,she/her,,\n",
		"bad.csv": "email,pronouns,values\nmember@example.org,they/them,Fairness\nnobody@example.org,,\n" +
			"observer@example.org,,Fairness; Nonsense\nsteward@example.org,,Care;Care\n",
		"header.csv": "email,shoe_size\nmember@example.org,44\n",
	}
	for name, body := range files {
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	imp := func(args ...string) (int, string, string) {
		t.Helper()
		return runCLI(t, "", append([]string{"people", "import", "--db", w.db, "--collective", "riverside"}, args...)...)
	}

	t.Run("ErrBadLinesWriteNothing", func(t *testing.T) {
		code, out, errOut := imp("--as", "steward@example.org", "bad.csv")
		wantErr := "commonground people: Nothing was imported: 3 of 4 lines have problems; fix them and import again.\n"
		if code != 1 || errOut != wantErr {
			t.Fatalf("code %d stderr %q, want 1 and %q", code, errOut, wantErr)
		}
		want := "bad.csv into riverside as steward@example.org\n  lines read  4\n  created     0\n  updated     0\n" +
			"  left alone  0 cells the people had already filled\n  bad lines   3\n" +
			"  line 3: no member of Riverside Coalition has the e-mail nobody@example.org; invite them first.\n" +
			"  line 4: Nonsense is not one of Riverside Coalition's values; propose it first.\n" +
			"  line 5: Care is in the list twice; rank each value once.\n"
		if out != want {
			t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
		}
		if p, v, _, _ := peopleStored(t, w.db); p != 0 || v != 0 {
			t.Fatalf("%d profiles and %d values stored after a refused import", p, v)
		}
	})
	t.Run("ErrMember", func(t *testing.T) {
		code, _, errOut := imp("--as", "member@example.org", "good.csv")
		if code != 1 || !strings.HasPrefix(errOut, "commonground people: Only stewards") {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
	})
	t.Run("ErrHeader", func(t *testing.T) {
		code, _, errOut := imp("--as", "steward@example.org", "header.csv")
		if code != 1 || !strings.Contains(errOut, `"shoe_size", is not one the import reads`) {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
	})
	t.Run("ErrVisibilityWord", func(t *testing.T) {
		code, _, errOut := imp("--as", "steward@example.org", "--visibility", "friends", "good.csv")
		if code != 1 || errOut != "commonground people: --visibility: \"friends\" is not one of me, stewards, collectives\n" {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
	})
	t.Run("ErrEveryone", func(t *testing.T) {
		code, out, errOut := imp("--as", "steward@example.org", "--visibility", "everyone", "good.csv")
		want := "commonground people: An import cannot show fields to everyone on this instance: the people have not agreed to that. " +
			"Choose me, stewards or collectives; each person can widen their own fields later.\n"
		if code != 1 || out != "" || errOut != want {
			t.Fatalf("code %d stdout %q stderr %q", code, out, errOut)
		}
		if p, v, _, _ := peopleStored(t, w.db); p != 0 || v != 0 {
			t.Fatalf("%d profiles and %d values stored after a refused import", p, v)
		}
	})
	t.Run("ErrNoCollective", func(t *testing.T) {
		code, _, errOut := runCLI(t, "", "people", "import", "--db", w.db, "--as", "steward@example.org", "good.csv")
		if code != 1 || errOut != "commonground people: --collective is required: the slug of the collective\n" {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
	})
	t.Run("StewardsOnlyJSON", func(t *testing.T) {
		code, out, errOut := imp("--as", "steward@example.org", "--visibility", "stewards", "--format", "json", "good.csv")
		if code != 0 || errOut != "" {
			t.Fatalf("code %d stderr %q", code, errOut)
		}
		var res struct {
			Lines, Created, Updated int
			Bad                     []any
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || res.Lines != 2 || res.Created != 2 || res.Updated != 0 || len(res.Bad) != 0 {
			t.Fatalf("%+v %v\n%s", res, err, out)
		}
		p, v, pronouns, vis := peopleStored(t, w.db)
		if p != 2 || v != 2 || pronouns != "they/them" || vis != 1 {
			t.Errorf("%d profiles, %d values, pronouns %q seen by %d; want 2, 2, they/them seen by stewards (1)", p, v, pronouns, vis)
		}
	})
	t.Run("AgainLeavesAlone", func(t *testing.T) {
		code, out, _ := imp("--as", "steward@example.org", "--visibility", "collectives", "good.csv")
		if code != 0 || !strings.Contains(out, "  created     0\n  updated     0\n  left alone  4 cells the people had already filled\n  bad lines   0\n") {
			t.Fatalf("code %d stdout %q", code, out)
		}
		if p, v, pronouns, vis := peopleStored(t, w.db); p != 2 || v != 2 || pronouns != "they/them" || vis != 1 {
			t.Errorf("%d profiles, %d values, pronouns %q seen by %d; want them as the first import left them", p, v, pronouns, vis)
		}
	})
}
