package gathering

import (
	"context"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

func TestReport(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, occ := f.seed(t, seedG{Host: f.B})
		o := occ[0]
		t.Run("Before", func(t *testing.T) {
			// Before the date the cost is the people going: 2 × 1.5 h.
			f.rsvp(t, f.A, o, Going)
			f.rsvp(t, f.D4, o, Going)
			r, err := f.S.Report(ctxOf(f.A), f.A, o)
			ok(t, err)
			same(t, "cost", []any{r.PersonHours, r.PerPersonHour, len(r.Attendees), r.View.Mine.Status, r.View.Invited, r.View.CanManage},
				[]any{3.0, 0.0, 0, Going, true, true})
		})
		t.Run("OK", func(t *testing.T) {
			f.at(dec1)
			for _, a := range []*collective.Access{f.A, f.C, f.F} {
				f.checkIn(t, f.B, o, a)
			}
			_, err := f.S.AddOutcome(ctxOf(f.A), f.A, o, OutcomeInput{Kind: Request, Text: "More chairs."})
			ok(t, err)
			_, err = f.S.AddOutcome(ctxOf(f.F), f.F, o, OutcomeInput{Kind: CommitmentMade, Text: "Bring chairs.", RecipientMemberID: f.A.MemberID})
			ok(t, err)
			f.at(dec1.Add(2 * time.Hour))
			r, err := f.S.Report(ctxOf(f.Observer), f.Observer, o)
			ok(t, err)
			var names []string
			for _, a := range r.Attendees {
				names = append(names, a.Name+" | "+a.Organisation)
			}
			same(t, "attendees", names, []string{"Ana Adler | Alder", "Cleo Cole | Alder", "Finn Fox | "})
			same(t, "organisations", r.Organisations, []OrgCount{{Name: "Alder", Count: 2}})
			same(t, "by kind", r.ByKind, []KindCount{{DecisionTaken, "Decision taken", 0}, {CommitmentMade, "Commitment made", 1},
				{Opportunity, "Opportunity", 0}, {Breakthrough, "Breakthrough", 0}, {Request, "Request", 1}, {OpenQuestion, "Open question", 0}})
			// 3 attendees × 1.5 h = 4.5 person-hours; 2 outcomes → 2/4.5.
			same(t, "cost", []any{r.PersonHours, r.PerPersonHour, len(r.Outcomes)}, []any{4.5, 2 / 4.5, 2})
			// Observers read only, so they are not invited.
			same(t, "view", []any{r.View.Occurrence.Attended, r.View.Invited, r.View.CanManage, r.View.Mine == nil},
				[]any{int64(3), false, false, true})
		})
		t.Run("ErrRefused", func(t *testing.T) {
			_, err := f.S.Report(ctxOf(f.Outsider), f.Outsider, o)
			wantErr(t, err, errs.Forbidden, "", "Only members of River can see its gatherings.")
			_, err = f.S.Report(context.Background(), f.Anon, o)
			wantErr(t, err, errs.Unauthorized, "", "Sign in to see the gatherings of River.")
			_, err = f.S.Report(ctxOf(f.A), f.A, 999999)
			wantErr(t, err, errs.NotFound, "", "There is no such date of this gathering.")
		})
	})
}
