package decision

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// storedAnon is a row of SELECT * FROM anonymous_ballots: sqlx refuses a
// column it has no field for, so a new column (a time, a voter) fails the
// scan as well as the column check.
type storedAnon struct {
	DecisionID  int64  `db:"decision_id"`
	ID          string `db:"id"`
	ReceiptHash string `db:"receipt_hash"`
	Choice      string `db:"choice"`
	Reason      string `db:"reason"`
}

// storedTurnout is a row of SELECT * FROM decision_turnout.
type storedTurnout struct {
	DecisionID int64 `db:"decision_id"`
	MemberID   int64 `db:"member_id"`
}

// columns lists a table's columns in order, on either database.
func (f *fixture) columns(t testing.TB, table string) []string {
	t.Helper()
	var cols []string
	q := `SELECT name FROM pragma_table_info(?) ORDER BY cid`
	if f.DB.Dialect == store.Postgres {
		q = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?
			ORDER BY ordinal_position`
	}
	ok(t, f.DB.Select(context.Background(), &cols, q, table))
	return cols
}

// anonRows reads the anonymous ballots as the database hands them out,
// with no ORDER BY.
func (f *fixture) anonRows(t testing.TB) []storedAnon {
	t.Helper()
	var rows []storedAnon
	ok(t, f.DB.Select(context.Background(), &rows, `SELECT * FROM anonymous_ballots`))
	return rows
}

// heapRow is where PostgreSQL keeps a row and which transaction wrote it.
type heapRow struct {
	Xmin string `db:"xmin"`
	Page int64  `db:"page"`
	Item int64  `db:"item"`
	Key  string `db:"k"`
}

// physical reads (xmin, ctid, key) of a PostgreSQL table's rows for one
// decision, in heap order (ctid), as text.
func (f *fixture) physical(t testing.TB, table, key string, decisionID int64) (xmins []string, keys []string) {
	t.Helper()
	var rows []heapRow
	ok(t, f.DB.Select(context.Background(), &rows, `SELECT xmin::text AS xmin, (ctid::text::point)[0]::bigint AS page,
		(ctid::text::point)[1]::bigint AS item, `+key+`::text AS k FROM `+table+` WHERE decision_id = ?`, decisionID))
	slices.SortFunc(rows, func(a, b heapRow) int {
		if a.Page != b.Page {
			return int(a.Page - b.Page)
		}
		return int(a.Item - b.Item)
	})
	for _, r := range rows {
		xmins, keys = append(xmins, r.Xmin), append(keys, r.Key)
	}
	return xmins, keys
}

// voterNames are the names of everyone who may vote in the fixture.
func (f *fixture) voterNames() []string {
	var names []string
	for _, a := range []*collective.Access{f.Steward, f.Facilitator, f.A, f.B, f.C, f.D, f.E} {
		names = append(names, a.User.Name)
	}
	return names
}

// TestAnonymousBallotsKeepNoOrder casts seven anonymous ballots in a known
// order (against member order: Eve first, Sam last; each voter a different
// option) and fails if any stored row, column, row order, transaction id or
// log entry gives that order or the voters back.
func TestAnonymousBallotsKeepNoOrder(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		p := f.propose(t, f.Steward, "Pick a colour")
		in := inputFor(Majority, "Red", "Orange", "Yellow", "Green", "Blue", "Indigo", "Violet")
		in.Anonymous, in.ResultsShown = true, AfterClose
		d := f.decide(t, f.Steward, p.ID, in)
		order := []*collective.Access{f.E, f.D, f.C, f.B, f.A, f.Facilitator, f.Steward}
		var hashes []string
		for i, a := range order {
			r := f.vote(t, a, d.ID, one(i))
			if len(r.Code) != ReceiptLength || strings.ContainsAny(r.Code, "0O1IL") {
				t.Fatalf("receipt %q: want %d characters without 0, O, 1, I or L", r.Code, ReceiptLength)
			}
			hashes = append(hashes, receiptHash(r.Code))
		}

		same(t, "anonymous_ballots columns", f.columns(t, "anonymous_ballots"),
			[]string{"decision_id", "id", "receipt_hash", "choice", "reason"})
		rows := f.anonRows(t)
		if len(rows) != 7 {
			t.Fatalf("%d anonymous ballots, want 7", len(rows))
		}
		var ids, stored []string
		var cast []int
		for _, r := range rows {
			var c Choice
			ok(t, json.Unmarshal([]byte(r.Choice), &c))
			if c.Option == nil || r.Reason != "" || r.DecisionID != d.ID || len(r.ID) != 32 {
				t.Fatalf("row %+v", r)
			}
			ids, stored, cast = append(ids, r.ID), append(stored, r.ReceiptHash), append(cast, *c.Option)
		}
		if !slices.IsSorted(ids) {
			t.Fatalf("rows come back in order %v, not in key order", ids)
		}
		// Rows follow the random keys; only if the keys happened to fall in
		// voting order (1 in 5,040) would the two orders agree.
		if slices.IsSorted(cast) {
			t.Logf("the random keys fell in voting order by chance: %v", ids)
		}
		slices.Sort(stored)
		slices.Sort(hashes)
		same(t, "receipt hashes", stored, hashes)

		same(t, "decision_turnout columns", f.columns(t, "decision_turnout"), []string{"decision_id", "member_id"})
		var turnout []storedTurnout
		ok(t, f.DB.Select(ctx, &turnout, `SELECT * FROM decision_turnout`))
		var members, want []int64
		for _, r := range turnout {
			members = append(members, r.MemberID)
		}
		for _, a := range order {
			want = append(want, a.MemberID)
		}
		slices.Sort(want)
		same(t, "turnout rows, in the order the database gives them", members, want)

		if f.DB.Dialect == store.Postgres {
			xmins, keys := f.physical(t, "anonymous_ballots", "id", d.ID)
			if len(slices.Compact(slices.Clone(xmins))) != 1 {
				t.Fatalf("ballots carry transaction ids %v: they tell the order of voting", xmins)
			}
			same(t, "ballots in heap order", keys, ids)
			txmins, tkeys := f.physical(t, "decision_turnout", "member_id", d.ID)
			if len(slices.Compact(slices.Clone(txmins))) != 1 || txmins[0] != xmins[0] {
				t.Fatalf("turnout rows carry transaction ids %v, ballots %v", txmins, xmins[0])
			}
			var wantKeys []string
			for _, m := range want {
				wantKeys = append(wantKeys, strconv.FormatInt(m, 10))
			}
			same(t, "turnout in heap order", tkeys, wantKeys)
		}

		if n := len(f.entries(t, "decision.voted")); n != 0 {
			t.Fatalf("%d activity entries for anonymous votes, want none", n)
		}
		ok(t, f.S.Close(ctxOf(f.Steward), f.Steward, d.ID))
		closed := f.entries(t, "decision.closed")
		if len(closed) != 1 || !strings.Contains(closed[0].Summary, "7") {
			t.Fatalf("close entries %+v: want one that gives the count", closed)
		}
		for _, name := range f.voterNames() {
			if name != f.Steward.User.Name && strings.Contains(closed[0].Summary, name) {
				t.Fatalf("close entry %q names %s", closed[0].Summary, name)
			}
		}
		res, err := f.S.Results(ctxOf(f.A), f.A, d.ID)
		ok(t, err)
		if len(res.Ballots) != 0 || res.Turnout != 7 || !res.Final {
			t.Fatalf("results %+v", res)
		}
		f.noNames(t, res)
		// Anonymous votes add nothing to anyone's power.
		same(t, "power votes", f.count(t, `SELECT count(*) FROM power_counts WHERE votes <> 0 OR objections <> 0`), 0)
	})
}

// noNames fails if v, as JSON, holds any voter's name.
func (f *fixture) noNames(t testing.TB, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	ok(t, err)
	for _, name := range f.voterNames() {
		if strings.Contains(string(b), name) {
			t.Fatalf("%s is named in %s", name, b)
		}
	}
}

// TestAnonymousConsentNamesNobody: an objection in an anonymous consent
// decision shows its reason without a name, live and stored.
func TestAnonymousConsentNamesNobody(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		p := f.propose(t, f.A, "Open on Sundays")
		in := inputFor(Consent)
		in.Anonymous, in.ResultsShown = true, AfterClose
		d := f.decide(t, f.A, p.ID, in)
		before := f.count(t, `SELECT COALESCE(max(id), 0) FROM activity`)
		f.vote(t, f.B, d.ID, pos("object"))
		for _, a := range []*collective.Access{f.A, f.C, f.D, f.E} {
			f.vote(t, a, d.ID, pos("consent"))
		}
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		res, err := f.S.Results(ctxOf(f.C), f.C, d.ID)
		ok(t, err)
		same(t, "objections", res.Objections, []Objection{{Reason: "because"}})
		if res.Passed == nil || *res.Passed {
			t.Fatalf("passed %v with a standing objection", res.Passed)
		}
		f.noNames(t, res)
		var stored string
		ok(t, f.DB.Get(context.Background(), &stored, `SELECT result FROM decisions WHERE id = ?`, d.ID))
		for _, name := range f.voterNames() {
			if strings.Contains(stored, name) {
				t.Fatalf("%s is named in the stored result", name)
			}
		}
		var log []string
		ok(t, f.DB.Select(context.Background(), &log, `SELECT summary FROM activity WHERE collective_id = ? AND id > ?`,
			f.Coll.ID, before))
		if len(log) != 1 {
			t.Fatalf("activity since the decision opened: %q, want the close alone", log)
		}
		for _, s := range log {
			if strings.Contains(s, f.B.User.Name) {
				t.Fatalf("the activity log names the objector: %q", s)
			}
		}
	})
}
