package people

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/errs"
)

// feed is the summaries of the fixture collective's activity that a reads,
// oldest first, for verbs starting with prefix.
func (f *fixture) feed(t testing.TB, a *collective.Access, prefix string) []string {
	t.Helper()
	r := activity.Reader{CollectiveID: f.C.ID, Slug: f.C.Slug, Name: f.C.Name, Member: a.IsMember(), Roles: a.Roles}
	if a.User != nil {
		r.UserID = a.User.ID
	}
	page, err := (&activity.Log{DB: f.DB}).Collective(ctxOf(a), r, activity.Query{Limit: activity.MaxLimit})
	ok(t, err)
	out := []string{}
	for i := len(page.Items) - 1; i >= 0; i-- {
		if strings.HasPrefix(page.Items[i].Verb, prefix) {
			out = append(out, page.Items[i].Summary)
		}
	}
	return out
}

func TestValueProposalPrivacy(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		still, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: "Stillness"})
		ok(t, err)
		t.Run("ProposalReadByStewardsAndProposerOnly", func(t *testing.T) {
			want := []string{"Mia Member proposed the value Stillness"}
			same(t, "steward", f.feed(t, f.Steward, "value."), want)
			same(t, "proposer", f.feed(t, f.Member, "value."), want)
			same(t, "other member", f.feed(t, f.Other, "value."), []string{})
			same(t, "observer", f.feed(t, f.Observer, "value."), []string{})
		})
		t.Run("ErrOthersPendingProposalNamesNobody", func(t *testing.T) {
			_, err := f.S.ProposeValue(ctxOf(f.Other), f.Other, TermInput{Name: "STILLNESS"})
			wantErr(t, err, errs.Conflict, "name", `"Stillness" has already been proposed in River and is waiting for a steward.`)
			if strings.Contains(errs.Message(err), "Mia") {
				t.Errorf("message names the proposer: %s", errs.Message(err))
			}
		})
		t.Run("ErrDirectoryFilterOnProposal", func(t *testing.T) {
			for _, v := range []string{"stillness", strconv.FormatInt(still.ID, 10)} {
				_, err := f.S.Directory(ctxOf(f.Other), f.Other, DirectoryQuery{Value: v})
				wantErr(t, err, errs.Invalid, "value", fmt.Sprintf("%q is not one of River's values.", v))
			}
		})
		t.Run("RenameOfProposalForStewardsOnly", func(t *testing.T) {
			ok(t, f.S.UpdateValue(ctxOf(f.Steward), f.Steward, still.ID, TermInput{Name: "Stillness", Description: "Room to think."}))
			same(t, "audience", f.entries(t, "value.updated")[0].Audience, "stewards")
			same(t, "other member", f.feed(t, f.Other, "value."), []string{})
		})
		t.Run("ApprovalAnnouncedToEveryone", func(t *testing.T) {
			ok(t, f.S.ReviewValue(ctxOf(f.Steward), f.Steward, still.ID, true))
			same(t, "other member", f.feed(t, f.Other, "value."), []string{"Sam Steward approved the value Stillness"})
		})
		t.Run("OKDeclinedProposalOfAnotherReopens", func(t *testing.T) {
			thrift, err := f.S.ProposeValue(ctxOf(f.Other), f.Other, TermInput{Name: "Thrift"})
			ok(t, err)
			ok(t, f.S.ReviewValue(ctxOf(f.Steward), f.Steward, thrift.ID, false))
			got, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: "thrift", Description: "Spend with care."})
			ok(t, err)
			same(t, "term", *got, Term{ID: thrift.ID, Name: "thrift", Description: "Spend with care.", Status: TermProposed,
				ProposedBy: "Mia Member"})
			proposed, err := f.S.Vocabulary(ctxOf(f.Steward), f.Steward, TermProposed)
			ok(t, err)
			same(t, "for review", termNames(proposed), []string{"thrift"})
			declined, err := f.S.Vocabulary(ctxOf(f.Other), f.Other, TermDeclined)
			ok(t, err)
			same(t, "no longer Oscar's", termNames(declined), []string{})
		})
		t.Run("DeclinedShownToProposerOnly", func(t *testing.T) {
			zeal, err := f.S.ProposeValue(ctxOf(f.Other), f.Other, TermInput{Name: "Zeal"})
			ok(t, err)
			ok(t, f.S.ReviewValue(ctxOf(f.Steward), f.Steward, zeal.ID, false))
			for _, c := range []struct {
				name string
				a    *collective.Access
				want []string
			}{{"Proposer", f.Other, []string{"Zeal"}}, {"Steward", f.Steward, []string{"Zeal"}}, {"Member", f.Member, []string{}}} {
				got, err := f.S.Vocabulary(ctxOf(c.a), c.a, TermDeclined)
				ok(t, err)
				same(t, c.name, termNames(got), c.want)
			}
		})
	})
}

func TestEditValue(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		quiet, err := f.S.ProposeValue(ctxOf(f.Member), f.Member, TermInput{Name: "Quiet"})
		ok(t, err)
		courage := f.termID(t, "Courage")
		str := func(s string) *string { return &s }
		unchanged := func(t *testing.T, id int64, name, status string, version int64, entries int) {
			t.Helper()
			all, err := f.S.Vocabulary(ctxOf(f.Steward), f.Steward, "all")
			ok(t, err)
			got := termByName(t, all, name)
			same(t, "status", got.Status, status)
			same(t, "id", got.ID, id)
			same(t, "version", f.version(t), version)
			same(t, "entries", len(f.entries(t, "value.")), entries)
		}
		t.Run("ErrMember", func(t *testing.T) {
			_, err := f.S.EditValue(ctxOf(f.Member), f.Member, quiet.ID, TermEdit{Status: str(TermActive)})
			wantErr(t, err, errs.Forbidden, "", "Only stewards of River")
		})
		t.Run("ErrStatusWord", func(t *testing.T) {
			_, err := f.S.EditValue(ctxOf(f.Steward), f.Steward, quiet.ID, TermEdit{Name: str("Calm"), Status: str("gone")})
			wantErr(t, err, errs.Invalid, "status", `Choose active, retired or declined, not "gone".`)
		})
		t.Run("ErrRetireProposalKeepsName", func(t *testing.T) {
			version, entries := f.version(t), len(f.entries(t, "value."))
			_, err := f.S.EditValue(ctxOf(f.Steward), f.Steward, quiet.ID, TermEdit{Name: str("Calm"), Status: str(TermRetired)})
			wantErr(t, err, errs.Conflict, "", `"Quiet" is waiting for review; approve (active) or decline it instead.`)
			unchanged(t, quiet.ID, "Quiet", TermProposed, version, entries)
		})
		t.Run("ErrDeclineActiveKeepsName", func(t *testing.T) {
			version, entries := f.version(t), len(f.entries(t, "value."))
			_, err := f.S.EditValue(ctxOf(f.Steward), f.Steward, courage, TermEdit{Name: str("Bravery"), Status: str(TermDeclined)})
			wantErr(t, err, errs.Conflict, "", `"Courage" is active; only a proposed value can be declined.`)
			unchanged(t, courage, "Courage", TermActive, version, entries)
		})
		t.Run("ErrNameTakenKeepsStatus", func(t *testing.T) {
			version, entries := f.version(t), len(f.entries(t, "value."))
			_, err := f.S.EditValue(ctxOf(f.Steward), f.Steward, quiet.ID, TermEdit{Name: str("care"), Status: str(TermActive)})
			wantErr(t, err, errs.Conflict, "name", `"Care" is already one of River's values.`)
			unchanged(t, quiet.ID, "Quiet", TermProposed, version, entries)
		})
		t.Run("OKRenameAndApprove", func(t *testing.T) {
			before := len(f.entries(t, "value."))
			got, err := f.S.EditValue(ctxOf(f.Steward), f.Steward, quiet.ID, TermEdit{Name: str("Calm"), Description: str("Unhurried."),
				Status: str(TermActive)})
			ok(t, err)
			same(t, "term", *got, Term{ID: quiet.ID, Name: "Calm", Description: "Unhurried.", Status: TermActive, ProposedBy: "Mia Member"})
			var got2 [][2]string
			for _, e := range f.entries(t, "value.")[before:] {
				got2 = append(got2, [2]string{e.Summary, e.Audience})
			}
			// The proposal's first name stays with the stewards.
			same(t, "entries", got2, [][2]string{{"Sam Steward renamed the value Quiet to Calm", "stewards"},
				{"Sam Steward approved the value Calm", "collective"}})
		})
		t.Run("OKRetireAndDescribe", func(t *testing.T) {
			got, err := f.S.EditValue(ctxOf(f.Steward), f.Steward, courage, TermEdit{Description: str("Acting despite fear."),
				Status: str(TermRetired)})
			ok(t, err)
			same(t, "term", []string{got.Name, got.Description, got.Status}, []string{"Courage", "Acting despite fear.", TermRetired})
		})
		t.Run("OKNothingToDo", func(t *testing.T) {
			version, entries := f.version(t), len(f.entries(t, "value."))
			got, err := f.S.EditValue(ctxOf(f.Steward), f.Steward, courage, TermEdit{Status: str(TermRetired)})
			ok(t, err)
			same(t, "status", got.Status, TermRetired)
			unchanged(t, courage, "Courage", TermRetired, version, entries)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := f.S.EditValue(ctxOf(f.Steward), f.Steward, courage+100000, TermEdit{Status: str(TermActive)})
			wantErr(t, err, errs.NotFound, "", "River has no such value.")
		})
	})
}
