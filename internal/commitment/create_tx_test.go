package commitment

import (
	"context"
	"errors"
	"testing"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// TestCreateInTx makes commitments inside a caller's transaction, as a
// gathering's outcome does: kept when the caller commits, gone with
// everything it wrote (events, counters, activity) when the caller fails.
func TestCreateInTx(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			var c *Commitment
			err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
				var err error
				c, err = f.S.CreateInTx(ctxOf(f.A), tx, f.A, Input{What: "Draft the flyer", Kind: Do, RecipientKind: ToMember,
					RecipientMemberID: f.B.MemberID, DueOn: testToday})
				return err
			})
			ok(t, err)
			got, err := f.S.Get(ctxOf(f.B), f.B, c.ID)
			ok(t, err)
			same(t, "read back", []any{got.What, got.State, got.RecipientName, got.CommitterName, got.DueOn},
				[]any{"Draft the flyer", Proposed, "Ben Brook", "Ana Adler", testToday})
			same(t, "ledger A", f.ledger(t, "member", f.A.MemberID), ledgerRow{Made: 1, Open: 1})
		})
		t.Run("ErrRolledBack", func(t *testing.T) {
			before := f.count(t, "SELECT COUNT(*) FROM commitments")
			events := f.count(t, "SELECT COUNT(*) FROM activity WHERE verb = 'commitment.created'")
			later := errors.New("the outcome failed")
			err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
				if _, err := f.S.CreateInTx(ctxOf(f.A), tx, f.A, Input{What: "Bring chairs", Kind: Do, RecipientKind: ToOrganisation,
					RecipientOrgID: f.OrgB.ID}); err != nil {
					return err
				}
				return later
			})
			same(t, "error", err, later)
			same(t, "no commitment", f.count(t, "SELECT COUNT(*) FROM commitments"), before)
			same(t, "no activity", f.count(t, "SELECT COUNT(*) FROM activity WHERE verb = 'commitment.created'"), events)
		})
		t.Run("ErrRefused", func(t *testing.T) {
			err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
				_, err := f.S.CreateInTx(ctxOf(f.Observer), tx, f.Observer, Input{What: "x", Kind: Do, RecipientKind: ToMember,
					RecipientMemberID: f.B.MemberID})
				return err
			})
			wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
			err = f.DB.Write(context.Background(), func(tx *store.Tx) error {
				_, err := f.S.CreateInTx(ctxOf(f.A), tx, f.A, Input{What: "x", Kind: Do, RecipientKind: ToMember, RecipientMemberID: 99999})
				return err
			})
			wantErr(t, err, errs.Invalid, "recipient", "Choose a member of River to promise to.")
		})
	})
}
