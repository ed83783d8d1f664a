package decision

import (
	"context"
	"strings"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// closedConsent is a consent decision on a proposal by author that B and
// C consented to, closed by the author (so it passed).
func (f *fixture) closedConsent(t testing.TB, author *collective.Access, title string) (*Proposal, *Decision) {
	t.Helper()
	p := f.propose(t, author, title)
	d := f.decide(t, author, p.ID, inputFor(Consent))
	f.vote(t, f.B, d.ID, pos("consent"))
	f.vote(t, f.C, d.ID, pos("consent"))
	ok(t, f.S.Close(ctxOf(author), author, d.ID))
	return p, d
}

func TestRecordOutcome(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Buy a van")
		d := f.decide(t, f.A, p.ID, inputFor(Consent))
		f.vote(t, f.B, d.ID, pos("consent"))
		good := OutcomeInput{Statement: "  We buy a van.  ", ReviewOn: "2026-11-23"}
		_, err := f.S.RecordOutcome(ctxOf(f.A), f.A, d.ID, good)
		wantErr(t, err, errs.Conflict, "The outcome can be recorded once the decision has closed.")
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))

		long := strings.Repeat("é", MaxStatement+1)
		refused := []struct {
			a      *collective.Access
			in     OutcomeInput
			code   string
			field  string
			substr string
		}{
			{f.B, good, errs.Forbidden, "", "Only the proposer, a facilitator or a steward can record what was decided."},
			{f.Observer, good, errs.Forbidden, "", "Observers can read but not change anything."},
			{f.Outsider, good, errs.Forbidden, "", "Only members of River can do this."},
			{f.A, OutcomeInput{Statement: " \n "}, errs.Invalid, "statement", "Say what was decided, in 1 to 4000 characters."},
			{f.A, OutcomeInput{Statement: long}, errs.Invalid, "statement", "Say what was decided, in 1 to 4000 characters."},
			{f.A, OutcomeInput{Statement: "x", ReviewOn: "2026-02-30"}, errs.Invalid, "review_on", "Give the review date as YYYY-MM-DD."},
			{f.A, OutcomeInput{Statement: "x", ReviewOn: "30/11/2026"}, errs.Invalid, "review_on", "Give the review date as YYYY-MM-DD."},
			{f.A, OutcomeInput{Statement: "x", ReviewOn: "2026-11-22"}, errs.Invalid, "review_on",
				"The review date 2026-11-22 is in the past; choose today or later."},
		}
		for _, r := range refused {
			_, err := f.S.RecordOutcome(ctxOf(r.a), r.a, d.ID, r.in)
			wantErr(t, err, r.code, r.substr)
			same(t, "field of "+r.substr, errs.FieldOf(err), r.field)
		}
		same(t, "outcomes after refusals", f.count(t, "SELECT count(*) FROM decision_outcomes"), 0)
		same(t, "entries after refusals", len(f.entries(t, "outcome.")), 0)
		// exactly MaxStatement characters is allowed
		_, err = f.S.RecordOutcome(ctxOf(f.A), f.A, d.ID, OutcomeInput{Statement: long[2:]})
		ok(t, err)

		f.Clock.Add(time.Hour)
		o, err := f.S.RecordOutcome(ctxOf(f.A), f.A, d.ID, good)
		ok(t, err)
		yes := true
		o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
		same(t, "outcome", *o, Outcome{ID: o.ID, ProposalID: &p.ID, DecisionID: &d.ID, Title: "Buy a van",
			Statement: "We buy a van.", Method: "consent", Passed: &yes, RecordedByMemberID: &f.A.MemberID,
			RecordedByName: "Ana Adler", ReviewOn: "2026-11-23", CreatedAt: o.CreatedAt, UpdatedAt: testStart.Add(time.Hour)})
		var status ProposalStatus
		ok(t, f.DB.Get(context.Background(), &status, "SELECT status FROM proposals WHERE id = ?", p.ID))
		same(t, "proposal status", status, Decided)

		// A facilitator corrects it: still one outcome, recorded by Ana.
		o2, err := f.S.RecordOutcome(ctxOf(f.Facilitator), f.Facilitator, d.ID, OutcomeInput{Statement: "We buy a small van."})
		ok(t, err)
		same(t, "corrected", []any{o2.ID, o2.Statement, o2.ReviewOn, o2.RecordedByName}, []any{o.ID, "We buy a small van.", "", "Ana Adler"})
		same(t, "outcomes", f.count(t, "SELECT count(*) FROM decision_outcomes"), 1)
		link := ProposalLink(f.A, p.ID)
		same(t, "entries", f.entries(t, "outcome."), []testEntry{
			{ActorID: &f.A.User.ID, Verb: "outcome.recorded", Subject: "Buy a van", Link: link, Audience: "collective",
				Summary: "Ana Adler recorded what was decided on Buy a van."},
			{ActorID: &f.A.User.ID, Verb: "outcome.updated", Subject: "Buy a van", Link: link, Audience: "collective",
				Summary: "Ana Adler corrected what was decided on Buy a van."},
			{ActorID: &f.Facilitator.User.ID, Verb: "outcome.updated", Subject: "Buy a van", Link: link, Audience: "collective",
				Summary: "Fay Facilitator corrected what was decided on Buy a van."}})
	})
}

func TestRecordAdviceOutcome(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Change the rota")
		d := f.decide(t, f.A, p.ID, inputFor(Advice))
		f.vote(t, f.B, d.ID, pos("concern"))
		ok(t, f.S.Close(ctxOf(f.Steward), f.Steward, d.ID))
		_, err := f.S.RecordOutcome(ctxOf(f.Steward), f.Steward, d.ID, OutcomeInput{Statement: "Not now."})
		wantField(t, err, "passed", "Say whether you decided to go ahead: under the advice process the proposer decides.")
		no := false
		o, err := f.S.RecordOutcome(ctxOf(f.A), f.A, d.ID, OutcomeInput{Statement: "Not now.", Passed: &no})
		ok(t, err)
		if o.Passed == nil || *o.Passed || o.Method != "advice" {
			t.Fatalf("outcome %+v", o)
		}
	})
}

func TestUpdateOutcome(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		_, d := f.closedConsent(t, f.A, "Buy a van")
		o, err := f.S.RecordOutcome(ctxOf(f.A), f.A, d.ID, OutcomeInput{Statement: "We buy a van.", ReviewOn: "2026-11-30"})
		ok(t, err)
		reminded := func() bool {
			var at *time.Time
			ok(t, f.DB.Get(ctx, &at, "SELECT reminded_at FROM decision_outcomes WHERE id = ?", o.ID))
			return at != nil
		}
		ok(t, f.DB.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE decision_outcomes SET reminded_at = ? WHERE id = ?", tx.Now, o.ID)
			return err
		}))
		// A month on, the old review date has passed: keeping it is fine,
		// and it does not remind again.
		f.Clock.Set(testStart.AddDate(0, 1, 0))
		ok(t, f.S.UpdateOutcome(ctxOf(f.Steward), f.Steward, o.ID, OutcomeInput{Statement: "We bought a van.", ReviewOn: "2026-11-30"}))
		if !reminded() {
			t.Fatal("keeping the review date cleared the reminder")
		}
		wantField(t, f.S.UpdateOutcome(ctxOf(f.A), f.A, o.ID, OutcomeInput{Statement: "x", ReviewOn: "2026-12-01"}),
			"review_on", "The review date 2026-12-01 is in the past; choose today or later.")
		ok(t, f.S.UpdateOutcome(ctxOf(f.A), f.A, o.ID, OutcomeInput{Statement: "We bought a van.", ReviewOn: "2027-06-01"}))
		if reminded() {
			t.Fatal("a new review date did not clear the reminder")
		}
		got, err := f.S.Outcome(ctxOf(f.C), f.C, o.ID)
		ok(t, err)
		same(t, "updated", []string{got.Statement, got.ReviewOn}, []string{"We bought a van.", "2027-06-01"})

		before := f.count(t, "SELECT count(*) FROM activity")
		wantErr(t, f.S.UpdateOutcome(ctxOf(f.B), f.B, o.ID, OutcomeInput{Statement: "Mine now"}), errs.Forbidden,
			"Only the proposer, a facilitator or a steward")
		wantErr(t, f.S.UpdateOutcome(ctxOf(f.Outsider), f.Outsider, o.ID, OutcomeInput{Statement: "x"}), errs.Forbidden, "")
		wantErr(t, f.S.UpdateOutcome(ctxOf(f.A), f.A, o.ID+99, OutcomeInput{Statement: "x"}), errs.NotFound,
			"There is no such outcome in River's decision log.")
		_, err = f.S.Outcome(ctxOf(f.Outsider), f.Outsider, o.ID)
		wantErr(t, err, errs.Forbidden, "Only members of River")
		same(t, "activity after refusals", f.count(t, "SELECT count(*) FROM activity"), before)
		got, err = f.S.Outcome(ctxOf(f.C), f.C, o.ID)
		ok(t, err)
		same(t, "unchanged", got.Statement, "We bought a van.")
	})
}

// insertOutcome writes a decision-log row straight in, for the log and
// export tests (no decision behind it).
func (f *fixture) insertOutcome(t testing.TB, title, statement, method string, passed *bool, review, by string, at time.Time) int64 {
	t.Helper()
	var id int64
	ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
		var err error
		id, err = tx.Insert(context.Background(), `INSERT INTO decision_outcomes (collective_id, title, statement, method,
			passed, recorded_by_name, review_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Coll.ID, title, statement, method, passed, by, review, at, at)
		return err
	}))
	return id
}

func TestOutcomesLog(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		f.insertOutcome(t, "Buy a van", "We buy a van.", "consent", nil, "", "Ana Adler", testStart)
		f.insertOutcome(t, "Paint the hall", "Blue, 100% eco paint", "score", nil, "", "Ana Adler", testStart)
		f.insertOutcome(t, "Van insurance", "Choose the cheapest", "majority", nil, "", "Ana Adler", testStart)
		titles := func(search string) []string {
			t.Helper()
			page, err := f.S.Outcomes(ctxOf(f.Observer), f.Observer, OutcomeQuery{Search: search})
			ok(t, err)
			out := []string{}
			for _, o := range page.Items {
				out = append(out, o.Title)
			}
			same(t, "total for "+search, page.Total, len(out))
			return out
		}
		same(t, "all, newest first", titles(""), []string{"Van insurance", "Paint the hall", "Buy a van"})
		same(t, "van", titles("van"), []string{"Van insurance", "Buy a van"})
		same(t, "two words", titles("VAN buy"), []string{"Buy a van"})
		same(t, "title and statement", titles("hall blue"), []string{"Paint the hall"})
		same(t, "percent", titles("100%"), []string{"Paint the hall"})
		same(t, "LIKE characters are literal", titles("1_0"), []string{})
		same(t, "nothing", titles("bicycle"), []string{})
		_, err := f.S.Outcomes(ctxOf(f.Outsider), f.Outsider, OutcomeQuery{})
		wantErr(t, err, errs.Forbidden, "Only members of River")

		for i := range PerPage - 2 {
			f.insertOutcome(t, "Filler", "n", "consent", nil, "", "Ana Adler", testStart.Add(time.Duration(i)*time.Second))
		}
		p1, err := f.S.Outcomes(ctxOf(f.A), f.A, OutcomeQuery{})
		ok(t, err)
		p2, err := f.S.Outcomes(ctxOf(f.A), f.A, OutcomeQuery{Page: 2})
		ok(t, err)
		same(t, "paging", []int{len(p1.Items), p1.Total, p1.Pages, p1.Page, len(p2.Items), p2.Page},
			[]int{PerPage, PerPage + 1, 2, 1, 1, 2})
		same(t, "last on page 2", p2.Items[0].Title, "Buy a van")
		empty, err := f.S.Outcomes(ctxOf(f.A), f.A, OutcomeQuery{Search: "bicycle"})
		ok(t, err)
		same(t, "empty page", []int{len(empty.Items), empty.Total, empty.Pages, empty.Page}, []int{0, 0, 1, 1})
	})
}

func TestWriteOutcomesCSV(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		_, d := f.closedConsent(t, f.A, "Buy a van")
		f.Clock.Add(48 * time.Hour)
		_, err := f.S.RecordOutcome(ctxOf(f.A), f.A, d.ID, OutcomeInput{Statement: "We buy a van.", ReviewOn: "2026-11-30"})
		ok(t, err)
		no := false
		f.insertOutcome(t, "=HYPERLINK(1)", "line one\nline two", "score", nil, "2026-12-01", "@someone",
			testStart.Add(24*time.Hour))
		f.insertOutcome(t, "-2 chairs", `Say "no", twice`, "majority", &no, "", "Ben Brook", testStart.Add(72*time.Hour))
		var b strings.Builder
		ok(t, f.S.WriteOutcomesCSV(ctxOf(f.C), f.C, &b, ""))
		// decided_on is the day the decision closed (the 23rd), not the
		// day the outcome was written down (the 25th).
		want := "id,decided_on,title,method,passed,statement,review_on,recorded_by\r\n" +
			"3,2026-11-26,'-2 chairs,Majority,no,\"Say \"\"no\"\", twice\",,Ben Brook\r\n" +
			"2,2026-11-24,'=HYPERLINK(1),Score,,\"line one\r\nline two\",2026-12-01,'@someone\r\n" +
			"1,2026-11-23,Buy a van,Consent,yes,We buy a van.,2026-11-30,Ana Adler\r\n"
		same(t, "csv", b.String(), want)

		b.Reset()
		ok(t, f.S.WriteOutcomesCSV(ctxOf(f.C), f.C, &b, "van"))
		same(t, "filtered", b.String(), "id,decided_on,title,method,passed,statement,review_on,recorded_by\r\n"+
			"1,2026-11-23,Buy a van,Consent,yes,We buy a van.,2026-11-30,Ana Adler\r\n")
		b.Reset()
		wantErr(t, f.S.WriteOutcomesCSV(ctxOf(f.Outsider), f.Outsider, &b, ""), errs.Forbidden, "Only members of River")
		same(t, "nothing written for an outsider", b.String(), "")
	})
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{"": "", "=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "a=b": "a=b", "'x": "'x", "1-2": "1-2"} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}
