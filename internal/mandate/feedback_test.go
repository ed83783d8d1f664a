package mandate

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// Feedback: the holder or a steward opens a round; members other than the
// holder answer once; results are withheld while the round is open and
// then, with enough answers, shown to everyone alike.
func TestFeedbackRound(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.activate(t, f.B, facilitator(f.A))
		_, err := f.S.OpenRound(ctxOf(f.C), f.C, m.ID, 7)
		wantErr(t, err, errs.Forbidden, "", "Only the holder of the mandate or a steward can ask for feedback.")
		_, err = f.S.OpenRound(ctxOf(f.A), f.A, m.ID, 31)
		wantErr(t, err, errs.Invalid, "days", "A feedback round stays open 1 to 30 days.")
		r, err := f.S.OpenRound(ctxOf(f.A), f.A, m.ID, 14)
		ok(t, err)
		_, err = f.S.OpenRound(ctxOf(f.Steward), f.Steward, m.ID, 7)
		wantErr(t, err, errs.Conflict, "", "A feedback round on this mandate is already open.")

		err = f.S.Give(ctxOf(f.A), f.A, m.ID, r.ID, Answer{Serves: 5, Listens: 5, Within: 5})
		wantErr(t, err, errs.Forbidden, "", "The holder of a mandate does not answer feedback about it.")
		err = f.S.Give(ctxOf(f.B), f.B, m.ID, r.ID, Answer{Serves: 5, Listens: 0, Within: 5})
		wantErr(t, err, errs.Invalid, "listens", "Give “Listens and explains” a score from 1 to 5.")
		err = f.S.Give(ctxOf(f.Observer), f.Observer, m.ID, r.ID, Answer{Serves: 5, Listens: 5, Within: 5})
		wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")

		answers := []struct {
			who *collective.Access
			a   Answer
		}{
			{f.B, Answer{5, 4, 3, "Keeps us on time."}},
			{f.C, Answer{4, 4, 4, ""}},
			{f.D4, Answer{3, 2, 5, "Could explain more."}},
			{f.E, Answer{5, 5, 4, "Good."}},
		}
		for _, x := range answers {
			ok(t, f.S.Give(ctxOf(x.who), x.who, m.ID, r.ID, x.a))
		}
		err = f.S.Give(ctxOf(f.B), f.B, m.ID, r.ID, Answer{Serves: 1, Listens: 1, Within: 1})
		wantErr(t, err, errs.Conflict, "", "You have already answered this round. Answers are anonymous, so they cannot be changed.")

		// While the round is open nothing shows, whatever the count: the
		// results before and after one answer would tell that answer.
		v, err := f.S.Get(ctxOf(f.F), f.F, m.ID)
		ok(t, err)
		same(t, "F may answer", []any{v.Rounds[0].CanAnswer, v.Rounds[0].Gave}, []any{true, false})
		ok(t, f.S.Give(ctxOf(f.Steward), f.Steward, m.ID, r.ID, Answer{3, 3, 3, "Fine."}))
		ok(t, f.S.Give(ctxOf(f.F), f.F, m.ID, r.ID, Answer{2, 3, 4, "Too long."}))
		for _, viewer := range []*collective.Access{f.A, f.B} {
			v, err := f.S.Get(ctxOf(viewer), viewer, m.ID)
			ok(t, err)
			res := v.Rounds[0]
			same(t, "withheld while open", []any{res.Open, res.Visible, res.Answered, res.Withheld, res.Questions, res.Comments},
				[]any{true, false, 6, "Results appear when the round closes on 2026-12-07 at 09:00 UTC if at least 5 people have answered; 6 have so far.",
					[]QuestionResult(nil), []string(nil)})
		}
		same(t, "no activity for answers", len(f.verbs(t)), 3) // proposed, granted, feedback opened

		f.Clock.Set(testStart.Add(14 * 24 * time.Hour)) // the round's closing time
		want := []QuestionResult{
			{Key: "serves", Label: "Serves the group's purpose", Average: 3.67, Counts: [5]int64{0, 1, 2, 1, 2}},
			{Key: "listens", Label: "Listens and explains", Average: 3.5, Counts: [5]int64{0, 1, 2, 2, 1}},
			{Key: "within", Label: "Stays within the scope", Average: 3.83, Counts: [5]int64{0, 0, 2, 3, 1}},
		}
		comments := []string{"Keeps us on time.", "Could explain more.", "Good.", "Fine.", "Too long."}
		for _, viewer := range []*collective.Access{f.A, f.C} { // the holder sees what everyone sees
			v, err := f.S.Get(ctxOf(viewer), viewer, m.ID)
			ok(t, err)
			res := v.Rounds[0]
			same(t, "visible", []any{res.Open, res.Visible, res.Answered, res.Withheld, res.Questions}, []any{false, true, 6, "", want})
			got := slices.Clone(res.Comments)
			slices.Sort(got)
			wantSorted := slices.Clone(comments)
			slices.Sort(wantSorted)
			same(t, "comments", got, wantSorted)
		}

		err = f.S.Give(ctxOf(f.F), f.F, m.ID, r.ID, Answer{Serves: 1, Listens: 1, Within: 1})
		wantErr(t, err, errs.Conflict, "", "This feedback round closed on 2026-12-07; it takes no more answers.")
	})
}

// Feedback answers keep no path back to who answered, nor to the order of
// answering: no member or time column, rows in random-key order whatever
// order they came in, and on PostgreSQL one writing transaction for all.
func TestFeedbackAnonymity(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.activate(t, f.B, facilitator(f.A))
		r, err := f.S.OpenRound(ctxOf(f.Steward), f.Steward, m.ID, 7)
		ok(t, err)
		var cols []string
		if f.DB.Dialect == store.Postgres {
			ok(t, f.DB.Select(context.Background(), &cols, `SELECT column_name FROM information_schema.columns
				WHERE table_name = 'mandate_feedback' AND table_schema = current_schema() ORDER BY column_name`))
		} else {
			ok(t, f.DB.Select(context.Background(), &cols, "SELECT name FROM pragma_table_info('mandate_feedback') ORDER BY name"))
		}
		same(t, "columns", cols, []string{"comment", "id", "listens", "round_id", "serves", "within"})
		var lastLogged int64
		ok(t, f.DB.Get(context.Background(), &lastLogged, "SELECT coalesce(max(id), 0) FROM activity"))
		voters := []*collective.Access{f.B, f.C, f.D4, f.E, f.F, f.Steward}
		for i, v := range voters {
			f.Clock.Set(testStart.Add(time.Duration(i+1) * time.Minute))
			ok(t, f.S.Give(ctxOf(v), v, m.ID, r.ID, Answer{Serves: 3, Listens: 3, Within: 3, Comment: "answer " + string(rune('A'+i))}))
		}
		type row struct {
			ID      string `db:"id"`
			Comment string `db:"comment"`
		}
		var rows []row
		q := "SELECT id, comment FROM mandate_feedback WHERE round_id = ?"
		if f.DB.Dialect == store.Postgres {
			q = "SELECT id, comment FROM mandate_feedback WHERE round_id = ? ORDER BY ctid"
		}
		ok(t, f.DB.Select(context.Background(), &rows, q, r.ID))
		ids := make([]string, len(rows))
		for i, x := range rows {
			ids[i] = x.ID
		}
		if !slices.IsSorted(ids) {
			t.Fatalf("stored order %v is not the key order", ids)
		}
		if f.DB.Dialect == store.Postgres {
			same(t, "one writer", f.count(t, "SELECT count(DISTINCT xmin::text) FROM mandate_feedback WHERE round_id = ?", r.ID), 1)
			same(t, "one writer of who answered",
				f.count(t, "SELECT count(DISTINCT xmin::text) FROM mandate_feedback_given WHERE round_id = ?", r.ID), 1)
		}
		f.Clock.Set(testStart.AddDate(0, 0, 8)) // the round has closed: results show
		v, err := f.S.Get(ctxOf(f.C), f.C, m.ID)
		ok(t, err)
		byKey := make([]string, len(rows))
		for i, x := range rows {
			byKey[i] = x.Comment
		}
		same(t, "comments in key order", v.Rounds[0].Comments, byKey)
		var given []int64
		ok(t, f.DB.Select(context.Background(), &given, "SELECT member_id FROM mandate_feedback_given WHERE round_id = ?", r.ID))
		if !slices.IsSorted(given) {
			t.Fatalf("who answered is kept in answering order: %v", given)
		}
		same(t, "nothing logged", f.count(t, "SELECT count(*) FROM activity WHERE id > ?", lastLogged), 0)
	})
}

// Members answering at once all count, once each, and the rows still sit
// in key order with one writer on PostgreSQL.
func TestFeedbackAtOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.activate(t, f.B, facilitator(f.A))
		r, err := f.S.OpenRound(ctxOf(f.Steward), f.Steward, m.ID, 7)
		ok(t, err)
		who := []*collective.Access{f.B, f.C, f.D4, f.E, f.F, f.Steward, f.B, f.C}
		var wg sync.WaitGroup
		out := make([]error, len(who))
		for i, a := range who {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out[i] = f.S.Give(ctxOf(a), a, m.ID, r.ID, Answer{Serves: 1 + i%5, Listens: 3, Within: 4})
			}()
		}
		wg.Wait()
		conflicts := 0
		for _, err := range out {
			if err != nil {
				wantErr(t, err, errs.Conflict, "", "You have already answered this round. Answers are anonymous, so they cannot be changed.")
				conflicts++
			}
		}
		same(t, "two repeats refused", conflicts, 2)
		same(t, "counted", []int{f.count(t, "SELECT count(*) FROM mandate_feedback WHERE round_id = ?", r.ID),
			f.count(t, "SELECT count(*) FROM mandate_feedback_given WHERE round_id = ?", r.ID),
			f.count(t, "SELECT responses FROM mandate_feedback_rounds WHERE id = ?", r.ID)}, []int{6, 6, 6})
		if f.DB.Dialect == store.Postgres {
			var ids []string
			ok(t, f.DB.Select(context.Background(), &ids, "SELECT id FROM mandate_feedback WHERE round_id = ? ORDER BY ctid", r.ID))
			if !slices.IsSorted(ids) {
				t.Fatalf("stored order %v is not the key order", ids)
			}
			same(t, "one writer", f.count(t, "SELECT count(DISTINCT xmin::text) FROM mandate_feedback WHERE round_id = ?", r.ID), 1)
		}
	})
}

// A round that closes with fewer answers than the minimum group size never
// shows them; a mandate that has ended takes no more answers, even in a
// round still open, and the refusal changes nothing.
func TestFeedbackTooFewAndEnded(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		m := f.activate(t, f.B, facilitator(f.A))
		r, err := f.S.OpenRound(ctxOf(f.A), f.A, m.ID, 7)
		ok(t, err)
		for _, v := range []*collective.Access{f.B, f.C, f.D4} {
			ok(t, f.S.Give(ctxOf(v), v, m.ID, r.ID, Answer{4, 4, 4, "Fine."}))
		}
		f.Clock.Set(testStart.AddDate(0, 0, 7))
		v, err := f.S.Get(ctxOf(f.C), f.C, m.ID)
		ok(t, err)
		res := v.Rounds[0]
		same(t, "too few", []any{res.Open, res.Visible, res.Answered, res.Withheld, res.Questions, res.Comments},
			[]any{false, false, 3, "Only 3 people answered; results show only when at least 5 have, so no answer can be told apart.",
				[]QuestionResult(nil), []string(nil)})

		r, err = f.S.OpenRound(ctxOf(f.A), f.A, m.ID, 7)
		ok(t, err)
		ok(t, f.S.Give(ctxOf(f.B), f.B, m.ID, r.ID, Answer{2, 2, 2, ""}))
		rv, err := f.S.Revoke(ctxOf(f.C), f.C, m.ID, RevokeInput{Reason: "Rotate."})
		ok(t, err)
		f.decide(t, *rv.PendingDecisionID, "consent", f.five()...)
		same(t, "revoked", f.get(t, m.ID).Status, Revoked)
		counts := func() []int {
			return []int{f.count(t, "SELECT count(*) FROM mandate_feedback WHERE round_id = ?", r.ID),
				f.count(t, "SELECT count(*) FROM mandate_feedback_given WHERE round_id = ?", r.ID),
				f.count(t, "SELECT responses FROM mandate_feedback_rounds WHERE id = ?", r.ID)}
		}
		same(t, "before", counts(), []int{1, 1, 1})
		err = f.S.Give(ctxOf(f.C), f.C, m.ID, r.ID, Answer{Serves: 1, Listens: 1, Within: 1})
		wantErr(t, err, errs.Conflict, "", "This mandate is revoked; its feedback round takes no more answers.")
		same(t, "nothing changed", counts(), []int{1, 1, 1})
	})
}
