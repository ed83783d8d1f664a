package purpose_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/purpose"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestCharter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "river", "public")
		sa := f.access(t, w.steward, "river")
		ctx := as(w.steward)
		first := purpose.CharterInput{Purpose: "Every child in Riverside reads well by age nine.",
			Ambition: "Reading at age nine rises from 61% to 85%.", AmbitionBy: "2030-06-30",
			ValueProposition: "Schools, libraries and parents pull the same way.", Note: "First draft"}

		t.Run("Empty", func(t *testing.T) {
			c, err := f.svc.Charter(ctx, sa)
			ok(t, err)
			same(t, "empty charter", *c, purpose.Charter{})
			vs, err := f.svc.CharterVersions(ctx, sa)
			ok(t, err)
			same(t, "no versions", vs, []purpose.VersionInfo{})
		})
		t.Run("OK", func(t *testing.T) {
			v1, err := f.svc.EditCharter(ctx, sa, first)
			ok(t, err)
			if v1.Version != 1 || v1.Purpose != first.Purpose || v1.AuthorName != "Sam Steward" || !v1.CreatedAt.Equal(start) {
				t.Fatalf("version 1: %+v", v1)
			}
			if d, has := v1.AmbitionDate(); !has || !d.Equal(time.Date(2030, 6, 30, 0, 0, 0, 0, time.UTC)) {
				t.Fatalf("ambition date %v %v", d, has)
			}
			if _, has := (&purpose.Charter{}).AmbitionDate(); has {
				t.Fatal("an empty charter has an ambition date")
			}
			f.clock.Set(start.Add(time.Hour))
			second := first
			second.Base = 1
			second.Purpose = "  Every child in Riverside reads well by age eight.\r\n"
			second.ValueProposition = "Schools, libraries, clinics and parents pull the same way."
			second.Note = "Earlier age"
			v2, err := f.svc.EditCharter(ctx, sa, second)
			ok(t, err)
			if v2.Version != 2 || v2.Purpose != "Every child in Riverside reads well by age eight." || !v2.CreatedAt.Equal(start.Add(time.Hour)) {
				t.Fatalf("version 2: %+v", v2)
			}
			cur, err := f.svc.Charter(as(w.observer), f.access(t, w.observer, "river"))
			ok(t, err)
			sameCharter(t, "current charter", cur, v2)
			old, err := f.svc.CharterVersion(ctx, sa, 1)
			ok(t, err)
			sameCharter(t, "version 1 as read", old, v1)
			vs, err := f.svc.CharterVersions(ctx, sa)
			ok(t, err)
			if len(vs) != 2 || vs[0].Version != 2 || vs[0].Note != "Earlier age" || vs[1].Version != 1 || vs[1].Note != "First draft" ||
				vs[1].AuthorName != "Sam Steward" || *vs[1].AuthorID != w.steward.ID || !vs[1].CreatedAt.Equal(start) {
				t.Fatalf("versions %+v", vs)
			}
			_, err = f.svc.CharterVersion(ctx, sa, 3)
			wantErr(t, err, errs.NotFound, "")
		})
		t.Run("Diff", func(t *testing.T) {
			want := []purpose.FieldDiff{
				{Field: "purpose", Label: "Purpose", Changed: true,
					Ops: ops("=", "Every child in Riverside reads well by age", "-", " nine", "+", " eight", "=", ".")},
				{Field: "ambition", Label: "Ambition", Ops: ops("=", first.Ambition)},
				{Field: "ambition_by", Label: "Ambition date", Ops: ops("=", "2030-06-30")},
				{Field: "value_proposition", Label: "Value proposition", Changed: true,
					Ops: ops("=", "Schools, libraries", "+", ", clinics", "=", " and parents pull the same way.")},
			}
			for _, order := range [][2]int{{1, 2}, {2, 1}} {
				d, err := f.svc.CharterDiff(ctx, sa, order[0], order[1])
				ok(t, err)
				same(t, "diff 1→2", d, want)
			}
			d, err := f.svc.CharterDiff(ctx, sa, 0, 1)
			ok(t, err)
			same(t, "diff 0→1 purpose", d[0], purpose.FieldDiff{Field: "purpose", Label: "Purpose", Changed: true, Ops: ops("+", first.Purpose)})
			_, err = f.svc.CharterDiff(ctx, sa, 1, 9)
			wantErr(t, err, errs.NotFound, "")
			_, err = f.svc.CharterDiff(ctx, sa, -1, 1)
			wantErr(t, err, errs.Invalid, "version")
		})
		t.Run("UnchangedMakesNoVersion", func(t *testing.T) {
			before := f.written(t)
			in := purpose.CharterInput{Base: 2, Purpose: "Every child in Riverside reads well by age eight.", Ambition: first.Ambition,
				AmbitionBy: first.AmbitionBy, ValueProposition: "Schools, libraries, clinics and parents pull the same way.", Note: "no change"}
			c, err := f.svc.EditCharter(ctx, sa, in)
			ok(t, err)
			if c.Version != 2 || c.Note != "Earlier age" {
				t.Fatalf("unchanged save returned %+v", c)
			}
			// The same form sent again after it was saved is no conflict either.
			in.Base = 1
			c, err = f.svc.EditCharter(ctx, sa, in)
			ok(t, err)
			same(t, "rows", f.written(t), before)
			if c.Version != 2 {
				t.Fatalf("resent form returned version %d", c.Version)
			}
		})
		t.Run("ErrConflict", func(t *testing.T) {
			before := f.written(t)
			stale := first
			stale.Base = 1
			stale.Purpose = "Every child in Riverside loves to read."
			_, err := f.svc.EditCharter(ctx, sa, stale)
			wantErr(t, err, errs.Conflict, "")
			c, isConflict := purpose.AsConflict(err)
			if !isConflict || c.Base != 1 || c.Current != 2 || c.By != "Sam Steward" || len(c.Fields) != 4 {
				t.Fatalf("conflict %+v", c)
			}
			same(t, "purpose in conflict", c.Fields[0], purpose.FieldConflict{Field: "purpose", Label: "Purpose",
				Current: "Every child in Riverside reads well by age eight.", Yours: "Every child in Riverside loves to read.", Differs: true,
				Diff: ops("=", "Every child in Riverside", "-", " reads well by age eight", "+", " loves to read", "=", ".")})
			if c.Fields[1].Differs || c.Fields[1].Yours != first.Ambition {
				t.Fatalf("ambition in conflict %+v", c.Fields[1])
			}
			if !strings.Contains(errs.Message(err), "version 2") || !strings.HasPrefix(err.Error(), "conflict: Sam Steward saved version 2") {
				t.Fatalf("message %q", errs.Message(err))
			}
			same(t, "rows after a conflict", f.written(t), before)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			before := f.written(t)
			valid := purpose.CharterInput{Base: 2, Purpose: "P", Ambition: "A", AmbitionBy: "2030-01-01"}
			with := func(change func(*purpose.CharterInput)) purpose.CharterInput {
				in := valid
				change(&in)
				return in
			}
			for _, tc := range []struct {
				name  string
				in    purpose.CharterInput
				field string
			}{
				{"NoPurpose", with(func(in *purpose.CharterInput) { in.Purpose = " \n " }), "purpose"},
				{"LongPurpose", with(func(in *purpose.CharterInput) { in.Purpose = strings.Repeat("é", purpose.MaxPurpose+1) }), "purpose"},
				{"LongAmbition", with(func(in *purpose.CharterInput) { in.Ambition = strings.Repeat("a", purpose.MaxAmbition+1) }), "ambition"},
				{"LongValue", with(func(in *purpose.CharterInput) {
					in.ValueProposition = strings.Repeat("v", purpose.MaxValueProposition+1)
				}), "value_proposition"},
				{"LongNote", with(func(in *purpose.CharterInput) { in.Note = strings.Repeat("n", purpose.MaxNote+1) }), "note"},
				{"NUL", with(func(in *purpose.CharterInput) { in.Purpose = "a\x00b" }), "purpose"},
				{"NotUTF8", with(func(in *purpose.CharterInput) { in.Ambition = "caf\xe9" }), "ambition"},
				{"DateForm", with(func(in *purpose.CharterInput) { in.AmbitionBy = "30/06/2030" }), "ambition_by"},
				{"DateNoSuchDay", with(func(in *purpose.CharterInput) { in.AmbitionBy = "2030-02-30" }), "ambition_by"},
				{"DatePast", with(func(in *purpose.CharterInput) { in.AmbitionBy = "2026-11-22" }), "ambition_by"},
				{"DateTooFar", with(func(in *purpose.CharterInput) { in.AmbitionBy = "2127-01-01" }), "ambition_by"},
				{"AmbitionNoDate", with(func(in *purpose.CharterInput) { in.AmbitionBy = "" }), "ambition_by"},
				{"DateNoAmbition", with(func(in *purpose.CharterInput) { in.Ambition = "" }), "ambition"},
				{"NegativeBase", with(func(in *purpose.CharterInput) { in.Base = -1 }), "base"},
				{"FutureBase", with(func(in *purpose.CharterInput) { in.Base = 3 }), "base"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					_, err := f.svc.EditCharter(ctx, sa, tc.in)
					wantErr(t, err, errs.Invalid, tc.field)
				})
			}
			same(t, "rows after refusals", f.written(t), before)
			// Today is not in the past.
			_, err := f.svc.EditCharter(ctx, sa, with(func(in *purpose.CharterInput) { in.AmbitionBy = "2026-11-23" }))
			ok(t, err)
		})
		t.Run("PassedDateKept", func(t *testing.T) {
			cur, err := f.svc.Charter(ctx, sa)
			ok(t, err)
			f.clock.Set(time.Date(2027, 1, 5, 12, 0, 0, 0, time.UTC)) // the ambition's day has passed
			keep := purpose.CharterInput{Base: cur.Version, Purpose: "Fixed a typo", Ambition: cur.Ambition, AmbitionBy: cur.AmbitionBy}
			v, err := f.svc.EditCharter(ctx, sa, keep)
			ok(t, err)
			moved := keep
			moved.Base, moved.Purpose, moved.AmbitionBy = v.Version, "Again", "2027-01-04"
			_, err = f.svc.EditCharter(ctx, sa, moved)
			wantErr(t, err, errs.Invalid, "ambition_by")
			f.clock.Set(start.Add(time.Hour))
		})
		t.Run("Activity", func(t *testing.T) {
			got := f.entries(t, w.c, "charter.")
			if len(got) != 4 {
				t.Fatalf("%d charter entries, want 4: %+v", len(got), got)
			}
			subject := "charter:" + strconv.FormatInt(w.c.ID, 10)
			same(t, "first entry", got[0], entry{ActorID: &w.steward.ID, Verb: "charter.edited", Subject: subject,
				Summary: "Sam Steward saved version 1 of the charter. “First draft”", Link: "/c/river/purpose/charter/versions/1",
				Audience: "collective"})
			if got[1].Summary != "Sam Steward saved version 2 of the charter. “Earlier age”" || got[3].Link != "/c/river/purpose/charter/versions/4" {
				t.Fatalf("entries %+v", got)
			}
		})
		readers := []struct {
			name string
			u    *auth.User
		}{{"member", w.member}, {"observer", w.observer}, {"outsider", w.outsider}, {"anonymous", nil}}
		t.Run("Readers", func(t *testing.T) {
			for _, r := range readers {
				c, err := f.svc.Charter(as(r.u), f.access(t, r.u, "river"))
				ok(t, err)
				if c.Version != 4 {
					t.Fatalf("%s reads version %d", r.name, c.Version)
				}
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			before := f.written(t)
			in := purpose.CharterInput{Base: 4, Purpose: "Taken over"}
			for _, r := range readers {
				_, err := f.svc.EditCharter(as(r.u), f.access(t, r.u, "river"), in)
				wantErr(t, err, errs.Forbidden, "")
			}
			ok(t, f.coll.SetArchived(ctx, sa, true))
			_, err := f.svc.EditCharter(ctx, f.access(t, w.steward, "river"), in)
			wantErr(t, err, errs.Forbidden, "")
			ok(t, f.coll.SetArchived(ctx, f.access(t, w.steward, "river"), false))
			// Archiving and restoring wrote two entries; the charter's tables did not move.
			after := f.written(t)
			same(t, "charter rows", after[:5], before[:5])
			same(t, "entries", after[5], before[5]+2)
		})
		t.Run("PrivateHidden", func(t *testing.T) {
			f.world(t, "hidden", "private")
			_, err := f.coll.Access(as(w.outsider), "hidden")
			wantErr(t, err, errs.NotFound, "")
		})
	})
}

// sameCharter compares two charters, their times as instants (PostgreSQL
// hands them back in the local zone).
func sameCharter(t *testing.T, what string, got, want *purpose.Charter) {
	t.Helper()
	g, w := *got, *want
	g.CreatedAt, w.CreatedAt = g.CreatedAt.UTC(), w.CreatedAt.UTC()
	same(t, what, g, w)
}

// Edits racing from the same version: exactly one is saved, every other
// one gets a conflict carrying its own text, and no version is lost or
// doubled (on PostgreSQL the conditional UPDATE decides; on SQLite the one
// writer does).
func TestCharterRace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "race", "private")
		sa := f.access(t, w.steward, "race")
		for round := range 2 { // round 0 races for the first version, round 1 for the second
			const n = 8
			errc := make(chan error, n)
			for i := range n {
				go func() {
					_, err := f.svc.EditCharter(as(w.steward), sa, purpose.CharterInput{Base: round,
						Purpose: "Edit " + strconv.Itoa(i) + " of round " + strconv.Itoa(round)})
					errc <- err
				}()
			}
			saved := 0
			for range n {
				err := <-errc
				if err == nil {
					saved++
					continue
				}
				c, isConflict := purpose.AsConflict(err)
				if !isConflict || c.Current != round+1 || !strings.HasPrefix(c.Fields[0].Yours, "Edit ") {
					t.Fatalf("round %d: %v (%+v)", round, err, c)
				}
			}
			if saved != 1 {
				t.Fatalf("round %d: %d edits saved, want 1", round, saved)
			}
			if v := f.count(t, "SELECT count(*) FROM charter_versions"); v != round+1 {
				t.Fatalf("round %d: %d versions", round, v)
			}
		}
	})
}
