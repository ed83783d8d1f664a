package purpose_test

import (
	"testing"
	"time"

	"commonground/internal/auth"
	"commonground/internal/errs"
	"commonground/internal/purpose"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestEndorsements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "river", "private")
		ben := f.user(t, "Ben Builder")
		benID := f.join(t, w.c, ben, auth.Member, auth.Host)
		sa := f.access(t, w.steward, "river")
		ma := f.access(t, w.member, "river")
		ba := f.access(t, ben, "river")
		// names reads a list of the roll as names, with the version each endorsed.
		names := func(list []purpose.Endorser) []string {
			out := []string{}
			for _, e := range list {
				s := e.Name
				if e.Version > 0 {
					s += " v" + string(rune('0'+e.Version))
				}
				if !e.CanEndorse {
					s += " (observer)"
				}
				out = append(out, s)
			}
			return out
		}
		roll := func(t *testing.T) *purpose.Roll {
			t.Helper()
			r, err := f.svc.Endorsements(as(w.member), ma)
			ok(t, err)
			return r
		}

		t.Run("ErrNoCharter", func(t *testing.T) {
			err := f.svc.Endorse(as(w.member), ma, 1)
			wantErr(t, err, errs.Invalid, "version")
			r := roll(t)
			same(t, "roll without charter", names(r.Not), []string{"Ben Builder", "Mia Member", "Olga Observer (observer)", "Sam Steward"})
			if r.Version != 0 || len(r.Current)+len(r.Earlier) != 0 {
				t.Fatalf("roll %+v", r)
			}
		})
		_, err := f.svc.EditCharter(as(w.steward), sa, purpose.CharterInput{Purpose: "Every child reads."})
		ok(t, err)

		t.Run("OK", func(t *testing.T) {
			f.clock.Set(start.Add(time.Minute))
			ok(t, f.svc.Endorse(as(w.member), ma, 1))
			ok(t, f.svc.Endorse(as(w.steward), sa, 1))
			r := roll(t)
			same(t, "current", names(r.Current), []string{"Mia Member v1", "Sam Steward v1"})
			same(t, "earlier", names(r.Earlier), []string{})
			same(t, "not", names(r.Not), []string{"Ben Builder", "Olga Observer (observer)"})
			if r.Version != 1 || r.Mine != 1 || !r.Current[0].EndorsedAt.Equal(start.Add(time.Minute)) || r.Current[0].MemberID != w.memberID {
				t.Fatalf("roll %+v", r)
			}
			// Endorsing again changes nothing and tells nobody.
			before := f.written(t)
			ok(t, f.svc.Endorse(as(w.member), ma, 1))
			same(t, "rows after a second endorsement", f.written(t), before)
		})
		t.Run("ErrObserverAndOutsider", func(t *testing.T) {
			before := f.written(t)
			err := f.svc.Endorse(as(w.observer), f.access(t, w.observer, "river"), 1)
			wantErr(t, err, errs.Forbidden, "")
			_, err = f.coll.Access(as(w.outsider), "river")
			wantErr(t, err, errs.NotFound, "")
			same(t, "rows after refusals", f.written(t), before)
		})
		t.Run("AcrossAnEdit", func(t *testing.T) {
			_, err := f.svc.EditCharter(as(w.steward), sa, purpose.CharterInput{Base: 1, Purpose: "Every child reads well."})
			ok(t, err)
			r := roll(t)
			same(t, "current after edit", names(r.Current), []string{})
			same(t, "earlier after edit", names(r.Earlier), []string{"Mia Member v1", "Sam Steward v1"})
			same(t, "not after edit", names(r.Not), []string{"Ben Builder", "Olga Observer (observer)"})
			// Endorsing the version one read before the edit is refused, and
			// the old endorsement stays as it was.
			before := f.written(t)
			err = f.svc.Endorse(as(ben), ba, 1)
			wantErr(t, err, errs.Conflict, "")
			same(t, "rows after a stale endorsement", f.written(t), before)
			ok(t, f.svc.Endorse(as(w.member), ma, 2))
			ok(t, f.svc.Endorse(as(ben), ba, 2))
			r = roll(t)
			same(t, "current after endorsing v2", names(r.Current), []string{"Ben Builder v2", "Mia Member v2"})
			same(t, "earlier after endorsing v2", names(r.Earlier), []string{"Sam Steward v1"})
			if r.Version != 2 || r.Mine != 2 {
				t.Fatalf("roll %+v", r)
			}
		})
		t.Run("Withdraw", func(t *testing.T) {
			ok(t, f.svc.WithdrawEndorsement(as(ben), ba))
			before := f.written(t)
			ok(t, f.svc.WithdrawEndorsement(as(ben), ba)) // nothing left to withdraw
			same(t, "rows after a second withdrawal", f.written(t), before)
			r := roll(t)
			same(t, "not after withdrawal", names(r.Not), []string{"Ben Builder", "Olga Observer (observer)"})
			if f.count(t, "SELECT count(*) FROM charter_endorsements WHERE member_id = ?", benID) != 0 {
				t.Fatal("the endorsement is still stored")
			}
		})
		t.Run("LeavingTakesItAway", func(t *testing.T) {
			ok(t, f.coll.Leave(as(w.member), f.access(t, w.member, "river")))
			r := roll(t)
			same(t, "current after leaving", names(r.Current), []string{})
		})
		t.Run("Activity", func(t *testing.T) {
			var got []string
			for _, e := range f.entries(t, w.c, "charter.") {
				if e.Audience != "collective" || e.Link == "" {
					t.Fatalf("entry %+v", e)
				}
				got = append(got, e.Verb+": "+e.Summary)
			}
			same(t, "entries", got, []string{
				"charter.edited: Sam Steward saved version 1 of the charter.",
				"charter.endorsed: Mia Member endorsed version 1 of the charter.",
				"charter.endorsed: Sam Steward endorsed version 1 of the charter.",
				"charter.edited: Sam Steward saved version 2 of the charter.",
				"charter.endorsed: Mia Member endorsed version 2 of the charter.",
				"charter.endorsed: Ben Builder endorsed version 2 of the charter.",
				"charter.endorsement_withdrawn: Ben Builder withdrew their endorsement of version 2 of the charter.",
			})
		})
	})
}
