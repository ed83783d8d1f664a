package purpose_test

import (
	"strconv"
	"strings"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/purpose"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestValuePropositions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "river", "public")
		other := f.world(t, "other", "public")
		sa := f.access(t, w.steward, "river")
		ma := f.access(t, w.member, "river")
		acme, err := f.coll.CreateOrganisation(as(w.steward), sa, collective.OrgInput{Name: "Acme Library"})
		ok(t, err)
		beta, err := f.coll.CreateOrganisation(as(w.steward), sa, collective.OrgInput{Name: "Beta School"})
		ok(t, err)
		theirs, err := f.coll.CreateOrganisation(as(other.steward), f.access(t, other.steward, "other"), collective.OrgInput{Name: "Theirs"})
		ok(t, err)
		ok(t, f.coll.SetAffiliations(as(w.member), f.access(t, w.member, "river"), w.memberID, []int64{acme.ID}))
		ma = f.access(t, w.member, "river")
		mine := purpose.MemberOwner(w.memberID)

		t.Run("OK", func(t *testing.T) {
			v, err := f.svc.ValueProposition(as(w.member), ma, mine)
			ok(t, err)
			same(t, "none yet", *v, purpose.ValueProposition{Kind: "member", OwnerID: w.memberID, OwnerName: "Mia Member"})
			v1, err := f.svc.EditValue(as(w.member), ma, mine, purpose.ValueInput{Gain: "Friends who read to my kids.", Bring: "Saturday mornings."})
			ok(t, err)
			if v1.Version != 1 || v1.OwnerName != "Mia Member" || v1.Gain != "Friends who read to my kids." || *v1.AuthorID != w.member.ID {
				t.Fatalf("version 1 %+v", v1)
			}
			v2, err := f.svc.EditValue(as(w.member), ma, mine, purpose.ValueInput{Base: 1, Gain: "Friends who read to my kids.",
				Bring: "Saturday mornings and a van.", Note: "the van"})
			ok(t, err)
			if v2.Version != 2 {
				t.Fatalf("version 2 %+v", v2)
			}
			got, err := f.svc.ValueVersion(as(w.observer), f.access(t, w.observer, "river"), mine, 1)
			ok(t, err)
			if got.Bring != "Saturday mornings." || got.Version != 1 || got.Owner() != mine {
				t.Fatalf("version 1 as read %+v", got)
			}
			vs, err := f.svc.ValueVersions(as(nil), f.access(t, nil, "river"), mine)
			ok(t, err)
			if len(vs) != 2 || vs[0].Version != 2 || vs[0].Note != "the van" || vs[1].AuthorName != "Mia Member" {
				t.Fatalf("versions %+v", vs)
			}
			d, err := f.svc.ValueDiff(as(w.member), ma, mine, 1, 2)
			ok(t, err)
			same(t, "diff", d, []purpose.FieldDiff{
				{Field: "gain", Label: "What we gain", Ops: ops("=", "Friends who read to my kids.")},
				{Field: "bring", Label: "What we bring", Changed: true, Ops: ops("=", "Saturday mornings", "+", " and a van", "=", ".")},
			})
			_, err = f.svc.ValueVersion(as(w.member), ma, mine, 3)
			wantErr(t, err, errs.NotFound, "")
		})
		t.Run("Organisation", func(t *testing.T) {
			org := purpose.OrganisationOwner(acme.ID)
			may, err := f.svc.MayEditValue(as(w.member), ma, org)
			ok(t, err)
			if !may {
				t.Fatal("an affiliated member may not edit their organisation's value proposition")
			}
			_, err = f.svc.EditValue(as(w.member), ma, org, purpose.ValueInput{Gain: "Readers.", Bring: "Books."})
			ok(t, err)
			_, err = f.svc.EditValue(as(w.steward), sa, purpose.OrganisationOwner(beta.ID), purpose.ValueInput{Bring: "Classrooms."})
			ok(t, err)
			list, err := f.svc.ValuePropositions(as(nil), f.access(t, nil, "river"))
			ok(t, err)
			var got []string
			for _, v := range list {
				got = append(got, v.Kind+" "+v.OwnerName+" v"+strconv.Itoa(v.Version)+": "+v.Gain+"|"+v.Bring)
			}
			same(t, "list", got, []string{
				"member Mia Member v2: Friends who read to my kids.|Saturday mornings and a van.",
				"organisation Acme Library v1: Readers.|Books.",
				"organisation Beta School v1: |Classrooms.",
			})
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			before := f.written(t)
			in := purpose.ValueInput{Base: 1, Gain: "Taken over"}
			oa := f.access(t, w.observer, "river")
			for _, tc := range []struct {
				name  string
				a     *collective.Access
				owner purpose.Owner
			}{
				{"MemberOthers", ma, purpose.MemberOwner(w.stewardID)},
				{"StewardMembers", sa, mine},
				{"ObserverOwn", oa, purpose.MemberOwner(w.observerID)},
				{"MemberNotOfOrg", ma, purpose.OrganisationOwner(beta.ID)},
				{"ObserverOrg", oa, purpose.OrganisationOwner(acme.ID)},
				{"Outsider", f.access(t, w.outsider, "river"), purpose.OrganisationOwner(acme.ID)},
				{"Anonymous", f.access(t, nil, "river"), mine},
			} {
				t.Run(tc.name, func(t *testing.T) {
					_, err := f.svc.EditValue(as(tc.a.User), tc.a, tc.owner, in)
					wantErr(t, err, errs.Forbidden, "")
					if tc.a.IsMember() {
						may, err := f.svc.MayEditValue(as(tc.a.User), tc.a, tc.owner)
						ok(t, err)
						if may {
							t.Fatal("MayEditValue says yes where EditValue says no")
						}
					}
				})
			}
			same(t, "rows after refusals", f.written(t), before)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			for _, o := range []purpose.Owner{purpose.MemberOwner(other.memberID), purpose.OrganisationOwner(theirs.ID), purpose.MemberOwner(0)} {
				_, err := f.svc.EditValue(as(w.steward), sa, o, purpose.ValueInput{Gain: "x"})
				wantErr(t, err, errs.NotFound, "")
				_, err = f.svc.ValueProposition(as(w.steward), sa, o)
				wantErr(t, err, errs.NotFound, "")
				_, err = f.svc.ValueVersions(as(w.steward), sa, o)
				wantErr(t, err, errs.NotFound, "")
			}
			_, err := f.svc.ValueProposition(as(w.steward), sa, purpose.Owner{Kind: "team", ID: acme.ID})
			wantErr(t, err, errs.Invalid, "kind")
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			before := f.written(t)
			for _, tc := range []struct {
				in    purpose.ValueInput
				field string
			}{
				{purpose.ValueInput{Base: 2, Gain: " ", Bring: "\r\n"}, "gain"},
				{purpose.ValueInput{Base: 2, Gain: strings.Repeat("g", purpose.MaxGain+1)}, "gain"},
				{purpose.ValueInput{Base: 2, Bring: strings.Repeat("b", purpose.MaxBring+1)}, "bring"},
				{purpose.ValueInput{Base: 2, Gain: "ok", Note: strings.Repeat("n", purpose.MaxNote+1)}, "note"},
				{purpose.ValueInput{Base: 2, Gain: "bell\a"}, "gain"},
				{purpose.ValueInput{Base: -2, Gain: "ok"}, "base"},
				{purpose.ValueInput{Base: 5, Gain: "ok"}, "base"},
			} {
				_, err := f.svc.EditValue(as(w.member), ma, mine, tc.in)
				wantErr(t, err, errs.Invalid, tc.field)
			}
			same(t, "rows after refusals", f.written(t), before)
		})
		t.Run("ErrConflict", func(t *testing.T) {
			before := f.written(t)
			_, err := f.svc.EditValue(as(w.member), ma, mine, purpose.ValueInput{Base: 1, Gain: "Friends.", Bring: "Saturday mornings."})
			wantErr(t, err, errs.Conflict, "")
			c, _ := purpose.AsConflict(err)
			if c == nil || c.Current != 2 || c.Base != 1 || c.By != "Mia Member" {
				t.Fatalf("conflict %+v", c)
			}
			same(t, "fields", c.Fields, []purpose.FieldConflict{
				{Field: "gain", Label: "What we gain", Current: "Friends who read to my kids.", Yours: "Friends.", Differs: true,
					Diff: ops("=", "Friends", "-", " who read to my kids", "=", ".")},
				{Field: "bring", Label: "What we bring", Current: "Saturday mornings and a van.", Yours: "Saturday mornings.", Differs: true,
					Diff: ops("=", "Saturday mornings", "-", " and a van", "=", ".")},
			})
			same(t, "rows after a conflict", f.written(t), before)
		})
		t.Run("Activity", func(t *testing.T) {
			var got []string
			for _, e := range f.entries(t, w.c, "value_proposition.") {
				if e.Audience != "collective" {
					t.Fatalf("entry %+v", e)
				}
				got = append(got, e.Subject+" "+e.Link+" "+e.Summary)
			}
			m, a, b := strconv.FormatInt(w.memberID, 10), strconv.FormatInt(acme.ID, 10), strconv.FormatInt(beta.ID, 10)
			same(t, "entries", got, []string{
				"value:member:" + m + " /c/river/purpose/members/" + m + " Mia Member updated their value proposition (version 1).",
				"value:member:" + m + " /c/river/purpose/members/" + m + " Mia Member updated their value proposition (version 2). “the van”",
				"value:organisation:" + a + " /c/river/purpose/organisations/" + a + " Mia Member updated the value proposition of Acme Library (version 1).",
				"value:organisation:" + b + " /c/river/purpose/organisations/" + b + " Sam Steward updated the value proposition of Beta School (version 1).",
			})
		})
		t.Run("LeavingTakesItAway", func(t *testing.T) {
			ok(t, f.coll.Leave(as(w.member), f.access(t, w.member, "river")))
			list, err := f.svc.ValuePropositions(as(w.steward), sa)
			ok(t, err)
			if len(list) != 2 || list[0].Kind != "organisation" {
				t.Fatalf("list after leaving %+v", list)
			}
			if n := f.count(t, "SELECT count(*) FROM value_versions"); n != 2 {
				t.Fatalf("%d versions kept, want 2", n)
			}
		})
	})
}

// Two members of an organisation writing its first value proposition at
// once: one is saved, the other is told of it with both texts.
func TestValueRace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "race", "private")
		sa := f.access(t, w.steward, "race")
		org, err := f.coll.CreateOrganisation(as(w.steward), sa, collective.OrgInput{Name: "Acme"})
		ok(t, err)
		const n = 8
		errc := make(chan error, n)
		for i := range n {
			go func() {
				_, err := f.svc.EditValue(as(w.steward), sa, purpose.OrganisationOwner(org.ID), purpose.ValueInput{Gain: "Gain " + strconv.Itoa(i)})
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
			if c, isConflict := purpose.AsConflict(err); !isConflict || c.Current != 1 || c.Base != 0 {
				t.Fatalf("%v (%+v)", err, c)
			}
		}
		if saved != 1 || f.count(t, "SELECT count(*) FROM value_versions") != 1 {
			t.Fatalf("%d saved", saved)
		}
	})
}
