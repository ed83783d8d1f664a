package people

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// photoFormat is an image format a photo may come in, known by its first
// bytes: what a file is called, or what the browser says it is, is not
// trusted.
type photoFormat struct {
	name   string
	magic  func([]byte) bool
	config func([]byte) (image.Config, error)
	decode func([]byte) (image.Image, error)
}

var photoFormats = []photoFormat{
	{"JPEG", func(b []byte) bool { return bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}) },
		func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) },
		func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }},
	{"PNG", func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) },
		func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) },
		func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }},
	{"GIF", func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
	},
		func(b []byte) (image.Config, error) { return gif.DecodeConfig(bytes.NewReader(b)) },
		func(b []byte) (image.Image, error) { return gif.Decode(bytes.NewReader(b)) }},
	{"WebP", func(b []byte) bool { return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP" },
		func(b []byte) (image.Config, error) { return webp.DecodeConfig(bytes.NewReader(b)) },
		func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) }},
}

var errNotPhoto = errs.Field("photo", "That file is not a photo: upload a JPEG, PNG, GIF or WebP image.")

// photoJPEG checks an uploaded photo and returns it as the stored JPEG:
// the centred square, PhotoSize pixels wide.
func photoJPEG(data []byte) ([]byte, error) {
	if len(data) > MaxPhotoBytes {
		return nil, &errs.Error{Code: errs.TooLarge, Field: "photo", Message: fmt.Sprintf("The photo is %.1f MB; the most is %d MB.",
			float64(len(data))/(1<<20), MaxPhotoBytes>>20)}
	}
	var f *photoFormat
	for i := range photoFormats {
		if photoFormats[i].magic(data) {
			f = &photoFormats[i]
		}
	}
	if f == nil {
		return nil, errNotPhoto
	}
	// The header says how large the picture is before any pixel is
	// decoded: a few kilobytes can claim a picture that would fill the
	// memory (a decompression bomb), so the size is refused first.
	cfg, err := f.config(data)
	if err != nil {
		return nil, errs.Field("photo", "That %s file cannot be read; it may be damaged. Try another photo.", f.name)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPhotoPixels {
		return nil, errs.Field("photo", "The photo is %d × %d pixels; the most is %d megapixels.", cfg.Width, cfg.Height, MaxPhotoPixels/1_000_000)
	}
	img, err := f.decode(data)
	if err != nil {
		return nil, errs.Field("photo", "That %s file cannot be read; it may be damaged or cut short. Try another photo.", f.name)
	}
	b := img.Bounds()
	side := min(b.Dx(), b.Dy())
	x0, y0 := b.Min.X+(b.Dx()-side)/2, b.Min.Y+(b.Dy()-side)/2
	dst := image.NewRGBA(image.Rect(0, 0, PhotoSize, PhotoSize))
	// JPEG has no transparency: transparent pixels go on white, not black.
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, image.Rect(x0, y0, x0+side, y0+side), draw.Over, nil)
	// Re-encoding writes pixels only: EXIF and any other metadata of the
	// upload, such as where the photo was taken, is not carried over.
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// SetPhoto replaces the signed-in person's photo with data, an uploaded
// JPEG, PNG, GIF or WebP image of at most MaxPhotoBytes and MaxPhotoPixels.
func (s *Service) SetPhoto(ctx context.Context, a *collective.Access, data []byte) error {
	if err := ownProfile(a); err != nil {
		return err
	}
	jpg, err := photoJPEG(data)
	if err != nil {
		return err
	}
	uid := a.User.ID
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		old, err := photoID(ctx, tx, uid)
		if err != nil {
			return err
		}
		id, err := tx.PutFile(ctx, &store.File{Name: "photo.jpg", Data: jpg, CreatedBy: &uid})
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO profiles (user_id, photo_file_id, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET photo_file_id = excluded.photo_file_id, updated_at = excluded.updated_at`,
			uid, id, tx.Now); err != nil {
			return err
		}
		if err := deleteFile(ctx, tx, old); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.ActorOnly, "profile.photo", fmt.Sprintf("member:%d", a.MemberID),
			PersonLink(a, a.MemberID), "You changed your photo.")
	})
}

// RemovePhoto removes the signed-in person's photo; with none, it does
// nothing.
func (s *Service) RemovePhoto(ctx context.Context, a *collective.Access) error {
	if err := ownProfile(a); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		old, err := photoID(ctx, tx, a.User.ID)
		if err != nil || old == nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE profiles SET photo_file_id = NULL, updated_at = ? WHERE user_id = ?", tx.Now, a.User.ID); err != nil {
			return err
		}
		if err := deleteFile(ctx, tx, old); err != nil {
			return err
		}
		return record(ctx, tx, a, activity.ActorOnly, "profile.photo", fmt.Sprintf("member:%d", a.MemberID),
			PersonLink(a, a.MemberID), "You removed your photo.")
	})
}

// Photo is a member's photo, if the viewer may see it. A photo the viewer
// may not see is NotFound, as if there were none, so its existence does
// not leak either.
func (s *Service) Photo(ctx context.Context, a *collective.Access, memberID int64) (*store.File, error) {
	if a.User == nil {
		return nil, errs.New(errs.Unauthorized, "Sign in to see people's profiles.")
	}
	var rows []struct {
		UserID int64  `db:"user_id"`
		FileID *int64 `db:"photo_file_id"`
		Vis    *int   `db:"vis_photo"`
	}
	if err := s.DB.Select(ctx, &rows, `SELECT m.user_id, p.photo_file_id, p.vis_photo FROM members m
		LEFT JOIN profiles p ON p.user_id = m.user_id WHERE m.id = ? AND m.collective_id = ?`, memberID, a.Collective.ID); err != nil {
		return nil, err
	}
	noPhoto := errs.New(errs.NotFound, "There is no photo here.")
	if len(rows) == 0 || rows[0].FileID == nil || rows[0].Vis == nil || !LevelFor(a, rows[0].UserID).Shows(Visibility(*rows[0].Vis)) {
		return nil, noPhoto
	}
	f, err := s.DB.GetFile(ctx, *rows[0].FileID)
	if store.NotFound(err) {
		return nil, noPhoto
	}
	return f, err
}

// ownProfile refuses anyone who may not change their own profile in a:
// nobody signed in, or someone who is not a member.
func ownProfile(a *collective.Access) error {
	if a.User == nil {
		return errs.New(errs.Unauthorized, "Sign in to edit your profile.")
	}
	if !a.IsMember() {
		return errs.New(errs.Forbidden, "Only members of %s can keep a profile here.", a.Collective.Name)
	}
	return nil
}

// photoID is the file id of a person's photo, nil for none.
func photoID(ctx context.Context, tx *store.Tx, userID int64) (*int64, error) {
	var ids []sql.NullInt64
	err := tx.Select(ctx, &ids, "SELECT photo_file_id FROM profiles WHERE user_id = ?", userID)
	if err != nil || len(ids) == 0 || !ids[0].Valid {
		return nil, err
	}
	return &ids[0].Int64, nil
}

// deleteFile deletes a stored file, if id is not nil.
func deleteFile(ctx context.Context, tx *store.Tx, id *int64) error {
	if id == nil {
		return nil
	}
	_, err := tx.Exec(ctx, "DELETE FROM files WHERE id = ?", *id)
	return err
}
