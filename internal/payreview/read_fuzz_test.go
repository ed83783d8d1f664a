package payreview

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fuzzMappings are the ways FuzzRead reads its input, chosen by a byte.
var fuzzMappings = []Mapping{
	{},
	goodMapping,
	{Fields: map[string]string{"category": "c", "hours": "h"}, Controls: []string{"n", "c", "b"},
		Categorical: map[string]bool{"c": true}, Bands: map[string][]float64{"b": {0, 2.5, 10}},
		Values: map[string]map[string]Gender{"gender": {"x": Other, "": Other}}},
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(goodCSV), uint8(1))
	f.Add([]byte("gender,pay\nm,10\n\nw,11.5\n"), uint8(0))
	f.Add([]byte("id,gender,pay,bonus\n1,F,5,\n2,M,6,1\n1,x,7,-1\n"), uint8(0))
	f.Add([]byte("id,gender,pay,h,n,c,b\n1,F,5,40,1.5,a,3\n2,M,6,20,-2,b,0\n3,x,7,1,0,a,12\n4,,1e3,2,3,\" c\",2.5\n"), uint8(2))
	f.Add([]byte("id,gender,pay\n\"1,F,5\n2,M\"x,6\n"), uint8(0))
	f.Add([]byte("\ufeffid,Gender,BasePay,Bonus\r\n1,Female,42363,9938\r\n2,Male,108476,11128\r\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		m := fuzzMappings[int(which)%len(fuzzMappings)]
		d, err := Read(strings.NewReader(string(data)), m)
		if err != nil {
			var re *ReadError
			if d != nil || !errors.As(err, &re) || len(re.Problems) == 0 || len(re.Problems) > maxProblems || re.More < 0 {
				t.Fatalf("dataset %v, error %#v", d != nil, err)
			}
			return
		}
		checkInvariants(t, d)
	})
}

// checkInvariants is what every Dataset Read returns must satisfy.
func checkInvariants(t *testing.T, d *Dataset) {
	n := d.Len()
	if n == 0 {
		t.Fatal("an empty dataset")
	}
	lens := []int{len(d.IDs), len(d.Lines), len(d.Base)}
	if d.Variable != nil {
		lens = append(lens, len(d.Variable))
	}
	if d.Hours != nil {
		lens = append(lens, len(d.Hours))
	}
	if d.Category != nil {
		lens = append(lens, len(d.Category))
	}
	for _, c := range d.Controls {
		if c.Categorical() {
			lens = append(lens, len(c.Codes))
		} else {
			lens = append(lens, len(c.Numeric))
		}
	}
	for _, l := range lens {
		if l != n {
			t.Fatalf("lengths %v, want %d each", lens, n)
		}
	}
	ids := map[string]bool{}
	for i := range n {
		if ids[d.IDs[i]] || d.IDs[i] == "" {
			t.Fatalf("id %q empty or repeated", d.IDs[i])
		}
		ids[d.IDs[i]] = true
		if i > 0 && d.Lines[i] <= d.Lines[i-1] {
			t.Fatalf("lines %v not ascending", d.Lines)
		}
		if d.Gender[i] != Man && d.Gender[i] != Woman && d.Gender[i] != Other {
			t.Fatalf("gender %d", d.Gender[i])
		}
		if !(d.Base[i] > 0) || math.IsInf(d.Base[i], 0) {
			t.Fatalf("base pay %v", d.Base[i])
		}
		if d.Variable != nil && (!(d.Variable[i] >= 0) || math.IsInf(d.Variable[i], 0)) {
			t.Fatalf("variable pay %v", d.Variable[i])
		}
		if d.Hours != nil && (!(d.Hours[i] > 0) || math.IsInf(d.Hours[i], 0)) {
			t.Fatalf("hours %v", d.Hours[i])
		}
	}
	checkCodes(t, "category", d.Categories, d.Category, true)
	for _, c := range d.Controls {
		if !c.Categorical() {
			for _, x := range c.Numeric {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("control %s: %v", c.Name, x)
				}
			}
			continue
		}
		checkCodes(t, c.Name, c.Levels, c.Codes, c.Banded == nil)
	}
}

// checkCodes checks that codes index levels, every level is used, and
// (unless banded) the levels are distinct, trimmed, non-empty and sorted.
func checkCodes(t *testing.T, name string, levels []string, codes []int32, sorted bool) {
	used := make([]bool, len(levels))
	for _, c := range codes {
		if c < 0 || int(c) >= len(levels) {
			t.Fatalf("%s: code %d of %d levels", name, c, len(levels))
		}
		used[c] = true
	}
	if slices.Contains(used, false) {
		t.Fatalf("%s: an unused level in %q", name, levels)
	}
	if !sorted {
		return
	}
	for k, l := range levels {
		if l == "" || strings.TrimSpace(l) != l || (k > 0 && levels[k-1] >= l) {
			t.Fatalf("%s: levels %q", name, levels)
		}
	}
}

// FuzzParseNumber checks the fast path for plain decimals against
// strconv.ParseFloat, which must agree to the bit.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"0", "12.5", "-0.1", "999999999999999", "1234567.891", ".5", "5.", "0.000000000000001",
		"+7", "1e3", "12,5", "9007199254740993"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, st := parseNumber(s)
		want, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		switch st {
		case numOK:
			if err != nil || math.Float64bits(x) != math.Float64bits(want+0) {
				t.Fatalf("parseNumber(%q) = %v, ParseFloat %v, %v", s, x, want, err)
			}
		case numRange:
			if err == nil {
				t.Fatalf("parseNumber(%q): out of range, ParseFloat %v", s, want)
			}
		case numSyntax, numEmpty:
			if err == nil && strings.Trim(strings.TrimSpace(s), "0123456789.+-eE") == "" {
				t.Fatalf("parseNumber(%q) refused a decimal ParseFloat reads as %v", s, want)
			}
		}
	})
}
