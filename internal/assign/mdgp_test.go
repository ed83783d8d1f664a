package assign

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseMDGP(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		// the sizes run on over two lines; pairs come in either order
		in := "4 2 ds\n1 3\n\n1 3\n0 1 1.5\n2 0 -2\n0 3 3\n1 2 4\n3 1 5e-1\n2 3\t6\n"
		c, err := ParseMDGP(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if c.N != 4 || len(c.Lower) != 2 || c.Lower[0] != 1 || c.Upper[1] != 3 || c.Names != nil {
			t.Fatalf("%+v", c)
		}
		want := [4][4]float64{{0, 1.5, -2, 3}, {1.5, 0, 4, 0.5}, {-2, 4, 0, 6}, {3, 0.5, 6, 0}}
		for i := range 4 {
			for j := range 4 {
				if c.D[i*4+j] != want[i][j] {
					t.Errorf("D[%d][%d] = %v, want %v", i, j, c.D[i*4+j], want[i][j])
				}
			}
		}
		if err := c.Check(); err != nil {
			t.Error(err)
		}
	})
	t.Run("SameSize", func(t *testing.T) {
		c, err := ParseMDGP(strings.NewReader("3 1 SS 3 3\n0 1 1\n0 2 2\n1 2 3\n"))
		if err != nil || c.Objective([]int{0, 0, 0}) != 6 {
			t.Fatalf("%+v %v", c, err)
		}
	})

	sizes := "4 2 ss 2 2 2 2\n"
	pairs := "0 1 1\n0 2 1\n0 3 1\n1 2 1\n1 3 1\n2 3 1\n"
	for _, tc := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"Empty", "", 0, "empty file: want `n groups ss|ds`, the group sizes and `i j d` lines"},
		{"Blank", "\n  \n", 0, "empty file: want `n groups ss|ds`, the group sizes and `i j d` lines"},
		{"ShortHeader", "\n4 2\n", 2, "want `n groups ss|ds` and the group sizes"},
		{"ItemsWord", "x 2 ss 2 2 2 2\n", 1, `number of items "x" is not a positive whole number`},
		{"ItemsZero", "0 1 ss 1 1\n", 1, `number of items "0" is not a positive whole number`},
		{"TooMany", "20000 2 ss 1 1 1 1\n", 1, "20000 items: at most 10000"},
		{"GroupsZero", "4 0 ss\n", 1, `number of groups "0" is not a positive whole number`},
		{"MoreGroupsThanItems", "4 5 ss\n", 1, "5 groups for 4 items"},
		{"Kind", "4 2 xs 2 2 2 2\n", 1, `group kind "xs": want ss or ds`},
		{"ExtraSize", "4 2 ss 2 2 2 2 2\n", 1, "more than the 4 group sizes (a lower and an upper size for each of 2 groups)"},
		{"SizeWord", "4 2 ss\n2 a 2 2\n", 2, `group size "a" is not a whole number`},
		{"SizeNegative", "4 2 ss 2 -2 2 2\n", 1, `group size "-2" is not a whole number`},
		{"LowerAboveUpper", "4 2 ds 3 2 1 2\n", 1, "group 1: lower size 3 above upper size 2"},
		{"LowerZero", "4 2 ds 0 2 2 2\n", 1, "group 1: lower size 0, want at least 1"},
		{"UpperAboveItems", "4 2 ds 1 5 1 2\n", 1, "group 1: upper size 5 above the 4 items"},
		{"LowerTooBig", "4 2 ds 3 3 2 2\n", 1, "lower sizes add up to 5, more than the 4 items"},
		{"UpperTooSmall", "5 2 ds 1 2 1 2\n", 1, "upper sizes add up to 4, fewer than the 5 items"},
		{"SameSizeDiffer", "4 2 ss 2 2 1 3\n", 1, "ss instance, but group 2's sizes 1 3 differ from group 1's 2 2"},
		{"SizesCut", "4 2 ss 2 2\n", 0, "2 of the 4 group sizes given"},
		{"PairFields", sizes + "0 1\n", 2, "want `i j d`, got 2 fields"},
		{"PairExtraField", sizes + "0 1 2 3\n", 2, "want `i j d`, got 4 fields"},
		{"ItemWord", sizes + "a 1 1\n", 2, `item "a" is not a whole number`},
		{"ItemHigh", sizes + "0 4 1\n", 2, "item 4 out of range 0..3"},
		{"ItemLow", sizes + "-1 2 1\n", 2, "item -1 out of range 0..3"},
		{"SelfPair", sizes + "1 1 2\n", 2, "item 1 paired with itself"},
		{"NaN", sizes + "0 1 NaN\n", 2, `diversity "NaN" is not finite`},
		{"Inf", sizes + "0 1 -inf\n", 2, `diversity "-inf" is not finite`},
		{"Overflow", sizes + "0 1 1e400\n", 2, `diversity "1e400" is not finite`},
		{"Hex", sizes + "0 1 0x1p2\n", 2, `diversity "0x1p2" is not a number`},
		{"Underscore", sizes + "0 1 1_0\n", 2, `diversity "1_0" is not a number`},
		{"TwoPoints", sizes + "0 1 1.2.3\n", 2, `diversity "1.2.3" is not a number`},
		{"Duplicate", sizes + "0 1 1\n0 2 1\n\n1 0 2\n", 5, "pair 0 1 given twice"},
		{"Missing", sizes + strings.Replace(pairs, "1 3 1\n", "", 1), 0, "pair 1 3 missing: 5 of the 6 pairs given"},
		{"NoPairs", sizes, 0, "pair 0 1 missing: 0 of the 6 pairs given"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseMDGP(strings.NewReader(tc.in))
			var ce *CirclesError
			if c != nil || !errors.As(err, &ce) {
				t.Fatalf("got %v, %v; want a *CirclesError", c, err)
			}
			if ce.Line != tc.line || ce.Msg != tc.msg {
				t.Errorf("line %d %q, want line %d %q", ce.Line, ce.Msg, tc.line, tc.msg)
			}
		})
	}
	t.Run("LongLine", func(t *testing.T) {
		_, err := ParseMDGP(strings.NewReader(sizes + strings.Repeat("1", 2<<20)))
		if err == nil || err.Error() != "line 2: line longer than 1 MiB" {
			t.Errorf("got %v", err)
		}
	})
	t.Run("ErrorText", func(t *testing.T) {
		_, err := ParseMDGP(strings.NewReader(sizes + "0 9 1\n"))
		if err == nil || err.Error() != "line 2: item 9 out of range 0..3" {
			t.Errorf("got %v", err)
		}
	})
}

// circleInstances lists the MDGPLIB instances the tests can read: the
// committed n = 120 copies, and the shared set beside the project when it
// is there (each name once, the shared copy where both have it).
func circleInstances(t testing.TB) map[string]string {
	out := map[string]string{}
	for _, dir := range []string{"testdata/mdgplib", "../../../shared/data/mdgplib"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			out[strings.TrimSuffix(filepath.Base(f), ".txt")] = f
		}
	}
	if len(out) == 0 {
		t.Fatal("no MDGPLIB instances, not even testdata/mdgplib")
	}
	return out
}

func loadCircleInstance(t testing.TB, path string) *Circles {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := ParseMDGP(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

func TestParseMDGPLIB(t *testing.T) {
	for name, path := range circleInstances(t) {
		c := loadCircleInstance(t, path)
		if err := c.Check(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if len(c.Lower) < 2 || c.Lower[0] != c.Upper[0] || c.Lower[0]*len(c.Lower) != c.N {
			t.Errorf("%s: %d items, sizes %v..%v", name, c.N, c.Lower, c.Upper)
		}
	}
}
