package people

import (
	"context"
	"strings"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

func TestSaveAnswer(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		bg, err := f.S.CreatePrompt(ctxOf(f.Steward), f.Steward, PromptInput{Kind: PromptBackground, Question: "The perspective I bring"})
		ok(t, err)
		// The fixture's clock is 2026-11-23; this one runs in December.
		dec, err := f.S.CreatePrompt(ctxOf(f.Steward), f.Steward, PromptInput{Kind: PromptPeriodic, Question: "A family tradition",
			OpensOn: "2026-12-01", ClosesOn: "2026-12-07"})
		ok(t, err)
		mine := func(t *testing.T) []Answer {
			t.Helper()
			got, err := f.S.MyAnswers(ctxOf(f.Member), f.Member)
			ok(t, err)
			return got
		}
		t.Run("OK", func(t *testing.T) {
			version := f.version(t)
			ok(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, bg.ID, "  Rural,\nand proud.  ", Stewards))
			got := mine(t)
			if len(got) != 1 || !got[0].UpdatedAt.Equal(testStart) {
				t.Fatalf("answers %+v, want one updated at %s", got, testStart)
			}
			got[0].UpdatedAt = time.Time{}
			same(t, "answers", got, []Answer{{PromptID: bg.ID, Kind: PromptBackground, Question: "The perspective I bring",
				Text: "Rural,\nand proud.", Visibility: Stewards}})
			same(t, "not bumped", f.version(t), version)
			same(t, "entries", f.entries(t, "answer."), []testEntry{{ActorID: &f.Member.User.ID, Verb: "answer.saved",
				Subject: "The perspective I bring", Summary: "You answered: The perspective I bring", Link: promptLink(f.Member, bg.ID),
				Audience: "actor"}})
		})
		t.Run("OKReplaces", func(t *testing.T) {
			f.Clock.Set(testStart.Add(1))
			ok(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, bg.ID, "Urban now.", Everyone))
			got := mine(t)
			same(t, "answer", []any{len(got), got[0].Text, got[0].Visibility}, []any{1, "Urban now.", Everyone})
		})
		t.Run("ErrNotOpenYet", func(t *testing.T) {
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, dec.ID, "Lanterns", Collectives), errs.Conflict, "",
				`The prompt "A family tradition" is closed and takes no answers.`)
		})
		t.Run("OKWithinWindow", func(t *testing.T) {
			f.Clock.Set(day("2026-12-07"))
			ok(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, dec.ID, "Lanterns", Collectives))
			same(t, "answers", len(mine(t)), 2)
		})
		t.Run("ErrClosed", func(t *testing.T) {
			f.Clock.Set(day("2026-12-08"))
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, dec.ID, "Lanterns and songs", Collectives), errs.Conflict, "", "is closed")
			same(t, "kept", mine(t)[1].Text, "Lanterns")
		})
		t.Run("OKRemoveAfterClosing", func(t *testing.T) {
			ok(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, dec.ID, "   ", Collectives))
			same(t, "answers", len(mine(t)), 1)
			same(t, "entry", f.entries(t, "answer.removed")[0].Audience, "actor")
		})
		t.Run("ErrArchived", func(t *testing.T) {
			ok(t, f.S.ArchivePrompt(ctxOf(f.Steward), f.Steward, bg.ID, true))
			defer func() { ok(t, f.S.ArchivePrompt(ctxOf(f.Steward), f.Steward, bg.ID, false)) }()
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, bg.ID, "Again", Everyone), errs.Conflict, "", "is closed")
			same(t, "answer stays on the profile", len(mine(t)), 1)
		})
		t.Run("ErrTooLong", func(t *testing.T) {
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, bg.ID, strings.Repeat("a", MaxAbout+1), Everyone), errs.Invalid,
				"answer", "The answer is 4001 characters; the most is 4000.")
		})
		t.Run("ErrControl", func(t *testing.T) {
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, bg.ID, "a\x07b", Everyone), errs.Invalid, "answer", "control character")
		})
		t.Run("ErrVisibility", func(t *testing.T) {
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, bg.ID, "x", Visibility(7)), errs.Invalid, "visibility", "")
		})
		t.Run("ErrUnknownPrompt", func(t *testing.T) {
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, dec.ID+100, "x", Everyone), errs.NotFound, "", "")
		})
		t.Run("OKObserver", func(t *testing.T) {
			ok(t, f.S.SaveAnswer(ctxOf(f.Observer), f.Observer, bg.ID, "Watching", OnlyMe))
		})
		t.Run("ErrOutsider", func(t *testing.T) {
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Outsider), f.Outsider, bg.ID, "x", Everyone), errs.Forbidden, "", "")
			_, err := f.S.MyAnswers(ctxOf(f.Outsider), f.Outsider)
			wantErr(t, err, errs.Forbidden, "", "")
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			wantErr(t, f.S.SaveAnswer(ctxOf(f.Anon), f.Anon, bg.ID, "x", Everyone), errs.Unauthorized, "", "")
		})
	})
}

func TestAnswersVisibility(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		// Four prompts, answered by Member with each visibility in turn.
		vis := []Visibility{OnlyMe, Stewards, Collectives, Everyone}
		var ids []int64
		for i, v := range vis {
			p, err := f.S.CreatePrompt(ctxOf(f.Steward), f.Steward, PromptInput{Kind: PromptBackground, Question: v.Label()})
			ok(t, err)
			ids = append(ids, p.ID)
			ok(t, f.S.SaveAnswer(ctxOf(f.Member), f.Member, p.ID, "answer "+vis[i].String(), v))
		}
		for _, c := range []struct {
			name   string
			viewer *collective.Access
			want   []string
		}{
			{"Self", f.Member, []string{"answer me", "answer stewards", "answer collectives", "answer everyone"}},
			{"Steward", f.Steward, []string{"answer stewards", "answer collectives", "answer everyone"}},
			{"Member", f.Other, []string{"answer collectives", "answer everyone"}},
			{"Observer", f.Observer, []string{"answer collectives", "answer everyone"}},
			{"OtherSignedIn", f.Outsider, []string{"answer everyone"}},
			{"Anonymous", f.Anon, []string{}},
		} {
			t.Run(c.name, func(t *testing.T) {
				got, err := f.S.answersOf(context.Background(), c.viewer, f.Member.MemberID, LevelFor(c.viewer, f.Member.User.ID))
				ok(t, err)
				texts := []string{}
				for _, a := range got {
					texts = append(texts, a.Text)
				}
				same(t, "answers", texts, c.want)
				if c.viewer.User == nil {
					return
				}
				// Prompt counts leak no hidden answer either.
				prompts, err := f.S.Prompts(ctxOf(c.viewer), c.viewer, false)
				ok(t, err)
				counted := 0
				for _, p := range prompts {
					counted += p.Answers
				}
				same(t, "counted", counted, len(c.want))
			})
		}
	})
}
