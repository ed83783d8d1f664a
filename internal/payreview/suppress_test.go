package payreview

import (
	"slices"
	"strings"
	"testing"
)

// withCategories gives each person of d the category named by one letter
// of cats, in the order of names (sorted).
func withCategories(d *Dataset, names []string, cats string) *Dataset {
	d.Categories = names
	d.CategoryOf = "Team"
	for _, c := range cats {
		d.Category = append(d.Category, int32(c-'a'))
	}
	return d
}

func TestCategorySuppression(t *testing.T) {
	// Minimum 3. Admin 4 men and 4 women on 50; Drivers 5 men and 1 woman
	// (primary); Engineers 3 men and 6 women and Sales 6 men and 3 women,
	// both 3 of their smaller gender: Engineers goes (secondary, first by
	// name), Sales, with exactly the minimum, is published.
	names := []string{"Admin", "Drivers", "Engineers", "Sales"}
	var genders, cats string
	var pay []float64
	add := func(cat byte, g string, p ...float64) {
		genders += g
		cats += strings.Repeat(string(cat), len(g))
		pay = append(pay, p...)
	}
	add('a', "MMMMWWWW", 50, 50, 50, 50, 50, 50, 50, 50)
	add('b', "MMMMMW", 40, 40, 40, 40, 40, 30)
	add('c', "MMMWWWWWW", 70, 70, 70, 60, 60, 60, 60, 60, 60)
	// Sales: men all 100; women 80, 90, 100 (mean and median 90).
	add('d', "MMMMMMWWW", 100, 100, 100, 100, 100, 100, 80, 90, 100)
	r := Statutory(withCategories(staff(genders, pay...), names, cats), 3)

	if r.CategoryOf != "Team" || len(r.Categories) != 4 {
		t.Fatalf("%d categories of %q", len(r.Categories), r.CategoryOf)
	}
	admin, drivers, engineers, sales := r.Categories[0], r.Categories[1], r.Categories[2], r.Categories[3]
	near(t, "Admin mean", admin.MeanGapPct, 0)
	near(t, "Admin total", admin.TotalMeanGapPct, 0)
	if admin.Flag || admin.Withheld || admin.VariableMeanGapPct != nil {
		t.Errorf("Admin %+v", admin)
	}
	for _, c := range []CategoryGap{drivers, engineers} {
		if !c.Withheld || c.MeanGapPct != nil || c.MedianGapPct != nil || c.TotalMeanGapPct != nil || c.Flag {
			t.Errorf("%s published: %+v", c.Category, c)
		}
	}
	if drivers.Men != 5 || drivers.Women != 1 || sales.Men != 6 || sales.Women != 3 {
		t.Errorf("headcounts %+v %+v", drivers, sales)
	}
	near(t, "Sales mean", sales.MeanGapPct, 10)
	near(t, "Sales median", sales.MedianGapPct, 10)
	near(t, "Sales total", sales.TotalMeanGapPct, 10)
	if !sales.Flag || sales.Withheld {
		t.Errorf("Sales %+v", sales)
	}

	want := []Withheld{
		{`category "Drivers" (Team)`, "fewer than 3 women in the category", KindPrimary},
		{`category "Engineers" (Team)`, `protects category "Drivers" (Team), withheld alone, which could otherwise be worked out from the whole workforce's figures and the other parts`, KindSecondary},
	}
	if !slices.Equal(r.Withheld, want) {
		t.Errorf("withheld\n%v\nwant\n%v", r.Withheld, want)
	}

	t.Run("NoSecondaryWithTwoWithheld", func(t *testing.T) {
		// Admin now has 2 women: two categories withheld, so nothing more.
		d := withCategories(staff(genders, pay...), names, cats)
		d.Gender[4], d.Gender[5] = Man, Man
		r := Statutory(d, 3)
		var got []string
		for _, w := range r.Withheld {
			got = append(got, w.Figure+" "+w.Kind)
		}
		wantFig := []string{`category "Admin" (Team) primary`, `category "Drivers" (Team) primary`}
		if !slices.Equal(got, wantFig) || r.Categories[2].Withheld || r.Categories[3].Withheld {
			t.Errorf("withheld %v", got)
		}
	})
}

func TestCategoryVariableAndFlag(t *testing.T) {
	// One category, 3 men and 3 women, with variable pay and hours.
	// Hourly basic: men 20, 20, 20; women 20, 20, 20: no gap. Variable:
	// men 0, 300, 600 (mean and median 300); women 0, 0, 300 (mean 100,
	// median 0). Total per hour over 30 hours: men 20, 30, 40 (mean 30);
	// women 20, 20, 30 (mean 70/3): a gap of 22.2%, flagged.
	d := withCategories(staff("MMMWWW", 600, 600, 600, 600, 600, 600), []string{"Only"}, "aaaaaa")
	d.Hours = []float64{30, 30, 30, 30, 30, 30}
	d.Variable = []float64{0, 300, 600, 0, 0, 300}
	r := Statutory(d, 3)
	c := r.Categories[0]
	near(t, "mean", c.MeanGapPct, 0)
	near(t, "median", c.MedianGapPct, 0)
	near(t, "variable mean", c.VariableMeanGapPct, (300-100)/300.0*100)
	near(t, "variable median", c.VariableMedianGapPct, 100)
	near(t, "total mean", c.TotalMeanGapPct, (30-70/3.0)/30*100)
	if !c.Flag || c.Withheld {
		t.Errorf("%+v", c)
	}
	// Exactly 5% either way is flagged; just under is not.
	for _, tc := range []struct {
		women float64
		flag  bool
	}{{95, true}, {105, true}, {95.01, false}, {104.99, false}} {
		d := withCategories(staff("MMMWWW", 100, 100, 100, tc.women, tc.women, tc.women), []string{"Only"}, "aaaaaa")
		if got := Statutory(d, 3).Categories[0].Flag; got != tc.flag {
			t.Errorf("women on %v against men on 100: flag %v", tc.women, got)
		}
	}
}

func TestCategoryWithoutMenOrWomen(t *testing.T) {
	// A category of people of another gender only is withheld (0 of each),
	// and the one other category, now alone, goes too.
	d := withCategories(staff("MMMWWWXX", 1, 2, 3, 1, 2, 3, 9, 9), []string{"Mixed", "Other"}, "aaaaaabb")
	r := Statutory(d, 3)
	if len(r.Withheld) < 2 {
		t.Fatalf("withheld %v", r.Withheld)
	}
	if w := r.Withheld[len(r.Withheld)-2]; w.Figure != `category "Other" (Team)` ||
		w.Reason != "fewer than 3 men and fewer than 3 women in the category" {
		t.Errorf("primary %+v", w)
	}
	if w := r.Withheld[len(r.Withheld)-1]; w.Figure != `category "Mixed" (Team)` || w.Kind != KindSecondary {
		t.Errorf("secondary %+v", w)
	}
	if !r.Categories[0].Withheld || !r.Categories[1].Withheld {
		t.Errorf("%+v", r.Categories)
	}
}

func TestSecondaryPart(t *testing.T) {
	p := func(key string, smaller float64, withheld bool) part {
		return part{name: "the " + key, key: key, smaller: smaller, withheld: withheld}
	}
	for _, tc := range []struct {
		name  string
		parts []part
		want  int
	}{
		{"NoneWithheld", []part{p("a", 1, false), p("b", 2, false)}, -1},
		{"TwoWithheld", []part{p("a", 1, true), p("b", 2, true), p("c", 0, false)}, -1},
		{"Smallest", []part{p("a", 9, false), p("b", 2, true), p("c", 4, false), p("d", 3, false)}, 3},
		{"TieByName", []part{p("z", 3, false), p("b", 2, true), p("m", 3, false)}, 2},
		{"NothingLeft", []part{p("a", 1, true)}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := secondaryPart(tc.parts); got != tc.want {
				t.Errorf("secondaryPart = %d, want %d", got, tc.want)
			}
		})
	}
}
