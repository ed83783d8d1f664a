package chart

import (
	"math"
	"strconv"
	"testing"
)

// luminance is the relative luminance of an sRGB colour "#rrggbb" as WCAG
// 2.2 defines it.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("bad colour %q", hex)
		}
		s := float64(v) / 255
		if s <= 0.04045 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrast(t *testing.T) {
	// Graphics that carry meaning need 3:1 against the white ground
	// (SC 1.4.11); text needs 4.5:1 (SC 1.4.3).
	for i, s := range seriesStyles {
		if c := contrast(t, s.color, "#ffffff"); c < 3 {
			t.Errorf("series colour %d %s has contrast %.2f", i, s.color, c)
		}
		// A series against the band it may cross must still stand out.
		if c := contrast(t, s.color, bandColor); c < 3 {
			t.Errorf("series colour %d %s has contrast %.2f on the band", i, s.color, c)
		}
	}
	for name, want := range map[string]float64{inkColor: 4.5, axisColor: 4.5, bandEdge: 3} {
		if c := contrast(t, name, "#ffffff"); c < want {
			t.Errorf("%s has contrast %.2f, want %.1f", name, c, want)
		}
	}
	// Two series styles in a row never share both dash and marker, so
	// colour is never the only difference.
	for i := range seriesStyles {
		a, b := styleOf(i), styleOf(i+1)
		if a.dash == b.dash || a.marker == b.marker {
			t.Errorf("series styles %d and %d differ only in colour", i, i+1)
		}
	}
}
