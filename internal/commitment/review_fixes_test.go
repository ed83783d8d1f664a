package commitment

import (
	"sync"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// TestCrossConfirmations: A and B confirm each other's promises at the
// same moment, many times over. Both ledger rows are touched in both
// transactions; on PostgreSQL opposite lock orders used to deadlock
// (40P01). Each confirmation must succeed or be a Conflict, never anything
// else, and the ledgers must count every one that succeeded.
func TestCrossConfirmations(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		const rounds = 20
		kept := map[int64]int64{} // committer member id → confirmations that succeeded
		for range rounds {
			// Different goals: the board's count rows differ, so they do not
			// queue the two transactions before they reach the ledger.
			in := promise(f.B, "A to B")
			in.GoalID = f.Goal.ID
			ab := f.commit(t, f.A, in)
			ba := f.commit(t, f.B, promise(f.A, "B to A"))
			f.move(t, f.B, ab.ID, Accept)
			f.move(t, f.A, ba.ID, Accept)
			var wg sync.WaitGroup
			start := make(chan struct{})
			results := make([]error, 2)
			actors, ids := []*collective.Access{f.B, f.A}, []int64{ab.ID, ba.ID}
			for i := range actors {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					_, results[i] = f.S.Transition(ctxOf(actors[i]), actors[i], ids[i], Confirm, 0, "")
				}()
			}
			close(start)
			wg.Wait()
			for i, err := range results {
				switch {
				case err == nil:
					kept[[]int64{f.A.MemberID, f.B.MemberID}[i]]++
				case errs.Code(err) == errs.Conflict:
				default:
					t.Fatalf("round confirmation %d: %v (want success or a Conflict)", i, err)
				}
			}
		}
		la, lb := f.ledger(t, "member", f.A.MemberID), f.ledger(t, "member", f.B.MemberID)
		same(t, "A kept, received", []int64{la.Kept, la.ReceivedCount}, []int64{kept[f.A.MemberID], kept[f.B.MemberID]})
		same(t, "B kept, received", []int64{lb.Kept, lb.ReceivedCount}, []int64{kept[f.B.MemberID], kept[f.A.MemberID]})
		same(t, "A made", la.Made, int64(rounds))
	})
}

// TestLeaverTakesLedger: the ledger, month and pair rows of a member who
// leaves, and of an organisation deleted, go with them, so that a newcomer
// given the same id (SQLite reuses ids) starts with nothing.
func TestLeaverTakesLedger(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		c := f.commit(t, f.A, promise(f.B, "Paint the fence"))
		f.move(t, f.B, c.ID, Accept)
		f.move(t, f.B, c.ID, Confirm)
		in := promise(f.B, "Lend books")
		in.RecipientKind, in.RecipientMemberID, in.RecipientOrgID = ToOrganisation, 0, f.OrgB.ID
		o := f.commit(t, f.A, in)
		f.move(t, f.C, o.ID, Accept)
		f.move(t, f.C, o.ID, Confirm)
		rows := func(kind string, id int64) []int {
			return []int{
				f.count(t, "SELECT count(*) FROM commitment_ledger WHERE party_kind = ? AND party_id = ?", kind, id),
				f.count(t, "SELECT count(*) FROM commitment_ledger_months WHERE party_kind = ? AND party_id = ?", kind, id),
			}
		}
		pairsOf := func(id int64) int {
			return f.count(t, "SELECT count(*) FROM commitment_pairs WHERE committer_member_id = ? OR recipient_member_id = ?", id, id)
		}
		same(t, "B before", append(rows("member", f.B.MemberID), pairsOf(f.B.MemberID)), []int{1, 1, 1})
		same(t, "Library before", rows("organisation", f.OrgB.ID), []int{1, 1})
		t.Run("OK", func(t *testing.T) {
			ok(t, f.Col.Leave(ctxOf(f.B), f.B))
			same(t, "B after", append(rows("member", f.B.MemberID), pairsOf(f.B.MemberID)), []int{0, 0, 0})
			ok(t, f.Col.DeleteOrganisation(ctxOf(f.Steward), f.access(t, f.Steward.User), f.OrgB.ID))
			same(t, "Library after", rows("organisation", f.OrgB.ID), []int{0, 0})
			same(t, "A kept", f.ledger(t, "member", f.A.MemberID).Kept, int64(2))
			same(t, "A rows", rows("member", f.A.MemberID), []int{1, 1})
		})
	})
}

// TestReleaseAlone: once nobody is left on the recipient's side, the
// committer's release closes the promise at once.
func TestReleaseAlone(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			c := f.commit(t, f.A, promise(f.B, "Fix the roof"))
			f.move(t, f.B, c.ID, Accept)
			ok(t, f.Col.Leave(ctxOf(f.B), f.B))
			got := f.move(t, f.A, c.ID, Release)
			same(t, "state", []any{got.State, got.ReleaseAskedBy}, []any{Released, Side("")})
			l := f.ledger(t, "member", f.A.MemberID)
			same(t, "ledger A", []int64{l.Open, l.Released}, []int64{0, 1})
			e := f.entries(t, "commitment.released")
			same(t, "activity", e[0].Summary,
				"Ana Adler released (nobody is left to receive it) the promise of Ana Adler to Ben Brook: Fix the roof.")
		})
		t.Run("OKOrganisationDeleted", func(t *testing.T) {
			in := promise(f.C, "Sort the shelves")
			in.RecipientKind, in.RecipientMemberID, in.RecipientOrgID = ToOrganisation, 0, f.OrgB.ID
			c := f.commit(t, f.A, in)
			f.move(t, f.C, c.ID, Accept)
			f.move(t, f.A, c.ID, Start)
			ok(t, f.Col.DeleteOrganisation(ctxOf(f.Steward), f.access(t, f.Steward.User), f.OrgB.ID))
			same(t, "state", f.move(t, f.A, c.ID, Release).State, Released)
		})
		t.Run("OKAskedBeforeLeaving", func(t *testing.T) {
			c := f.commit(t, f.A, promise(f.C, "Water plants"))
			f.move(t, f.C, c.ID, Accept)
			same(t, "asked", f.move(t, f.A, c.ID, Release).ReleaseAskedBy, SideCommitter)
			ok(t, f.Col.Leave(ctxOf(f.C), f.C))
			same(t, "state", f.move(t, f.A, c.ID, Release).State, Released)
		})
		t.Run("OKRecipientStillThere", func(t *testing.T) {
			c := f.commit(t, f.A, promise(f.Steward, "Bake bread"))
			f.move(t, f.Steward, c.ID, Accept)
			got := f.move(t, f.A, c.ID, Release)
			same(t, "only asked", []any{got.State, got.ReleaseAskedBy}, []any{Accepted, SideCommitter})
		})
	})
}
