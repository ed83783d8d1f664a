package app_test

import (
	"context"
	"testing"

	"commonground/internal/auth"
	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

// TestDeletedAccountsNameLeavesTheRecord: after Eli deletes the account,
// the log and the stewards' notifications still say what happened, but of
// "a former member", and other people's names stay.
func TestDeletedAccountsNameLeavesTheRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := scNewFixture(t, db)
		ctx := context.Background()
		sctx, acc := f.stewardAccess(t, scA)
		eli := f.mid[scA+"/extra"]
		if eli == 0 {
			eli = f.member(t, scA, "extra").ID
		}
		if err := f.app.Collectives.SetRoles(sctx, acc, eli, []string{auth.Member, auth.Facilitator}); err != nil {
			t.Fatal(err)
		}
		if err := f.app.Collectives.Leave(f.as("extra"), f.access(t, "extra", scA)); err != nil {
			t.Fatal(err)
		}
		count := func(query string, args ...any) int {
			t.Helper()
			var n int
			if err := db.Get(ctx, &n, query, args...); err != nil {
				t.Fatal(err)
			}
			return n
		}
		const mentions = "SELECT count(*) FROM activity WHERE summary LIKE ?"
		const noticed = "SELECT count(*) FROM notifications WHERE title LIKE ? OR body LIKE ?"
		if count(mentions, "%Eli Extra%") < 2 || count(noticed, "%Eli Extra%", "%Eli Extra%") < 1 {
			t.Fatal("the role change and the leaving should name Eli before the deletion")
		}
		stewardBefore := count(mentions, "%Sam Steward%")
		if err := f.app.Auth.DeleteAccount(f.as("extra"), scPassword); err != nil {
			t.Fatal(err)
		}
		if n := count(mentions, "%Eli Extra%"); n != 0 {
			t.Errorf("%d activity entries still name Eli", n)
		}
		if n := count(noticed, "%Eli Extra%", "%Eli Extra%"); n != 0 {
			t.Errorf("%d notifications still name Eli", n)
		}
		if count(mentions, "%"+auth.FormerMember+"%") < 2 {
			t.Error("the entries about Eli should now speak of a former member")
		}
		if after := count(mentions, "%Sam Steward%"); after != stewardBefore {
			t.Errorf("entries naming the steward went from %d to %d", stewardBefore, after)
		}
	})
}
