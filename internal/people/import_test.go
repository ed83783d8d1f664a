package people

import (
	"fmt"
	"strings"
	"testing"

	"commonground/internal/errs"
)

func (f *fixture) importCSV(t *testing.T, text string, opt ImportOptions) (*ImportResult, error) {
	t.Helper()
	return f.S.Import(ctxOf(f.Steward), f.Steward, strings.NewReader(text), opt)
}

// written counts the rows an import may write.
func (f *fixture) written(t *testing.T) int {
	t.Helper()
	return f.count(t, "SELECT count(*) FROM profiles") + f.count(t, "SELECT count(*) FROM profile_tags") +
		f.count(t, "SELECT count(*) FROM person_values")
}

func TestImport(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		mia, oscar := f.Member.User.Email, f.Other.User.Email
		t.Run("OK", func(t *testing.T) {
			before := f.version(t)
			stewards := Stewards
			var progress []int
			res, err := f.importCSV(t, "\ufeffEmail,display_name,organisation,skills,values\n"+
				strings.ToUpper(mia)+",Mia M.,Food Bank,Grant writing; data  viz;grant WRITING,fairness; Care\n"+
				oscar+",,Library,,\n", ImportOptions{Visibility: &stewards, Progress: func(done, total int) { progress = append(progress, done, total) }})
			ok(t, err)
			same(t, "result", res, &ImportResult{Lines: 2, Created: 2, Bad: []LineError{}})
			same(t, "progress", progress, []int{2, 2})
			p, err := f.S.MyProfile(ctxOf(f.Member), f.Member)
			ok(t, err)
			if p.DisplayName != "Mia M." || p.Organisation != "Food Bank" || p.Pronouns != "" {
				t.Fatalf("profile %+v", p)
			}
			same(t, "skills", p.Skills, []string{"Grant writing", "data viz"})
			want := DefaultVisibility()
			for _, f := range []Field{FieldDisplayName, FieldOrganisation, FieldSkills, FieldValues} {
				want[f] = Stewards
			}
			same(t, "visibility", p.Visibility, want)
			vals, err := f.S.MyValues(ctxOf(f.Member), f.Member)
			ok(t, err)
			if len(vals) != 2 || vals[0].Name != "Fairness" || vals[0].Rank != 1 || vals[1].Name != "Care" || vals[1].Rank != 2 {
				t.Fatalf("values %+v", vals)
			}
			o, err := f.S.MyProfile(ctxOf(f.Other), f.Other)
			ok(t, err)
			if o.Organisation != "Library" || o.Visibility[FieldOrganisation] != Stewards || o.Visibility[FieldDisplayName] != Collectives {
				t.Fatalf("oscar %+v", o)
			}
			if f.version(t) <= before {
				t.Fatal("data_version did not move on")
			}
			e := f.entries(t, "people.imported")
			if len(e) != 1 || e[0].Audience != "stewards" || e[0].Summary != "Sam Steward imported 2 profiles." {
				t.Fatalf("activity %+v", e)
			}
		})
		t.Run("ReimportKeepsWhatIsFilled", func(t *testing.T) {
			in := fullInput(Collectives)
			in.Visibility = map[Field]Visibility{FieldOrganisation: Everyone, FieldAbout: OnlyMe}
			f.save(t, f.Member, in)
			res, err := f.importCSV(t, "email,organisation,about,needs,values\n"+mia+",River Trust,,Funding,Care;Trust\n", ImportOptions{})
			ok(t, err)
			same(t, "result", res, &ImportResult{Lines: 1, Kept: 3, Bad: []LineError{}})
			p, err := f.S.MyProfile(ctxOf(f.Member), f.Member)
			ok(t, err)
			if p.Organisation != "Food Bank" || p.About != "I grow a secret garden." || p.DisplayName != "Mia M." {
				t.Fatalf("profile %+v", p)
			}
			same(t, "needs", p.Needs, []string{"Data analysis"})
			if p.Visibility[FieldOrganisation] != Everyone || p.Visibility[FieldAbout] != OnlyMe || p.Visibility[FieldNeeds] != Collectives {
				t.Fatalf("visibility changed: %v", p.Visibility)
			}
			vals, err := f.S.MyValues(ctxOf(f.Member), f.Member)
			ok(t, err)
			if len(vals) != 2 || vals[0].Name != "Fairness" || vals[1].Name != "Care" {
				t.Fatalf("values %+v", vals)
			}
			e := f.entries(t, "people.imported")
			if len(e) != 2 || e[1].Summary != "Sam Steward imported 0 profiles. 3 cells were left as the people had filled them." {
				t.Fatalf("activity %+v", e)
			}
		})
	})
}

func TestImportBadLines(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		mia, oscar, olga := f.Member.User.Email, f.Other.User.Email, f.Observer.User.Email
		pat, _ := f.join(t, "Pat", "member")
		quinn, _ := f.join(t, "Quinn", "member")
		eleven := "Fairness;Equity;Inclusion;Diversity;Respect;Dignity;Care;Kindness;Compassion;Trust;Honesty"
		text := "email,display_name,pronouns,skills,values\n" +
			mia + ",Mia,,,Fairness\n" + // 2: good
			"nobody@example.org,,,,\n" + // 3
			oscar + ",,,," + eleven + "\n" + // 4
			olga + ",,,,Fairness;Flying\n" + // 5
			strings.ToUpper(mia) + ",,,,\n" + // 6
			f.Outsider.User.Email + "," + strings.Repeat("x", 101) + ",,,\n" + // 7
			olga + ",Olga,\"she/\xffher\",,\n" + // 8
			olga + ",Olga\n" + // 9
			",Someone,,,\n" + // 10
			pat.Email + ",,,,Care;care\n" + // 11
			quinn.Email + ",,,a;" + strings.Repeat("y", 61) + ",\n" // 12
		res, err := f.importCSV(t, text, ImportOptions{})
		wantErr(t, err, errs.Invalid, "", "Nothing was imported: 10 of 11 lines have problems; fix them and import again.")
		same(t, "bad lines", res.Bad, []LineError{
			{3, "no member of River has the e-mail nobody@example.org; invite them first."},
			{4, "11 values; a person ranks at most 10."},
			{5, "Flying is not one of River's values; propose it first."},
			{6, "the same e-mail as line 2."},
			{7, "display name is 101 characters long; the most is 100."},
			{8, "the line is not valid UTF-8 text; save the file as UTF-8."},
			{9, "2 fields where the header has 5."},
			{10, "the e-mail is empty; each line names its person by e-mail."},
			{11, "Care is in the list twice; rank each value once."},
			{12, `skills: "yyyyyyyyyyyyyyyyyyyy…" is 61 characters long; the most is 60.`},
		})
		if res.Created+res.Updated != 0 || f.written(t) != 0 || len(f.entries(t, "people.imported")) != 0 {
			t.Fatalf("written: %+v, %d rows", res, f.written(t))
		}
		t.Run("ErrTooLong", func(t *testing.T) {
			res, err := f.importCSV(t, "email,display_name\n"+mia+","+strings.Repeat("x", 101)+"\n", ImportOptions{})
			wantErr(t, err, errs.Invalid, "", "Nothing was imported: 1 of 1 lines has problems")
			same(t, "bad", res.Bad, []LineError{{2, "display name is 101 characters long; the most is 100."}})
		})
		for _, c := range []struct{ name, text, msg string }{
			{"ErrUnknownColumn", "email,shoe_size\n", `Column 2 of the header, "shoe_size", is not one the import reads`},
			{"ErrNoEmail", "display_name\nMia\n", "The header has no email column"},
			{"ErrTwice", "email,Email\n", `The header names the column "email" twice.`},
			{"ErrEmpty", "", "The file has no header line"},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := f.importCSV(t, c.text, ImportOptions{})
				wantErr(t, err, errs.Invalid, "file", c.msg)
			})
		}
		t.Run("ErrTooManyLines", func(t *testing.T) {
			var b strings.Builder
			b.WriteString("email\n")
			for i := 0; i <= MaxImportLines; i++ {
				fmt.Fprintf(&b, "p%d@example.org\n", i)
			}
			_, err := f.importCSV(t, b.String(), ImportOptions{})
			wantErr(t, err, errs.Invalid, "file", "The file has more than 100000 lines; split it.")
		})
		t.Run("ErrVisibility", func(t *testing.T) {
			bad := Visibility(9)
			_, err := f.importCSV(t, "email\n"+mia+"\n", ImportOptions{Visibility: &bad})
			wantErr(t, err, errs.Invalid, "visibility", "Choose who may see imported fields: me, stewards or collectives.")
		})
		t.Run("ErrMember", func(t *testing.T) {
			_, err := f.S.Import(ctxOf(f.Member), f.Member, strings.NewReader("email\n"+mia+"\n"), ImportOptions{})
			wantErr(t, err, errs.Forbidden, "", "Only stewards of River")
			_, err = f.S.Import(ctxOf(f.Anon), f.Anon, strings.NewReader("email\n"+mia+"\n"), ImportOptions{})
			wantErr(t, err, errs.Unauthorized, "", "")
			if f.written(t) != 0 {
				t.Fatal("written")
			}
		})
	})
}
