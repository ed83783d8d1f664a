package people

import (
	"context"
	"sync"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// testNotice is a stored notification as the import tests check it.
type testNotice struct {
	UserID       int64  `db:"user_id"`
	CollectiveID *int64 `db:"collective_id"`
	Kind         string `db:"kind"`
	Title        string `db:"title"`
	Body         string `db:"body"`
	Link         string `db:"link"`
}

// notices lists every stored notification, by person.
func (f *fixture) notices(t *testing.T) []testNotice {
	t.Helper()
	var out []testNotice
	if err := f.DB.Select(context.Background(), &out, "SELECT user_id, collective_id, kind, title, body, link FROM notifications ORDER BY user_id, id"); err != nil {
		t.Fatal(err)
	}
	return out
}

// visWith is the default visibilities with some changed.
func visWith(changes map[Field]Visibility) map[Field]Visibility {
	v := DefaultVisibility()
	for f, x := range changes {
		v[f] = x
	}
	return v
}

// TestImportFill checks the import's rules for people who wrote parts of
// their profile: it fills only what is empty, never widens a visibility,
// refuses "everyone", and tells each person it filled in.
func TestImportFill(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.S.Notify = (&activity.Notifier{DB: f.DB}).Notify
		mia, oscar, olga, sam := f.Member.User.Email, f.Other.User.Email, f.Observer.User.Email, f.Steward.User.Email
		// Mia wrote a display name and skills, keeps her organisation to
		// herself and her offers to stewards, and ranks a value. Oscar only
		// uploaded a photo: a profile row with the default visibilities.
		f.save(t, f.Member, ProfileInput{DisplayName: "Mia M.", Skills: []string{"Grant writing"},
			Visibility: map[Field]Visibility{FieldOrganisation: OnlyMe, FieldOffers: Stewards}})
		f.rank(t, f.Member, "Fairness")
		ok(t, f.S.SetPhoto(ctxOf(f.Other), f.Other, pngOf(t, thirds(30, 30))))
		file := "email,display_name,pronouns,organisation,skills,offers,values\n" +
			mia + ",Mia Imported,she/her,Food Bank,Cooking,Mentoring,Care\n" +
			oscar + ",,,Library,,,Care; Fairness\n" +
			olga + ",Olga O,,,,,\n" +
			sam + ",,,Stewardship,,,\n"

		t.Run("ErrEveryone", func(t *testing.T) {
			before, version := f.written(t), f.version(t)
			everyone := Everyone
			res, err := f.importCSV(t, file, ImportOptions{Visibility: &everyone})
			wantErr(t, err, errs.Invalid, "visibility", "An import cannot show fields to everyone on this instance: the people "+
				"have not agreed to that. Choose me, stewards or collectives; each person can widen their own fields later.")
			if res != nil || f.written(t) != before || f.version(t) != version || len(f.notices(t)) != 0 || len(f.entries(t, "people.imported")) != 0 {
				t.Fatalf("written after a refused import: %+v", res)
			}
		})
		t.Run("ErrBadLineNotifiesNoOne", func(t *testing.T) {
			_, err := f.importCSV(t, file+"nobody@example.org,,,,,,\n", ImportOptions{})
			wantErr(t, err, errs.Invalid, "", "Nothing was imported: 1 of 5 lines has problems")
			if n := f.notices(t); len(n) != 0 {
				t.Fatalf("notices after a refused import: %+v", n)
			}
		})
		t.Run("OK", func(t *testing.T) {
			stewards, before := Stewards, f.version(t)
			res, err := f.importCSV(t, file, ImportOptions{Visibility: &stewards})
			ok(t, err)
			same(t, "result", res, &ImportResult{Lines: 4, Created: 2, Updated: 2, Kept: 3, Bad: []LineError{}})
			if f.version(t) <= before {
				t.Fatal("data_version did not move on")
			}

			// Mia: her display name, skills and values are kept; pronouns,
			// organisation and offers were empty and are filled, each at the
			// narrower of its visibility and the import's.
			p, err := f.S.MyProfile(ctxOf(f.Member), f.Member)
			ok(t, err)
			if p.DisplayName != "Mia M." || p.Pronouns != "she/her" || p.Organisation != "Food Bank" {
				t.Fatalf("Mia %+v", p)
			}
			same(t, "Mia's skills", p.Skills, []string{"Grant writing"})
			same(t, "Mia's offers", p.Offers, []string{"Mentoring"})
			same(t, "Mia's visibility", p.Visibility, visWith(map[Field]Visibility{FieldPronouns: Stewards,
				FieldOrganisation: OnlyMe, FieldOffers: Stewards}))
			vals, err := f.S.MyValues(ctxOf(f.Member), f.Member)
			ok(t, err)
			if len(vals) != 1 || vals[0].Name != "Fairness" {
				t.Fatalf("Mia's values %+v", vals)
			}

			// Oscar's photo made a profile row with the defaults: the fields
			// filled are still for stewards only (S2), the photo stays as it was.
			o, err := f.S.MyProfile(ctxOf(f.Other), f.Other)
			ok(t, err)
			if o.Organisation != "Library" || o.DisplayName != "" || o.PhotoFileID == nil {
				t.Fatalf("Oscar %+v", o)
			}
			same(t, "Oscar's visibility", o.Visibility, visWith(map[Field]Visibility{FieldOrganisation: Stewards, FieldValues: Stewards}))
			ovals, err := f.S.MyValues(ctxOf(f.Other), f.Other)
			ok(t, err)
			if len(ovals) != 2 || ovals[0].Name != "Care" || ovals[1].Name != "Fairness" || ovals[0].Why != "" {
				t.Fatalf("Oscar's values %+v", ovals)
			}
			g, err := f.S.MyProfile(ctxOf(f.Observer), f.Observer)
			ok(t, err)
			if g.DisplayName != "Olga O" {
				t.Fatalf("Olga %+v", g)
			}
			same(t, "Olga's visibility", g.Visibility, visWith(map[Field]Visibility{FieldDisplayName: Stewards}))

			// Each person filled in is told what, who sees it and where to
			// check; the steward is not told of their own line.
			col, base := f.C.ID, "Sam Steward imported a file of profiles into River and filled in "
			tail := ", which you had left empty. Nothing you had written was changed. What was filled in is shown to the " +
				"stewards of your collectives at most. On your profile page, check who sees each part, and change or remove anything."
			title := "A steward of River filled in parts of your profile"
			same(t, "notices", f.notices(t), []testNotice{
				{f.Member.User.ID, &col, KindProfileFilled, title, base + "your pronouns, your organisation and what you can offer" + tail, "/c/river/people/me"},
				{f.Other.User.ID, &col, KindProfileFilled, title, base + "your organisation and your ranked values in this collective" + tail, "/c/river/people/me"},
				{f.Observer.User.ID, &col, KindProfileFilled, title, base + "your display name" + tail, "/c/river/people/me"},
			})
			e := f.entries(t, "people.imported")
			if len(e) != 1 || e[0].Summary != "Sam Steward imported 4 profiles. 3 cells were left as the people had filled them." {
				t.Fatalf("activity %+v", e)
			}
		})
		t.Run("AgainFillsNothing", func(t *testing.T) {
			before, rows := f.version(t), f.written(t)
			res, err := f.importCSV(t, file, ImportOptions{})
			ok(t, err)
			same(t, "result", res, &ImportResult{Lines: 4, Kept: 10, Bad: []LineError{}})
			if f.version(t) != before || f.written(t) != rows || len(f.notices(t)) != 3 {
				t.Fatalf("an import that filled nothing wrote: version %d→%d, rows %d→%d, %d notices", before, f.version(t),
					rows, f.written(t), len(f.notices(t)))
			}
		})
	})
}

// TestImportTail checks the import's write against a row changed after
// it was read (a person saving meanwhile on PostgreSQL): text already
// there stays, and visibilities only narrow.
func TestImportTail(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.save(t, f.Member, ProfileInput{DisplayName: "Mia M.", Visibility: map[Field]Visibility{FieldDisplayName: OnlyMe}})
		p := &Profile{UserID: f.Member.User.ID, DisplayName: "Overwritten", Pronouns: "she/her",
			Visibility: visWith(map[Field]Visibility{FieldDisplayName: Everyone, FieldPronouns: Stewards, FieldAbout: Everyone})}
		err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
			return insertBatched(context.Background(), tx, "INSERT INTO profiles ("+upsertCols+") VALUES", importTail,
				[][]any{profileArgs(p, tx.Now)}, nil)
		})
		ok(t, err)
		got, err := f.S.MyProfile(ctxOf(f.Member), f.Member)
		ok(t, err)
		if got.DisplayName != "Mia M." || got.Pronouns != "she/her" {
			t.Fatalf("profile %+v", got)
		}
		same(t, "visibility", got.Visibility, visWith(map[Field]Visibility{FieldDisplayName: OnlyMe, FieldPronouns: Stewards}))
	})
}

// TestBumpInOrder checks that bumps reach every collective that shares a
// member, and that overlapping bumps running at once (an import and
// people saving profiles) all succeed: on PostgreSQL they lock in
// collective order, so none deadlocks.
func TestBumpInOrder(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		lakeA := f.otherCollective(t)
		lake := lakeA.Collective.ID
		f.addMember(t, lakeA.Collective, f.Member.User)
		f.addMember(t, lakeA.Collective, f.Other.User)
		version := func(id int64) int64 {
			var v []int64
			if err := f.DB.Select(ctx, &v, "SELECT data_version FROM people_state WHERE collective_id = ?", id); err != nil {
				t.Fatal(err)
			}
			if len(v) == 0 {
				return 0
			}
			return v[0]
		}
		r0, l0 := version(f.C.ID), version(lake)
		bumps := []func(tx *store.Tx) error{
			func(tx *store.Tx) error { return bumpSharing(ctx, tx, f.C.ID) },
			func(tx *store.Tx) error { return bumpSharing(ctx, tx, lake) },
			func(tx *store.Tx) error { return bumpUser(ctx, tx, f.Member.User.ID) },
			func(tx *store.Tx) error { return bumpUser(ctx, tx, f.Other.User.ID) },
		}
		const rounds = 10
		var wg sync.WaitGroup
		errc := make(chan error, rounds*len(bumps))
		for range rounds {
			for _, b := range bumps {
				wg.Go(func() { errc <- f.DB.Write(ctx, b) })
			}
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			ok(t, err)
		}
		// Every bump here reaches both collectives: they share Mia and Oscar.
		if r, l := version(f.C.ID)-r0, version(lake)-l0; r != rounds*4 || l != rounds*4 {
			t.Fatalf("river moved on %d, lake %d; want %d each", r, l, rounds*4)
		}
	})
}
