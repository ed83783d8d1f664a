package decision

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"commonground/internal/store"
)

// storedBlock is a row of SELECT * FROM anonymous_blocks: a new column
// fails the scan.
type storedBlock struct {
	DecisionID int64  `db:"decision_id"`
	OrgID      int64  `db:"organisation_id"`
	ID         string `db:"id"`
	Choice     string `db:"choice"`
}

// TestAnonymousBlocksApart: Cleo and Dan are in both organisations. Their
// ballots name no organisation; each organisation's share is a row of its
// own under a key that shares no value with the ballot or with the other
// organisation's row; a replacement through the receipt changes the rows
// too; the organisations' chamber counts from them exactly.
func TestAnonymousBlocksApart(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		_, err := f.DB.Writer().Exec("UPDATE collectives SET min_group_size = 3, version = version + 1")
		ok(t, err)
		f.affiliate(t, f.C, f.OrgA.ID, f.OrgB.ID)
		f.affiliate(t, f.D, f.OrgA.ID, f.OrgB.ID)
		f.refresh(t)
		in := inputFor(Majority, "Yes", "No")
		in.Chambers, in.Anonymous = true, true
		d := f.decide(t, f.A, f.propose(t, f.A, "Two hats").ID, in)
		yes, no := one(0), one(1)
		codes := map[int64]string{}
		for _, c := range []cast{byA(yes), byB(yes), byC(no), byD(no), byE(no)} {
			a := c.who(f)
			codes[a.MemberID] = f.vote(t, a, d.ID, c.choice).Code
		}
		f.vote(t, f.Steward, d.ID, yes)
		f.vote(t, f.Facilitator, d.ID, yes)

		same(t, "anonymous_blocks columns", f.columns(t, "anonymous_blocks"), []string{"decision_id", "organisation_id", "id", "choice"})
		var blocks []storedBlock
		ok(t, f.DB.Select(ctx, &blocks, `SELECT * FROM anonymous_blocks`))
		perOrg := map[int64]int{}
		for _, b := range blocks {
			perOrg[b.OrgID]++
		}
		same(t, "rows per organisation", perOrg, map[int64]int{f.OrgA.ID: 4, f.OrgB.ID: 3})
		// Each voter's rows are exactly the keys derived from their receipt
		// for the organisations they are in, and no key is a ballot's id or
		// receipt hash, nor another row's.
		var want []string
		for _, who := range []struct {
			member int64
			orgs   []int64
		}{{f.A.MemberID, []int64{f.OrgA.ID}}, {f.B.MemberID, []int64{f.OrgA.ID}}, {f.C.MemberID, []int64{f.OrgA.ID, f.OrgB.ID}},
			{f.D.MemberID, []int64{f.OrgA.ID, f.OrgB.ID}}, {f.E.MemberID, []int64{f.OrgB.ID}}} {
			for _, o := range who.orgs {
				want = append(want, strconv.FormatInt(o, 10)+":"+blockKey(codes[who.member], d.ID, o))
			}
		}
		var got []string
		ballotValues := map[string]bool{}
		for _, r := range f.anonRows(t) {
			ballotValues[r.ID], ballotValues[r.ReceiptHash] = true, true
		}
		for _, b := range blocks {
			if ballotValues[b.ID] || len(b.ID) != 64 || b.DecisionID != d.ID {
				t.Fatalf("block row %+v shares its key with a ballot", b)
			}
			got = append(got, strconv.FormatInt(b.OrgID, 10)+":"+b.ID)
		}
		slices.Sort(got)
		slices.Sort(want)
		same(t, "block keys", got, want)
		if n := len(slices.Compact(slices.Clone(got))); n != 7 {
			t.Fatalf("%d distinct block rows, want 7", n)
		}

		// Cleo changes her ballot: both her organisations' rows change, no
		// other row does.
		before := f.anonState(t, d.ID)
		ok(t, f.S.ReplaceAnonymous(ctxOf(f.C), f.C, d.ID, codes[f.C.MemberID], VoteInput{Choice: yes}))
		after := f.anonState(t, d.ID)
		cleo := map[string]bool{blockKey(codes[f.C.MemberID], d.ID, f.OrgA.ID): true, blockKey(codes[f.C.MemberID], d.ID, f.OrgB.ID): true}
		var changed int
		for i, b := range after.Blocks {
			if b.ID != before.Blocks[i].ID || b.OrgID != before.Blocks[i].OrgID {
				t.Fatalf("rows moved: %+v, was %+v", b, before.Blocks[i])
			}
			if b.Choice != before.Blocks[i].Choice {
				changed++
				if !cleo[b.ID] || b.Choice != `{"option":0}` {
					t.Fatalf("row %+v changed", b)
				}
			}
		}
		same(t, "rows changed", changed, 2)

		if f.DB.Dialect == store.Postgres {
			xmins, _ := f.physical(t, "anonymous_ballots", "id", d.ID)
			bx, bkeys := f.physical(t, "anonymous_blocks", "organisation_id::text || ':' || id", d.ID)
			if len(slices.Compact(slices.Clone(bx))) != 1 || bx[0] != xmins[0] {
				t.Fatalf("block rows carry transaction ids %v, ballots %v", bx, xmins)
			}
			var keys []string
			for _, b := range after.Blocks {
				keys = append(keys, strconv.FormatInt(b.OrgID, 10)+":"+b.ID)
			}
			same(t, "blocks in heap order", bkeys, keys)
		}

		// Food Bank: A, B, C yes, D no → Yes. Library: C yes, D, E no → No.
		ok(t, f.S.Close(ctxOf(f.A), f.A, d.ID))
		r, err := f.S.Results(ctxOf(f.C), f.C, d.ID)
		ok(t, err)
		same(t, "blocks", r.Blocks, []Block{{Organisation: "Food Bank", Voters: 4}, {Organisation: "Library", Voters: 3}})
		same(t, "chambers", []any{r.Chambers["individuals"].Totals, r.Chambers["organisations"].Totals},
			[]any{[]int64{5, 2}, []int64{1, 1}})
	})
}
