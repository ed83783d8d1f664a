package collective_test

import (
	"slices"
	"strings"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestOrganisations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "orgs", "private")
		other := f.world(t, "other", "private")
		sa := f.access(t, w.steward, "orgs")
		ctx := as(w.steward)
		orgs := func(t *testing.T) []collective.Organisation {
			t.Helper()
			list, err := f.svc.Organisations(ctx, sa)
			ok(t, err)
			return list
		}
		acme, err := f.svc.CreateOrganisation(ctx, sa, collective.OrgInput{Name: "  Acme Water ", Website: " https://acme.example/ ", Description: " Pipes "})
		ok(t, err)
		theirs, err := f.svc.CreateOrganisation(as(other.steward), f.access(t, other.steward, "other"), collective.OrgInput{Name: "Theirs"})
		ok(t, err)

		t.Run("OK", func(t *testing.T) {
			if acme.ID == 0 || acme.Name != "Acme Water" || acme.Website != "https://acme.example/" || acme.Description != "Pipes" || !acme.CreatedAt.Equal(start) {
				t.Fatalf("created %+v", acme)
			}
			_, err := f.svc.CreateOrganisation(ctx, sa, collective.OrgInput{Name: "Beta Trust"})
			ok(t, err)
			list := orgs(t)
			if len(list) != 2 || list[0].Name != "Acme Water" || list[1].Name != "Beta Trust" || list[0].Members != 0 {
				t.Fatalf("organisations %+v", list)
			}
			got, err := f.svc.Organisation(ctx, sa, acme.ID)
			ok(t, err)
			if got.Name != "Acme Water" || got.Website != "https://acme.example/" || got.Description != "Pipes" {
				t.Fatalf("organisation %+v", got)
			}
			_, err = f.svc.Organisation(ctx, sa, theirs.ID)
			wantErr(t, err, errs.NotFound, "")
		})
		t.Run("ErrNameTaken", func(t *testing.T) {
			before := len(orgs(t))
			_, err := f.svc.CreateOrganisation(ctx, sa, collective.OrgInput{Name: "ACME water"})
			wantErr(t, err, errs.Invalid, "name")
			wantMessage(t, err, `already has an organisation called "ACME water"`)
			if n := len(orgs(t)); n != before {
				t.Fatalf("%d organisations, want %d", n, before)
			}
			// Another collective may use the name.
			_, err = f.svc.CreateOrganisation(as(other.steward), f.access(t, other.steward, "other"), collective.OrgInput{Name: "Acme Water"})
			ok(t, err)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			before := len(orgs(t))
			for _, tc := range []struct {
				in    collective.OrgInput
				field string
			}{
				{collective.OrgInput{Name: " "}, "name"},
				{collective.OrgInput{Name: strings.Repeat("x", collective.MaxName+1)}, "name"},
				{collective.OrgInput{Name: "Web", Website: "acme.example"}, "website"},
				{collective.OrgInput{Name: "Web", Website: "ftp://acme.example"}, "website"},
				{collective.OrgInput{Name: "Web", Website: "https://"}, "website"},
				{collective.OrgInput{Name: "Web", Website: "javascript:alert(1)"}, "website"},
				{collective.OrgInput{Name: "Web", Description: strings.Repeat("d", collective.MaxDescription+1)}, "description"},
			} {
				_, err := f.svc.CreateOrganisation(ctx, sa, tc.in)
				wantErr(t, err, errs.Invalid, tc.field)
			}
			if n := len(orgs(t)); n != before {
				t.Fatalf("%d organisations, want %d", n, before)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			ma := f.access(t, w.member, "orgs")
			_, err := f.svc.CreateOrganisation(as(w.member), ma, collective.OrgInput{Name: "Mine"})
			wantErr(t, err, errs.Forbidden, "")
			wantErr(t, f.svc.UpdateOrganisation(as(w.member), ma, acme.ID, collective.OrgInput{Name: "Mine"}), errs.Forbidden, "")
			wantErr(t, f.svc.DeleteOrganisation(as(w.member), ma, acme.ID), errs.Forbidden, "")
			if got, _ := f.svc.Organisation(ctx, sa, acme.ID); got == nil || got.Name != "Acme Water" {
				t.Fatalf("organisation %+v", got)
			}
		})
		t.Run("Update", func(t *testing.T) {
			o, err := f.svc.CreateOrganisation(ctx, sa, collective.OrgInput{Name: "Gamma"})
			ok(t, err)
			ok(t, f.svc.UpdateOrganisation(ctx, sa, o.ID, collective.OrgInput{Name: "Gamma Group", Website: "http://gamma.example", Description: "New"}))
			got, err := f.svc.Organisation(ctx, sa, o.ID)
			ok(t, err)
			if got.Name != "Gamma Group" || got.Website != "http://gamma.example" || got.Description != "New" {
				t.Fatalf("updated %+v", got)
			}
			wantErr(t, f.svc.UpdateOrganisation(ctx, sa, o.ID, collective.OrgInput{Name: "acme water"}), errs.Invalid, "name")
			wantErr(t, f.svc.UpdateOrganisation(ctx, sa, o.ID, collective.OrgInput{Name: "X", Website: "nope"}), errs.Invalid, "website")
			wantErr(t, f.svc.UpdateOrganisation(ctx, sa, theirs.ID, collective.OrgInput{Name: "Mine now"}), errs.NotFound, "")
			if got, _ := f.svc.Organisation(ctx, sa, o.ID); got.Name != "Gamma Group" {
				t.Fatalf("after refused updates %+v", got)
			}
			if n := f.count(t, "SELECT count(*) FROM organisations WHERE id = ? AND name = 'Theirs'", theirs.ID); n != 1 {
				t.Fatal("another collective's organisation was changed")
			}
		})
		t.Run("Delete", func(t *testing.T) {
			o, err := f.svc.CreateOrganisation(ctx, sa, collective.OrgInput{Name: "Doomed"})
			ok(t, err)
			ok(t, f.svc.SetAffiliations(ctx, sa, w.memberID, []int64{o.ID, acme.ID}))
			ok(t, f.svc.SetAffiliations(ctx, sa, w.observerID, []int64{o.ID}))
			got, err := f.svc.Organisation(ctx, sa, o.ID)
			ok(t, err)
			if got.Members != 2 {
				t.Fatalf("%d affiliated, want 2", got.Members)
			}
			wantErr(t, f.svc.DeleteOrganisation(ctx, sa, theirs.ID), errs.NotFound, "")
			ok(t, f.svc.DeleteOrganisation(ctx, sa, o.ID))
			_, err = f.svc.Organisation(ctx, sa, o.ID)
			wantErr(t, err, errs.NotFound, "")
			if n := f.count(t, "SELECT count(*) FROM affiliations WHERE organisation_id = ?", o.ID); n != 0 {
				t.Fatalf("%d affiliations left", n)
			}
			if n := f.count(t, "SELECT count(*) FROM members WHERE collective_id = ?", w.c.ID); n != 3 {
				t.Fatalf("%d members, want 3", n)
			}
			m, err := f.svc.Member(ctx, sa, w.memberID)
			ok(t, err)
			if len(m.Organisations) != 1 || m.Organisations[0].ID != acme.ID {
				t.Fatalf("member's organisations %+v", m.Organisations)
			}
			if n := f.count(t, "SELECT count(*) FROM organisations WHERE id = ?", theirs.ID); n != 1 {
				t.Fatal("another collective's organisation was deleted")
			}
		})
	})
}

func TestSetAffiliations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.world(t, "aff", "private")
		other := f.world(t, "other", "private")
		sa := f.access(t, w.steward, "aff")
		a1, err := f.svc.CreateOrganisation(as(w.steward), sa, collective.OrgInput{Name: "Zulu"})
		ok(t, err)
		a2, err := f.svc.CreateOrganisation(as(w.steward), sa, collective.OrgInput{Name: "Alpha"})
		ok(t, err)
		foreign, err := f.svc.CreateOrganisation(as(other.steward), f.access(t, other.steward, "other"), collective.OrgInput{Name: "Foreign"})
		ok(t, err)
		affiliated := func(t *testing.T, memberID int64) []int64 {
			t.Helper()
			m, err := f.svc.Member(as(w.steward), sa, memberID)
			ok(t, err)
			ids := []int64{}
			for _, o := range m.Organisations {
				ids = append(ids, o.ID)
			}
			return ids
		}

		t.Run("OwnAsMember", func(t *testing.T) {
			ma := f.access(t, w.member, "aff")
			ok(t, f.svc.SetAffiliations(as(w.member), ma, w.memberID, []int64{a1.ID, a2.ID, a1.ID}))
			// Listed by organisation name.
			if got := affiliated(t, w.memberID); !slices.Equal(got, []int64{a2.ID, a1.ID}) {
				t.Fatalf("affiliations %v, want %v", got, []int64{a2.ID, a1.ID})
			}
			list, err := f.svc.OrganisationMembers(as(w.member), ma, a1.ID)
			ok(t, err)
			if len(list) != 1 || list[0].UserID != w.member.ID || list[0].Email != "" {
				t.Fatalf("organisation members %+v", list)
			}
		})
		t.Run("ErrOthersAsMember", func(t *testing.T) {
			err := f.svc.SetAffiliations(as(w.member), f.access(t, w.member, "aff"), w.observerID, []int64{a1.ID})
			wantErr(t, err, errs.Forbidden, "")
			if got := affiliated(t, w.observerID); len(got) != 0 {
				t.Fatalf("observer's affiliations %v", got)
			}
		})
		t.Run("ErrOwnAsObserver", func(t *testing.T) {
			err := f.svc.SetAffiliations(as(w.observer), f.access(t, w.observer, "aff"), w.observerID, []int64{a1.ID})
			wantErr(t, err, errs.Forbidden, "")
			if got := affiliated(t, w.observerID); len(got) != 0 {
				t.Fatalf("observer's affiliations %v", got)
			}
		})
		t.Run("OthersAsSteward", func(t *testing.T) {
			ok(t, f.svc.SetAffiliations(as(w.steward), sa, w.observerID, []int64{a2.ID}))
			if got := affiliated(t, w.observerID); !slices.Equal(got, []int64{a2.ID}) {
				t.Fatalf("observer's affiliations %v", got)
			}
			ok(t, f.svc.SetAffiliations(as(w.steward), sa, w.observerID, nil))
			if got := affiliated(t, w.observerID); len(got) != 0 {
				t.Fatalf("observer's affiliations after clearing %v", got)
			}
		})
		t.Run("ErrForeignOrganisation", func(t *testing.T) {
			before := f.count(t, "SELECT count(*) FROM affiliations")
			err := f.svc.SetAffiliations(as(w.steward), sa, w.memberID, []int64{a1.ID, foreign.ID})
			wantErr(t, err, errs.Invalid, "organisations")
			wantMessage(t, err, "Choose organisations of Collective aff only.")
			if got := affiliated(t, w.memberID); !slices.Equal(got, []int64{a2.ID, a1.ID}) {
				t.Fatalf("affiliations after a refused change %v", got)
			}
			if n := f.count(t, "SELECT count(*) FROM affiliations"); n != before {
				t.Fatalf("%d affiliations, want %d", n, before)
			}
			err = f.svc.SetAffiliations(as(w.steward), sa, w.memberID, []int64{a1.ID, 999999})
			wantErr(t, err, errs.Invalid, "organisations")
		})
		t.Run("ErrForeignMember", func(t *testing.T) {
			err := f.svc.SetAffiliations(as(w.steward), sa, other.memberID, []int64{a1.ID})
			wantErr(t, err, errs.NotFound, "")
			if n := f.count(t, "SELECT count(*) FROM affiliations WHERE member_id = ?", other.memberID); n != 0 {
				t.Fatalf("%d affiliations written for another collective's member", n)
			}
		})
		t.Run("ErrArchived", func(t *testing.T) {
			ok(t, f.svc.SetArchived(as(w.steward), sa, true))
			t.Cleanup(func() { ok(t, f.svc.SetArchived(as(w.steward), sa, false)) })
			err := f.svc.SetAffiliations(as(w.member), f.access(t, w.member, "aff"), w.memberID, nil)
			wantErr(t, err, errs.Forbidden, "")
			err = f.svc.SetAffiliations(as(w.steward), f.access(t, w.steward, "aff"), w.memberID, nil)
			wantErr(t, err, errs.Forbidden, "")
			if got := affiliated(t, w.memberID); len(got) != 2 {
				t.Fatalf("affiliations in an archived collective %v", got)
			}
		})
	})
}
