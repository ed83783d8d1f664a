package people

import (
	"context"
	"testing"

	"commonground/internal/store"
)

func TestPersonalData(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		in := fullInput(OnlyMe)
		f.save(t, f.Member, in)
		f.rank(t, f.Member, "Care", "Trust")
		ok(t, f.S.SetPhoto(ctxOf(f.Member), f.Member, pngOf(t, thirds(30, 30))))
		t.Run("Export", func(t *testing.T) {
			got, err := f.S.ExportPersonal(ctx, f.Member.User.ID)
			ok(t, err)
			d := got.(*PersonalData)
			if d.Profile.About != "I grow a secret garden." || d.Profile.Visibility[FieldAbout] != OnlyMe || !d.HasPhoto {
				t.Fatalf("profile %+v", d.Profile)
			}
			if len(d.Collectives) != 1 || d.Collectives[0].Collective != "river" || len(d.Collectives[0].Values) != 2 ||
				d.Collectives[0].Values[0].Name != "Care" {
				t.Fatalf("collectives %+v", d.Collectives)
			}
		})
		t.Run("BeforeAccountDelete", func(t *testing.T) {
			f.save(t, f.Other, ProfileInput{Skills: []string{"Cataloguing"}})
			ok(t, f.DB.Write(ctx, func(tx *store.Tx) error { return f.S.BeforeAccountDelete(ctx, tx, f.Member.User.ID) }))
			if n := f.count(t, "SELECT count(*) FROM profiles WHERE user_id = ?", f.Member.User.ID) +
				f.count(t, "SELECT count(*) FROM profile_tags WHERE user_id = ?", f.Member.User.ID) +
				f.count(t, "SELECT count(*) FROM files"); n != 0 {
				t.Fatalf("%d rows left", n)
			}
			if n := f.count(t, "SELECT count(*) FROM profile_tags WHERE user_id = ?", f.Other.User.ID); n != 1 {
				t.Fatalf("another person's tags: %d", n)
			}
		})
	})
}
