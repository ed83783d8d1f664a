package decision

import (
	"context"
	"errors"
	"testing"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// TestProposeInTxAndCancelHooks: another feature proposes with a subject
// inside its own transaction, finds its decisions by subject, and hears
// of a cancel through OnCancel (whose error rolls the cancel back).
func TestProposeInTxAndCancelHooks(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		var cancelled []ClosedDecision
		refuse := true
		f.S.OnCancel = []CloseHook{func(_ context.Context, _ *store.Tx, c ClosedDecision) error {
			if refuse {
				return errors.New("not now")
			}
			cancelled = append(cancelled, c)
			return nil
		}}
		var pid, did int64
		in := inputFor(Consent)
		in.Subject = "mandate:1:grant"
		ok(t, f.DB.Write(context.Background(), func(tx *store.Tx) error {
			var err error
			pid, did, err = f.S.ProposeInTx(context.Background(), tx, f.B, ProposalInput{Title: "Grant Ben the facilitation"}, in)
			return err
		}))
		err := f.DB.Write(context.Background(), func(tx *store.Tx) error {
			_, _, err := f.S.ProposeInTx(context.Background(), tx, f.Observer, ProposalInput{Title: "x"}, in)
			return err
		})
		wantErr(t, err, errs.Forbidden, "Observers can read but not change anything.")
		ds, err := f.S.BySubject(ctxOf(f.B), f.B, "mandate:1:grant", "mandate:2:grant")
		ok(t, err)
		same(t, "by subject", []any{len(ds), ds[0].ID, ds[0].ProposalID, ds[0].Subject, ds[0].Status}, []any{1, did, pid, "mandate:1:grant", Open})
		// A subject never comes from a form.
		in.Subject = "mandate:9:grant"
		p, d, err := f.S.Propose(ctxOf(f.A), f.A, ProposalInput{Title: "Sneaky"}, &in)
		ok(t, err)
		same(t, "no subject", d.Subject, "")
		d2, err := f.S.StartDecision(ctxOf(f.A), f.A, f.propose(t, f.A, "Sneaky too").ID, in)
		ok(t, err)
		same(t, "no subject either", d2.Subject, "")
		// Its proposer may not end it early; a steward may.
		wantErr(t, f.S.Cancel(ctxOf(f.B), f.B, did), errs.Forbidden, "Only a steward can cancel this decision: it decides a mandate.")
		wantErr(t, f.S.Close(ctxOf(f.B), f.B, did), errs.Forbidden, "Only a steward can close this decision early: it decides a mandate.")
		v, err := f.S.Decision(ctxOf(f.B), f.B, did)
		ok(t, err)
		same(t, "proposer's view", []any{v.CanClose, v.CanCancel}, []any{false, false})
		v, err = f.S.Decision(ctxOf(f.Steward), f.Steward, did)
		ok(t, err)
		same(t, "steward's view", []any{v.CanClose, v.CanCancel}, []any{true, true})
		wantErr(t, f.S.Cancel(ctxOf(f.Steward), f.Steward, did), errs.Internal, "")
		same(t, "cancel rolled back", f.count(t, "SELECT count(*) FROM decisions WHERE id = ? AND status = 'open'", did), 1)
		wantErr(t, f.S.WithdrawProposal(ctxOf(f.A), f.A, p.ID), errs.Internal, "")
		same(t, "withdrawal rolled back", f.count(t, "SELECT count(*) FROM proposals WHERE id = ? AND status = 'deciding'", p.ID), 1)
		refuse = false
		ok(t, f.S.WithdrawProposal(ctxOf(f.A), f.A, p.ID))
		ok(t, f.S.Cancel(ctxOf(f.Steward), f.Steward, did))
		same(t, "hook", cancelled, []ClosedDecision{
			{CollectiveID: f.Coll.ID, DecisionID: d.ID, ProposalID: p.ID, Method: Consent, ClosedAt: testStart},
			{CollectiveID: f.Coll.ID, DecisionID: did, ProposalID: pid, Subject: "mandate:1:grant", Method: Consent, ClosedAt: testStart}})
		same(t, "back to discussion", f.count(t, "SELECT count(*) FROM proposals WHERE id = ? AND status = 'discussion'", pid), 1)
	})
}
