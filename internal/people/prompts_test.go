package people

import (
	"strings"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// day is noon UTC on the date s.
func day(s string) time.Time {
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return d.Add(12 * time.Hour)
}

func TestPromptOpen(t *testing.T) {
	background := Prompt{Kind: PromptBackground}
	periodic := Prompt{Kind: PromptPeriodic, OpensOn: "2026-12-01", ClosesOn: "2026-12-07"}
	endless := Prompt{Kind: PromptPeriodic, OpensOn: "2026-12-01"}
	archived := periodic
	archived.Archived = true
	archivedBackground := Prompt{Kind: PromptBackground, Archived: true}
	for _, c := range []struct {
		name string
		p    Prompt
		now  time.Time
		want bool
	}{
		{"BackgroundOpen", background, day("2020-01-01"), true},
		{"BackgroundArchived", archivedBackground, day("2020-01-01"), false},
		{"PeriodicBefore", periodic, day("2026-11-30"), false},
		{"PeriodicFirstDay", periodic, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), true},
		{"PeriodicLastDay", periodic, time.Date(2026, 12, 7, 23, 59, 59, 0, time.UTC), true},
		{"PeriodicAfter", periodic, time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC), false},
		{"PeriodicNoEnd", endless, day("2030-01-01"), true},
		{"PeriodicArchived", archived, day("2026-12-03"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.p.Open(c.now); got != c.want {
				t.Fatalf("Open(%s) = %v, want %v", c.now, got, c.want)
			}
		})
	}
}

func TestCreatePrompt(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := ctxOf(f.Steward)
		t.Run("OKBackground", func(t *testing.T) {
			p, err := f.S.CreatePrompt(ctx, f.Steward, PromptInput{Kind: PromptBackground, Question: " The perspective I bring "})
			ok(t, err)
			same(t, "prompt", *p, Prompt{ID: p.ID, Kind: PromptBackground, Question: "The perspective I bring", Position: 1})
			q, err := f.S.CreatePrompt(ctx, f.Steward, PromptInput{Kind: PromptBackground, Question: "Where I grew up"})
			ok(t, err)
			same(t, "position", q.Position, 2)
			e := f.entries(t, "prompt.created")
			same(t, "entry", []string{e[0].Summary, e[0].Audience, e[0].Link},
				[]string{"Sam Steward added a background prompt: The perspective I bring", "stewards", promptLink(f.Steward, p.ID)})
		})
		t.Run("OKPeriodicInvitesEveryone", func(t *testing.T) {
			p, err := f.S.CreatePrompt(ctx, f.Steward, PromptInput{Kind: PromptPeriodic, Question: "A tradition from my family",
				OpensOn: "2026-12-01", ClosesOn: "2026-12-01"})
			ok(t, err)
			same(t, "dates", []string{p.OpensOn, p.ClosesOn}, []string{"2026-12-01", "2026-12-01"})
			e := f.entries(t, "prompt.created")
			same(t, "entry", []string{e[2].Summary, e[2].Audience}, []string{"Sam Steward asks everyone: A tradition from my family", "collective"})
		})
		for _, c := range []struct {
			name, field, msg string
			in               PromptInput
		}{
			{"ErrKind", "kind", `Choose background or periodic, not "weekly".`, PromptInput{Kind: "weekly", Question: "Q"}},
			{"ErrQuestionRequired", "question", "Write the question.", PromptInput{Kind: PromptBackground, Question: " "}},
			{"ErrQuestionTooLong", "question", "is 281 characters; the most is 280", PromptInput{Kind: PromptBackground, Question: strings.Repeat("q", 281)}},
			{"ErrOpeningRequired", "opens_on", "A periodic prompt needs an opening date.", PromptInput{Kind: PromptPeriodic, Question: "Q", ClosesOn: "2026-12-01"}},
			{"ErrClosesBeforeOpens", "closes_on", "The closing date 2026-11-30 is before the opening date 2026-12-01.",
				PromptInput{Kind: PromptPeriodic, Question: "Q", OpensOn: "2026-12-01", ClosesOn: "2026-11-30"}},
			{"ErrBadDate", "opens_on", `Write the date as YYYY-MM-DD, not "2026-13-01".`, PromptInput{Kind: PromptPeriodic, Question: "Q", OpensOn: "2026-13-01"}},
			{"ErrBackgroundDates", "opens_on", "leave its dates empty", PromptInput{Kind: PromptBackground, Question: "Q", OpensOn: "2026-12-01"}},
			{"ErrPosition", "position", "cannot be negative", PromptInput{Kind: PromptBackground, Question: "Q", Position: -1}},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := f.count(t, "SELECT count(*) FROM people_prompts")
				_, err := f.S.CreatePrompt(ctx, f.Steward, c.in)
				wantErr(t, err, errs.Invalid, c.field, c.msg)
				same(t, "prompts", f.count(t, "SELECT count(*) FROM people_prompts"), before)
			})
		}
		t.Run("ErrMember", func(t *testing.T) {
			_, err := f.S.CreatePrompt(ctxOf(f.Member), f.Member, PromptInput{Kind: PromptBackground, Question: "Q"})
			wantErr(t, err, errs.Forbidden, "", "Only stewards of River")
		})
	})
}

func TestEditPrompts(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := ctxOf(f.Steward)
		a, err := f.S.CreatePrompt(ctx, f.Steward, PromptInput{Kind: PromptBackground, Question: "A"})
		ok(t, err)
		b, err := f.S.CreatePrompt(ctx, f.Steward, PromptInput{Kind: PromptBackground, Question: "B"})
		ok(t, err)
		p, err := f.S.CreatePrompt(ctx, f.Steward, PromptInput{Kind: PromptPeriodic, Question: "P", OpensOn: "2026-12-01"})
		ok(t, err)
		questions := func(t *testing.T, includeArchived bool) []string {
			t.Helper()
			list, err := f.S.Prompts(ctxOf(f.Member), f.Member, includeArchived)
			ok(t, err)
			out := []string{}
			for _, p := range list {
				out = append(out, p.Question)
			}
			return out
		}
		t.Run("OKOrder", func(t *testing.T) {
			same(t, "order", questions(t, false), []string{"A", "B", "P"})
		})
		t.Run("OKUpdate", func(t *testing.T) {
			ok(t, f.S.UpdatePrompt(ctx, f.Steward, a.ID, PromptInput{Kind: PromptBackground, Question: "A2", Position: 5}))
			ok(t, f.S.UpdatePrompt(ctx, f.Steward, b.ID, PromptInput{Kind: PromptBackground, Question: "B2"}))
			same(t, "order", questions(t, false), []string{"B2", "A2", "P"})
			same(t, "audience", f.entries(t, "prompt.updated")[0].Audience, "stewards")
		})
		t.Run("OKArchive", func(t *testing.T) {
			ok(t, f.S.ArchivePrompt(ctx, f.Steward, p.ID, true))
			same(t, "listed", questions(t, false), []string{"B2", "A2"})
			same(t, "with archived", questions(t, true), []string{"B2", "A2", "P"})
			ok(t, f.S.ArchivePrompt(ctx, f.Steward, p.ID, true)) // already: nothing recorded
			same(t, "entries", len(f.entries(t, "prompt.archived")), 1)
			ok(t, f.S.ArchivePrompt(ctx, f.Steward, p.ID, false))
			same(t, "restored", questions(t, false), []string{"B2", "A2", "P"})
		})
		t.Run("ErrUpdateInvalid", func(t *testing.T) {
			wantErr(t, f.S.UpdatePrompt(ctx, f.Steward, p.ID, PromptInput{Kind: PromptPeriodic, Question: "P"}), errs.Invalid, "opens_on", "")
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			wantErr(t, f.S.UpdatePrompt(ctx, f.Steward, p.ID+100, PromptInput{Kind: PromptBackground, Question: "Q"}),
				errs.NotFound, "", "River has no such prompt.")
			wantErr(t, f.S.ArchivePrompt(ctx, f.Steward, p.ID+100, true), errs.NotFound, "", "")
		})
		t.Run("ErrMember", func(t *testing.T) {
			wantErr(t, f.S.UpdatePrompt(ctxOf(f.Member), f.Member, a.ID, PromptInput{Kind: PromptBackground, Question: "Q"}), errs.Forbidden, "", "")
			wantErr(t, f.S.ArchivePrompt(ctxOf(f.Member), f.Member, a.ID, true), errs.Forbidden, "", "")
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			_, err := f.S.Prompts(ctxOf(f.Anon), f.Anon, false)
			wantErr(t, err, errs.Unauthorized, "", "")
		})
	})
}

func TestEditAnsweredPrompt(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := ctxOf(f.Steward)
		p, err := f.S.CreatePrompt(ctx, f.Steward, PromptInput{Kind: PromptBackground, Question: "Where did you grow up?"})
		ok(t, err)
		ok(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, p.ID, "By the sea.", OnlyMe))
		listed := func(t *testing.T, a *collective.Access) Prompt {
			t.Helper()
			list, err := f.S.Prompts(ctxOf(a), a, true)
			ok(t, err)
			return list[0]
		}
		t.Run("AnsweredForStewardsOnly", func(t *testing.T) {
			// The steward cannot read Mia's answer, but learns the prompt
			// has one: the same the refusal below would tell them.
			s := listed(t, f.Steward)
			same(t, "steward", []any{s.Answers, s.Answered}, []any{0, true})
			m := listed(t, f.Member)
			same(t, "member", []any{m.Answers, m.Answered}, []any{1, false})
		})
		for _, c := range []struct {
			name, field string
			in          PromptInput
		}{
			{"ErrQuestionChanged", "question", PromptInput{Kind: PromptBackground, Question: "Where do you live?"}},
			{"ErrKindChanged", "kind", PromptInput{Kind: PromptPeriodic, Question: "Where did you grow up?", OpensOn: "2026-12-01"}},
		} {
			t.Run(c.name, func(t *testing.T) {
				wantErr(t, f.S.UpdatePrompt(ctx, f.Steward, p.ID, c.in), errs.Conflict, c.field,
					"People have answered this prompt, so its question and kind stay as they are. To ask something else, archive it and add a new prompt.")
				got := listed(t, f.Steward)
				same(t, "unchanged", []string{got.Kind, got.Question}, []string{PromptBackground, "Where did you grow up?"})
				same(t, "entries", len(f.entries(t, "prompt.updated")), 0)
			})
		}
		t.Run("OKPosition", func(t *testing.T) {
			ok(t, f.S.UpdatePrompt(ctx, f.Steward, p.ID, PromptInput{Kind: PromptBackground, Question: " Where did  you grow up? ", Position: 7}))
			same(t, "position", listed(t, f.Steward).Position, 7)
		})
		t.Run("OKOnceAnswerRemoved", func(t *testing.T) {
			ok(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, p.ID, "", OnlyMe))
			ok(t, f.S.UpdatePrompt(ctx, f.Steward, p.ID, PromptInput{Kind: PromptBackground, Question: "Where do you live?"}))
			same(t, "question", listed(t, f.Steward).Question, "Where do you live?")
		})
	})
}
