package people

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"commonground/internal/collective"
)

// allVis is every field at visibility v.
func allVis(v Visibility) map[Field]Visibility {
	m := map[Field]Visibility{}
	for _, f := range Fields {
		m[f] = v
	}
	return m
}

// fullInput is a profile with every field filled, all at visibility v.
func fullInput(v Visibility) ProfileInput {
	return ProfileInput{DisplayName: "Mia M.", Pronouns: "she/her", Organisation: "Food Bank", Department: "Outreach",
		RoleTitle: "Coordinator", About: "I grow a secret garden.", Skills: []string{"Grant writing"},
		Offers: []string{"Mentoring"}, Needs: []string{"Data analysis"}, Visibility: allVis(v)}
}

// save saves in as the profile of the person of a, failing on error.
func (f *fixture) save(t testing.TB, a *collective.Access, in ProfileInput) {
	t.Helper()
	if err := f.S.SaveProfile(ctxOf(a), a, in); err != nil {
		t.Fatalf("save profile of %s: %v", a.User.Name, err)
	}
}

// rank sets the values of the person of a, failing on error.
func (f *fixture) rank(t testing.TB, a *collective.Access, names ...string) {
	t.Helper()
	picks := make([]ValuePick, len(names))
	for i, n := range names {
		picks[i] = ValuePick{Name: n}
	}
	if err := f.S.SetMyValues(ctxOf(a), a, picks); err != nil {
		t.Fatalf("rank values of %s: %v", a.User.Name, err)
	}
}

// viewers are the fixture's positions towards Mia Member, with who sees a
// field of each visibility (index by Visibility): worked out by hand from
// the rules, not from Level.
func (f *fixture) viewers() []struct {
	name string
	a    *collective.Access
	sees [4]bool
} {
	return []struct {
		name string
		a    *collective.Access
		sees [4]bool
	}{
		{"Self", f.Member, [4]bool{true, true, true, true}},
		{"Steward", f.Steward, [4]bool{false, true, true, true}},
		{"Member", f.Other, [4]bool{false, false, true, true}},
		{"Observer", f.Observer, [4]bool{false, false, true, true}},
		{"Outsider", f.Outsider, [4]bool{false, false, false, true}},
	}
}

// thirds is a w×h picture, its left third red, middle green, right blue.
func thirds(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{0, 200, 0, 255}
			switch {
			case x < w/3:
				c = color.RGBA{200, 0, 0, 255}
			case x >= 2*w/3:
				c = color.RGBA{0, 0, 200, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func pngOf(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegOf(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
