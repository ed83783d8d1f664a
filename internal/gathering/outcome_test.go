package gathering

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"commonground/internal/errs"
)

func TestAddOutcome(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, occ := f.seed(t, seedG{Host: f.B})
		o := occ[0]
		f.at(dec1)
		f.checkIn(t, f.B, o, f.C)
		t.Run("OK", func(t *testing.T) {
			out, err := f.S.AddOutcome(ctxOf(f.C), f.C, o, OutcomeInput{Kind: Opportunity, Text: "  Birch offers its hall.  "})
			ok(t, err)
			same(t, "opportunity", []any{out.Kind, out.Text, out.AuthorName, *out.MemberID, out.CreatedAt, out.Link},
				[]any{Opportunity, "Birch offers its hall.", "Cleo Cole", f.C.MemberID, dec1, ""})
			out, err = f.S.AddOutcome(ctxOf(f.B), f.B, o, OutcomeInput{Kind: DecisionTaken, Text: "We go ahead.", DecisionID: 3})
			ok(t, err)
			same(t, "decision", []any{*out.DecisionID, out.Link}, []any{int64(3), "/c/river/decisions/3"})
			out, err = f.S.AddOutcome(ctxOf(f.C), f.C, o, OutcomeInput{Kind: CommitmentMade, Text: "Draft the flyer.",
				RecipientMemberID: f.B.MemberID, DueOn: "2026-12-10"})
			ok(t, err)
			same(t, "commitment", []any{*out.CommitmentID, out.Link}, []any{int64(500), "/c/river/commitments/500"})
			same(t, "asked", f.Commitments.Made, []NewCommitment{{What: "Draft the flyer.", RecipientMemberID: f.B.MemberID, DueOn: "2026-12-10"}})
			_, err = f.S.AddOutcome(ctxOf(f.Steward), f.Steward, o, OutcomeInput{Kind: OpenQuestion, Text: "Who pays for the hall?"})
			ok(t, err)

			list, err := f.S.Outcomes(ctxOf(f.Observer), f.Observer, o)
			ok(t, err)
			var got []string
			for _, x := range list {
				got = append(got, string(x.Kind)+" "+x.Text+" "+x.Link)
			}
			same(t, "outcomes", got, []string{"opportunity Birch offers its hall. ", "decision We go ahead. /c/river/decisions/3",
				"commitment Draft the flyer. /c/river/commitments/500", "question Who pays for the hall? "})
			same(t, "log", f.verbs(t), []string{
				"gathering.checked_in: Ben Brook checked Cleo Cole in at “Partners' round” on Tuesday 1 December 2026.",
				"gathering.outcome: Cleo Cole recorded opportunity at “Partners' round”: Birch offers its hall.",
				"gathering.outcome: Ben Brook recorded decision taken at “Partners' round”: We go ahead.",
				"gathering.outcome: Cleo Cole recorded commitment made at “Partners' round”: Draft the flyer.",
				"gathering.outcome: Sam Steward recorded open question at “Partners' round”: Who pays for the hall?"})

			// Cleo takes hers back; Ben, the host, may take back anyone's.
			ok(t, f.S.DeleteOutcome(ctxOf(f.C), f.C, list[0].ID))
			ok(t, f.S.DeleteOutcome(ctxOf(f.B), f.B, list[3].ID))
			err = f.S.DeleteOutcome(ctxOf(f.C), f.C, list[1].ID)
			wantErr(t, err, errs.Forbidden, "", "Only whoever recorded it, the host, whoever planned “Partners' round” or a steward can take it back.")
			err = f.S.DeleteOutcome(ctxOf(f.C), f.C, list[0].ID)
			wantErr(t, err, errs.NotFound, "", "There is no such outcome.")
			same(t, "left", f.count(t, "SELECT COUNT(*) FROM gathering_outcomes WHERE occurrence_id = ?", o), 2)
			// The log keeps no text of what was taken back.
			same(t, "taken back", f.logLines(t, "gathering.outcome_deleted"), []string{
				"collective | Cleo Cole took back an opportunity outcome of “Partners' round”.",
				"collective | Ben Brook took back an open question outcome of “Partners' round”."})
			same(t, "no text left in the log", f.count(t, "SELECT COUNT(*) FROM activity WHERE verb = 'gathering.outcome_deleted' AND summary LIKE '%hall%'"), 0)
		})
		t.Run("LongText", func(t *testing.T) {
			// 100 characters, the 80th an "é": the log keeps 80 and "…".
			text := strings.Repeat("Rota. ", 13) + "xé" + strings.Repeat("x", 20)
			_, err := f.S.AddOutcome(ctxOf(f.C), f.C, o, OutcomeInput{Kind: Request, Text: text})
			ok(t, err)
			got := f.logLines(t, "gathering.outcome")
			same(t, "capped", got[len(got)-1], "collective | Cleo Cole recorded request at “Partners' round”: "+text[:79]+"é…")
			same(t, "whole text kept", f.count(t, "SELECT COUNT(*) FROM gathering_outcomes WHERE text = ?", text), 1)
			exact := strings.Repeat("y", 80)
			_, err = f.S.AddOutcome(ctxOf(f.C), f.C, o, OutcomeInput{Kind: Request, Text: exact})
			ok(t, err)
			got = f.logLines(t, "gathering.outcome")
			same(t, "80 kept whole", got[len(got)-1], "collective | Cleo Cole recorded request at “Partners' round”: "+exact)
		})
		t.Run("ErrInput", func(t *testing.T) {
			before := f.count(t, "SELECT COUNT(*) FROM gathering_outcomes")
			cases := []struct {
				in         OutcomeInput
				field, msg string
			}{
				{OutcomeInput{Kind: "idea", Text: "x"}, "kind", "Choose what emerged: decision, commitment, opportunity, breakthrough, request or question."},
				{OutcomeInput{Kind: Request, Text: "   "}, "text", "Say what emerged, in 1 to 4000 characters."},
				{OutcomeInput{Kind: Request, Text: strings.Repeat("é", MaxText+1)}, "text", "Say what emerged, in 1 to 4000 characters."},
				{OutcomeInput{Kind: DecisionTaken, Text: "x", DecisionID: 42}, "decision_id", "River has no decision 42."},
				{OutcomeInput{Kind: Request, Text: "x", DecisionID: 3}, "decision_id", "Only a decision taken names a decision."},
				{OutcomeInput{Kind: CommitmentMade, Text: "x"}, "recipient", "Say to whom the commitment is made: one member or one organisation."},
				{OutcomeInput{Kind: CommitmentMade, Text: "x", RecipientMemberID: f.B.MemberID, RecipientOrgID: f.OrgA}, "recipient",
					"Say to whom the commitment is made: one member or one organisation."},
			}
			for _, c := range cases {
				_, err := f.S.AddOutcome(ctxOf(f.C), f.C, o, c.in)
				wantErr(t, err, errs.Invalid, c.field, c.msg)
			}
			// The commitment service refuses: nothing is written.
			f.Commitments.Fail = errs.Field("recipient", "Choose a member of River to promise to.")
			_, err := f.S.AddOutcome(ctxOf(f.C), f.C, o, OutcomeInput{Kind: CommitmentMade, Text: "x", RecipientMemberID: 999})
			wantErr(t, err, errs.Invalid, "recipient", "Choose a member of River to promise to.")
			f.Commitments.Fail = errors.New("down")
			_, err = f.S.AddOutcome(ctxOf(f.C), f.C, o, OutcomeInput{Kind: CommitmentMade, Text: "x", RecipientOrgID: f.OrgB})
			same(t, "internal", errs.Code(err), errs.Internal)
			same(t, "nothing written", f.count(t, "SELECT COUNT(*) FROM gathering_outcomes"), before)
		})
		t.Run("ErrRefused", func(t *testing.T) {
			before := f.count(t, "SELECT COUNT(*) FROM gathering_outcomes")
			in := OutcomeInput{Kind: Breakthrough, Text: "x"}
			_, err := f.S.AddOutcome(ctxOf(f.D4), f.D4, o, in) // did not come
			wantErr(t, err, errs.Forbidden, "", "Only those who came to “Partners' round”, its host, whoever planned it or a steward can record what emerged.")
			_, err = f.S.AddOutcome(ctxOf(f.Observer), f.Observer, o, in)
			wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
			_, err = f.S.AddOutcome(ctxOf(f.Outsider), f.Outsider, o, in)
			wantErr(t, err, errs.Forbidden, "", "Only members of River can do this.")
			_, err = f.S.AddOutcome(context.Background(), f.Anon, o, in)
			wantErr(t, err, errs.Unauthorized, "", "Sign in to take part in the gatherings of River.")
			_, err = f.S.Outcomes(context.Background(), f.Anon, o)
			wantErr(t, err, errs.Unauthorized, "", "Sign in to see the gatherings of River.")
			f.at(dec1.Add(-time.Second))
			_, err = f.S.AddOutcome(ctxOf(f.B), f.B, o, in)
			wantErr(t, err, errs.Conflict, "", "What emerged at “Partners' round” can be recorded from its start, on Tuesday 1 December 2026 at 10:00.")
			f.at(dec1)
			same(t, "nothing written", f.count(t, "SELECT COUNT(*) FROM gathering_outcomes"), before)
		})
	})
}

func TestMinutesAndClose(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, occ := f.seed(t, seedG{Host: f.B})
		o := occ[0]
		t.Run("OK", func(t *testing.T) {
			f.at(dec1)
			ok(t, f.S.SetMinutes(ctxOf(f.B), f.B, o, "We met. We agreed."))
			f.checkIn(t, f.B, o, f.C)
			f.checkIn(t, f.B, o, f.D4)
			_, err := f.S.AddOutcome(ctxOf(f.C), f.C, o, OutcomeInput{Kind: Request, Text: "More chairs."})
			ok(t, err)
			f.at(dec1.Add(90 * time.Minute))
			ok(t, f.S.CloseReport(ctxOf(f.Steward), f.Steward, o))
			same(t, "minutes", f.count(t, "SELECT COUNT(*) FROM gathering_occurrences WHERE id = ? AND minutes = 'We met. We agreed.' AND closed_at IS NOT NULL", o), 1)
			v := f.verbs(t)
			same(t, "log", []string{v[0], v[len(v)-1]}, []string{
				"gathering.minutes: Ben Brook saved the minutes of “Partners' round” on Tuesday 1 December 2026.",
				"gathering.report_closed: Sam Steward closed the report of “Partners' round” on Tuesday 1 December 2026: 2 people came, 1 outcome."})
		})
		t.Run("ErrRefused", func(t *testing.T) {
			_, occ2 := f.seed(t, seedG{Title: "Later", Host: f.B, Starts: []time.Time{dec1.Add(7 * 24 * time.Hour)}})
			err := f.S.CloseReport(ctxOf(f.B), f.B, occ2[0])
			wantErr(t, err, errs.Conflict, "", "The report of “Later” can be closed once it ends, on Tuesday 8 December 2026 at 11:30.")
			err = f.S.CloseReport(ctxOf(f.B), f.B, o)
			wantErr(t, err, errs.Conflict, "", "The report of “Partners' round” on Tuesday 1 December 2026 is closed already.")
			err = f.S.SetMinutes(ctxOf(f.C), f.C, o, "mine")
			wantErr(t, err, errs.Forbidden, "", "Only the host, whoever planned it or a steward can change “Partners' round”.")
			err = f.S.SetMinutes(ctxOf(f.B), f.B, o, strings.Repeat("x", MaxMinutes+1))
			wantErr(t, err, errs.Invalid, "minutes", "Keep the minutes to 50000 characters.")
			err = f.S.SetMinutes(ctxOf(f.Observer), f.Observer, o, "x")
			wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
			same(t, "minutes kept", f.count(t, "SELECT COUNT(*) FROM gathering_occurrences WHERE id = ? AND minutes = 'We met. We agreed.'", o), 1)
		})
	})
}
