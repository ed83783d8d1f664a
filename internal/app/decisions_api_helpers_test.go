package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/decision"
	"commonground/internal/store"
)

// dcSeeded is what dcSeed made in collective A, by name.
type dcSeeded struct {
	mo, sam                       int64 // member ids
	talk                          int64 // Mo's proposal "Share a cargo bike" (topic transport), no decision yet
	consent, consentP             int64 // Mo's named consent decision (proxies allowed) and its proposal
	anon, anonP                   int64 // Sam's anonymous majority decision (results after close) and its proposal
	rank, rankP                   int64 // Sam's Schulze decision, all members, and its proposal
	done, doneP, outcome          int64 // Mo's consent decision, closed by Sam, with Sam's outcome
	comment                       int64 // Sam's comment on talk
	proxy                         int64 // Mo lets Sam vote for him in consent
	receipt                       string
	closes, soon, review, review2 string // RFC 3339 and YYYY-MM-DD times in the future
}

// dcSeed writes, through the services, what the decision API scenarios
// start from in collective A. Every decision but rank is open to Mo and
// Sam alone (electorate "invited"), so the members other scenarios remove
// change no count. Mo's anonymous ballot is cast here, first, so the
// scenarios know its receipt; Sam's comes second, through the API.
func dcSeed(f *apiFixture) *dcSeeded {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	now := f.app.DB.Now().UTC()
	s := &dcSeeded{mo: f.mid[scA+"/member"], sam: f.mid[scA+"/steward"],
		closes: now.Add(7 * 24 * time.Hour).Format(time.RFC3339), soon: now.Add(3 * 24 * time.Hour).Format(time.RFC3339),
		review: now.AddDate(0, 1, 0).Format(time.DateOnly), review2: now.AddDate(0, 2, 0).Format(time.DateOnly)}
	mctx, sctx := f.as("member"), f.as("steward")
	ma, err := f.app.Collectives.Access(mctx, scA)
	must(err)
	sa, err := f.app.Collectives.Access(sctx, scA)
	must(err)
	both := []int64{s.mo, s.sam}
	in := func(m decision.Method, q string, anon bool, opts ...string) *decision.DecisionInput {
		d := &decision.DecisionInput{Method: m, Question: q, Electorate: decision.Invited, Invited: both, Anonymous: anon,
			ClosesAt: now.Add(7 * 24 * time.Hour)}
		for _, o := range opts {
			d.Options = append(d.Options, decision.OptionInput{Label: o})
		}
		return d
	}
	propose := func(ctx context.Context, a *collective.Access, title, topic string, d *decision.DecisionInput) (int64, int64) {
		p, dd, err := f.app.Decisions.Propose(ctx, a, decision.ProposalInput{Title: title, Body: "Why: " + title + ".", Topic: topic}, d)
		must(err)
		if dd == nil {
			return p.ID, 0
		}
		return p.ID, dd.ID
	}
	s.talk, _ = propose(mctx, ma, "Share a cargo bike", "transport", nil)
	c, err := f.app.Decisions.AddComment(sctx, sa, s.talk, 0, "Where would it live?")
	must(err)
	s.comment = c.ID
	cd := in(decision.Consent, "Shall we open on Saturdays?", false)
	cd.Proxies, cd.ResultsShown = true, decision.Always
	s.consentP, s.consent = propose(mctx, ma, "Open on Saturdays", "opening", cd)
	ad := in(decision.Majority, "Which night should we meet?", true, "Tuesday", "Thursday")
	ad.ResultsShown, ad.Reasons = decision.AfterClose, decision.ReasonsOptional
	s.anonP, s.anon = propose(sctx, sa, "Pick the meeting night", "meetings", ad)
	rd := in(decision.Schulze, "Which name for the newsletter?", false, "River News", "The Bank", "Current")
	rd.Electorate, rd.Invited, rd.ResultsShown = decision.AllMembers, nil, decision.Always
	s.rankP, s.rank = propose(sctx, sa, "Name the newsletter", "newsletter", rd)
	s.doneP, s.done = propose(mctx, ma, "Buy a kettle", "kitchen", in(decision.Consent, "Shall we buy a kettle?", false))
	_, err = f.app.Decisions.Vote(mctx, ma, s.done, decision.VoteInput{Choice: decision.Choice{Position: "consent"}})
	must(err)
	must(f.app.Decisions.Close(sctx, sa, s.done))
	o, err := f.app.Decisions.RecordOutcome(sctx, sa, s.done, decision.OutcomeInput{Statement: "We buy a kettle.", ReviewOn: s.review})
	must(err)
	s.outcome = o.ID
	p, err := f.app.Decisions.Delegate(mctx, ma, decision.ProxyInput{ToMemberID: s.sam, DecisionID: s.consent})
	must(err)
	s.proxy = p.ID
	r, err := f.app.Decisions.Vote(mctx, ma, s.anon, decision.VoteInput{Choice: decision.Choice{Option: new(0)},
		Reason: "zeta: Tuesdays suit the parents"})
	must(err)
	s.receipt = r.Code
	return s
}

// dcTables are the tables the decision API writes, each with an order
// that does not depend on the database.
var dcTables = []string{
	"SELECT id, title, body, topic, status, comment_count FROM proposals ORDER BY id",
	"SELECT id, proposal_id, parent_id, body, edited_at IS NULL, deleted_at IS NULL FROM proposal_comments ORDER BY id",
	"SELECT id, proposal_id, status, turnout, passed, result FROM decisions ORDER BY id",
	"SELECT decision_id, member_id, choice, reason FROM ballots ORDER BY decision_id, member_id",
	"SELECT decision_id, id, receipt_hash, choice, reason FROM anonymous_ballots ORDER BY decision_id, id",
	"SELECT decision_id, organisation_id, id, choice FROM anonymous_blocks ORDER BY decision_id, organisation_id, id",
	"SELECT decision_id, member_id FROM decision_turnout ORDER BY decision_id, member_id",
	"SELECT id, from_member_id, to_member_id, decision_id, topic, revoked_at IS NULL FROM decision_proxies ORDER BY id",
	"SELECT id, decision_id, statement, passed, review_on FROM decision_outcomes ORDER BY id",
	"SELECT member_id, month, proposals, votes, objections, decisive_objections FROM power_counts ORDER BY member_id, month",
}

// dcDigest is everything the decision API can change, as one string.
func dcDigest(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range dcTables {
		b.WriteString(dcRows(t, db, q) + "|")
	}
	return b.String()
}

// dcGuard makes every refused write of table leave the decision tables as
// the scenario before it left them: after each scenario the digest is
// taken again, and a refusal compares with it.
func dcGuard(f *apiFixture, table []apiScenario) []apiScenario {
	var last string
	for i := range table {
		sc := &table[i]
		check := sc.check
		first := i == 0
		sc.check = func(t *testing.T, f *apiFixture, ans apiAnswer) {
			t.Helper()
			now := dcDigest(t, f.app.DB)
			if !first && ans.status >= 400 && sc.method != "GET" && now != last {
				t.Errorf("a refused %s changed the decision tables:\nbefore %s\nafter  %s", sc.method, last, now)
			}
			last = now
			if check != nil {
				check(t, f, ans)
			}
		}
	}
	return table
}

// dcCount fails unless query (one number) gives want.
func dcCount(want int, query string, args ...any) func(t *testing.T, f *apiFixture, _ apiAnswer) {
	return func(t *testing.T, f *apiFixture, _ apiAnswer) {
		t.Helper()
		var got int
		if err := f.app.DB.Get(context.Background(), &got, query, args...); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: %d, want %d", query, got, want)
		}
	}
}

// dcLacks fails if the answer's body holds any of words.
func dcLacks(words ...string) func(t *testing.T, f *apiFixture, ans apiAnswer) {
	return func(t *testing.T, _ *apiFixture, ans apiAnswer) {
		t.Helper()
		for _, w := range words {
			if strings.Contains(string(ans.body), w) {
				t.Errorf("the answer holds %q:\n%s", w, ans.body)
			}
		}
	}
}

// dcTotalIsAll fails unless each path of the answer is the number of A's
// proposals, whoever made them.
func dcTotalIsAll(paths ...string) func(t *testing.T, f *apiFixture, ans apiAnswer) {
	return func(t *testing.T, f *apiFixture, ans apiAnswer) {
		t.Helper()
		var n int
		if err := f.app.DB.Get(context.Background(), &n, `SELECT count(*) FROM proposals p JOIN collectives c
			ON c.id = p.collective_id WHERE c.slug = ?`, scA); err != nil {
			t.Fatal(err)
		}
		doc := paJSON(t, ans)
		for _, p := range paths {
			if v, _ := apiAt(doc, p); fmt.Sprint(v) != fmt.Sprint(n) {
				t.Errorf("%s = %v, want %d (every proposal of %s)", p, v, n, scA)
			}
		}
	}
}

// dcRows is a query's rows as one string, in the query's order.
func dcRows(t *testing.T, db *store.DB, query string) string {
	t.Helper()
	rows, err := db.Writer().QueryContext(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var b strings.Builder
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%v;", vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// dcSnapshot keeps a query's rows between two scenarios: take (the check
// of the scenario before) reads them, same (the check of a refusal) fails
// unless they are unchanged, row for row.
type dcSnapshot struct {
	query string
	rows  *string
}

func dcSnap(query string) dcSnapshot { return dcSnapshot{query: query, rows: new(string)} }

func (s dcSnapshot) take(t *testing.T, f *apiFixture, _ apiAnswer) {
	t.Helper()
	*s.rows = dcRows(t, f.app.DB, s.query)
	if *s.rows == "" {
		t.Fatalf("%s: no rows to compare with", s.query)
	}
}

func (s dcSnapshot) same(t *testing.T, f *apiFixture, _ apiAnswer) {
	t.Helper()
	if *s.rows == "" {
		t.Fatalf("%s: nothing taken before (run the scenarios in order)", s.query)
	}
	if now := dcRows(t, f.app.DB, s.query); now != *s.rows {
		t.Errorf("%s changed:\nbefore %s\nafter  %s", s.query, *s.rows, now)
	}
}
