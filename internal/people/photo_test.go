package people

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"testing"

	"commonground/internal/errs"
)

// tinyWebP is a 1×1 lossless WebP picture (Go has no WebP encoder).
const tinyWebP = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="

// storedPhoto reads back the stored photo of the person of a as Mia sees
// it, decoded.
func storedPhoto(t *testing.T, f *fixture, memberID int64) image.Image {
	t.Helper()
	file, err := f.S.Photo(ctxOf(f.Member), f.Member, memberID)
	ok(t, err)
	if file.ContentType != "image/jpeg" || file.CollectiveID != nil {
		t.Fatalf("stored %s, collective %v", file.ContentType, file.CollectiveID)
	}
	img, err := jpeg.Decode(bytes.NewReader(file.Data))
	ok(t, err)
	if img.Bounds() != image.Rect(0, 0, PhotoSize, PhotoSize) {
		t.Fatalf("stored photo is %v", img.Bounds())
	}
	return img
}

// nearColour reports whether c is within 40 of want on each channel (JPEG and
// resampling blur edges).
func nearColour(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(x uint32, y uint8) bool { return int(x>>8)-int(y) < 40 && int(y)-int(x>>8) < 40 }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func TestSetPhoto(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("PNG", func(t *testing.T) {
			// 600×300: the centred square is x 150–450, so red (x < 200)
			// fills its first sixth, green (200–400) the middle two thirds,
			// blue the last sixth.
			ok(t, f.S.SetPhoto(ctxOf(f.Member), f.Member, pngOf(t, thirds(600, 300))))
			img := storedPhoto(t, f, f.Member.MemberID)
			for _, c := range []struct {
				x    int
				want color.RGBA
			}{{10, color.RGBA{200, 0, 0, 255}}, {128, color.RGBA{0, 200, 0, 255}}, {245, color.RGBA{0, 0, 200, 255}}} {
				if got := img.At(c.x, 128); !nearColour(got, c.want) {
					t.Fatalf("pixel %d: %v, want about %v", c.x, got, c.want)
				}
			}
			e := f.entries(t, "profile.photo")
			if len(e) != 1 || e[0].Audience != "actor" || e[0].Summary != "You changed your photo." {
				t.Fatalf("activity %+v", e)
			}
		})
		t.Run("JPEGReplacesOld", func(t *testing.T) {
			ok(t, f.S.SetPhoto(ctxOf(f.Member), f.Member, jpegOf(t, thirds(300, 500))))
			storedPhoto(t, f, f.Member.MemberID)
			if n := f.count(t, "SELECT count(*) FROM files"); n != 1 {
				t.Fatalf("%d files, want the old one gone", n)
			}
		})
		t.Run("GIFAndWebP", func(t *testing.T) {
			var b bytes.Buffer
			ok(t, gif.Encode(&b, thirds(90, 90), nil))
			ok(t, f.S.SetPhoto(ctxOf(f.Other), f.Other, b.Bytes()))
			storedPhoto(t, f, f.Other.MemberID)
			webp, _ := base64.StdEncoding.DecodeString(tinyWebP)
			ok(t, f.S.SetPhoto(ctxOf(f.Other), f.Other, webp))
			storedPhoto(t, f, f.Other.MemberID)
		})
		files := f.count(t, "SELECT count(*) FROM files")
		png := pngOf(t, thirds(60, 60))
		for _, c := range []struct {
			name, code, msg string
			data            []byte
		}{
			{"ErrText", errs.Invalid, "That file is not a photo: upload a JPEG, PNG, GIF or WebP image.", []byte("name,email\nMia,mia@example.org\n")},
			{"ErrEmpty", errs.Invalid, "That file is not a photo: upload a JPEG, PNG, GIF or WebP image.", nil},
			{"ErrTruncated", errs.Invalid, "That PNG file cannot be read; it may be damaged or cut short. Try another photo.", png[:len(png)/2]},
			{"ErrHeaderOnly", errs.Invalid, "That PNG file cannot be read; it may be damaged. Try another photo.", png[:12]},
			{"ErrTooLarge", errs.TooLarge, "The photo is 7.2 MB; the most is 5 MB.", append(bytes.Clone(png), make([]byte, 7_549_747-len(png))...)},
			{"ErrBomb", errs.Invalid, "The photo is 10000 × 10000 pixels; the most is 40 megapixels.", claimSize(png, 10000, 10000)},
		} {
			t.Run(c.name, func(t *testing.T) {
				err := f.S.SetPhoto(ctxOf(f.Member), f.Member, c.data)
				wantErr(t, err, c.code, "photo", c.msg)
				if errs.Message(err) != c.msg {
					t.Fatalf("message %q, want %q", errs.Message(err), c.msg)
				}
				if n := f.count(t, "SELECT count(*) FROM files"); n != files {
					t.Fatalf("%d files after a refused photo, want %d", n, files)
				}
			})
		}
		t.Run("ErrOutsider", func(t *testing.T) {
			wantErr(t, f.S.SetPhoto(ctxOf(f.Outsider), f.Outsider, png), errs.Forbidden, "", "")
			wantErr(t, f.S.SetPhoto(ctxOf(f.Anon), f.Anon, png), errs.Unauthorized, "", "")
		})
	})
}

// claimSize is a copy of a PNG whose header claims another size, with its
// checksum fixed so only the size gives it away.
func claimSize(p []byte, w, h uint32) []byte {
	p = bytes.Clone(p)
	binary.BigEndian.PutUint32(p[16:], w)
	binary.BigEndian.PutUint32(p[20:], h)
	binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
	return p
}

func TestPhotoVisibility(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ok(t, f.S.SetPhoto(ctxOf(f.Member), f.Member, pngOf(t, thirds(30, 30))))
		for _, v := range []Visibility{OnlyMe, Stewards, Collectives, Everyone} {
			in := fullInput(v)
			f.save(t, f.Member, in)
			for _, w := range f.viewers() {
				t.Run(v.String()+"/"+w.name, func(t *testing.T) {
					file, err := f.S.Photo(ctxOf(w.a), w.a, f.Member.MemberID)
					view, verr := f.S.Person(ctxOf(w.a), w.a, f.Member.MemberID)
					ok(t, verr)
					if !w.sees[v] {
						wantErr(t, err, errs.NotFound, "", "There is no photo here.")
						if view.HasPhoto {
							t.Fatal("view says there is a photo")
						}
						return
					}
					ok(t, err)
					if len(file.Data) == 0 || !view.HasPhoto {
						t.Fatalf("photo %d bytes, has photo %v", len(file.Data), view.HasPhoto)
					}
				})
			}
		}
		t.Run("ErrAnon", func(t *testing.T) {
			_, err := f.S.Photo(ctxOf(f.Anon), f.Anon, f.Member.MemberID)
			wantErr(t, err, errs.Unauthorized, "", "")
		})
		t.Run("NoPhoto", func(t *testing.T) {
			_, err := f.S.Photo(ctxOf(f.Member), f.Member, f.Other.MemberID)
			wantErr(t, err, errs.NotFound, "", "There is no photo here.")
			_, err = f.S.Photo(ctxOf(f.Member), f.Member, 99999)
			wantErr(t, err, errs.NotFound, "", "There is no photo here.")
		})
		t.Run("Remove", func(t *testing.T) {
			ok(t, f.S.RemovePhoto(ctxOf(f.Member), f.Member))
			_, err := f.S.Photo(ctxOf(f.Member), f.Member, f.Member.MemberID)
			wantErr(t, err, errs.NotFound, "", "")
			if n := f.count(t, "SELECT count(*) FROM files"); n != 0 {
				t.Fatalf("%d files left", n)
			}
			ok(t, f.S.RemovePhoto(ctxOf(f.Member), f.Member)) // none: nothing to do
			p, err := f.S.MyProfile(ctxOf(f.Member), f.Member)
			ok(t, err)
			if p.About != "I grow a secret garden." {
				t.Fatalf("removing the photo changed the profile: %+v", p)
			}
		})
	})
}
