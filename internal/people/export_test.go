package people

import (
	"bytes"
	"encoding/csv"
	"testing"

	"commonground/internal/errs"
)

func TestExportCSV(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.rank(t, f.Member, "Fairness", "Care")
		header := []string{"name", "pronouns", "organisation", "department", "role_title", "skills", "offers", "needs", "values"}
		for _, v := range []Visibility{OnlyMe, Stewards, Collectives, Everyone} {
			in := fullInput(v)
			in.Skills = []string{"=SUM(A1)", "Grant writing"}
			f.save(t, f.Member, in)
			for _, w := range f.viewers() {
				t.Run(v.String()+"/"+w.name, func(t *testing.T) {
					var b bytes.Buffer
					err := f.S.ExportCSV(ctxOf(w.a), w.a, &b)
					if w.name == "Outsider" {
						wantErr(t, err, errs.Forbidden, "", "Only members of River")
						return
					}
					ok(t, err)
					recs, err := csv.NewReader(&b).ReadAll()
					ok(t, err)
					mia := []string{"Mia Member", "", "", "", "", "", "", "", ""}
					if w.sees[v] {
						mia = []string{"Mia M.", "she/her", "Food Bank", "Outreach", "Coordinator", "'=SUM(A1); Grant writing",
							"Mentoring", "Data analysis", "Fairness; Care"}
					}
					same(t, "csv", recs, [][]string{header, mia,
						{"Olga Observer", "", "", "", "", "", "", "", ""},
						{"Oscar Other", "", "", "", "", "", "", "", ""},
						{"Sam Steward", "", "", "", "", "", "", "", ""}})
				})
			}
		}
		t.Run("Activity", func(t *testing.T) {
			e := f.entries(t, "people.exported")
			if len(e) != 16 || e[0].Audience != "stewards" || e[0].Summary != "Mia Member exported the people directory." {
				t.Fatalf("activity: %d entries, first %+v", len(e), e[0])
			}
		})
		t.Run("ErrAnon", func(t *testing.T) {
			wantErr(t, f.S.ExportCSV(ctxOf(f.Anon), f.Anon, &bytes.Buffer{}), errs.Unauthorized, "", "")
		})
	})
}
