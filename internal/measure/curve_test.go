package measure_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"commonground/internal/errs"
	"commonground/internal/measure"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestCurveNotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		meals := w.indicator(t, measure.IndicatorInput{Name: "Meals served", Contributors: []int64{w.food}})
		open := w.indicator(t, measure.IndicatorInput{Name: "Books lent"})

		t.Run("NoneYet", func(t *testing.T) {
			n, err := w.svc.CurveNotes(as(w.ob), w.access(t, w.ob), meals.ID)
			if err != nil || n.Version != 0 || !n.Empty() {
				t.Fatalf("got %+v, %v", n, err)
			}
		})
		t.Run("OKMemberOfContributorSavesVersions", func(t *testing.T) {
			a := w.access(t, w.ana)
			n, err := w.svc.EditCurveNotes(as(w.ana), a, meals.ID, measure.CurveNotesInput{Base: 0,
				Story: "  Demand rose when the plant closed.  ", PartnerOrgs: []int64{w.library, w.food, w.library}})
			if err != nil {
				t.Fatal(err)
			}
			if n.Version != 1 || n.Story != "Demand rose when the plant closed." || !slices.Equal(n.PartnerOrgs, []int64{w.food, w.library}) || n.AuthorName != "Ana" {
				t.Fatalf("saved %+v", n)
			}
			s := w.access(t, w.steward)
			n, err = w.svc.EditCurveNotes(as(w.steward), s, meals.ID, measure.CurveNotesInput{Base: 1,
				Story: "Demand rose when the plant closed.", Proposal: "Open on Saturdays."})
			if err != nil || n.Version != 2 {
				t.Fatalf("second save %+v, %v", n, err)
			}
			cur, err := w.svc.CurveNotes(as(w.ob), w.access(t, w.ob), meals.ID)
			if err != nil || cur.Version != 2 || cur.Proposal != "Open on Saturdays." || len(cur.PartnerOrgs) != 0 || cur.AuthorName != "Sam Steward" {
				t.Fatalf("current %+v, %v", cur, err)
			}
			hist, err := w.svc.CurveNotesHistory(as(w.ob), w.access(t, w.ob), meals.ID)
			if err != nil || len(hist) != 2 || hist[0].Version != 2 || hist[1].Version != 1 || len(hist[1].PartnerOrgs) != 2 || hist[1].AuthorName != "Ana" {
				t.Fatalf("history %+v, %v", hist, err)
			}
			var verbs int
			for _, v := range w.verbs(t) {
				if v == "indicator.curve_notes_edited" {
					verbs++
				}
			}
			if verbs != 2 {
				t.Fatalf("%d activity entries, want 2", verbs)
			}
		})
		t.Run("OKSameTextMakesNoVersion", func(t *testing.T) {
			n, err := w.svc.EditCurveNotes(as(w.steward), w.access(t, w.steward), meals.ID, measure.CurveNotesInput{Base: 1,
				Story: "Demand rose when the plant closed.", Proposal: "Open on Saturdays."})
			if err != nil || n.Version != 2 {
				t.Fatalf("got %+v, %v", n, err)
			}
		})
		t.Run("ErrStaleSaveIsConflictWithBothTexts", func(t *testing.T) {
			before := w.count(t, "measure_curve_note_versions")
			_, err := w.svc.EditCurveNotes(as(w.ana), w.access(t, w.ana), meals.ID, measure.CurveNotesInput{Base: 1, Story: "My text"})
			wantCode(t, err, errs.Conflict)
			cf, ok := measure.AsCurveConflict(err)
			if !ok || cf.Base != 1 || cf.Current.Version != 2 || cf.Current.Proposal != "Open on Saturdays." || cf.Yours.Story != "My text" {
				t.Fatalf("conflict %+v", cf)
			}
			if !strings.Contains(errs.Message(err), "Sam Steward saved version 2") {
				t.Fatalf("message %q", errs.Message(err))
			}
			if w.count(t, "measure_curve_note_versions") != before {
				t.Fatal("a stale save wrote a version")
			}
		})
		t.Run("ErrBaseFromTheFuture", func(t *testing.T) {
			_, err := w.svc.EditCurveNotes(as(w.steward), w.access(t, w.steward), meals.ID, measure.CurveNotesInput{Base: 9, Story: "x"})
			wantCode(t, err, errs.Invalid)
		})
		t.Run("ErrWhoMayNotEdit", func(t *testing.T) {
			// Ben's Library does not contribute to Meals served; observers never edit.
			_, err := w.svc.EditCurveNotes(as(w.ben), w.access(t, w.ben), meals.ID, measure.CurveNotesInput{Base: 2, Story: "x"})
			wantCode(t, err, errs.Forbidden)
			_, err = w.svc.EditCurveNotes(as(w.ob), w.access(t, w.ob), open.ID, measure.CurveNotesInput{Story: "x"})
			wantCode(t, err, errs.Forbidden)
		})
		t.Run("OKAnyMemberOrganisationWhenNoContributors", func(t *testing.T) {
			n, err := w.svc.EditCurveNotes(as(w.ben), w.access(t, w.ben), open.ID, measure.CurveNotesInput{WhatWorks: "Reading clubs."})
			if err != nil || n.Version != 1 {
				t.Fatalf("got %+v, %v", n, err)
			}
		})
		t.Run("ErrLimits", func(t *testing.T) {
			s := w.access(t, w.steward)
			_, err := w.svc.EditCurveNotes(as(w.steward), s, open.ID, measure.CurveNotesInput{Base: 1, Partners: strings.Repeat("é", measure.MaxCurveText+1)})
			wantCode(t, err, errs.Invalid)
			if errs.FieldOf(err) != "partners" {
				t.Fatalf("field %q", errs.FieldOf(err))
			}
			_, err = w.svc.EditCurveNotes(as(w.steward), s, open.ID, measure.CurveNotesInput{Base: 1, Story: "x", PartnerOrgs: []int64{999999}})
			wantCode(t, err, errs.Invalid)
			_, err = w.svc.EditCurveNotes(as(w.steward), s, open.ID, measure.CurveNotesInput{Base: 1, Story: strings.Repeat("é", measure.MaxCurveText)})
			if err != nil {
				t.Fatalf("a text at the limit: %v", err)
			}
		})
		t.Run("ConcurrentSavesFromOneBase", func(t *testing.T) {
			ind := w.indicator(t, measure.IndicatorInput{Name: "Race"})
			s := w.access(t, w.steward)
			var wg sync.WaitGroup
			errsOut := make([]error, 4)
			for i := range errsOut {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errsOut[i] = w.svc.EditCurveNotes(as(w.steward), s, ind.ID, measure.CurveNotesInput{Story: strings.Repeat("v", i+1)})
				}()
			}
			wg.Wait()
			var ok, conflicts int
			for _, err := range errsOut {
				switch {
				case err == nil:
					ok++
				case errs.Code(err) == errs.Conflict:
					conflicts++
				default:
					t.Fatalf("unexpected %v", err)
				}
			}
			if ok != 1 || conflicts != 3 {
				t.Fatalf("%d saved, %d conflicts; want 1 and 3", ok, conflicts)
			}
		})
	})
}
